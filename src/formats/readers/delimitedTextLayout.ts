import type { DecimalSeparator, ParseOptions, TextDelimiter } from '../formatDescriptor';
import { scanNumber, scanStatus } from './scanNumber';
import {
  commentMarkerLength,
  isBlankChar,
  isNumericCharset,
  lineEnd,
  looksLikeDataRow,
  nextLineStart,
  splitFields,
  startsLikeNumber,
} from './textLines';

/** How a text table is laid out, as detected from its first rows. */
export interface TableLayout {
  readonly delimiter: TextDelimiter;
  readonly decimalSeparator: DecimalSeparator;
  /** Data columns (x plus y columns, or the one y column of a single-column table). */
  readonly columns: number;
  /** Every sampled row ends with a delimiter (`1,2,`): the empty last field is ignored. */
  readonly trailingDelimiter: boolean;
  /** Character offset and 1-based line number of the first data row. */
  readonly dataStart: number;
  readonly dataLine: number;
  /** Lines before the first data row (preamble, comments, blank lines, header). */
  readonly headerLines: number;
  /** Column names, one per data column, when a header line was found. */
  readonly header?: readonly string[];
  /** `key: value` / `key=value` lines of the preamble. */
  readonly preamble: Readonly<Record<string, string>>;
}

interface SampleLine {
  readonly line: number;
  readonly start: number;
  readonly text: string;
}

/** Data rows examined to choose delimiter and decimal separator. */
const SAMPLE_ROWS = 200;
/** Leading numeric rows with another column count that may be preamble (e.g. a pixel count). */
const MAX_LEAD_ROWS = 3;
const MAX_PREAMBLE_ENTRIES = 200;

const CANDIDATES: readonly (readonly [TextDelimiter, DecimalSeparator])[] = [
  ['\t', '.'],
  ['\t', ','],
  [';', '.'],
  [';', ','],
  [',', '.'],
  [',', ','],
  [' ', '.'],
  [' ', ','],
];

