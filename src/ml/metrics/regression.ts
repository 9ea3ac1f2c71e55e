/**
 * Regression metrics on `n × outputs` values (row-major: sample after sample). Arguments are
 * (truth, predicted). "overall" is the unweighted mean of the per-output values, as
 * scikit-learn's `multioutput='uniform_average'` (for RMSE that is the mean of the per-output
 * RMSEs, not the RMSE of all values together).
 */
import { checkFinite, checkLength, checkPositiveInteger, invalid } from './guards';

export interface RegressionOptions {
  /** Values per sample (default 1). */
  readonly outputs?: number;
}

export interface RegressionScore {
  /** One value per output. */
  readonly perOutput: Float64Array;
  /** Mean of `perOutput`. */
  readonly overall: number;
}

function prepare(truth: ArrayLike<number>, predicted: ArrayLike<number>, options: RegressionOptions): number {
  const outputs = options.outputs ?? 1;
  checkPositiveInteger(outputs, 'outputs');
  checkFinite(truth, 'truth');
  checkLength(predicted, truth.length, 'predicted', 'truth');
  checkFinite(predicted, 'predicted');
  if (truth.length % outputs !== 0) throw invalid(`truth has ${truth.length} values, not a multiple of ${outputs}`);
  return outputs;
}

function score(perOutput: Float64Array): RegressionScore {
  return { perOutput, overall: perOutput.reduce((sum, v) => sum + v, 0) / perOutput.length };
}

/** Per-output sums of f(truth, predicted) over the samples. */
function sums(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  outputs: number,
  f: (t: number, p: number) => number,
): Float64Array {
  const out = new Float64Array(outputs);
  for (let i = 0; i < truth.length; i++) {
    out[i % outputs] = (out[i % outputs] as number) + f(truth[i] as number, predicted[i] as number);
  }
  return out;
}

/** Mean absolute error, in the unit of the values. */
export function mae(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: RegressionOptions = {},
): RegressionScore {
  const outputs = prepare(truth, predicted, options);
  const n = truth.length / outputs;
  return score(sums(truth, predicted, outputs, (t, p) => Math.abs(t - p)).map((s) => s / n));
}

/** Root mean squared error, in the unit of the values. */
export function rmse(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: RegressionOptions = {},
): RegressionScore {
  const outputs = prepare(truth, predicted, options);
  const n = truth.length / outputs;
  return score(sums(truth, predicted, outputs, (t, p) => (t - p) ** 2).map((s) => Math.sqrt(s / n)));
}

/**
 * Coefficient of determination 1 − Σ(t − p)² / Σ(t − t̄)², per output (≤ 1; 1 for a perfect fit,
 * 0 for predicting the mean). A constant truth gives 1 when predicted exactly, else 0
 * (scikit-learn's `force_finite=True`).
 */
export function r2(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: RegressionOptions = {},
): RegressionScore {
  const outputs = prepare(truth, predicted, options);
  const n = truth.length / outputs;
  const means = sums(truth, truth, outputs, (t) => t).map((s) => s / n);
  const residual = sums(truth, predicted, outputs, (t, p) => (t - p) ** 2);
  const total = new Float64Array(outputs);
  for (let i = 0; i < truth.length; i++) {
    total[i % outputs] = (total[i % outputs] as number) + ((truth[i] as number) - (means[i % outputs] as number)) ** 2;
  }
  return score(
    residual.map((ss, k) => {
      const tot = total[k] as number;
      if (tot === 0) return ss === 0 ? 1 : 0;
      return 1 - ss / tot;
    }),
  );
}
