import { describe, expect, it } from 'vitest';
import { column, quantileSorted, relativeErrorSummary } from './relativeErrors';

describe('quantileSorted', () => {
  it('interpolates linearly between order statistics (NumPy default, type 7)', () => {
    // numpy.quantile([1, 2, 3, 4], [0, 0.5, 0.9, 1]) = [1, 2.5, 3.7, 4]
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([5], 0.9)).toBe(5);
    expect(quantileSorted([1, Number.POSITIVE_INFINITY], 0.9)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses an empty list and q outside [0, 1]', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(/no values/);
    expect(() => quantileSorted([1], 1.5)).toThrow(/q must lie/);
  });
});

describe('relativeErrorSummary', () => {
  it('gives the median and 90th percentile of |ĉ/c − 1|', () => {
    // Relative errors 0.1, 0.2, 0.05, 0 (sorted 0, 0.05, 0.1, 0.2): median 0.075, p90 0.17.
    const summary = relativeErrorSummary([1, 2, 10, 4], [1.1, 1.6, 10.5, 4]);
    expect(summary.median).toBeCloseTo(0.075, 12);
    expect(summary.p90).toBeCloseTo(0.17, 12);
    expect(summary.failures).toBe(0);
    expect(summary.count).toBe(4);
  });

  it('counts a missing prediction as an infinite error, not as a skipped sample', () => {
    const summary = relativeErrorSummary([1, 1, 1, 1, 1], [1, 1, 1, 1, Number.NaN]);
    expect(summary.failures).toBe(1);
    expect(summary.median).toBe(0);
    expect(summary.p90).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses unequal lengths and non-positive truths', () => {
    expect(() => relativeErrorSummary([1, 2], [1])).toThrow(/2 true values but 1/);
    expect(() => relativeErrorSummary([0], [1])).toThrow(/not > 0/);
  });
});

describe('column', () => {
  it('takes one column of a row-major array through a map', () => {
    expect(Array.from(column([1, 2, 3, 4, 5, 6], 3, 1))).toEqual([2, 5]);
    expect(Array.from(column([0, Math.log(2)], 2, 1, Math.exp))).toEqual([2]);
  });
});
