import { WorkbenchError } from '../../core';
import type { TableLayout } from './delimitedTextLayout';
import { scanNumber, scanStatus } from './scanNumber';
import {
  commentMarkerLength,
  isBlankChar,
  isNumericCharset,
  lineEnd,
  looksLikeDataRow,
  nextLineStart,
} from './textLines';

/** The numbers of a text table, row-major. */
export interface Table {
  /** `rows × columns` values, row-major; may be longer than needed. */
  readonly values: Float64Array;
  readonly rows: number;
  readonly columns: number;
  /** 1-based line number of each row. */
  readonly lines: Int32Array;
  /** Text lines after the table that were ignored (e.g. `>>>>>End Spectral Data<<<<<`). */
  readonly footerLines: number;
  /** Order of the x column (`ascending` for single-column tables, which have none). */
  readonly xOrder: 'ascending' | 'descending' | 'unsorted';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** True when nothing but blank and comment lines follows `position`. */
function restIsBlank(text: string, position: number): boolean {
  let pos = position;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    let i = pos;
    while (i < end && isBlankChar(text.charCodeAt(i))) i++;
    if (i < end && commentMarkerLength(text, i, end) === 0) return false;
    pos = nextLineStart(text, end);
  }
  return true;
}

function estimateRows(text: string, from: number): number {
  const terminator = text.indexOf('\n', from) >= 0 ? '\n' : '\r';
  let count = 1;
  for (let i = text.indexOf(terminator, from); i >= 0; i = text.indexOf(terminator, i + 1)) count++;
  return count;
}

/**
 * Reads every data row of `text` laid out as `layout` into one row-major array. A hand-written
 * scanner over the decoded string: no per-line split, no substring per number.
 *
 * Rules: blank and comment lines are skipped; text lines after the table are a footer, unless
 * data rows follow them (then the first one is reported); x (first column of a table with two or
 * more columns) must be finite and must not repeat on consecutive rows; y may be empty or NaN/NA
 * (read as NaN). The order of x is reported, not changed.
 * @throws WorkbenchError INVALID_DATA or TRUNCATED naming the 1-based line number.
 */
