import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rebinHistogram } from './rebinHistogram';

describe('rebinHistogram', () => {
  it('splits a bin in proportion to the overlap', () => {
    const out = rebinHistogram([0, 2], [10], [0, 0.5, 2]);
    expect([...out]).toEqual([2.5, 7.5]);
  });

  it('merges bins and carries Poisson variances', () => {
    const outputVariance = new Float64Array(1);
    const out = rebinHistogram([0, 1, 2, 3], [1, 2, 3], [0, 3], {
      variance: new Float64Array([1, 2, 3]),
      outputVariance,
    });
    expect([...out]).toEqual([6]);
    expect([...outputVariance]).toEqual([6]);
  });

  it('drops content outside the output range', () => {
    const out = rebinHistogram([0, 1, 2, 3, 4], [1, 1, 1, 1], [1.5, 2.5]);
    expect([...out]).toEqual([1]);
  });

  it('conserves the total when the output covers the input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 80 }),
        (values, width, nOut) => {
          const edgesIn = values.map((_, k) => k * width).concat(values.length * width);
          const span = values.length * width;
          const edgesOut = Array.from({ length: nOut + 1 }, (_, k) => -1 + (k * (span + 2)) / nOut);
          const out = rebinHistogram(edgesIn, values, edgesOut);
          const sumIn = values.reduce((a, b) => a + b, 0);
          const sumOut = out.reduce((a, b) => a + b, 0);
          expect(Math.abs(sumOut - sumIn)).toBeLessThanOrEqual(1e-9 * Math.max(1, sumIn));
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('refuses edges that do not ascend', () => {
    expect(() => rebinHistogram([0, 0, 1], [1, 1], [0, 1])).toThrow(/edgesIn must be finite and strictly ascending/);
    expect(() => rebinHistogram([0, 1], [1, 1], [0, 1])).toThrow(/edgesIn must have 3 values/);
  });
});
