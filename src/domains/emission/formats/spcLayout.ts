/**
 * Header and layout of a Thermo/Galactic SPC file, checked against the file's length before any
 * array is allocated (optical-notes §4.2; Galactic `SPC.H` field order as spc-parser 1.0.0
 * `fileHeader.ts` reads it; offsets computed from it):
 * - byte 0 `ftflgs`: 1 = 16-bit Y, 4 = multifile, 8/16 = random/ordered Z, 32 = custom axis labels,
 *   64 = an X array per subfile (XYXY), 128 = an explicit X array (XY);
 * - byte 1 `fversn`: 0x4B new format little-endian (512-byte header), 0x4C new format big-endian,
 *   0x4D old LabCalc format (256-byte header whose last 32 bytes are the first subheader);
 * - each subfile: a 32-byte subheader (`subexp` @1, `subtime` f32 @4, `subnext` f32 @8, `subnpts`
 *   u32 @16, `subscan` u32 @20, `subwlevel` f32 @24), its own X (XYXY only, float32), then Y:
 *   int32 (int16 with the 16-bit flag) scaled by 2^(exp−32) (2^(exp−16)), or float32 when exp = −128.
 * Shapes: Y (one subfile, even X), XY (X array before the first subheader), YY (several subfiles,
 * even X), XYY (several, shared X array), XYXY (an X array per subfile; `fnpts` is then the offset of
 * a subfile directory, not a point count).
 */

/** Most points one subfile may declare (2^24). */
export const MAX_SPC_POINTS = 2 ** 24;

/** The fields of the file header the reader uses (new and old format). */
export interface SpcHeader {
  readonly flags: number;
  readonly version: 0x4b | 0x4c | 0x4d;
  readonly littleEndian: boolean;
  /** Experiment type code (`fexper`, new format). */
  readonly experiment: number;
  readonly exponent: number;
  /** `fnpts` (new) or `onpts` (old): points per subfile, or the directory offset in XYXY files. */
  readonly points: number;
  readonly first: number;
  readonly last: number;
  /** Subfiles the header declares (`fnsub`; the old format does not say). */
  readonly declaredSubfiles: number;
  readonly xType: number;
  readonly yType: number;
  readonly zType: number;
  readonly date?: string;
  readonly resolution: string;
  readonly source: string;
  readonly comment: string;
  /** `fcatxt`: custom X, Y, Z labels (NUL-separated). */
  readonly labels: readonly [string, string, string];
  readonly logOffset: number;
  readonly method: string;
  readonly zIncrement: number;
  readonly wPlanes: number;
}

/** Where each subfile lies, as the reader will read it. */
export interface SpcLayout {
  readonly header: SpcHeader;
  readonly shape: 'Y' | 'XY' | 'YY' | 'XYY' | 'XYXY';
  /** Byte offset of each subheader, and each subfile's point count. */
  readonly subfiles: readonly { readonly offset: number; readonly points: number }[];
  /** Offset one past the last subfile's data. */
  readonly end: number;
}

/** Why the header or layout is unusable; `truncated` when the file ends before a part it declares. */
export class SpcLayoutError extends Error {
  readonly truncated: boolean;
  constructor(message: string, truncated: boolean) {
    super(message);
    this.truncated = truncated;
  }
}

/** Latin-1 text of bytes [from, to), control characters as spaces, trimmed. */
function latin1(bytes: Uint8Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to && i < bytes.length; i++) {
    const code = bytes[i] as number;
    out += code < 32 || code === 127 ? ' ' : String.fromCharCode(code);
  }
  return out.trim();
}

/** A NUL-terminated text field of `length` bytes at `offset`. */
function text(bytes: Uint8Array, offset: number, length: number): string {
  const nul = bytes.subarray(offset, offset + length).indexOf(0);
  return latin1(bytes, offset, nul < 0 ? offset + length : offset + nul);
}

/** `fcatxt`: three NUL-terminated strings, the X, Y and Z labels (an empty X label is a lone NUL). */
function labels(bytes: Uint8Array, offset: number): [string, string, string] {
  const out: string[] = [];
  let start = offset;
  for (let k = 0; k < 3; k++) {
    const nul = bytes.subarray(start, offset + 30).indexOf(0);
    const end = nul < 0 ? offset + 30 : start + nul;
    out.push(latin1(bytes, start, end));
    start = Math.min(offset + 30, end + 1);
  }
  return [out[0] ?? '', out[1] ?? '', out[2] ?? ''];
}

/** `fdate` (minute 6 bits, hour 5, day 5, month 4, year 12) as `YYYY-MM-DDTHH:MM`, or undefined. */
function packedDate(d: number): string | undefined {
  return isoDate(d >>> 20, (d >>> 16) & 0x0f, (d >>> 11) & 0x1f, (d >>> 6) & 0x1f, d & 0x3f);
}

