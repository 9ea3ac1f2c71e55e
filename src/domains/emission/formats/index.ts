import type { FormatDescriptor } from '../../../formats';
import { avaSoft7Format, avaSoft8Format, avaSoftTextFormat } from './avantes.format';
import { jcampFormat } from './jcamp.format';
import { oceanOpticsTextFormat, procSpecFormat } from './oceanOptics.format';
import { opticalCsvFormat } from './opticalCsv.format';
import { spcFormat } from './spc.format';

/**
 * The emission / optical file formats, for `registerFormat`. Descriptors only (small, eager);
 * each parser is loaded on first use. Order breaks exact sniff ties: specific signatures first,
 * the optical CSV table last (it yields to the vendor and gamma CSV readers by score).
 */
export const emissionFormats: readonly FormatDescriptor[] = [
  jcampFormat,
  spcFormat,
  oceanOpticsTextFormat,
  procSpecFormat,
  avaSoft7Format,
  avaSoft8Format,
  avaSoftTextFormat,
  opticalCsvFormat,
];

export { writeJcamp } from './writeJcamp';
export { writeOpticalCsv } from './writeOpticalCsv';
