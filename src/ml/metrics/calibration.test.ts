import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../core/thrownWorkbenchError';
import { expectedCalibrationError, intervalCoverage, predictiveEntropy, reliabilityBins } from './calibration';
import { gaussianIntervalZ, gaussianQuantile } from './gaussianQuantile';

describe('gaussianQuantile', () => {
  it('gives the familiar values and is odd', () => {
    expect(gaussianQuantile(0.5)).toBe(0);
    expect(gaussianIntervalZ(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(gaussianIntervalZ(0.6826894921370859)).toBeCloseTo(1, 14);
    expect(gaussianQuantile(0.025)).toBeCloseTo(-gaussianQuantile(0.975), 15);
    expect(thrown(() => gaussianQuantile(1)).message).toMatch(/p must be in \(0, 1\)/);
    expect(thrown(() => gaussianIntervalZ(0)).message).toMatch(/level/);
  });
});

describe('intervalCoverage', () => {
  it('counts truths inside mean ± z·sd, bounds included', () => {
    const z68 = gaussianIntervalZ(0.68);
    // Distances in sds: 0, 0.5, 0.99·z68, z68 exactly (inside), 1.5, 3.
    const truths = [0, 0.5, 0.99 * z68, z68, 1.5, 3];
    const means = [0, 0, 0, 0, 0, 0];
    const sds = [1, 1, 1, 1, 1, 1];
    expect(intervalCoverage(truths, means, sds, 0.68)).toBe(4 / 6);
    expect(intervalCoverage(truths, means, sds, 0.95)).toBe(5 / 6); // z = 1.96: 1.5 inside, 3 outside
    expect(intervalCoverage([1], [1], [0], 0.68)).toBe(1); // sd 0: only an exact hit
  });

  it('rejects bad arguments with INVALID_OPTION naming them', () => {
    expect(thrown(() => intervalCoverage([1], [1, 2], [1], 0.68)).message).toMatch(/means has 2 values/);
    expect(thrown(() => intervalCoverage([1], [1], [-1], 0.68)).message).toMatch(/sds\[0\]/);
    expect(thrown(() => intervalCoverage([1], [1], [1], 1.5)).message).toMatch(/level/);
    expect(thrown(() => intervalCoverage([], [], [], 0.5)).message).toMatch(/truths is empty/);
  });

  it('is monotone in the level and ≈ level for well-specified Gaussians', () => {
    const n = 64;
    const arrays = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(arrays, arrays, fc.double({ min: 0.01, max: 0.98, noNaN: true }), (truths, means, level) => {
        const sds = truths.map((_, i) => 0.1 + (i % 7));
        const low = intervalCoverage(truths, means, sds, level);
        const high = intervalCoverage(truths, means, sds, level + 0.01);
        expect(high).toBeGreaterThanOrEqual(low);
      }),
    );
  });
});

describe('predictiveEntropy', () => {
  it('is 0 for certainty, ln k for uniform rows', () => {
    const entropy = predictiveEntropy([0, 1, 0, 1 / 3, 1 / 3, 1 / 3, 0.5, 0.5, 0], { classCount: 3 });
    expect(entropy[0]).toBe(0);
    expect(entropy[1]).toBeCloseTo(Math.log(3), 15);
    expect(entropy[2]).toBeCloseTo(Math.log(2), 15);
  });

  it('rejects rows that are not distributions', () => {
    expect(thrown(() => predictiveEntropy([0.5, 0.4], { classCount: 2 })).message).toMatch(/row 0 sums to 0.9/);
    expect(thrown(() => predictiveEntropy([1.5, -0.5], { classCount: 2 })).message).toMatch(/probabilities\[0\]/);
    expect(thrown(() => predictiveEntropy([1, 0, 0], { classCount: 2 })).message).toMatch(/multiple/);
  });
});

describe('expectedCalibrationError', () => {
  it('hand-checked: three bins', () => {
    // Bin (0.8, 0.9]: two right at 0.9 → |1 − 0.9|; bin (0.5, 0.6]: one right, one wrong at 0.6
    // → |0.5 − 0.6|; bin (0.6, 0.7]: one wrong at 0.7 → |0 − 0.7|.
    const probabilities = [0.9, 0.1, 0.1, 0.9, 0.6, 0.4, 0.4, 0.6, 0.7, 0.3];
    const labels = [0, 1, 0, 0, 1];
    const bins = reliabilityBins(probabilities, labels);
    expect(bins.count[8]).toBe(2);
    expect(bins.count[5]).toBe(2);
    expect(bins.count[6]).toBe(1);
    expect(expectedCalibrationError(probabilities, labels)).toBeCloseTo((2 * 0.1 + 2 * 0.1 + 0.7) / 5, 14);
  });

  it('is 0 for one-hot predictions that are right, 1 when all are wrong', () => {
    expect(expectedCalibrationError([1, 0, 0, 1], [0, 1])).toBe(0);
    expect(expectedCalibrationError([1, 0, 0, 1], [1, 0])).toBe(1);
  });

  it('puts a confidence of exactly b/M into bin b − 1 (right-closed bins)', () => {
    expect(reliabilityBins([0.5, 0.5], [0], { bins: 2 }).count[0]).toBe(1);
    expect(reliabilityBins([0.5, 0.5], [0], { bins: 4 }).count[1]).toBe(1);
  });

  it('rejects bad arguments with INVALID_OPTION naming them', () => {
    expect(thrown(() => expectedCalibrationError([0.5, 0.5, 1], [0, 1])).message).toMatch(/not a multiple/);
    expect(thrown(() => expectedCalibrationError([0.5, 0.5], [2])).message).toMatch(/labels\[0\] = 2/);
    expect(thrown(() => expectedCalibrationError([0.5, 0.5], [0], { bins: 0 })).message).toMatch(/bins/);
  });
});
