import type { FormatDescriptor } from '../../../formats';
import { chnFormat } from './chn.format';
import { cnfFormat } from './cnf.format';
import { gammaCsvFormat } from './gammaCsv.format';
import { iec1455Format } from './iec1455.format';
import { n42Format } from './n42.format';
import { ortecSpcFormat } from './ortecSpc.format';
import { pcfFormat } from './pcf.format';
import { raddataUriFormat } from './raddataUri.format';
import { radiacodeSpectrogramFormat } from './radiacodeSpectrogram.format';
import { radiacodeXmlFormat } from './radiacodeXml.format';
import { speFormat } from './spe.format';

/**
 * The gamma file formats, for `registerFormat`. Descriptors only (small, eager); each parser is
 * loaded on first use. Order breaks exact sniff ties: specific signatures first.
 */
export const gammaFormats: readonly FormatDescriptor[] = [
  speFormat,
  n42Format,
  radiacodeXmlFormat,
  radiacodeSpectrogramFormat,
  chnFormat,
  ortecSpcFormat,
  cnfFormat,
  pcfFormat,
  iec1455Format,
  raddataUriFormat,
  gammaCsvFormat,
];

export { writeChn } from './writeChn';
export { writeGammaCsv } from './writeGammaCsv';
export { writeN42 } from './writeN42';
