import type { DecimalSeparator, TextDelimiter } from '../../../formats/formatDescriptor';
import { scanNumber, scanStatus } from '../../../formats/readers/scanNumber';
import { commentMarkerLength, splitFields } from '../../../formats/readers/textLines';
import { type OpticalXAxis, opticalXAxis } from './opticalUnits';

/**
 * Layout facts of optical spectra in text tables (optical-notes §4.5), shared by the sniff and the
 * parser: the wide layout (one spectrum per row, wavelengths as column names), preamble metadata
 * (`key: value`, `key=value`, AvaSoft `key-->,value`, Wasatch `key,value`), which column is x, and
 * the x unit from a header or, failing that, from the range of x.
 */

/** Fewest wavelength columns that make a row-per-spectrum (wide) table. */
export const MIN_WIDE_COLUMNS = 8;
/** x range (nm) that, without a unit in the header, is taken for wavelengths in nanometres. */
export const NM_RANGE = [150, 1200] as const;
/** Lines searched for a wide table's header. */
const WIDE_SEARCH_LINES = 50;

/** A row-per-spectrum table: its header line and the wavelengths it names. */
export interface WideLayout {
  readonly delimiter: TextDelimiter;
  readonly decimalSeparator: DecimalSeparator;
  /** 0-based index of the header line. */
  readonly headerIndex: number;
  /** Leading label columns (sample names) before the wavelength columns. */
  readonly labelColumns: number;
  /** The header's label cells (e.g. `sample`, or a unit hint such as `wavelength_nm`). */
  readonly labelHeader: readonly string[];
  /** The wavelengths (or wavenumbers) named by the header, in file order. */
  readonly x: Float64Array;
}

/** True for header names of gamma tables (channel, energy, keV): optical readers leave them alone. */
export function isGammaColumn(name: string): boolean {
  const n = name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');
  if (/^(channels?|chan|ch|channelnumber|channel#|bin)$/.test(n)) return true;
  return /^(energy|en)([([]?(k|m)?ev[)\]]?)?$/.test(n) || /\b[km]?ev\b/.test(name.toLowerCase());
}

/** The optical axis a column name states (nm, Å, µm, cm⁻¹, Raman shift), or undefined. */
export function opticalColumnAxis(name: string | undefined): OpticalXAxis | undefined {
  if (name === undefined) return undefined;
  const axis = opticalXAxis(name);
  return axis.domain === 'emission' ? axis : undefined;
}

/** A number written as a column name: `240.5`, `240,5` (decimal comma), R's `X240.5`, `240.5 nm`. */
function columnNumber(field: string, decimalCode: number): number {
  const text = field.replace(/^[Xx](?=[-+.\d])/, '').replace(/\s*(nm|cm-1)$/i, '');
  if (text === '') return Number.NaN;
  const value = scanNumber(text, 0, text.length, decimalCode);
  return scanStatus.ok ? value : Number.NaN;
}

function isNumberField(field: string, decimalCode: number): boolean {
  if (field === '') return false;
  scanNumber(field, 0, field.length, decimalCode);
  return scanStatus.ok;
}

function monotonic(values: Float64Array): boolean {
  if (values.length < 2) return false;
  const up = (values[1] as number) > (values[0] as number);
  for (let i = 1; i < values.length; i++) {
    const step = (values[i] as number) - (values[i - 1] as number);
    if (!(up ? step > 0 : step < 0)) return false;
  }
  return true;
}

/**
 * Finds a wide table: a header line whose cells after 0–2 label cells are ≥ 8 strictly monotonic
 * numbers within 50–30 000 (nm or cm⁻¹), followed by a row with as many cells whose value cells are
 * numbers. A header whose first cell names an optical axis (`wavelength_nm,1,2,…`) over rows that
 * start with a number is a long table with numbered spectra, not a wide one; with no label cell at
 * all, the header needs ≥ 50 wavelengths and a first data row that is not monotonic itself.
 * `headerOnly`: a header with no line after it counts (a sniff's head that ends inside the header).
 */
export function detectWide(lines: readonly string[], headerOnly = false): WideLayout | undefined {
  let seen = 0;
  for (let index = 0; index < lines.length && seen < WIDE_SEARCH_LINES; index++) {
    const line = (lines[index] as string).trim();
    if (line === '' || commentMarkerLength(line, 0, line.length) > 0) continue;
    seen++;
    const next = nextContent(lines, index + 1);
    if (next === undefined && !headerOnly) return undefined;
    const row = next === undefined ? undefined : (lines[next] as string);
    for (const delimiter of ['\t', ';', ',', ' '] as const) {
      if (delimiter !== ' ' && !line.includes(delimiter)) continue;
      const found = wideHeader(line, row, delimiter, index);
      if (found !== undefined) return found;
    }
    if (next === undefined) return undefined;
  }
  return undefined;
}

function nextContent(lines: readonly string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line !== '' && commentMarkerLength(line, 0, line.length) === 0) return i;
  }
  return undefined;
}