export function readTable(text: string, layout: TableLayout, fileName: string): Table {
  const m = layout.columns;
  const whitespace = layout.delimiter === ' ';
  const delimiterCode = layout.delimiter.charCodeAt(0);
  const decimalCode = layout.decimalSeparator.charCodeAt(0);
  const hasX = m >= 2;
  const fail = (code: 'INVALID_DATA' | 'TRUNCATED', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const capacity = estimateRows(text, layout.dataStart);
  let values = new Float64Array(capacity * m);
  let lines = new Int32Array(capacity);
  let rows = 0;
  let line = layout.dataLine - 1;
  let pos = layout.dataStart;
  let footerLine = 0;
  let footerText = '';
  let footerLines = 0;
  let direction = 0;
  let unsorted = false;
  let previousX = 0;
  let previousLine = 0;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    const lineStart = pos;
    line++;
    pos = nextLineStart(text, end);
    let i = lineStart;
    while (i < end && isBlankChar(text.charCodeAt(i))) i++;
    if (i === end || commentMarkerLength(text, i, end) > 0) continue;
    if (footerLine > 0) {
      if (looksLikeDataRow(text, i, end)) {
        fail(
          'INVALID_DATA',
          `line ${footerLine} (${quote(footerText)}) is not a data row, yet data rows follow at line ${line}`,
        );
      }
      footerLines++;
      continue;
    }
    if (rows >= lines.length) {
      values = grow(values);
      lines = grow(lines);
    }
    const base = rows * m;
    // Fields: leading blanks, except a tab that delimits an empty first field.
    i = lineStart;
    if (!whitespace) while (i < end && isBlankChar(text.charCodeAt(i)) && text.charCodeAt(i) !== delimiterCode) i++;
    else while (i < end && isBlankChar(text.charCodeAt(i))) i++;
    let count = 0;
    let extra = false;
    let bad = -1;
    let badStart = 0;
    let badEnd = 0;
    for (;;) {
      let fieldStart = i;
      let fieldEnd: number;
      if (text.charCodeAt(i) === 34) {
        fieldStart = i + 1;
        let j = fieldStart;
        while (j < end && text.charCodeAt(j) !== 34) j++;
        fieldEnd = j;
        i = j < end ? j + 1 : j;
        while (fieldStart < fieldEnd && isBlankChar(text.charCodeAt(fieldStart))) fieldStart++;
        while (i < end && !(whitespace ? isBlankChar(text.charCodeAt(i)) : text.charCodeAt(i) === delimiterCode)) i++;
      } else {
        if (whitespace) while (i < end && !isBlankChar(text.charCodeAt(i))) i++;
        else while (i < end && text.charCodeAt(i) !== delimiterCode) i++;
        fieldEnd = i;
      }
      while (fieldEnd > fieldStart && isBlankChar(text.charCodeAt(fieldEnd - 1))) fieldEnd--;
      if (count < m) {
        let value = Number.NaN;
        if (fieldEnd > fieldStart) {
          value = scanNumber(text, fieldStart, fieldEnd, decimalCode);
          if (!scanStatus.ok && bad < 0) {
            bad = count;
            badStart = fieldStart;
            badEnd = fieldEnd;
          }
        } else if (count === 0 && hasX && bad < 0) {
          bad = 0;
        }
        values[base + count] = value;
      } else if (fieldEnd > fieldStart) {
        extra = true; // empty extra fields (a trailing delimiter) are ignored
      }
      count++;
      if (i >= end) break;
      i++;
      if (whitespace) {
        while (i < end && isBlankChar(text.charCodeAt(i))) i++;
        if (i >= end) break;
      } else {
        while (i < end && isBlankChar(text.charCodeAt(i)) && text.charCodeAt(i) !== delimiterCode) i++;
      }
    }
    const x = values[base] as number;
    if (hasX ? bad === 0 || !Number.isFinite(x) : bad === 0) {
      const contentStart = skipBlank(text, lineStart, end);
      if (!isNumericCharset(text, contentStart, end)) {
        footerLine = line;
        footerText = text.slice(contentStart, end);
        footerLines = 1;
        continue;
      }
    }
    if (count < m) {
      const message = `line ${line} has ${plural(count, 'column')}, expected ${m}`;
      if (restIsBlank(text, pos)) fail('TRUNCATED', `${message} — the file looks truncated`);
      fail('INVALID_DATA', message);
    }
    if (extra) fail('INVALID_DATA', `line ${line} has ${plural(count, 'column')}, expected ${m}`);
    if (bad >= 0) {
      const field = text.slice(badStart, badEnd);
      if (end === text.length && field !== '') {
        fail('TRUNCATED', `line ${line} ends in ${quote(field)}, not a number — the file looks truncated`);
      }
      const what = field === '' ? 'x (column 1) is empty' : `column ${bad + 1}: ${quote(field)} is not a number`;
      fail('INVALID_DATA', `line ${line}, ${what}`);
    }
    if (hasX) {
      if (!Number.isFinite(x)) fail('INVALID_DATA', `line ${line}: x (column 1) must be a finite number`);
      if (rows > 0) {
        if (x === previousX) {
          fail('INVALID_DATA', `x = ${x} appears twice (lines ${previousLine} and ${line}); x must not repeat`);
        }
        const step = x > previousX ? 1 : -1;
        if (direction === 0) direction = step;
        else if (step !== direction) unsorted = true;
      }
      previousX = x;
      previousLine = line;
    }
    lines[rows] = line;
    rows++;
  }
  const xOrder = unsorted ? 'unsorted' : direction < 0 ? 'descending' : 'ascending';
  return { values, rows, columns: m, lines, footerLines, xOrder };
}

function skipBlank(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isBlankChar(text.charCodeAt(i))) i++;
  return i;
}

function grow<T extends Float64Array<ArrayBuffer> | Int32Array<ArrayBuffer>>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(Math.max(16, array.length * 2));
  bigger.set(array);
  return bigger;
}
