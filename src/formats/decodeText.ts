/** Text encodings the text readers accept. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The decoded text of a file, without its byte-order mark. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
}

/** Bytes scanned for control characters: enough to tell text from binary. */
const CONTROL_SCAN_BYTES = 64 * 1024;

/**
 * Decodes the bytes of a text file, or returns `null` when they look binary.
 *
 * - A UTF-16 byte-order mark selects UTF-16 (some Windows instrument software writes it).
 * - Otherwise NUL bytes, or C0 control characters other than tab, line feed, form feed, carriage
 *   return and DOS end-of-file (0x1A) in the first 64 KiB, mean binary.
 * - Valid UTF-8 (with or without BOM) is decoded as UTF-8.
 * - Invalid UTF-8 that is otherwise clean text is decoded as Windows-1252 (a superset of
 *   Latin-1): older Windows exports write `µ`, `°` or `λ`-less Spanish headers that way, and a
 *   scientist expects such a file to open rather than to be called binary.
 *
 * @param partial true when `bytes` is a prefix of the file (a sniff head): a character cut at the
 *   end is then not an error.
 */
export function decodeText(bytes: Uint8Array, partial = false): DecodedText | null {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return decodeWith('utf-16le', bytes, partial);
  if (b0 === 0xfe && b1 === 0xff) return decodeWith('utf-16be', bytes, partial);
  if (bytes.indexOf(0) !== -1 || hasControlBytes(bytes)) return null;
  return decodeWith('utf-8', bytes, partial) ?? decodeWith('windows-1252', bytes, partial);
}

function decodeWith(encoding: TextEncodingName, bytes: Uint8Array, partial: boolean): DecodedText | null {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: partial });
    if (encoding.startsWith('utf-16') && hasControlChars(text)) return null;
    return { text, encoding };
  } catch {
    return null;
  }
}

function isAllowedControl(code: number): boolean {
  return code === 9 || code === 10 || code === 12 || code === 13 || code === 0x1a;
}

function hasControlBytes(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, CONTROL_SCAN_BYTES);
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 && !isAllowedControl(b)) return true;
  }
  return false;
}

function hasControlChars(text: string): boolean {
  const end = Math.min(text.length, CONTROL_SCAN_BYTES);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !isAllowedControl(c)) return true;
  }
  return false;
}

/** True when the file holds nothing but whitespace (and perhaps a byte-order mark). */
export function isBlank(bytes: Uint8Array): boolean {
  const b0 = bytes[0];
  if ((b0 === 0xff && bytes[1] === 0xfe) || (b0 === 0xfe && bytes[1] === 0xff)) {
    const decoded = decodeText(bytes);
    return decoded !== null && decoded.text.trim() === '';
  }
  const start = b0 === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b !== 0x20 && (b < 9 || b > 13)) return false;
  }
  return true;
}