/** `row` undefined: the header is all there is (a header line longer than a sniff's head). */
function wideHeader(
  line: string,
  row: string | undefined,
  delimiter: TextDelimiter,
  index: number,
): WideLayout | undefined {
  const fields = trimTrailingEmpty(splitFields(line, delimiter));
  const cells = row === undefined ? fields.map(() => '') : trimTrailingEmpty(splitFields(row, delimiter));
  if (fields.length < MIN_WIDE_COLUMNS || cells.length !== fields.length) return undefined;
  for (const decimalSeparator of delimiter === ',' ? (['.'] as const) : (['.', ','] as const)) {
    const code = decimalSeparator.charCodeAt(0);
    for (let k = 0; k <= 2; k++) {
      const labels = fields.slice(0, k);
      if (labels.some((f) => !Number.isNaN(columnNumber(f, code)))) break;
      const x = Float64Array.from(fields.slice(k), (f) => columnNumber(f, code));
      if (x.length < MIN_WIDE_COLUMNS || !monotonic(x) || x.some((v) => v < 50 || v > 30000)) continue;
      const values = cells.slice(k);
      if (!values.every((c) => c === '' || isNumberField(c, code))) continue;
      const rowStartsWithNumber = row === undefined || isNumberField(cells[0] ?? '', code);
      if (k > 0 && opticalColumnAxis(labels[0]) !== undefined && rowStartsWithNumber) return undefined;
      if (k === 0 && row === undefined && x.length < 50) continue;
      if (k === 0 && row !== undefined) {
        const rowValues = Float64Array.from(values, (c) => columnNumber(c, code));
        if (x.length < 50 || monotonic(rowValues)) continue;
      }
      return { delimiter, decimalSeparator, headerIndex: index, labelColumns: k, labelHeader: labels, x };
    }
  }
  return undefined;
}

function trimTrailingEmpty(fields: string[]): string[] {
  return fields.length > 1 && fields.at(-1) === '' ? fields.slice(0, -1) : fields;
}

/**
 * `key: value`, `key=value`, `key-->,value` (AvaSoft) and `key,value` (Wasatch ENLIGHTEN) lines:
 * the earliest of `-->`, the delimiter, `:` and `=` splits key from value. Comment markers are
 * stripped; keys are at most 64 characters, values are cut at 200; the first of a repeated key wins.
 */
export function preambleMeta(lines: readonly string[], delimiter: TextDelimiter): Record<string, string> {
  const meta: Record<string, string> = {};
  let count = 0;
  for (const raw of lines) {
    let line = raw.trim();
    line = line.slice(commentMarkerLength(line, 0, line.length)).trim();
    if (line === '' || count >= 200) continue;
    const arrow = line.indexOf('-->');
    const candidates = [arrow, delimiter === ' ' ? -1 : line.indexOf(delimiter), line.indexOf(':'), line.indexOf('=')];
    const cut = Math.min(...candidates.filter((at) => at > 0));
    if (!Number.isFinite(cut)) continue;
    const key = line.slice(0, cut).trim().replace(/^"|"$/g, '');
    const width = cut === arrow ? 3 : 1;
    const value = line
      .slice(cut + width)
      .replace(/^\s*[,;\t]/, '')
      .trim()
      .replace(/^"|"$/g, '');
    if (key === '' || key.length > 64 || key in meta || key === '__proto__') continue;
    meta[key] = value.slice(0, 200);
    count++;
  }
  return meta;
}

/** True when every x lies in {@link NM_RANGE} and not all are integers: wavelengths in nm, probably. */
export function looksLikeNanometres(x: ArrayLike<number>): boolean {
  if (x.length < 2) return false;
  let fractional = false;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!(v >= NM_RANGE[0] && v <= NM_RANGE[1])) return false;
    if (!Number.isInteger(v)) fractional = true;
  }
  return fractional;
}
