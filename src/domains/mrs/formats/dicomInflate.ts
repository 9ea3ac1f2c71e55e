import { Inflate } from 'fflate';
import { WorkbenchError } from '../../../core';

/** Largest inflated data set accepted from a deflated DICOM file: 512 MiB. */
export const DICOM_INFLATE_CAP = 512 * 1024 * 1024;

/** Compressed bytes pushed at a time: one push gives at most ~1032 × this (RFC 1951's best ratio). */
const PUSH_BYTES = 16 * 1024;

/**
 * Inflater for dicom-parser's `inflater` option, for the Deflated Explicit VR Little Endian transfer
 * syntax 1.2.840.10008.1.2.1.99 (PS3.5 A.5: the data set after the file meta information is one
 * raw RFC 1951 deflate stream). Returns the file meta bytes followed by the inflated data set, as
 * dicom-parser expects. The stream is pushed in small pieces into fflate's streaming `Inflate`, so
 * a decompression bomb stops at `maxBytes` instead of filling the memory.
 *
 * @throws WorkbenchError TOO_LARGE (over `maxBytes`), INVALID_DATA (corrupt deflate data) or
 *   TRUNCATED (the stream ends early), with `file` set.
 */
export function inflateDicomCapped(
  bytes: Uint8Array,
  position: number,
  fileName: string,
  maxBytes = DICOM_INFLATE_CAP,
): Uint8Array {
  const fail = (code: 'TOO_LARGE' | 'INVALID_DATA' | 'TRUNCATED', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) {
      fail('TOO_LARGE', `the deflated DICOM data set inflates to more than ${maxBytes / (1024 * 1024)} MiB`);
    }
    chunks.push(chunk);
    if (final) finished = true;
  });
  try {
    for (let at = position; at < bytes.length && !finished; at += PUSH_BYTES) {
      const end = Math.min(bytes.length, at + PUSH_BYTES);
      inflater.push(bytes.subarray(at, end), end === bytes.length);
    }
    if (bytes.length <= position) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const text = error instanceof Error ? error.message : String(error);
    if (/unexpected EOF/i.test(text)) fail('TRUNCATED', `the deflated DICOM data set ends early (${text})`);
    fail('INVALID_DATA', `the deflated DICOM data set (from byte ${position}) cannot be inflated (${text})`);
  }
  if (!finished) fail('TRUNCATED', 'the deflated DICOM data set ends before its last deflate block');
  const out = new Uint8Array(position + total);
  out.set(bytes.subarray(0, position));
  let at = position;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
