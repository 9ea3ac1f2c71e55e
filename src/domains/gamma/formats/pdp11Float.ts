import type { BinaryReader } from '../../../formats/binaryReader';

/**
 * Reads a DEC PDP-11 (VAX F) 32-bit float, as Canberra CAM files store their calibrations.
 *
 * Layout [V: becquerel parsers/cnf.py `_from_pdp11`; SpecUtils CAMIO.cpp `convert_from_CAM_float`
 * = word-swapped IEEE float / 4]: two little-endian 16-bit words; the first holds the sign (bit
 * 15), an excess-128 exponent (bits 14–7) and the top 7 mantissa bits, the second the low 16
 * mantissa bits. The value is ±0.1m₂ × 2^(e−128) with a hidden leading 1 after the point, i.e.
 * (0.5 + m/2²⁴) · 2^(e−128). Exponent 0 reads as 0 whatever the sign and mantissa: on a PDP-11
 * sign 1 would be the reserved operand (becquerel returns NaN), but SpecUtils' writer produces it
 * from an IEEE −0, and a calibration coefficient of −0 must not become NaN.
 */
export function readPdp11Float(reader: BinaryReader, offset: number, what: string): number {
  reader.require(offset, 4, what);
  const high = reader.uint16(offset, what);
  const low = reader.uint16(offset + 2, what);
  const negative = (high & 0x8000) !== 0;
  const exponent = (high >> 7) & 0xff;
  if (exponent === 0) return 0;
  const mantissa = ((high & 0x7f) * 65536 + low) / 2 ** 24;
  const value = (0.5 + mantissa) * 2 ** (exponent - 128);
  return negative ? -value : value;
}
