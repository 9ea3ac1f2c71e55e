import { Gunzip } from 'fflate';
import { WorkbenchError } from '../../../core';

/** Largest decompressed size {@link gunzipCapped} accepts by default: 512 MiB. */
export const DEFAULT_GUNZIP_CAP = 512 * 1024 * 1024;

/**
 * Most output one deflate input byte can give: 258-byte matches coded in about 2 bits give a
 * ratio near 1032:1 (RFC 1951; zlib's "technical details"), so a gzip trailer stating more than
 * 1032 × the compressed size plus a little is a lie [B: zlib FAQ].
 */
const MAX_DEFLATE_RATIO = 1032;

/** Compressed bytes pushed into the inflater at a time: each push gives at most ~4 MiB of output. */
const PUSH_BYTES = 4096;

/** True when `bytes` start with the gzip magic 1F 8B (RFC 1952 §2.3.1). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function mib(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}

/**
 * Decompresses a gzip file (one or more members, RFC 1952) without letting a decompression bomb
 * fill the memory: refuses with `TOO_LARGE` when the ISIZE trailer (last 4 bytes, little-endian,
 * the last member's size mod 2³²) already states more than `maxBytes`, then inflates in small
 * pushes with fflate's streaming `Gunzip` and stops with `TOO_LARGE` as soon as the output passes
 * `maxBytes` (ISIZE is only a hint: it wraps at 4 GiB and can be forged). The output buffer is
 * sized from ISIZE only after ISIZE was checked against what the compressed size can hold.
 *
 * @param maxBytes decompressed size limit in bytes (default {@link DEFAULT_GUNZIP_CAP}).
 * @throws WorkbenchError TOO_LARGE (over the cap), TRUNCATED (the stream ends early),
 *   INVALID_DATA (corrupt deflate data or trailer), each with `file` = `fileName`.
 */
export function gunzipCapped(bytes: Uint8Array, fileName: string, maxBytes = DEFAULT_GUNZIP_CAP): Uint8Array {
  const fail = (code: 'TOO_LARGE' | 'TRUNCATED' | 'INVALID_DATA', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  if (bytes.length < 18) fail('TRUNCATED', `the gzip stream is only ${bytes.length} bytes (a gzip member needs 18)`);
  const n = bytes.length;
  const isize =
    ((bytes[n - 4] as number) | ((bytes[n - 3] as number) << 8) | ((bytes[n - 2] as number) << 16)) +
    (bytes[n - 1] as number) * 2 ** 24;
  // A truncated or corrupt file ends in arbitrary bytes: only a trailer the compressed size can back is believed.
  const plausible = isize <= MAX_DEFLATE_RATIO * n + 1024;
  if (plausible && isize > maxBytes) {
    fail('TOO_LARGE', `the gzip trailer states ${mib(isize)} decompressed, more than the limit of ${mib(maxBytes)}`);
  }
  let out = new Uint8Array(plausible ? Math.max(isize, 1024) : Math.min(maxBytes, 64 * n + 1024));
  let length = 0;
  let finished = false;
  let members = 1;
  const inflater = new Gunzip((chunk, final) => {
    if (length + chunk.length > maxBytes) {
      fail('TOO_LARGE', `the gzip stream inflates to more than the limit of ${mib(maxBytes)} (a decompression bomb?)`);
    }
    if (length + chunk.length > out.length) {
      const grown = new Uint8Array(Math.min(maxBytes, Math.max(2 * out.length, length + chunk.length)));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(chunk, length);
    length += chunk.length;
    if (final) finished = true;
  });
  inflater.onmember = () => {
    members++;
  };
  try {
    for (let at = 0; at < n; at += PUSH_BYTES) inflater.push(bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= n);
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const code = (error as { code?: unknown }).code;
    const what = error instanceof Error ? error.message : String(error);
    if (code === 0) fail('TRUNCATED', `the gzip stream ends early (${what}) after ${length} decompressed bytes`);
    fail('INVALID_DATA', `the gzip stream is corrupt (${what}) after ${length} decompressed bytes`);
  }
  if (!finished) fail('TRUNCATED', `the gzip stream ends early after ${length} decompressed bytes`);
  if (members === 1 && length % 2 ** 32 !== isize) {
    fail(
      'INVALID_DATA',
      `the gzip trailer states ${isize} bytes, but the stream inflates to ${length} (a corrupt file)`,
    );
  }
  return out.length === length ? out : out.slice(0, length);
}

/**
 * The first `wanted` decompressed bytes of a gzip stream's beginning (e.g. the 64 KiB a sniffer
 * gets), or fewer when the head holds fewer; never throws (corrupt data gives what was inflated
 * before it). Pushes 1 KiB at a time and stops as soon as `wanted` bytes are out, so it stays cheap.
 */
export function gunzipHead(head: Uint8Array, wanted: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  try {
    const inflater = new Gunzip((chunk) => {
      if (length < wanted) parts.push(chunk.subarray(0, wanted - length));
      length += chunk.length;
    });
    for (let at = 0; at < head.length && length < wanted; at += 1024) inflater.push(head.subarray(at, at + 1024));
  } catch {
    // corrupt or not gzip: keep what came out before
  }
  const out = new Uint8Array(Math.min(length, wanted));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
