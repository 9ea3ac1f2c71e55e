import { Inflate } from 'fflate';
import { WorkbenchError } from '../../../core';
import { vendorFail } from './vendorText';

/**
 * A small, defensive ZIP reader for one-entry-at-a-time extraction (the ProcSpec archive, optical-notes
 * §4.3): the central directory is read by hand (APPNOTE.TXT 4.3.12/4.3.16: end record 50 4B 05 06,
 * directory entries 50 4B 01 02, local headers 50 4B 03 04), so that every offset and size is checked
 * against the file before use, and an entry is inflated with fflate's streaming `Inflate` into a
 * buffer of exactly the size the directory states, after checking that size against a cap and
 * against what deflate can produce from the compressed size (≈ 1032:1, RFC 1951). ZIP64, multi-disk
 * and encrypted archives are refused. The CRC-32 of every extracted entry is checked.
 */

/** One entry of the central directory. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflate. */
  readonly method: number;
  readonly flags: number;
  readonly crc32: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** Largest entry {@link zipEntryData} inflates by default: 64 MiB (a ProcSpec XML is about 0.5–1 MiB). */
export const ZIP_ENTRY_CAP = 64 * 1024 * 1024;

const MAX_DEFLATE_RATIO = 1032;
const latin1 = new TextDecoder('latin1');
const PUSH_BYTES = 16 * 1024;

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) + u16(bytes, at + 2) * 65536) >>> 0;
}

/** True when `bytes` start with a ZIP local file header (50 4B 03 04). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && u32(bytes, 0) === 0x04034b50;
}

/**
 * The entries of the central directory.
 * @throws WorkbenchError TRUNCATED (a ZIP whose end record is missing), INVALID_DATA (not a ZIP,
 *   ZIP64 or multi-disk, a directory outside the file or with a bad signature: the offset is named).
 */
export function zipEntries(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const invalid = (message: string): never => vendorFail('INVALID_DATA', message, fileName);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) {
    if (isZip(bytes))
      return vendorFail('TRUNCATED', 'the ZIP archive ends before its end-of-directory record', fileName);
    return invalid('this is not a ZIP archive (no local header at byte 0, no end-of-directory record)');
  }
  const count = u16(bytes, end + 10);
  const directorySize = u32(bytes, end + 12);
  const directory = u32(bytes, end + 16);
  if (u16(bytes, end + 4) !== 0 || u16(bytes, end + 6) !== 0) invalid('multi-disk ZIP archives are not read');
  if (count === 0xffff || directorySize === 0xffffffff || directory === 0xffffffff) {
    invalid('ZIP64 archives are not read');
  }
  if (directory + directorySize > end) {
    invalid(
      `the central directory (bytes ${directory}…${directory + directorySize}) runs past its end record at byte ${end}`,
    );
  }
  const entries: ZipEntry[] = [];
  let at = directory;
  for (let k = 0; k < count; k++) {
    if (at + 46 > directory + directorySize || u32(bytes, at) !== 0x02014b50) {
      invalid(`directory entry ${k + 1} of ${count} at byte ${at} is not a ZIP directory header`);
    }
    const nameLength = u16(bytes, at + 28);
    const skip = 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (at + skip > directory + directorySize)
      invalid(`directory entry ${k + 1} at byte ${at} runs past the directory`);
    entries.push({
      name: latin1.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      flags: u16(bytes, at + 8),
      crc32: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
    });
    at += skip;
  }
  return entries;
}

/**
 * The bytes of one entry, inflated under a cap.
 * @param maxBytes largest size accepted (default {@link ZIP_ENTRY_CAP}).
 * @throws WorkbenchError TOO_LARGE (the stated size exceeds `maxBytes`), TRUNCATED (the entry's data
 *   run past the end of the file), INVALID_DATA (encrypted, unknown method, a size deflate cannot
 *   reach, corrupt deflate data, a size or CRC-32 that differs from the directory's).
 */
export function zipEntryData(
  bytes: Uint8Array,
  entry: ZipEntry,
  fileName: string,
  maxBytes = ZIP_ENTRY_CAP,
): Uint8Array {
  const invalid = (message: string): never => vendorFail('INVALID_DATA', `${entry.name}: ${message}`, fileName);
  if ((entry.flags & 1) !== 0) invalid('the entry is encrypted');
  if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff) invalid('ZIP64 entries are not read');
  if (entry.size > maxBytes) {
    vendorFail(
      'TOO_LARGE',
      `${entry.name}: the entry states ${entry.size} bytes, more than the limit of ${maxBytes}`,
      fileName,
    );
  }
  const local = entry.localOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) {
    invalid(`no local header at byte ${local}, where the directory points`);
  }
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  if (start + entry.compressedSize > bytes.length) {
    vendorFail(
      'TRUNCATED',
      `${entry.name}: the file ends inside the entry's data (bytes ${start}…${start + entry.compressedSize})`,
      fileName,
    );
  }
  const packed = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) invalid('a stored entry whose two sizes differ');
    data = packed.slice();
  } else if (entry.method === 8) {
    if (entry.size > MAX_DEFLATE_RATIO * entry.compressedSize + 1024) {
      invalid(`${entry.compressedSize} deflated bytes cannot hold the ${entry.size} bytes the directory states`);
    }
    data = inflateExactly(packed, entry.size, invalid);
  } else {
    return invalid(`compression method ${entry.method} is not read (only stored and deflate)`);
  }
  if (crc32(data) !== entry.crc32)
    invalid('the CRC-32 of the inflated data differs from the directory (a corrupt archive)');
  return data;
}

function inflateExactly(packed: Uint8Array, size: number, invalid: (message: string) => never): Uint8Array {
  const out = new Uint8Array(size);
  let length = 0;
  let finished = false;
  const inflater = new Inflate((chunk, final) => {
    if (length + chunk.length > size) invalid(`the data inflate to more than the ${size} bytes the directory states`);
    out.set(chunk, length);
    length += chunk.length;
    if (final) finished = true;
  });
  try {
    if (packed.length === 0) inflater.push(packed, true);
    for (let at = 0; at < packed.length && !finished; at += PUSH_BYTES) {
      inflater.push(packed.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= packed.length);
    }
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    invalid(
      `the deflate data are corrupt (${error instanceof Error ? error.message : String(error)}) after ${length} bytes`,
    );
  }
  if (!finished || length !== size) invalid(`the data inflate to ${length} bytes, the directory states ${size}`);
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO-HDLC, polynomial 0xEDB88320 reflected) as ZIP stores it. */
export function crc32(bytes: Uint8Array): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (crcTable[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
