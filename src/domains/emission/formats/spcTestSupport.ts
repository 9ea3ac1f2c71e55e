/**
 * Test support for the SPC reader: writes small Thermo/Galactic SPC files of every shape (the layout
 * of `spcLayout.ts`), so that each shape, both byte orders and the old format are tested on files
 * whose content is known exactly. Only tests import it.
 */

/** One subfile: raw Y (integers, or floats with exponent −128), its own X for XYXY files. */
export interface SpcSubfileSpec {
  readonly y: readonly number[];
  readonly x?: readonly number[];
  /** `subexp`; 0 = use the file's exponent. */
  readonly exponent?: number;
  readonly z?: number;
  readonly zEnd?: number;
  readonly scans?: number;
}

/** What {@link buildSpc} writes. */
export interface SpcSpec {
  readonly version?: 0x4b | 0x4c | 0x4d;
  readonly flags?: number;
  readonly exponent?: number;
  readonly first?: number;
  readonly last?: number;
  /** The shared X array of XY and XYY files. */
  readonly x?: readonly number[];
  readonly xType?: number;
  readonly yType?: number;
  readonly zType?: number;
  readonly comment?: string;
  /** Custom X, Y, Z labels (`fcatxt`), written NUL-separated. */
  readonly labels?: readonly [string, string, string];
  /** `fnsub` as written; default: the number of subfiles. */
  readonly declaredSubfiles?: number;
  readonly log?: string;
  readonly subfiles: readonly SpcSubfileSpec[];
}

/** The bytes of an SPC file as `spec` describes it. */
export function buildSpc(spec: SpcSpec): Uint8Array {
  const version = spec.version ?? 0x4b;
  const flags = spec.flags ?? 0;
  const le = version !== 0x4c;
  const y16 = (flags & 1) !== 0;
  const xyxy = (flags & 64) !== 0;
  const parts: Uint8Array[] = [];
  const exponent = spec.exponent ?? 0;
  const subfileBytes = (sub: SpcSubfileSpec): Uint8Array => {
    const n = sub.y.length;
    const out = new Uint8Array(32 + (xyxy ? 4 * n : 0) + n * (y16 ? 2 : 4));
    const v = new DataView(out.buffer);
    v.setInt8(1, sub.exponent ?? 0);
    v.setFloat32(4, sub.z ?? 0, le);
    v.setFloat32(8, sub.zEnd ?? 0, le);
    v.setUint32(16, xyxy ? n : 0, le);
    v.setUint32(20, sub.scans ?? 0, le);
    let at = 32;
    if (xyxy) {
      for (const x of sub.x ?? []) {
        v.setFloat32(at, x, le);
        at += 4;
      }
    }
    const exp = sub.exponent || exponent;
    for (const y of sub.y) {
      if (y16) v.setInt16(at, y, le);
      else if (exp === -128) v.setFloat32(at, y, le);
      else if (version === 0x4d) {
        // Old format: the two 16-bit halves of the int32 in swapped order (spc-parser oldDataBlock.ts).
        v.setUint16(at, (y >>> 16) & 0xffff, true);
        v.setUint16(at + 2, y & 0xffff, true);
      } else v.setInt32(at, y, le);
      at += y16 ? 2 : 4;
    }
    return out;
  };
  if (version === 0x4d) {
    const header = new Uint8Array(224);
    const v = new DataView(header.buffer);
    header[0] = flags;
    header[1] = 0x4d;
    v.setInt16(2, exponent, true);
    v.setFloat32(4, spec.subfiles[0]?.y.length ?? 0, true);
    v.setFloat32(8, spec.first ?? 0, true);
    v.setFloat32(12, spec.last ?? 1, true);
    header[16] = spec.xType ?? 3;
    header[17] = spec.yType ?? 0;
    writeText(header, 64, spec.comment ?? '', 130);
    parts.push(header, ...spec.subfiles.map(subfileBytes));
    return concat(parts);
  }
  const header = new Uint8Array(512);
  const v = new DataView(header.buffer);
  header[0] = flags;
  header[1] = version;
  v.setInt8(3, exponent);
  const shared = spec.x?.length ?? spec.subfiles[0]?.y.length ?? 0;
  v.setFloat64(8, spec.first ?? 0, le);
  v.setFloat64(16, spec.last ?? 1, le);
  v.setUint32(24, spec.declaredSubfiles ?? spec.subfiles.length, le);
  header[28] = spec.xType ?? 3;
  header[29] = spec.yType ?? 0;
  header[30] = spec.zType ?? 0;
  writeText(header, 88, spec.comment ?? '', 130);
  if (spec.labels) writeText(header, 218, spec.labels.join('\0'), 30);
  const body: Uint8Array[] = [];
  if (spec.x !== undefined && !xyxy) {
    const xs = new Uint8Array(4 * spec.x.length);
    const xv = new DataView(xs.buffer);
    for (const [i, x] of spec.x.entries()) xv.setFloat32(4 * i, x, le);
    body.push(xs);
  }
  body.push(...spec.subfiles.map(subfileBytes));
  const dataEnd = 512 + body.reduce((sum, part) => sum + part.length, 0);
  v.setUint32(4, xyxy ? dataEnd : shared, le);
  if (spec.log !== undefined) {
    v.setUint32(248, dataEnd, le);
    const text = new TextEncoder().encode(spec.log);
    const log = new Uint8Array(64 + text.length + 1);
    const lv = new DataView(log.buffer);
    lv.setUint32(0, log.length, le);
    lv.setUint32(8, 64, le);
    log.set(text, 64);
    body.push(log);
  }
  return concat([header, ...body]);
}

function writeText(target: Uint8Array, offset: number, text: string, length: number): void {
  for (let i = 0; i < Math.min(text.length, length - 1); i++) target[offset + i] = text.charCodeAt(i) & 0xff;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
