import { stripComment } from './jcampText';

/**
 * Decoding of JCAMP-DX data lines (optical-notes §4.1; McDonald & Wilks, Appl. Spectrosc. 42 (1988)
 * 151, "ASDF"):
 * - AFFN: free-format numbers separated by blanks, `,` or `;`; a `+` or `-` also starts a new
 *   number (the packed form, PAC: `7498.99+1059714498+1066285291`);
 * - SQZ: the first digit and the sign in one letter: `@` = 0, `A`–`I` = +1…+9, `a`–`i` = −1…−9;
 * - DIF: a difference to the previous ordinate: `%` = 0, `J`–`R` = +1…+9, `j`–`r` = −1…−9;
 * - DUP: the previous token repeated, counting itself: `S`–`Z` = 1…8, `s` = 9, more digits follow;
 * - `?`: a missing value (NaN).
 * In the compressed forms `E`/`e` are SQZ digits, so an exponent is read only as `E` followed by a
 * sign and a digit; in a record without any ASDF letter, `E3` is an exponent too.
 */

/** Where decoding failed: a message that names the 1-based line. */
export class AsdfError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/** Token kinds: an AFFN number, a SQZ value, a DIF difference, a DUP count, a missing value. */
const Kind = { Value: 0, Sqz: 1, Dif: 2, Dup: 3, Missing: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

interface Token {
  readonly kind: Kind;
  readonly value: number;
}

/** True when the text of a record uses ASDF letters (other than `E`/`e`). */
export function usesAsdfLetters(lines: readonly string[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (/[@A-DF-IJ-Za-df-ij-rs%]/.test(stripComment(lines[i] as string))) return true;
  return false;
}

/**
 * The tokens of one data line. `asdf` = the record uses ASDF letters (then `E` is an exponent only
 * before a sign and a digit); `affnOnly` = ASDF letters are refused (tuple tables).
 * Throws {@link AsdfError} for a character that belongs to no form.
 */
function tokenizeLine(text: string, lineNumber: number, asdf: boolean, affnOnly: boolean): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 44 || c === 59) {
      i++;
      continue;
    }
    if (c === 63) {
      tokens.push({ kind: Kind.Missing, value: Number.NaN });
      i++;
      continue;
    }
    if (c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if ((d >= 48 && d <= 57) || d === 46) continue;
        if (d === 69 || d === 101) {
          const next = text.charCodeAt(j + 1);
          const signed = (next === 43 || next === 45) && isDigit(text.charCodeAt(j + 2));
          if (signed || (!asdf && isDigit(next))) {
            j += signed ? 2 : 1;
            continue;
          }
        }
        break;
      }
      const token = text.slice(i, j);
      const value = Number(token);
      if (!Number.isFinite(value)) {
        throw new AsdfError(`line ${lineNumber}: "${token}" is not a number`, lineNumber);
      }
      tokens.push({ kind: Kind.Value, value });
      i = j;
      continue;
    }
    const lead = affnOnly ? undefined : leadDigit(c);
    if (lead === undefined) {
      const shown = c < 32 || c > 126 ? `U+${c.toString(16).padStart(4, '0')}` : `"${text[i]}"`;
      throw new AsdfError(`line ${lineNumber}, column ${i + 1}: ${shown} belongs to no data form`, lineNumber);
    }
    let j = i + 1;
    while (j < n && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
    const magnitude = Number(`${lead.digit}${text.slice(i + 1, j)}`);
    if (!Number.isFinite(magnitude)) {
      throw new AsdfError(`line ${lineNumber}: "${text.slice(i, j)}" is not a number`, lineNumber);
    }
    tokens.push({ kind: lead.kind, value: lead.negative ? -magnitude : magnitude });
    i = j;
  }
  return tokens;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function leadDigit(c: number): { kind: Kind; digit: number; negative: boolean } | undefined {
  if (c === 64) return { kind: Kind.Sqz, digit: 0, negative: false }; // @
  if (c >= 65 && c <= 73) return { kind: Kind.Sqz, digit: c - 64, negative: false }; // A-I
  if (c >= 97 && c <= 105) return { kind: Kind.Sqz, digit: c - 96, negative: true }; // a-i
  if (c === 37) return { kind: Kind.Dif, digit: 0, negative: false }; // %
  if (c >= 74 && c <= 82) return { kind: Kind.Dif, digit: c - 73, negative: false }; // J-R
  if (c >= 106 && c <= 114) return { kind: Kind.Dif, digit: c - 105, negative: true }; // j-r
  if (c >= 83 && c <= 90) return { kind: Kind.Dup, digit: c - 82, negative: false }; // S-Z
  if (c === 115) return { kind: Kind.Dup, digit: 9, negative: false }; // s
  return undefined;
}

/** The ordinates of an `(X++(Y..Y))` table and the abscissa written at the start of its first line. */
export interface XppYYData {
  readonly y: Float64Array;
  /** The X value of the first data line (in XFACTOR units), NaN when there is none. */
  readonly firstLineX: number;
  /** The compressions seen: any of `AFFN`, `PAC`, `SQZ`, `DIF`, `DUP`. */
  readonly forms: readonly string[];
}

