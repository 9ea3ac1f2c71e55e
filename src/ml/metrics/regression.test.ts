import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../core/thrownWorkbenchError';
import { mae, r2, rmse } from './regression';

// Multiples of 1e-3: no subnormal numbers, whose squares underflow to 0.
const values = fc.array(
  fc.integer({ min: -1e6, max: 1e6 }).map((v) => v / 1000),
  { minLength: 1, maxLength: 50 },
);

describe('regression metrics: hand-checked', () => {
  // Two outputs: output 0 truth 1 2 3 predicted 1 2 5; output 1 truth 0 0 0 predicted 0 0 0.
  const truth = [1, 0, 2, 0, 3, 0];
  const predicted = [1, 0, 2, 0, 5, 0];

  it('mae, rmse, r2 per output and overall (uniform average)', () => {
    const options = { outputs: 2 };
    expect(Array.from(mae(truth, predicted, options).perOutput)).toEqual([2 / 3, 0]);
    expect(mae(truth, predicted, options).overall).toBeCloseTo(1 / 3, 15);
    expect(Array.from(rmse(truth, predicted, options).perOutput)).toEqual([Math.sqrt(4 / 3), 0]);
    // Output 0: 1 − 4 / 2 = −1; output 1: constant truth predicted exactly → 1.
    expect(Array.from(r2(truth, predicted, options).perOutput)).toEqual([-1, 1]);
    expect(r2(truth, predicted, options).overall).toBe(0);
    expect(r2([2, 2], [2, 3]).overall).toBe(0); // constant truth, not predicted exactly
  });

  it('rejects bad arguments with INVALID_OPTION naming them', () => {
    expect(thrown(() => mae([1, 2], [1])).message).toMatch(/predicted has 1 values, truth 2/);
    expect(thrown(() => rmse([1, Number.NaN], [1, 2])).message).toMatch(/truth\[1\]/);
    expect(thrown(() => r2([1, 2, 3], [1, 2, 3], { outputs: 2 })).message).toMatch(/multiple of 2/);
    expect(thrown(() => r2([1], [1], { outputs: 0 })).message).toMatch(/outputs/);
    expect(thrown(() => mae([], [])).code).toBe('INVALID_OPTION');
  });
});

describe('regression metrics: properties', () => {
  it('the truth itself: mae = rmse = 0, r2 = 1', () => {
    fc.assert(
      fc.property(values, (truth) => {
        expect(mae(truth, truth).overall).toBe(0);
        expect(rmse(truth, truth).overall).toBe(0);
        expect(r2(truth, truth).overall).toBe(1);
      }),
    );
  });

  it('mae ≤ rmse, r2 ≤ 1, predicting the mean gives r2 ≈ 0', () => {
    fc.assert(
      fc.property(values, values, (truth, noise) => {
        const predicted = truth.map((t, i) => t + (noise[i % noise.length] as number));
        expect(mae(truth, predicted).overall).toBeLessThanOrEqual(rmse(truth, predicted).overall * (1 + 1e-12));
        expect(r2(truth, predicted).overall).toBeLessThanOrEqual(1);
        const mean = truth.reduce((a, b) => a + b, 0) / truth.length;
        const spread = truth.reduce((a, b) => a + (b - mean) ** 2, 0);
        if (spread > 1e-6)
          expect(
            r2(
              truth,
              truth.map(() => mean),
            ).overall,
          ).toBeCloseTo(0, 6);
      }),
    );
  });
});
