import { type Spectrum, type SpectrumMeta, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { baseName, type ParseOptions } from '../../../formats/formatDescriptor';
import { detectLayout } from '../../../formats/readers/delimitedTextLayout';
import { guessIntensityUnit } from '../../../formats/readers/guessUnits';
import { readTable, type Table } from '../../../formats/readers/readTable';
import { scanNumber, scanStatus } from '../../../formats/readers/scanNumber';
import { commentMarkerLength, splitFields } from '../../../formats/readers/textLines';
import { AxisOrderError, ascendingXY } from './ascendingXY';
import { detectWide, looksLikeNanometres, opticalColumnAxis, preambleMeta, type WideLayout } from './opticalCsvLayout';
import { type OpticalXAxis, opticalXAxis, scaleAxis } from './opticalUnits';

/** Format id of the optical CSV/TSV reader. */
export const OPTICAL_CSV_FORMAT_ID = 'emission-csv';

const DELIMITER_NAMES = { ',': 'comma', '\t': 'tab', ';': 'semicolon', ' ': 'whitespace' } as const;
const NM_GUESS: OpticalXAxis = { unit: 'nm', quantity: 'wavelength', scale: 1, domain: 'emission' };
type Fail = (code: 'BINARY_FILE' | 'EMPTY_FILE' | 'NOT_A_SPECTRUM' | 'TRUNCATED' | 'INVALID_DATA', m: string) => never;

/**
 * Reads optical spectra from a CSV/TSV text table (optical-notes §4.5), in two layouts:
 * - long (spectra in columns): an x column and one column per spectrum (libssa `λ(nm)\tSpec1…Spec20`,
 *   specProc `wavelength_nm,spectrum_…`); the table is found as the generic delimited-text reader finds
 *   it (same delimiter, decimal separator, header and units-row rules, `src/formats/readers`). x is the
 *   first column whose header names an optical axis (so `Pixel,Wavelength,…` takes Wavelength; columns
 *   before it are skipped, `meta.skippedColumns`), else the first column;
 * - wide (spectra in rows): a header of ≥ 8 wavelengths after 0–2 label cells, one spectrum per row
 *   (`meta.layout = 'wide'`, the row's label cells in `meta.sampleLabel`).
 * Delimiters `,` `;` TAB and spaces, decimal comma, metadata lines before the header (`key: value`,
 * `key=value`, `key-->,value`, `key,value`) into `meta`. x unit from the header text: nm, Å and µm
 * (converted to nm), cm⁻¹, wavenumber, Raman shift (cm⁻¹); with no unit in the header, x within
 * 150–1200 that is not all integers is taken for nm (`meta.xUnitGuessed = 'range'`), else `unknown`.
 * x is put in ascending order with its y (a descending x reversed, an unsorted one sorted; `meta.xOrder`).
 *
 * @throws WorkbenchError BINARY_FILE, EMPTY_FILE, NOT_A_SPECTRUM (no table, one column, fewer than 2
 *   rows), TRUNCATED or INVALID_DATA (with the line), `file` set.
 */
export function parseOpticalCsv(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Spectrum[] {
  const fail: Fail = (code, message) => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const decoded = decodeText(bytes);
  if (decoded === null)
    return fail('BINARY_FILE', 'this is a binary file (it contains NUL or control bytes), not a text table');
  const { text, encoding } = decoded;
  if (text.trim() === '') return fail('EMPTY_FILE', 'the file is empty');
  const lines = text.split(/\r\n|\n|\r/);
  const wide =
    options.delimiter === undefined && options.decimalSeparator === undefined ? detectWide(lines) : undefined;
  const spectra = wide ? readWide(lines, wide, fileName, fail) : readLong(text, lines, options, fileName, fail);
  return spectra.map((s) => ({ ...s, meta: { ...s.meta, encoding } }));
}

function readLong(
  text: string,
  lines: readonly string[],
  options: ParseOptions,
  fileName: string,
  fail: Fail,
): Spectrum[] {
  const layout = detectLayout(text, options);
  if (layout === undefined) return fail('NOT_A_SPECTRUM', 'no table of numbers found (x and intensity columns)');
  const table = readTable(text, layout, fileName);
  if (table.rows < 2) return fail('NOT_A_SPECTRUM', `fewer than 2 data rows (from line ${layout.dataLine})`);
  if (table.columns < 2) {
    return fail(
      'NOT_A_SPECTRUM',
      `only one column (from line ${layout.dataLine}): an optical spectrum needs an x column`,
    );
  }
  const header = layout.header;
  const named = header ? header.findIndex((name) => opticalColumnAxis(name) !== undefined) : -1;
  const xColumn = Math.max(0, named);
  const xLabel = header?.[xColumn];
  const rawX = column(table, xColumn);
  const axis = opticalColumnAxis(xLabel) ?? (looksLikeNanometres(rawX) ? NM_GUESS : opticalXAxis(xLabel));
  const yColumns = Array.from({ length: table.columns - xColumn - 1 }, (_, k) => xColumn + 1 + k);
  const sorted = sortOrFail(
    scaleAxis(rawX, axis.scale),
    yColumns.map((c) => column(table, c)),
    (i) => table.lines[i] ?? 0,
    fail,
  );
  const preamble = preambleMeta(preambleLines(lines, layout.dataLine - 1, header !== undefined), layout.delimiter);
  const meta: SpectrumMeta = {
    ...preamble,
    format: OPTICAL_CSV_FORMAT_ID,
    layout: 'long',
    delimiter: DELIMITER_NAMES[layout.delimiter],
    decimalSeparator: layout.decimalSeparator,
    headerLines: layout.headerLines,
    xOrder: sorted.order,
  };
  if (opticalColumnAxis(xLabel) === undefined && axis === NM_GUESS) meta.xUnitGuessed = 'range';
  if (xColumn > 0) meta.skippedColumns = (header ?? []).slice(0, xColumn).join(', ');
  const name = baseName(fileName);
  return yColumns.map((c, k): Spectrum => {
    const label = header?.[c];
    return {
      id: `${fileName}#${k}`,
      name: yColumns.length === 1 ? name : `${name} (${label || `column ${c + 1}`})`,
      file: fileName,
      domain: axis.domain,
      x: { values: sorted.x, unit: axis.unit, quantity: axis.quantity, ...(xLabel ? { label: xLabel } : {}) },
      y: { values: sorted.ys[k] as Float64Array, unit: guessIntensityUnit(label), ...(label ? { label } : {}) },
      meta: { ...meta, column: c + 1, ...(label ? { columnHeader: label } : {}) },
    };
  });
}

function readWide(lines: readonly string[], wide: WideLayout, fileName: string, fail: Fail): Spectrum[] {
  const { delimiter, labelColumns: k, x } = wide;
  const width = k + x.length;
  const code = wide.decimalSeparator.charCodeAt(0);
  const rows: { line: number; label: string; values: Float64Array }[] = [];
  const last = lastContentIndex(lines);
  for (let i = wide.headerIndex + 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || commentMarkerLength(line, 0, line.length) > 0) continue;
    let cells = splitFields(line, delimiter);
    if (cells.length === width + 1 && cells.at(-1) === '') cells = cells.slice(0, -1);
    if (cells.length !== width) {
      const cut = i === last && cells.length < width;
      fail(
        cut ? 'TRUNCATED' : 'INVALID_DATA',
        `line ${i + 1} has ${cells.length} cells, the header has ${width}${cut ? ' — the file looks truncated' : ''}`,
      );
    }
    const values = new Float64Array(x.length);
    for (let c = 0; c < x.length; c++) {
      const cell = cells[k + c] as string;
      values[c] = cell === '' ? Number.NaN : scanNumber(cell, 0, cell.length, code);
      if (!scanStatus.ok)
        fail(
          'INVALID_DATA',
          `line ${i + 1}, column ${k + c + 1}: ${JSON.stringify(cell.slice(0, 40))} is not a number`,
        );
    }
    rows.push({ line: i + 1, label: cells.slice(0, k).join(' ').trim(), values });
  }
  if (rows.length === 0)
    return fail(
      'NOT_A_SPECTRUM',
      `the header at line ${wide.headerIndex + 1} names wavelengths, but no row of values follows`,
    );
  const hint = wide.labelHeader.map((h) => opticalColumnAxis(h)).find((a) => a !== undefined);
  const axis = hint ?? (looksLikeNanometres(x) ? NM_GUESS : opticalXAxis(undefined));
  const sorted = sortOrFail(
    scaleAxis(x.slice(), axis.scale),
    rows.map((r) => r.values),
    () => wide.headerIndex + 1,
    fail,
  );
  const meta: SpectrumMeta = {
    ...preambleMeta(lines.slice(0, wide.headerIndex), delimiter),
    format: OPTICAL_CSV_FORMAT_ID,
    layout: 'wide',
    delimiter: DELIMITER_NAMES[delimiter],
    decimalSeparator: wide.decimalSeparator,
    headerLines: wide.headerIndex + 1,
    xOrder: sorted.order,
  };
  if (hint === undefined && axis === NM_GUESS) meta.xUnitGuessed = 'range';
  const name = baseName(fileName);
  return rows.map(
    (row, r): Spectrum => ({
      id: `${fileName}#${r}`,
      name: `${name} (${row.label || `row ${r + 1}`})`,
      file: fileName,
      domain: axis.domain,
      x: { values: sorted.x, unit: axis.unit, quantity: axis.quantity },
      y: { values: sorted.ys[r] as Float64Array, unit: 'unknown' },
      meta: { ...meta, line: row.line, ...(row.label ? { sampleLabel: row.label } : {}) },
    }),
  );
}

function sortOrFail(
  x: Float64Array,
  ys: Float64Array[],
  lineOf: (index: number) => number,
  fail: Fail,
): ReturnType<typeof ascendingXY> {
  try {
    return ascendingXY(x, ys);
  } catch (error) {
    if (!(error instanceof AxisOrderError)) throw error;
    return fail('INVALID_DATA', `line ${lineOf(error.index)}: ${error.message}; x must not repeat`);
  }
}

function column(table: Table, c: number): Float64Array {
  const out = new Float64Array(table.rows);
  for (let r = 0; r < table.rows; r++) out[r] = table.values[r * table.columns + c] as number;
  return out;
}

/** The lines before the data, without the header line (and a units row joined to it). */
function preambleLines(lines: readonly string[], count: number, hasHeader: boolean): string[] {
  const before = lines.slice(0, count);
  while (before.length > 0 && (before.at(-1) as string).trim() === '') before.pop();
  if (hasHeader) {
    const dropped = before.pop() ?? '';
    if (/^[\s;,\t]*[[(].*[\])][\s;,\t]*$/.test(dropped)) before.pop();
  }
  return before;
}

function lastContentIndex(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if ((lines[i] as string).trim() !== '') return i;
  return -1;
}
