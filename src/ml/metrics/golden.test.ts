import { describe, expect, it } from 'vitest';
import golden from './__golden__/metrics.json';
import { expectedCalibrationError, intervalCoverage, predictiveEntropy } from './calibration';
import { accuracy, classificationScores, confusionMatrix, macroF1 } from './classification';
import { gaussianQuantile } from './gaussianQuantile';
import { mae, r2, rmse } from './regression';

/** max |actual − expected| / max(1, |expected|) over the entries. */
function maxError(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual).toHaveLength(expected.length);
  let error = 0;
  expected.forEach((e, i) => {
    error = Math.max(error, Math.abs((actual[i] as number) - e) / Math.max(1, Math.abs(e)));
  });
  return error;
}

const tolerance = 1e-12;

describe('metrics: golden values (scripts/golden/metrics.py, numpy/scipy)', () => {
  it.each(golden.classification)('classification, $classCount classes', (c) => {
    const options = { classCount: c.classCount };
    expect(accuracy(c.truth, c.predicted)).toBe(c.accuracy);
    expect(Array.from(confusionMatrix(c.truth, c.predicted, options).counts)).toEqual(c.confusion);
    const scores = classificationScores(c.truth, c.predicted, options);
    expect(maxError(scores.precision, c.precision)).toBeLessThanOrEqual(tolerance);
    expect(maxError(scores.recall, c.recall)).toBeLessThanOrEqual(tolerance);
    expect(maxError(scores.f1, c.f1)).toBeLessThanOrEqual(tolerance);
    expect(Array.from(scores.support)).toEqual(c.support);
    expect(maxError([macroF1(c.truth, c.predicted, options)], [c.macroF1])).toBeLessThanOrEqual(tolerance);
    expect(scores.accuracy).toBe(c.accuracy);
  });

  it('covers a class that is never predicted (precision 0/0 → 0)', () => {
    expect(golden.classification.some((c) => c.precision.includes(0))).toBe(true);
  });

  it.each(golden.regression)('regression, $outputs outputs', (c) => {
    const options = { outputs: c.outputs };
    for (const [name, metric] of [
      ['mae', mae],
      ['rmse', rmse],
      ['r2', r2],
    ] as const) {
      const actual = metric(c.truth, c.predicted, options);
      expect(maxError(actual.perOutput, c[name].perOutput), name).toBeLessThanOrEqual(tolerance);
      expect(maxError([actual.overall], [c[name].overall]), name).toBeLessThanOrEqual(tolerance);
    }
  });

  it('gaussianQuantile (AS 241) matches scipy.stats.norm.ppf (Cephes ndtri)', () => {
    const z = golden.quantiles.p.map(gaussianQuantile);
    expect(maxError(z, golden.quantiles.z)).toBeLessThanOrEqual(tolerance);
  });

  it('intervalCoverage at every level', () => {
    const { truths, means, sds, coverage } = golden.coverage;
    for (const [level, expected] of Object.entries(coverage)) {
      expect(intervalCoverage(truths, means, sds, Number(level)), level).toBe(expected);
    }
  });

  it.each(golden.calibration)('predictiveEntropy and expectedCalibrationError, $classCount classes', (c) => {
    const entropy = predictiveEntropy(c.probabilities, { classCount: c.classCount });
    expect(maxError(entropy, c.entropy)).toBeLessThanOrEqual(tolerance);
    const ece = expectedCalibrationError(c.probabilities, c.labels, { bins: c.bins });
    expect(maxError([ece], [c.ece])).toBeLessThanOrEqual(tolerance);
  });
});
