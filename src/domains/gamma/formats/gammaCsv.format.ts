import { decodeText } from '../../../formats/decodeText';
import type { FormatDescriptor } from '../../../formats/formatDescriptor';
import {
  columnRole,
  csvDelimiter,
  csvFields,
  GAMMA_CSV_SIGNATURE,
  isCsvComment,
  isNumericRow,
} from './textGammaCsvLayout';

/** Lines of the head searched for a Channel/Energy + Counts header. */
const HEADER_SEARCH_LINES = 40;

/**
 * Confidence that `head` is a gamma CSV: 0.95 for the workbench's own signature line
 * `# Spectralligence gamma spectrum` first; 0.6 for a header that names a Channel or Energy column
 * together with a Counts column (`Counts`, `Data`, `Signal`) followed by a numeric row of as many
 * cells, which beats the generic delimited-text reader (≤ 0.55) only for clearly gamma files;
 * 0 otherwise.
 */
export function sniffGammaCsv(head: Uint8Array, _fileName: string): number {
  const decoded = decodeText(head, true);
  if (decoded === null) return 0;
  const lines = decoded.text.split(/\r\n|\n|\r/, HEADER_SEARCH_LINES + 1);
  const content = lines.map((line) => line.trim()).filter((line) => line !== '');
  if (content[0] === GAMMA_CSV_SIGNATURE) return 0.95;
  for (let k = 0; k + 1 < content.length && k < HEADER_SEARCH_LINES; k++) {
    const line = content[k] as string;
    if (isCsvComment(line)) continue;
    const delimiter = csvDelimiter(line);
    const names = csvFields(line, delimiter);
    const roles = names.map(columnRole);
    if (!roles.includes('counts') || !(roles.includes('channel') || roles.includes('energy'))) continue;
    const row = csvFields(content[k + 1] as string, delimiter);
    return row.length === names.length && isNumericRow(row, delimiter) ? 0.6 : 0;
  }
  return 0;
}

/** Gamma spectra as CSV: the workbench's own export, and Channel/Energy/Counts tables of other programs. */
export const gammaCsvFormat: FormatDescriptor = {
  id: 'gamma-csv',
  name: 'Gamma spectrum CSV',
  domain: 'gamma',
  extensions: ['csv', 'txt'],
  binary: false,
  sniff: sniffGammaCsv,
  load: () => import('./gammaCsv').then((module) => ({ parse: module.parseGammaCsv })),
};
