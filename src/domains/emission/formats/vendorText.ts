import { WorkbenchError, type WorkbenchErrorCode } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { scanNumber, scanStatus } from '../../../formats/readers/scanNumber';

/**
 * Text helpers shared by the Ocean Optics and Avantes text readers: decoding (with the NUL padding
 * AvaSoft writes after the spectrometer name, optical-notes §4.4), lines, `Key: value` header lines,
 * numbers with either decimal separator, and typed errors.
 */

/** Throws a `WorkbenchError` for `fileName`; the message says where (line, section), never the file name. */
export function vendorFail(code: WorkbenchErrorCode, message: string, fileName: string): never {
  throw new WorkbenchError(code, message, { file: fileName });
}

/**
 * The decoded text of a vendor text export, NUL bytes removed first (AvaSoft 7 pads the
 * `Data measured with spectrometer name:` line with NULs) unless a UTF-16 byte-order mark says they
 * belong to the characters. UTF-8, Windows-1252 (Spanish SpectraSuite headers, optical-notes §4.3)
 * or UTF-16 with BOM, see `decodeText`.
 * @throws WorkbenchError EMPTY_FILE (nothing but whitespace), BINARY_FILE (control bytes other than NUL).
 */
export function decodeVendorText(bytes: Uint8Array, fileName: string): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const cleaned = utf16 || bytes.indexOf(0) === -1 ? bytes : withoutNul(bytes);
  const decoded = decodeText(cleaned);
  if (decoded === null) {
    return vendorFail('BINARY_FILE', 'the file holds control bytes where a text export was expected', fileName);
  }
  if (decoded.text.trim() === '') return vendorFail('EMPTY_FILE', 'the file holds no text', fileName);
  return decoded.text;
}

function withoutNul(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b !== 0) out[n++] = b;
  }
  return out.subarray(0, n);
}

/**
 * The first `maxBytes` bytes of a sniff head as Latin-1 text, without a byte-order mark and with NUL
 * bytes dropped (so that UTF-16 ASCII reads as text too), or `undefined`
 * when other control bytes (besides tab, CR, LF) show that the head is binary. Cheap; never throws.
 */
export function sniffText(head: Uint8Array, maxBytes = 4096): string | undefined {
  let text = '';
  const end = Math.min(head.length, maxBytes);
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : utf16 ? 2 : 0;
  for (let i = bom; i < end; i++) {
    const b = head[i] as number;
    if (b === 0) continue;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13) return undefined;
    text += String.fromCharCode(b);
  }
  return text;
}

/** The lines of a text (CR LF, LF or lone CR line ends). */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** A `Key: value` header line split at its first `: ` (or a final `:`); `undefined` for other lines. */
export function keyValue(line: string): { key: string; value: string } | undefined {
  const at = line.indexOf(':');
  if (at <= 0) return undefined;
  return { key: line.slice(0, at).trim(), value: line.slice(at + 1).trim() };
}

/** Character code of a decimal separator, for `scanNumber`. */
export type DecimalCode = 44 | 46;

/** The number in `cell` (trimmed) with the given decimal separator, or `undefined` when it is not one. */
export function cellNumber(cell: string, decimal: DecimalCode): number | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const value = scanNumber(text, 0, text.length, decimal);
  return scanStatus.ok ? value : undefined;
}

/**
 * The first number in a header value such as `20000 (USB4A00428)`, `2.000000E-2` or `1,000000E-1`
 * (a decimal comma is accepted), or `undefined`.
 */
export function leadingNumber(value: string): number | undefined {
  const match = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?/.exec(value.trim());
  if (match === null) return undefined;
  const number = Number(match[0].replace(',', '.'));
  return Number.isFinite(number) ? number : undefined;
}

/** `Yes`/`true`/`Sí` → true, `No`/`false` → false, anything else → undefined. */
export function yesNo(value: string): boolean | undefined {
  const word = (value.trim().split(/\s+/)[0] ?? '').toLowerCase();
  if (word === 'yes' || word === 'true' || word === 'sí' || word === 'si' || word === 'ja' || word === 'oui') {
    return true;
  }
  if (word === 'no' || word === 'false' || word === 'nein' || word === 'non') return false;
  return undefined;
}
