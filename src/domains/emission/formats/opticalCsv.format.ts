import { decodeText } from '../../../formats/decodeText';
import { type FormatDescriptor, SNIFF_BYTES } from '../../../formats/formatDescriptor';
import { detectLayout } from '../../../formats/readers/delimitedTextLayout';
import { readTable } from '../../../formats/readers/readTable';
import { detectWide, isGammaColumn, looksLikeNanometres, opticalColumnAxis } from './opticalCsvLayout';

/** Data rows a headerless table needs in the head before its x range counts. */
const MIN_RANGE_ROWS = 20;

/**
 * Confidence that `head` is a table of optical spectra. Precedence against the other text readers
 * (generic delimited text ≤ 0.55, gamma CSV 0.6 for a Channel/Energy + Counts header, 0.95 for its
 * own signature; JCAMP-DX 0.8–0.95):
 * - 0.65: a column header names an optical axis (wavelength, λ, nm, Å, µm, wavenumber, cm⁻¹, Raman
 *   shift) over ≥ 2 numeric rows; it wins over gamma CSV even when a Channel column is present too;
 * - 0.62: a wide table (one spectrum per row, ≥ 8 wavelengths as column names; when the header
 *   line is longer than the 64 KiB head, the header alone);
 * - 0.56: no optical header, but ≥ 20 rows whose first column rises or falls strictly within
 *   150–1200 and is not all integers (wavelengths in nm, probably); beats only the generic reader;
 * - 0: anything else, a header naming a channel or energy column (and no optical one: gamma files),
 *   a first line starting with `##` (JCAMP-DX), binary bytes.
 */
export function sniffOpticalCsv(head: Uint8Array, fileName: string): number {
  const decoded = decodeText(head, true);
  if (decoded === null) return 0;
  const whole = decoded.text;
  if (whole.trimStart().startsWith('##')) return 0;
  // A head cut at 64 KiB ends inside a line: drop it (but a wide table's header may be longer than the head).
  const cut = head.length >= SNIFF_BYTES;
  const text = cut ? whole.slice(0, Math.max(whole.lastIndexOf('\n'), 0)) : whole;
  try {
    if (detectWide(text.split(/\r\n|\n|\r/)) !== undefined) return 0.62;
    const partial = whole.replace(/[^,;\t ]*$/, ''); // the last, cut-off header cell
    const headerOnly = (t: string): boolean => detectWide(t.split(/\r\n|\n|\r/), true) !== undefined;
    if (cut && (headerOnly(text) || headerOnly(partial))) return 0.62;
    const layout = detectLayout(text);
    if (layout === undefined || layout.columns < 2) return 0;
    const header = layout.header ?? [];
    const table = readTable(text, layout, fileName);
    if (table.rows < 2) return 0;
    if (header.some((name) => opticalColumnAxis(name) !== undefined)) return 0.65;
    if (header.some(isGammaColumn) || table.rows < MIN_RANGE_ROWS || table.xOrder === 'unsorted') return 0;
    const x = Float64Array.from({ length: table.rows }, (_, r) => table.values[r * table.columns] as number);
    return looksLikeNanometres(x) ? 0.56 : 0;
  } catch {
    return 0;
  }
}

/** Optical spectra in CSV/TSV tables (long: spectra in columns; wide: spectra in rows). */
export const opticalCsvFormat: FormatDescriptor = {
  id: 'emission-csv',
  name: 'Optical spectra table (CSV, TSV)',
  domain: 'emission',
  extensions: ['csv', 'tsv', 'txt', 'dat'],
  binary: false,
  sniff: sniffOpticalCsv,
  load: () => import('./opticalCsv').then((module) => ({ parse: module.parseOpticalCsv })),
};
