import { unzlibSync } from 'fflate';

/**
 * The transport encodings of RADDATA spectrum URIs [V: SpecUtils src/UriSpectrum.cpp
 * `url_decode`, `base45_decode`, `base64url_decode`, `deflate_decompress`]: percent-encoding,
 * base-45 (RFC 9285), url-safe base-64 (RFC 4648 §5) and zlib. Each takes a `fail` callback that
 * throws the caller's error (with its file name), so bad input never escapes as another exception.
 */

/** Largest decompressed payload accepted (bytes): a spectrum of 65535 channels needs < 1 MiB. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `%XX` → byte and `+` → space, as SpecUtils' `url_decode`; returns one character per byte. */
export function percentDecode(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})|\+/g, (_match, hex: string | undefined) =>
    hex === undefined ? ' ' : String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** Url-safe base-64 without padding; characters outside the alphabet are skipped, `=` ends the data. */
export function base64UrlDecode(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let length = 0;
  let bits = 0;
  let value = 0;
  for (const char of text) {
    if (char === '=') break;
    const digit = BASE64URL.indexOf(char);
    if (digit < 0) continue;
    value = ((value << 6) | digit) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (value >> bits) & 0xff;
    }
  }
  return out.slice(0, length);
}

/**
 * Base-45 (RFC 9285): three characters c, d, e give n = c + 45·d + 45²·e, written as two bytes;
 * a final pair gives one byte. Characters outside the alphabet (line breaks) are skipped first.
 */
export function base45Decode(text: string, fail: (message: string) => never): Uint8Array {
  const digits: number[] = [];
  for (const char of text) {
    const digit = BASE45.indexOf(char);
    if (digit >= 0) digits.push(digit);
  }
  if (digits.length % 3 === 1)
    fail(`a base-45 payload of ${digits.length} characters is not valid (length mod 3 is 1)`);
  const out = new Uint8Array(2 * Math.floor(digits.length / 3) + (digits.length % 3 === 2 ? 1 : 0));
  let at = 0;
  for (let i = 0; i < digits.length; i += 3) {
    let n = (digits[i] as number) + 45 * (digits[i + 1] as number);
    if (i + 2 < digits.length) {
      n += 45 * 45 * (digits[i + 2] as number);
      if (n > 0xffff) fail(`base-45 characters ${i + 1}–${i + 3} give ${n}, more than two bytes hold`);
      out[at++] = n >> 8;
      n &= 0xff;
    } else if (n > 0xff) {
      fail(`the last two base-45 characters give ${n}, more than a byte holds`);
    }
    out[at++] = n;
  }
  return out;
}

/**
 * zlib inflate (fflate `unzlibSync`), refusing output above `maxBytes`. fflate truncates silently
 * to the size of a given output buffer, so the buffer grows (×8) until the output fits in it with
 * room to spare; beyond `maxBytes` the payload is refused. (fflate does not check the Adler-32.)
 */
export function inflateCapped(data: Uint8Array, maxBytes: number, fail: (message: string) => never): Uint8Array {
  let size = Math.min(maxBytes + 1, Math.max(64 * 1024, 16 * data.length));
  for (;;) {
    let out: Uint8Array;
    try {
      out = unzlibSync(data, { out: new Uint8Array(size) });
    } catch (error) {
      return fail(
        `the zlib-compressed payload cannot be inflated (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (out.length < size) return out;
    if (size > maxBytes) fail(`the payload inflates to more than ${maxBytes / (1024 * 1024)} MiB`);
    size = Math.min(maxBytes + 1, size * 8);
  }
}
