import { WorkbenchError, type WorkbenchErrorCode } from '../../../core';
import { decodeText } from '../../../formats/decodeText';

/**
 * Shared text helpers of the text gamma readers (IAEA/ORTEC SPE, IEC 1455, gamma CSV): decoding,
 * line splitting, strict number tokens and month-first dates.
 */

/** Throws a `WorkbenchError` with `file` set; the message never repeats the file name. */
export function gammaTextFail(code: WorkbenchErrorCode, message: string, fileName: string): never {
  throw new WorkbenchError(code, message, { file: fileName });
}

/**
 * The lines of a gamma text file: UTF-8 (BOM or not), UTF-16 with BOM (some Windows software
 * writes SPE files that way, SpecUtils `load_iaea_file` checks for it) or Windows-1252, split at
 * CR LF, LF or CR. A DOS end-of-file character (0x1A) at the end is dropped.
 * @throws WorkbenchError BINARY_FILE when the bytes are not text.
 */
export function gammaTextLines(bytes: Uint8Array, fileName: string): string[] {
  const decoded = decodeText(bytes);
  if (decoded === null) {
    return gammaTextFail(
      'BINARY_FILE',
      'this is a binary file (it contains NUL or control bytes), not a text spectrum',
      fileName,
    );
  }
  let text = decoded.text;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x1a) end--;
  if (end < text.length) text = text.slice(0, end);
  return text.split(/\r\n|\n|\r/);
}

/** First non-blank line of `text` (BOM removed), trimmed, or `undefined`. Used by sniffers on a decoded head. */
export function firstNonBlankLine(text: string): string | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 64);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed;
  }
  return undefined;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number token (`12`, `-3.5E-02`, `.5`), finite; `undefined` for anything else (hex, `Infinity`, `1,5`, ``). */
export function numberToken(token: string): number | undefined {
  if (!NUMBER.test(token)) return undefined;
  const value = Number(token);
  return Number.isFinite(value) ? value : undefined;
}

/** Whitespace/comma separated tokens of a line (empty tokens dropped). */
export function lineTokens(line: string): string[] {
  return line.split(/[\s,]+/).filter((token) => token !== '');
}

/**
 * Splits Fortran E-format fields that touch, as InterWinner writes IEC 1455 records
 * (`8.00000000E-01-2.97939000E-08` → two numbers): a break after every exponent `E±NN`
 * (becquerel `parsers/iec1455.py` does the same with a regular expression).
 */
export function splitTouchingExponents(text: string): string[] {
  return lineTokens(text.replace(/([eE][+-]\d{2,3})(?=[+-])/g, '$1 '));
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const two = (value: number): string => String(value).padStart(2, '0');

/**
 * Converts a date as gamma text files write it to ISO 8601 without zone (the files give none):
 * `mm/dd/yyyy hh:mm:ss` (SPE `$DATE_MEA:`, month first per the ORTEC file-structure manual and
 * SpecUtils `MiddleEndianFirst`), `mm/dd/yy` (IEC 1455 record 3; years < 70 are 20yy), or an ISO
 * `yyyy-mm-dd[ T]hh:mm[:ss]`. When the first field cannot be a month but the second can, the
 * date is read day first. Returns `undefined` for anything else (the caller keeps the raw text).
 */
export function monthFirstDateToIso(text: string): string | undefined {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/.exec(s);
  if (iso !== null) {
    return isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4], iso[5], iso[6], iso[7]);
  }
  const us = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/.exec(s);
  if (us === null) return undefined;
  let month = Number(us[1]);
  let day = Number(us[2]);
  if (month > 12 && day <= 12) [month, day] = [day, month];
  const yearText = us[3] as string;
  const short = Number(yearText);
  const year = yearText.length === 2 ? (short < 70 ? 2000 + short : 1900 + short) : short;
  return isoOf(year, month, day, us[4], us[5], us[6], us[7]);
}

function isoOf(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] as number)) return undefined;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return undefined;
  const date = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
  if (hour === undefined || minute === undefined) return date;
  const h = Number(hour);
  const m = Number(minute);
  const sec = second === undefined ? 0 : Number(second);
  if (h > 23 || m > 59 || sec > 59) return undefined;
  return `${date}T${two(h)}:${two(m)}:${two(sec)}${fraction ?? ''}`;
}

/** Maps a detector word in a description (`HPGE`, `NaI(Tl)`, `LaBr3` …) to the GammaRecord detectorType, or `undefined`. */
export function detectorTypeOf(text: string): string | undefined {
  const t = text.toUpperCase();
  if (/HPGE|\bGE\b|GERMANIUM/.test(t)) return 'HPGe';
  if (/NAI/.test(t)) return 'NaI';
  if (/LABR/.test(t)) return 'LaBr3';
  if (/CSI/.test(t)) return 'CsI';
  if (/CZT|CDZNTE/.test(t)) return 'CZT';
  return undefined;
}
