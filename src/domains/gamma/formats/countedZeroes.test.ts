import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressCountedZeroes, describeCountedZeroesProblem, expandCountedZeroes } from './countedZeroes';

describe('CountedZeroes', () => {
  it('expands a run marker and keeps other values', () => {
    expect(Array.from(expandCountedZeroes([0, 3, 3, 43, 0, 1, 5], 100) as Float64Array)).toEqual([
      0, 0, 0, 3, 43, 0, 5,
    ]);
    expect(compressCountedZeroes([0, 0, 0, 3, 43, 0, 5])).toEqual([0, 3, 3, 43, 0, 1, 5]);
  });
  it('treats −0 as a value, not as a run', () => {
    expect(compressCountedZeroes([-0, 0])).toEqual([-0, 0, 1]);
    expect(Object.is((expandCountedZeroes([-0, 0, 1], 10) as Float64Array)[0], -0)).toBe(true);
  });
  it('reports malformed lists before allocating', () => {
    expect(expandCountedZeroes([1, 0], 10)).toEqual({ kind: 'missingCount' });
    expect(expandCountedZeroes([0, -1], 10)).toEqual({ kind: 'badCount', value: -1, index: 1 });
    expect(expandCountedZeroes([0, 1e12], 1 << 20)).toEqual({ kind: 'tooLong', limit: 1 << 20 });
    expect(describeCountedZeroesProblem({ kind: 'tooLong', limit: 5 })).toContain('more than 5 channels');
  });
  it('compress then expand is the identity (Object.is per channel)', () => {
    const value = fc.oneof(fc.constant(0), fc.constant(-0), fc.nat(9), fc.double());
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (counts) => {
        const back = expandCountedZeroes(compressCountedZeroes(counts), 1000) as Float64Array;
        expect(back.length).toBe(counts.length);
        counts.forEach((v, i) => {
          expect(Object.is(back[i], v)).toBe(true);
        });
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
