/**
 * Multi-label classification metrics: each sample may carry any subset of `labelCount` labels
 * (a spectrum with Cs-137 and Co-60 and background). Truth is 0/1 per (sample, label), row-major;
 * predictions are probabilities, thresholded at `threshold` (default 0.5).
 */
import { checkFinite, checkLength, checkPositiveInteger, invalid } from './guards';

export interface MultiLabelScores {
  readonly labelCount: number;
  /** TP / (TP + FP) per label (0 when nothing was predicted, scikit-learn's `zero_division=0`). */
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly f1: Float64Array;
  /** Samples where the label is truly present. */
  readonly support: Uint32Array;
  /** Unweighted mean of the per-label F1 over labels with support or predictions (labels never seen and never predicted are left out). */
  readonly macroF1: number;
  /** F1 of the pooled TP/FP/FN over all labels. */
  readonly microF1: number;
  /** Fraction of samples whose whole label set is right (subset accuracy). */
  readonly exactMatch: number;
}

/**
 * Per-label precision, recall and F1, their macro and micro averages, and subset accuracy.
 * @param truth 0/1 values, `samples × labelCount`, row-major
 * @param probabilities predicted probabilities, same shape
 */
export function multiLabelScores(
  truth: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  labelCount: number,
  threshold = 0.5,
): MultiLabelScores {
  checkPositiveInteger(labelCount, 'labelCount');
  checkFinite(probabilities, 'probabilities');
  checkLength(probabilities, truth.length, 'probabilities', 'truth');
  if (truth.length % labelCount !== 0)
    throw invalid(`truth has ${truth.length} values, not a multiple of ${labelCount}`);
  const tp = new Uint32Array(labelCount);
  const fp = new Uint32Array(labelCount);
  const fn = new Uint32Array(labelCount);
  const samples = truth.length / labelCount;
  let exact = 0;
  for (let row = 0; row < samples; row++) {
    let allRight = true;
    for (let k = 0; k < labelCount; k++) {
      const t = truth[row * labelCount + k] as number;
      if (t !== 0 && t !== 1) throw invalid(`truth[${row * labelCount + k}] must be 0 or 1, got ${t}`);
      const p = (probabilities[row * labelCount + k] as number) >= threshold ? 1 : 0;
      if (p === 1 && t === 1) tp[k] = (tp[k] as number) + 1;
      else if (p === 1) fp[k] = (fp[k] as number) + 1;
      else if (t === 1) fn[k] = (fn[k] as number) + 1;
      if (p !== t) allRight = false;
    }
    if (allRight) exact++;
  }
  const precision = new Float64Array(labelCount);
  const recall = new Float64Array(labelCount);
  const f1 = new Float64Array(labelCount);
  const support = new Uint32Array(labelCount);
  let macroSum = 0;
  let macroCount = 0;
  let tpAll = 0;
  let fpAll = 0;
  let fnAll = 0;
  for (let k = 0; k < labelCount; k++) {
    const t = tp[k] as number;
    const f = fp[k] as number;
    const n = fn[k] as number;
    support[k] = t + n;
    precision[k] = t + f === 0 ? 0 : t / (t + f);
    recall[k] = t + n === 0 ? 0 : t / (t + n);
    f1[k] = 2 * t + f + n === 0 ? 0 : (2 * t) / (2 * t + f + n);
    if (t + f + n > 0) {
      macroSum += f1[k] as number;
      macroCount++;
    }
    tpAll += t;
    fpAll += f;
    fnAll += n;
  }
  return {
    labelCount,
    precision,
    recall,
    f1,
    support,
    macroF1: macroCount === 0 ? 1 : macroSum / macroCount,
    microF1: 2 * tpAll + fpAll + fnAll === 0 ? 1 : (2 * tpAll) / (2 * tpAll + fpAll + fnAll),
    exactMatch: exact / samples,
  };
}
