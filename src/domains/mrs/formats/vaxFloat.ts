import { WorkbenchError } from '../../../core';

/**
 * Decodes `count` 32-bit VAX F-floats starting at byte `offset` (Philips `.sdat`: "dataformat: VAX
 * CPX floats" in the `.spar` comment; layout after mrs-notes §3.3, spec2nii `Philips/philips.py`,
 * and the DEC VAX architecture handbook).
 *
 * A VAX F-float is two little-endian 16-bit words; the first holds the sign (bit 15), the 8-bit
 * excess-128 exponent (bits 14–7) and the top 7 fraction bits, the second the low 16 fraction bits.
 * In bytes b0 b1 b2 b3: sign = b1 & 0x80, exponent = ((b1 & 0x7f) << 1) | (b0 >> 7),
 * fraction = ((b0 & 0x7f) << 16) | (b3 << 8) | b2, value = ±(0.5 + fraction / 2²⁴) · 2^(exponent − 128)
 * (the hidden bit is worth ½). Exponent 0 with sign 0 is zero (whatever the fraction); exponent 0
 * with sign 1 is the "reserved operand", which traps on a VAX and is refused here.
 *
 * @throws WorkbenchError TRUNCATED when fewer than `count` floats lie at `offset` (checked before
 *   allocating), INVALID_DATA at a reserved operand (with its byte offset).
 */
export function readVaxFloats(bytes: Uint8Array, offset: number, count: number, fileName: string): Float64Array {
  if (!(Number.isInteger(count) && count >= 0 && offset >= 0 && offset + 4 * count <= bytes.length)) {
    throw new WorkbenchError(
      'TRUNCATED',
      `the file ends before the ${count} VAX floats at byte ${offset} (it has ${bytes.length} bytes)`,
      { file: fileName },
    );
  }
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = offset + 4 * i;
    const b0 = bytes[at] as number;
    const b1 = bytes[at + 1] as number;
    const b2 = bytes[at + 2] as number;
    const b3 = bytes[at + 3] as number;
    const exponent = ((b1 & 0x7f) << 1) | (b0 >> 7);
    const negative = (b1 & 0x80) !== 0;
    if (exponent === 0) {
      if (negative) {
        throw new WorkbenchError('INVALID_DATA', `a VAX reserved operand (not a number) at byte ${at}`, {
          file: fileName,
        });
      }
      continue; // true zero (out is zero-filled)
    }
    const fraction = ((b0 & 0x7f) << 16) | (b3 << 8) | b2;
    const magnitude = (0.5 + fraction / 0x1000000) * 2 ** (exponent - 128);
    out[i] = negative ? -magnitude : magnitude;
  }
  return out;
}

/** Encodes one number as a VAX F-float (4 bytes), for tests and writers; |value| beyond the VAX range throws a RangeError. */
export function vaxFloatBytes(value: number): Uint8Array {
  const out = new Uint8Array(4);
  if (value === 0) return out;
  if (!Number.isFinite(value)) throw new RangeError(`${value} has no VAX F-float`);
  const negative = value < 0;
  let magnitude = Math.abs(value);
  let exponent = 128;
  while (magnitude >= 1) {
    magnitude /= 2;
    exponent++;
  }
  while (magnitude < 0.5) {
    magnitude *= 2;
    exponent--;
  }
  let fraction = Math.round((magnitude - 0.5) * 0x1000000);
  if (fraction === 0x800000) {
    fraction = 0;
    exponent++;
  }
  if (exponent < 1 || exponent > 255) throw new RangeError(`${value} is outside the VAX F-float range`);
  out[0] = ((exponent & 1) << 7) | ((fraction >> 16) & 0x7f);
  out[1] = (negative ? 0x80 : 0) | (exponent >> 1);
  out[2] = fraction & 0xff;
  out[3] = (fraction >> 8) & 0xff;
  return out;
}