/** Position of the first non-blank character of the line [start, end), or `end`. */
function skipBlanks(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isBlankChar(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Finds the table in `text`: the first run of two or more numeric rows (a lone numeric line
 * between text lines, such as a pixel count, is preamble), the delimiter and decimal separator that
 * read the most of the sampled rows with one column count, the header line and the preamble.
 * `undefined` when the text holds no numeric row at all.
 */
export function detectLayout(text: string, options: ParseOptions = {}): TableLayout | undefined {
  const preambleLines: SampleLine[] = [];
  const rows: SampleLine[] = [];
  let pos = 0;
  let line = 0;
  while (pos < text.length && rows.length < SAMPLE_ROWS) {
    const end = lineEnd(text, pos);
    line++;
    const content = skipBlanks(text, pos, end);
    const lineText = { line, start: pos, text: text.slice(pos, end) };
    pos = nextLineStart(text, end);
    if (content === end || commentMarkerLength(text, content, end) > 0) {
      if (rows.length === 0) preambleLines.push(lineText);
      continue;
    }
    const dataRow = looksLikeDataRow(text, content, end);
    // Inside a run, a row that starts like a number or has only numeric characters is a (perhaps
    // broken) data row: the main loop reads it and reports what is wrong with it.
    if (dataRow || (rows.length > 0 && (startsLikeNumber(text, content) || isNumericCharset(text, content, end)))) {
      rows.push(lineText);
      continue;
    }
    if (rows.length >= 2) break; // a footer or an interruption: the main loop reports it
    preambleLines.push(...rows, lineText); // a lone numeric line among text (a pixel count): preamble
    rows.length = 0;
  }
  if (rows.length === 0) return undefined;
  const choice = chooseSeparators(rows, options);
  if (choice === undefined) return undefined;
  const lead = rows.slice(0, choice.leadRows);
  const first = rows[choice.leadRows] as SampleLine;
  const allPreamble = [...preambleLines, ...lead].sort((a, b) => a.line - b.line);
  const header = findHeader(allPreamble, choice.delimiter, choice.columns);
  const layout: TableLayout = {
    delimiter: choice.delimiter,
    decimalSeparator: choice.decimalSeparator,
    columns: choice.columns,
    trailingDelimiter: choice.trailingDelimiter,
    dataStart: first.start,
    dataLine: first.line,
    headerLines: first.line - 1,
    preamble: readPreamble(allPreamble, header?.lines ?? []),
  };
  return header === undefined ? layout : { ...layout, header: header.names };
}

interface SeparatorChoice {
  readonly delimiter: TextDelimiter;
  readonly decimalSeparator: DecimalSeparator;
  readonly columns: number;
  readonly trailingDelimiter: boolean;
  readonly leadRows: number;
}

function chooseSeparators(rows: readonly SampleLine[], options: ParseOptions): SeparatorChoice | undefined {
  let best: (SeparatorChoice & { readonly conforming: number }) | undefined;
  for (const [delimiter, decimalSeparator] of CANDIDATES) {
    if (options.delimiter !== undefined && options.delimiter !== delimiter) continue;
    if (options.decimalSeparator !== undefined && options.decimalSeparator !== decimalSeparator) continue;
    const counts = rows.map((row) => readableColumns(row.text, delimiter, decimalSeparator));
    const trailingDelimiter = delimiter !== ' ' && rows.every((row) => endsWithDelimiter(row.text, delimiter));
    const columns = modalCount(counts) - (trailingDelimiter ? 1 : 0);
    if (columns < 1) continue;
    const target = columns + (trailingDelimiter ? 1 : 0);
    const conforming = counts.filter((count) => count === target).length;
    if (decimalSeparator === ',' && columns === 1 && commaSplitsColumns(rows, options)) continue;
    if (delimiter === ',' && decimalSeparator === ',' && !rows.some((row) => row.text.includes('"'))) continue;
    let leadRows = 0;
    while (leadRows < MAX_LEAD_ROWS && leadRows < counts.length - 1 && counts[leadRows] !== target) leadRows++;
    if (counts[leadRows] !== target) continue;
    const better =
      best === undefined ||
      conforming > best.conforming ||
      (conforming === best.conforming && columns >= 2 && best.columns < 2);
    if (better) best = { delimiter, decimalSeparator, columns, trailingDelimiter, leadRows, conforming };
  }
  return best;
}

/**
 * A comma between digits is far more often a delimiter than a decimal separator: when the rows read
 * as a comma-separated table with two or more columns (at least half of them), `1,5` is x = 1,
 * y = 5, not a single column 1.5. Pass `decimalSeparator: ','` to read the single column.
 */
function commaSplitsColumns(rows: readonly SampleLine[], options: ParseOptions): boolean {
  if (options.decimalSeparator === ',' || (options.delimiter !== undefined && options.delimiter !== ',')) return false;
  const counts = rows.map((row) => readableColumns(row.text, ',', '.'));
  const columns = modalCount(counts);
  return columns >= 2 && counts.filter((count) => count === columns).length * 2 >= rows.length;
}

function endsWithDelimiter(line: string, delimiter: TextDelimiter): boolean {
  const stripped = delimiter === '\t' ? line.replace(/ +$/, '') : line.trimEnd();
  return stripped.endsWith(delimiter);
}

/** Number of fields when every field reads as a number (x non-empty); -1 when one does not. */
function readableColumns(line: string, delimiter: TextDelimiter, decimalSeparator: DecimalSeparator): number {
  const fields = splitFields(line, delimiter);
  const decimalCode = decimalSeparator.charCodeAt(0);
  for (let k = 0; k < fields.length; k++) {
    const field = fields[k] as string;
    if (field === '') {
      if (k === 0) return -1;
      continue;
    }
    scanNumber(field, 0, field.length, decimalCode);
    if (!scanStatus.ok) return -1;
  }
  return fields.length;
}

function modalCount(counts: readonly number[]): number {
  const tally = new Map<number, number>();
  let best = -1;
  let bestTally = 0;
  for (const count of counts) {
    if (count < 1) continue;
    const t = (tally.get(count) ?? 0) + 1;
    tally.set(count, t);
    if (t > bestTally || (t === bestTally && count > best)) {
      best = count;
      bestTally = t;
    }
  }
  return best;
}

function stripComment(line: string): string {
  const trimmed = line.trim();
  const marker = commentMarkerLength(trimmed, 0, trimmed.length);
  return trimmed.slice(marker).trim();
}

/**
 * The header is the last non-blank preamble line (a comment marker stripped) whose fields match
 * the data columns. With the whitespace delimiter, a `(unit)` or `[unit]` token joins the name
 * before it, so `Wavelength (nm) Intensity (a.u.)` gives two names. A units row (every field in
 * brackets, e.g. `[nm];[counts]`) under a names row is joined to it: `Wave [nm]`.
 */
function findHeader(
  preamble: readonly SampleLine[],
  delimiter: TextDelimiter,
  columns: number,
): { lines: number[]; names: string[] } | undefined {
  const candidates = preamble.filter((entry) => {
    const text = stripComment(entry.text);
    return text !== '' && !looksLikeDataRow(text, 0, text.length);
  });
  const last = candidates.at(-1);
  const names = last && headerNames(stripComment(last.text), delimiter, columns);
  if (last === undefined || names === undefined) return undefined;
  const above = candidates.at(-2);
  const namesAbove = above && headerNames(stripComment(above.text), delimiter, columns);
  if (above !== undefined && namesAbove !== undefined && names.every((name) => /^([[(].*[\])])?$/.test(name))) {
    return { lines: [above.line, last.line], names: namesAbove.map((name, k) => `${name} ${names[k]}`.trim()) };
  }
  return { lines: [last.line], names };
}

function headerNames(text: string, delimiter: TextDelimiter, columns: number): string[] | undefined {
  const attempts =
    delimiter === ' '
      ? [splitFields(text, '\t'), text.split(/\s{2,}/), joinUnits(splitFields(text, ' ')), splitFields(text, ' ')]
      : [splitFields(text, delimiter)];
  for (const fields of attempts) {
    const names = fields.length === columns + 1 && fields[columns] === '' ? fields.slice(0, columns) : fields;
    if (names.length === columns && names.some((name) => !looksLikeDataRow(name, 0, name.length))) {
      return names.map((name) => name.trim());
    }
  }
  return undefined;
}

function joinUnits(tokens: readonly string[]): string[] {
  const joined: string[] = [];
  for (const token of tokens) {
    const previous = joined.length - 1;
    if (previous >= 0 && /^[([]/.test(token)) joined[previous] = `${joined[previous]} ${token}`;
    else joined.push(token);
  }
  return joined;
}

/** `key: value` or `key=value` lines (comment markers stripped), the header lines excepted. */
function readPreamble(preamble: readonly SampleLine[], headerLines: readonly number[]): Record<string, string> {
  const entries: Record<string, string> = {};
  let count = 0;
  for (const entry of preamble) {
    if (headerLines.includes(entry.line) || count >= MAX_PREAMBLE_ENTRIES) continue;
    const match = /^([^:=]{1,64}?)\s*[:=]\s*(.*)$/.exec(stripComment(entry.text));
    const key = match?.[1]?.trim();
    if (match === null || key === undefined || key === '' || key in entries) continue;
    entries[key] = (match[2] ?? '').trim().slice(0, 500);
    count++;
  }
  return entries;
}
