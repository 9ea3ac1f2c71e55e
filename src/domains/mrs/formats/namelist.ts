import { WorkbenchError } from '../../../core';

/** One value of a namelist entry: a quoted string, a number, a logical, or an unquoted word. */
export type NamelistScalar = string | number | boolean;
/** An entry's value: one scalar, or several (`PPMAPP = 0.1, -0.4`, `3*0.`). */
export type NamelistValue = NamelistScalar | readonly NamelistScalar[];

/** One Fortran namelist group, `$NAME key = value, … $END` (or `&NAME … /`). */
export interface NamelistGroup {
  /** Group name in upper case, without `$`/`&` (`SEQPAR`, `NMID`, `BASIS1`, `LCMODL` …). */
  readonly name: string;
  /** Entries by upper-case key; an indexed key keeps its index (`CHOMIT(1)`). */
  readonly values: ReadonlyMap<string, NamelistValue>;
  /** Character offset of the `$NAME` that opens the group. */
  readonly start: number;
  /** Character offset just after the end marker (`$END`, `&END` or `/`). */
  readonly end: number;
}

const FORTRAN_REAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EeDdQq][+-]?\d+|[+-]\d+)?$/;

/**
 * A Fortran real as written by E/F/D/G editing (`2.67478E+02`, `1.0D-3`, `.5`, `5.`, and the
 * letter-less 3-digit exponent `1.23456+100` that Fortran writes when the exponent exceeds 99);
 * NaN for anything else (including `Infinity`, hexadecimal and empty strings, which `Number` would accept).
 */
export function fortranReal(token: string): number {
  if (!FORTRAN_REAL.test(token)) return Number.NaN;
  const standard = token.replace(/[DdQq]/, 'E').replace(/(\d|\.)([+-]\d+)$/, '$1E$2');
  return Number(standard);
}

/** 1-based line number of a character offset, for messages. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Reads the next namelist group at or after character `from`: the first `$` or `&` followed by a
 * letter opens it (LCModel writes ` $NMID`, FSL-MRS and FID-A ` $SEQPAR`, Fortran 90 `&NAME`), and
 * `$END`, `&END` or `/` closes it (LCModel manual, namelist input; FSL-MRS `lcm_io.py`). Inside,
 * `KEY = value[, value …]` entries, separated by commas or blanks, over any number of lines; values
 * are quoted strings (`'…'` or `"…"`, a doubled quote for a quote), Fortran reals or integers,
 * logicals (`T`, `F`, `.TRUE.`, `.false`), repeats (`3*0.`), or bare words kept as strings.
 *
 * @returns undefined when no group starts at or after `from`.
 * @throws WorkbenchError TRUNCATED (a group or a string without its end), INVALID_DATA (a value
 *   before any key, a key without `=`, a group opening inside another), with `file` set.
 */
export function readNamelistGroup(text: string, from: number, fileName: string): NamelistGroup | undefined {
  const fail = (code: 'TRUNCATED' | 'INVALID_DATA', message: string, at: number): never => {
    throw new WorkbenchError(code, `${message} (line ${lineAt(text, at)})`, { file: fileName });
  };
  const opening = /[$&]([A-Za-z][A-Za-z0-9_]*)/g;
  opening.lastIndex = from;
  const open = opening.exec(text);
  if (open === null) return undefined;
  const name = (open[1] as string).toUpperCase();
  if (name === 'END') fail('INVALID_DATA', 'a namelist `$END` comes before any group opens', open.index);
  const values = new Map<string, NamelistValue>();
  let key: string | undefined;
  let pending: NamelistScalar[] = [];
  const flush = (): void => {
    if (key !== undefined) values.set(key, pending.length === 1 ? (pending[0] as NamelistScalar) : pending);
    pending = [];
  };
  let i = opening.lastIndex;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === ',' || c === '\f') {
      i++;
    } else if (c === "'" || c === '"') {
      const { value, next } = quoted(text, i, () => fail('TRUNCATED', `a string in $${name} has no closing quote`, i));
      if (key === undefined) fail('INVALID_DATA', `a value in $${name} comes before any key`, i);
      pending.push(value);
      i = next;
    } else if (c === '/' || c === '$' || c === '&') {
      const word = /^[$&]?([A-Za-z][A-Za-z0-9_]*)?/.exec(text.slice(i + 1, i + 40))?.[1] ?? '';
      if (c === '/' || word.toUpperCase() === 'END' || word === '') {
        flush();
        const end = c === '/' ? i + 1 : i + 1 + word.length;
        return { name, values, start: open.index, end };
      }
      return fail('INVALID_DATA', `the namelist $${name} has no $END before $${word.toUpperCase()}`, i);
    } else {
      let j = i;
      while (j < text.length && !/[\s,='"/$&]/.test(text[j] as string)) j++;
      if (j === i) fail('INVALID_DATA', `an \`=\` without a key in $${name}`, i);
      const word = text.slice(i, j);
      let k = j;
      while (k < text.length && (text[k] === ' ' || text[k] === '\t')) k++;
      if (text[k] === '=') {
        flush();
        key = word.toUpperCase();
        i = k + 1;
      } else {
        if (key === undefined) fail('INVALID_DATA', `\`${word.slice(0, 20)}\` in $${name} is not \`KEY = value\``, i);
        pending.push(...bareValues(word));
        i = j;
      }
    }
  }
  return fail('TRUNCATED', `the namelist $${name} has no $END`, open.index);
}

