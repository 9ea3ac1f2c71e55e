import { type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { type GammaRecord, toGammaSpectrum } from '../gammaSpectrum';
import { N42_FORMAT_ID } from './n42Common';
import { readN42v2006 } from './n42v2006';
import { readN42v2012 } from './n42v2012';
import { child, parseXml } from './xmlTree';

/**
 * Reads an ANSI N42.42 XML file: the 2006 schema (root `N42InstrumentData`, also inside an HPRDS
 * `Event`) with {@link readN42v2006}, the 2011/2012 schema (root `RadInstrumentData`) with
 * {@link readN42v2012}. Namespace prefixes are ignored, so files with undeclared prefixes
 * (InterSpec's `<DHS:InterSpec>`) read. Returns the gamma spectra only; neutron counts become
 * `meta.neutronCounts` of the gamma spectra measured at the same time.
 * @throws WorkbenchError `TRUNCATED` (the XML ends early), `INVALID_DATA` (not well-formed, or a
 *   value that is not a number/duration), `NOT_A_SPECTRUM` (another XML document, or no gamma spectrum)
 */
export function parseN42(bytes: Uint8Array, fileName: string): Spectrum[] {
  const decoded = decodeText(bytes);
  if (decoded === null)
    throw new WorkbenchError('INVALID_DATA', 'the file is not text, so it is not N42 XML', { file: fileName });
  const { rootName, root } = parseXml(decoded.text, fileName);
  const wrapped = child(root, 'N42InstrumentData');
  let records: GammaRecord[];
  if (rootName === 'N42InstrumentData') records = readN42v2006(root, fileName);
  else if (rootName === 'RadInstrumentData') records = readN42v2012(root, fileName);
  else if (wrapped !== undefined) records = readN42v2006(wrapped, fileName);
  else {
    throw new WorkbenchError(
      'NOT_A_SPECTRUM',
      `the XML root element is <${rootName}>, not N42's <RadInstrumentData> or <N42InstrumentData>`,
      { file: fileName },
    );
  }
  if (records.length === 0) {
    throw new WorkbenchError('NOT_A_SPECTRUM', 'the N42 file holds no gamma spectrum', { file: fileName });
  }
  return records.map((record, index) => toGammaSpectrum(record, fileName, index, N42_FORMAT_ID));
}