function isoDate(year: number, month: number, day: number, hour: number, minute: number): string | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) {
    return undefined;
  }
  const two = (v: number): string => String(v).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}`;
}

/** Reads the file header. @throws SpcLayoutError for an unknown version byte or a short file. */
export function readSpcHeader(bytes: Uint8Array): SpcHeader {
  const version = bytes[1];
  if (bytes.length < 2 || (version !== 0x4b && version !== 0x4c && version !== 0x4d)) {
    const shown = version === undefined ? 'missing' : `0x${version.toString(16).padStart(2, '0').toUpperCase()}`;
    throw new SpcLayoutError(`byte 1 (the version) is ${shown}; an SPC file has 0x4B, 0x4C or 0x4D`, false);
  }
  const size = version === 0x4d ? 256 : 512;
  if (bytes.length < size) {
    throw new SpcLayoutError(`the file ends at byte ${bytes.length}, inside the ${size}-byte header`, true);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const littleEndian = version !== 0x4c;
  const flags = bytes[0] as number;
  if (version === 0x4d) {
    const year = view.getUint16(18, true) & 0x0fff;
    const date = isoDate(
      year < 100 ? 1900 + year : year,
      bytes[20] ?? 0,
      bytes[21] ?? 0,
      bytes[22] ?? 0,
      bytes[23] ?? 0,
    );
    return {
      flags,
      version,
      littleEndian,
      experiment: 0,
      exponent: view.getInt16(2, true),
      points: view.getFloat32(4, true),
      first: view.getFloat32(8, true),
      last: view.getFloat32(12, true),
      declaredSubfiles: 0,
      xType: bytes[16] as number,
      yType: bytes[17] as number,
      zType: 0,
      ...(date === undefined ? {} : { date }),
      resolution: text(bytes, 24, 8),
      source: '',
      comment: text(bytes, 64, 130),
      labels: labels(bytes, 194),
      logOffset: 0,
      method: '',
      zIncrement: 0,
      wPlanes: 0,
    };
  }
  const date = packedDate(view.getUint32(32, littleEndian));
  return {
    flags,
    version,
    littleEndian,
    experiment: bytes[2] as number,
    exponent: view.getInt8(3),
    points: view.getUint32(4, littleEndian),
    first: view.getFloat64(8, littleEndian),
    last: view.getFloat64(16, littleEndian),
    declaredSubfiles: view.getUint32(24, littleEndian),
    xType: bytes[28] as number,
    yType: bytes[29] as number,
    zType: bytes[30] as number,
    ...(date === undefined ? {} : { date }),
    resolution: text(bytes, 36, 9),
    source: text(bytes, 45, 9),
    comment: text(bytes, 88, 130),
    labels: labels(bytes, 218),
    logOffset: view.getUint32(248, littleEndian),
    method: text(bytes, 264, 48),
    zIncrement: view.getFloat32(312, littleEndian),
    wPlanes: view.getUint32(316, littleEndian),
  };
}

/**
 * The header and where every subfile lies; every size is checked against the file length first.
 * @throws SpcLayoutError naming the field or subfile and its byte offset.
 */
export function readSpcLayout(bytes: Uint8Array): SpcLayout {
  const header = readSpcHeader(bytes);
  const { flags, version } = header;
  const y16 = (flags & 1) !== 0;
  const multi = (flags & 4) !== 0;
  const xyxy = (flags & 64) !== 0;
  const xy = (flags & 128) !== 0;
  const yBytes = y16 ? 2 : 4;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (message: string, truncated = false): never => {
    throw new SpcLayoutError(message, truncated);
  };
  const checkPoints = (n: number, what: string): number => {
    if (!(Number.isInteger(n) && n >= 1 && n <= MAX_SPC_POINTS)) {
      fail(`${what} is ${n}: not a point count this reader accepts (1 to ${MAX_SPC_POINTS})`);
    }
    return n;
  };
  if (version === 0x4d) {
    const n = checkPoints(header.points, 'the point count (onpts, bytes 4–7)');
    if (!Number.isFinite(header.first) || !Number.isFinite(header.last))
      fail('the first or last x (bytes 8–15) is not finite');
    const size = 32 + n * yBytes;
    if (224 + size > bytes.length)
      fail(`the file ends at byte ${bytes.length}, inside the first subfile (bytes 224…${224 + size - 1})`, true);
    const count = multi ? Math.floor((bytes.length - 224) / size) : 1;
    const subfiles = Array.from({ length: count }, (_, k) => ({ offset: 224 + k * size, points: n }));
    return { header, shape: multi ? 'YY' : 'Y', subfiles, end: 224 + count * size };
  }
  const shape = xyxy ? 'XYXY' : multi ? (xy ? 'XYY' : 'YY') : xy ? 'XY' : 'Y';
  const count = multi ? header.declaredSubfiles : 1;
  if (count < 1) fail('the header declares no subfile (fnsub, bytes 24–27, is 0)');
  if (count > MAX_SPC_POINTS)
    fail(`the header declares ${count} subfiles (fnsub, bytes 24–27): not a count this reader accepts`);
  if (count > (bytes.length - 512) / 32) {
    fail(`the header declares ${count} subfiles (fnsub), more than ${bytes.length} bytes can hold`, true);
  }
  let offset = 512;
  let shared = 0;
  if (!xyxy) {
    shared = checkPoints(header.points, 'the point count (fnpts, bytes 4–7)');
    if (!xy && !(Number.isFinite(header.first) && Number.isFinite(header.last))) {
      fail('the first or last x (ffirst, flast, bytes 8–23) is not a finite number');
    }
    if (xy) offset += 4 * shared;
  }
  const subfiles: { offset: number; points: number }[] = [];
  for (let k = 0; k < count; k++) {
    if (offset + 32 > bytes.length) {
      fail(
        `the file ends at byte ${bytes.length}, before subfile ${k + 1} of ${count} (its header at byte ${offset})`,
        true,
      );
    }
    const n = xyxy
      ? checkPoints(
          view.getUint32(offset + 16, header.littleEndian),
          `subfile ${k + 1}'s point count (subnpts, byte ${offset + 16})`,
        )
      : shared;
    const size = 32 + (xyxy ? 4 * n : 0) + n * yBytes;
    if (offset + size > bytes.length) {
      fail(
        `the file ends at byte ${bytes.length}, inside subfile ${k + 1} of ${count} (bytes ${offset}…${offset + size - 1})`,
        true,
      );
    }
    subfiles.push({ offset, points: n });
    offset += size;
  }
  return { header, shape, subfiles, end: offset };
}
