import type { TextDelimiter } from '../formatDescriptor';

/** Index of the end of the line starting at `start` (the position of its `\n`, `\r`, or text end). */
export function lineEnd(text: string, start: number): number {
  const n = text.length;
  for (let i = start; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return n;
}

/** Start of the next line after a line ending at `end` (skips `\r\n`, `\n` or `\r`). */
export function nextLineStart(text: string, end: number): number {
  if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) return end + 2;
  return end + 1;
}

/** Blank within a line: space, tab, vertical tab or form feed. */
export function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}

/** Length of the comment marker (`#`, `%`, `//`, `;`, `!`) at `start` (a line's first non-blank), 0 when none. */
export function commentMarkerLength(text: string, start: number, end: number): number {
  if (start >= end) return 0;
  const c = text.charCodeAt(start);
  if (c === 35 || c === 37 || c === 59 || c === 33) return 1;
  if (c === 47 && text.charCodeAt(start + 1) === 47 && start + 1 < end) return 2;
  return 0;
}

/** Characters a numeric data row may consist of (digits, separators, signs, exponents, NaN/NA). */
function isNumericRowChar(c: number): boolean {
  if (c >= 48 && c <= 57) return true;
  switch (c) {
    case 32: // space
    case 9: // tab
    case 44: // ,
    case 59: // ;
    case 46: // .
    case 43: // +
    case 45: // -
    case 101: // e
    case 69: // E
    case 34: // "
    case 110: // n
    case 78: // N
    case 97: // a
    case 65: // A
    case 47: // /
      return true;
    default:
      return false;
  }
}

/** True when `text[start, end)` contains only characters of numeric rows, and at least one digit. */
export function isNumericCharset(text: string, start: number, end: number): boolean {
  let digit = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isNumericRowChar(c)) return false;
    if (c >= 48 && c <= 57) digit = true;
  }
  return digit;
}

/** The text at `start` (after blanks and an opening quote) begins like a number: a digit, or a sign or dot before one. */
export function startsLikeNumber(text: string, start: number): boolean {
  let i = start;
  while (isBlankChar(text.charCodeAt(i)) || text.charCodeAt(i) === 34) i++;
  const c = text.charCodeAt(i);
  const d = text.charCodeAt(i + 1);
  return (c >= 48 && c <= 57) || ((c === 43 || c === 45 || c === 46) && ((d >= 48 && d <= 57) || d === 46));
}

/** A numeric data row: numeric characters only, and it starts like a number. */
export function looksLikeDataRow(text: string, start: number, end: number): boolean {
  return start < end && startsLikeNumber(text, start) && isNumericCharset(text, start, end);
}

/**
 * Splits one line into fields (allocating; used on sample rows and headers, not in the hot loop).
 * Honours double-quoted fields (with `""` as an escaped quote) and trims blanks around fields.
 * With the whitespace delimiter `' '`, runs of spaces and tabs separate fields.
 */
export function splitFields(line: string, delimiter: TextDelimiter): string[] {
  const fields: string[] = [];
  const n = line.length;
  const whitespace = delimiter === ' ';
  const delimiterCode = delimiter.charCodeAt(0);
  let i = 0;
  for (;;) {
    while (i < n && isBlankChar(line.charCodeAt(i)) && !(line.charCodeAt(i) === delimiterCode && !whitespace)) i++;
    if (whitespace && i >= n) break;
    let field = '';
    if (line.charCodeAt(i) === 34) {
      let j = i + 1;
      for (; j < n; j++) {
        if (line.charCodeAt(j) !== 34) continue;
        if (line.charCodeAt(j + 1) === 34) j++;
        else break;
      }
      field = line.slice(i + 1, j).replaceAll('""', '"');
      i = j + 1;
      while (i < n && !isSeparator(line.charCodeAt(i), delimiterCode, whitespace)) i++;
    } else {
      const s = i;
      while (i < n && !isSeparator(line.charCodeAt(i), delimiterCode, whitespace)) i++;
      field = line.slice(s, i).trim();
    }
    fields.push(field);
    if (i >= n) break;
    i++;
  }
  return fields;
}

function isSeparator(c: number, delimiterCode: number, whitespace: boolean): boolean {
  return whitespace ? c === 32 || c === 9 : c === delimiterCode;
}
