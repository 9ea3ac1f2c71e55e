import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryReader } from '../../../formats/binaryReader';
import { readPdp11Float } from './pdp11Float';

/** SpecUtils' writer: IEEE float32 of 4·value with its two 16-bit words swapped. */
function camFloat(value: number): Uint8Array {
  const ieee = new Uint8Array(4);
  new DataView(ieee.buffer).setFloat32(0, value * 4, true);
  return Uint8Array.from([ieee[2] as number, ieee[3] as number, ieee[0] as number, ieee[1] as number]);
}
const read = (bytes: Uint8Array) => readPdp11Float(new BinaryReader(bytes, 'f.cnf'), 0, 'a float');

describe('readPdp11Float', () => {
  it('reads the Falcon calibration words as stored in the fixture', () => {
    // the Falcon 5000 gain (stored at ACQP + 0x30 + 0x3b7 + 0x48)
    expect(read(camFloat(0.7189929485321045))).toBe(Math.fround(0.7189929485321045));
    expect(read(Uint8Array.from([0x80, 0x40, 0x00, 0x00]))).toBe(1); // CAM's constant 1.0 (nuclide blocks)
    expect(read(new Uint8Array(4))).toBe(0);
    expect(read(Uint8Array.from([0x00, 0x80, 0x00, 0x00]))).toBe(0); // −0 from an IEEE writer, not NaN
  });

  it('inverts SpecUtils’ encoder for normal float32 values', () => {
    fc.assert(
      fc.property(fc.float({ min: Math.fround(-1e30), max: Math.fround(1e30), noNaN: true }), (value) => {
        fc.pre(value === 0 || Math.abs(value) > 1e-30);
        expect(read(camFloat(value)) === Math.fround(value)).toBe(true); // −0 reads as 0 (=== equal)
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('throws TRUNCATED past the end', () => {
    expect(() => read(new Uint8Array(3))).toThrow(/ends before a float/);
  });
});