function quoted(text: string, at: number, unterminated: () => never): { value: string; next: number } {
  const quote = text[at] as string;
  let value = '';
  let i = at + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) return unterminated();
    value += text.slice(i, close);
    if (text[close + 1] === quote) {
      value += quote;
      i = close + 2;
    } else {
      return { value: value.trim(), next: close + 1 };
    }
  }
}

/** A bare word: a logical, a number, `r*value` (r copies, at most 4096), or else the word itself. */
function bareValues(word: string): NamelistScalar[] {
  const repeat = /^(\d+)\*(.*)$/.exec(word);
  if (repeat !== null) {
    const count = Math.min(Number(repeat[1]), 4096);
    const value = scalarOf(repeat[2] as string);
    return new Array<NamelistScalar>(count).fill(value);
  }
  return [scalarOf(word)];
}

function scalarOf(word: string): NamelistScalar {
  const logical = /^\.?(t|f|true|false)\.?$/i.exec(word);
  if (logical !== null) return (logical[1] as string).toLowerCase().startsWith('t');
  const number = fortranReal(word);
  return Number.isNaN(number) ? word : number;
}

/** The first number of entry `key` (upper case) of a group, or undefined when absent or not a number. */
export function namelistNumber(group: NamelistGroup | undefined, key: string): number | undefined {
  const value = group?.values.get(key);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'number' && Number.isFinite(first) ? first : undefined;
}

/** Entry `key` (upper case) of a group as a string (a number is written back), or undefined when absent or blank. */
export function namelistString(group: NamelistGroup | undefined, key: string): string | undefined {
  const value = group?.values.get(key);
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined || typeof first === 'boolean') return undefined;
  const text = String(first).trim();
  return text === '' ? undefined : text;
}

/** Field width of the first E/F/D/G edit descriptor of a Fortran format (`(8E13.5)` → 13), or undefined. */
export function fortranFieldWidth(format: string | undefined): number | undefined {
  const match = /^\(\s*\d*\s*(?:\d*P\s*,?\s*)?\d*[EFDG](\d+)(?:\.\d+)?/i.exec(format?.trim() ?? '');
  const width = match === null ? Number.NaN : Number(match[1]);
  return width >= 2 && width <= 100 ? width : undefined;
}

/** What {@link readFortranReals} read. */
export interface FortranReals {
  readonly values: Float64Array;
  /** Character offset after the last line read (the start of the next namelist group, or the end). */
  readonly end: number;
}

/**
 * Reads the numbers that follow a namelist (LCModel `.RAW` data after `$NMID`, `.BASIS` spectra
 * after each `$BASIS`): line by line from character `from`, stopping at a line that opens a
 * namelist group (`$`/`&`), at the end of the text, or once `count` numbers are read (the rest of
 * that line is skipped, as a Fortran READ does). Fields are split at blanks and commas; a line
 * whose fields run together (`-1.23456E+02-4.56789E+01`, legal in a Fortran E13.5 column) is cut
 * into `width`-character fields instead, when the format (`FMTDAT`, `FMTBAS`) gives the width.
 *
 * @throws WorkbenchError TRUNCATED (fewer than `count` numbers, or `count` more than the text can
 *   hold, checked before allocating), INVALID_DATA (a field that is not a finite number, with its line).
 */
export function readFortranReals(
  text: string,
  from: number,
  options: { readonly count?: number; readonly width?: number | undefined; readonly what: string },
  fileName: string,
): FortranReals {
  const { count, width, what } = options;
  if (count !== undefined && count > (text.length - from + 1) / 2) {
    throw new WorkbenchError(
      'TRUNCATED',
      `the file ends before the ${count} numbers of ${what} (line ${lineAt(text, from)})`,
      { file: fileName },
    );
  }
  const fixed = count === undefined ? undefined : new Float64Array(count);
  const grown: number[] = [];
  let n = 0;
  let at = from;
  while (at < text.length && (count === undefined || n < count)) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(at, lineEnd);
    const trimmed = line.trim();
    if (/^[$&][A-Za-z]/.test(trimmed)) break;
    for (const value of lineValues(line, width, () => badField(text, at, what, fileName))) {
      if (count !== undefined && n >= count) break;
      if (fixed === undefined) grown.push(value);
      else fixed[n] = value;
      n++;
    }
    at = newline < 0 ? text.length : newline + 1;
  }
  if (count !== undefined && n < count) {
    throw new WorkbenchError(
      'TRUNCATED',
      `${what} holds ${n} numbers where ${count} are expected (up to line ${lineAt(text, at)})`,
      { file: fileName },
    );
  }
  return { values: fixed ?? Float64Array.from(grown), end: at };
}

function lineValues(line: string, width: number | undefined, bad: () => never): number[] {
  const tokens = line.split(/[\s,]+/).filter((t) => t !== '');
  const values = tokens.map(fortranReal);
  if (values.every(Number.isFinite)) return values;
  if (width === undefined) return bad();
  const fields: number[] = [];
  for (let i = 0; i < line.length; i += width) {
    const field = line.slice(i, i + width).trim();
    if (field === '') continue;
    const value = fortranReal(field);
    if (!Number.isFinite(value)) return bad();
    fields.push(value);
  }
  return fields;
}

function badField(text: string, at: number, what: string, fileName: string): never {
  throw new WorkbenchError('INVALID_DATA', `a value of ${what} is not a number (line ${lineAt(text, at)})`, {
    file: fileName,
  });
}