/**
 * Decodes the lines [start, end) of an `(X++(Y..Y))` table: each line is an abscissa followed by
 * ordinates. When a line ends in DIF form, the next line repeats its last ordinate as a check
 * (the "Y check"): it is compared and dropped. At most `maxPoints` ordinates are decoded.
 * @throws AsdfError naming the line (a bad character, a DUP with nothing to repeat, a failed Y check,
 *   more than `maxPoints` values).
 */
export function decodeXppYY(lines: readonly string[], start: number, end: number, maxPoints: number): XppYYData {
  const asdf = usesAsdfLetters(lines, start, end);
  let y = new Float64Array(Math.min(maxPoints, 4096));
  let count = 0;
  let firstLineX = Number.NaN;
  let endedInDif = false;
  const forms = new Set<string>();
  const push = (value: number, line: number): void => {
    if (count >= maxPoints)
      throw new AsdfError(`line ${line}: more than ${maxPoints} ordinates (NPOINTS, or what the table can hold)`, line);
    if (count === y.length) {
      const bigger = new Float64Array(Math.min(maxPoints, y.length * 2));
      bigger.set(y);
      y = bigger;
    }
    y[count++] = value;
  };
  for (let i = start; i < end; i++) {
    const lineNumber = i + 1;
    const text = stripComment(lines[i] as string);
    const tokens = tokenizeLine(text, lineNumber, asdf, false);
    if (tokens.length === 0) continue;
    const x = tokens[0] as Token;
    if (x.kind !== Kind.Value && x.kind !== Kind.Sqz) {
      throw new AsdfError(`line ${lineNumber}: the line does not start with an X value`, lineNumber);
    }
    if (Number.isNaN(firstLineX)) firstLineX = x.value;
    noteForms(text, tokens, forms);
    let previous: Token | undefined;
    let checkPending = endedInDif;
    for (let k = 1; k < tokens.length; k++) {
      const token = tokens[k] as Token;
      const last = count > 0 ? (y[count - 1] as number) : Number.NaN;
      if (token.kind === Kind.Value || token.kind === Kind.Sqz || token.kind === Kind.Missing) {
        if (checkPending && k === 1) {
          if (!(Object.is(token.value, last) || token.value === last)) {
            throw new AsdfError(
              `line ${lineNumber}: the Y check value ${token.value} differs from ${last}`,
              lineNumber,
            );
          }
          previous = token;
          checkPending = false;
          continue;
        }
        push(token.value, lineNumber);
      } else if (token.kind === Kind.Dif) {
        if (count === 0) {
          throw new AsdfError(`line ${lineNumber}: a difference (DIF) with no value before it`, lineNumber);
        }
        push(last + token.value, lineNumber);
      } else {
        if (previous === undefined || previous.kind === Kind.Dup || token.value < 1 || !Number.isInteger(token.value)) {
          throw new AsdfError(`line ${lineNumber}: a repeat count (DUP) with nothing to repeat`, lineNumber);
        }
        for (let r = 1; r < token.value; r++) {
          const value = previous.kind === Kind.Dif ? (y[count - 1] as number) + previous.value : previous.value;
          push(value, lineNumber);
        }
      }
      previous = token;
    }
    checkPending = false;
    const lastToken = tokens.at(-1) as Token;
    const beforeDup = tokens.length >= 2 ? (tokens.at(-2) as Token) : undefined;
    endedInDif = lastToken.kind === Kind.Dif || (lastToken.kind === Kind.Dup && beforeDup?.kind === Kind.Dif);
  }
  return { y: y.subarray(0, count), firstLineX, forms: [...forms] };
}

function noteForms(text: string, tokens: readonly Token[], forms: Set<string>): void {
  const kinds = new Set(tokens.slice(1).map((token) => token.kind));
  if (kinds.has(Kind.Sqz)) forms.add('SQZ');
  if (kinds.has(Kind.Dif)) forms.add('DIF');
  if (kinds.has(Kind.Dup)) forms.add('DUP');
  if (kinds.has(Kind.Value)) forms.add(/\d[+-][\d.]/.test(text.replace(/[eE][+-]\d/g, 'e')) ? 'PAC' : 'AFFN');
}

/**
 * The numbers of a tuple table (`(XY..XY)`, `(XYW..XYW)` …) in the lines [start, end), in order.
 * With `decimalComma`, a comma between two digits is a decimal separator (Ocean Optics JCAMP from
 * a localised SpectraSuite: `176,36, 32822,795`). `?` gives NaN.
 * @throws AsdfError for a character that is not part of a number.
 */
export function decodeTuples(lines: readonly string[], start: number, end: number, decimalComma: boolean): number[] {
  const values: number[] = [];
  for (let i = start; i < end; i++) {
    let text = stripComment(lines[i] as string);
    if (decimalComma) text = text.replace(/(\d),(\d)/g, '$1.$2');
    for (const token of tokenizeLine(text, i + 1, false, true)) values.push(token.value);
  }
  return values;
}
