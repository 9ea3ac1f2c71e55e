/**
 * Calibration of uncertainty estimates: do Gaussian intervals hold the truth as often as they
 * claim, and do classifier confidences match accuracies?
 */
import { gaussianIntervalZ } from './gaussianQuantile';
import { checkFinite, checkLabels, checkLength, checkPositiveInteger, checkProbabilities, invalid } from './guards';

/**
 * Fraction of `truths` inside mean ± z·sd, z = Φ⁻¹((1 + level)/2) (1.0 for level 0.6827, 1.96 for
 * 0.95), bounds included. A calibrated model gives ≈ `level`; less means overconfident sds.
 * All three arrays have one value per prediction; sds ≥ 0.
 */
export function intervalCoverage(
  truths: ArrayLike<number>,
  means: ArrayLike<number>,
  sds: ArrayLike<number>,
  level: number,
): number {
  const z = gaussianIntervalZ(level);
  checkFinite(truths, 'truths');
  checkLength(means, truths.length, 'means', 'truths');
  checkFinite(means, 'means');
  checkLength(sds, truths.length, 'sds', 'truths');
  checkFinite(sds, 'sds');
  let inside = 0;
  for (let i = 0; i < truths.length; i++) {
    const sd = sds[i] as number;
    if (sd < 0) throw invalid(`sds[${i}] = ${sd} is negative`);
    if (Math.abs((truths[i] as number) - (means[i] as number)) <= z * sd) inside++;
  }
  return inside / truths.length;
}

export interface ProbabilityOptions {
  /** Number of classes: the width of each row of probabilities. */
  readonly classCount: number;
}

/**
 * Entropy −Σ p·ln p of each row of class probabilities (rows of `classCount` values summing to 1),
 * in nats: 0 for a certain prediction, ln(classCount) for a uniform one. 0·ln 0 counts as 0.
 */
export function predictiveEntropy(probabilities: ArrayLike<number>, options: ProbabilityOptions): Float64Array {
  const { classCount } = options;
  checkProbabilities(probabilities, classCount, 'probabilities');
  const entropy = new Float64Array(probabilities.length / classCount);
  for (let row = 0; row < entropy.length; row++) {
    let sum = 0;
    for (let k = 0; k < classCount; k++) {
      const p = probabilities[row * classCount + k] as number;
      if (p > 0) sum -= p * Math.log(p);
    }
    entropy[row] = sum;
  }
  return entropy;
}

export interface CalibrationOptions {
  /** Number of equal-width confidence bins on [0, 1] (default 10). */
  readonly bins?: number;
}

/** Reliability diagram: per confidence bin, how many samples, their accuracy and mean confidence. */
export interface ReliabilityBins {
  /** Samples per bin. */
  readonly count: Uint32Array;
  /** Fraction correct per bin (0 for an empty bin). */
  readonly accuracy: Float64Array;
  /** Mean confidence per bin (0 for an empty bin). */
  readonly confidence: Float64Array;
}

/**
 * Bins the samples by confidence = the largest probability of the row (predicted class = its
 * index, the first on ties). Bin b holds confidences in (b/M, (b+1)/M], computed as
 * ⌈confidence·M⌉ − 1 clamped to 0 … M − 1 (Guo et al. 2017, arXiv:1706.04599). The number of
 * classes is probabilities.length / labels.length.
 */
export function reliabilityBins(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: CalibrationOptions = {},
): ReliabilityBins {
  const bins = options.bins ?? 10;
  checkPositiveInteger(bins, 'bins');
  if (labels.length === 0) throw invalid('labels is empty');
  const classCount = probabilities.length / labels.length;
  if (!Number.isInteger(classCount) || classCount < 1) {
    throw invalid(`probabilities has ${probabilities.length} values, not a multiple of ${labels.length} labels`);
  }
  checkProbabilities(probabilities, classCount, 'probabilities');
  checkLabels(labels, classCount, 'labels');
  const count = new Uint32Array(bins);
  const correct = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  for (let row = 0; row < labels.length; row++) {
    let best = 0;
    for (let k = 1; k < classCount; k++) {
      if ((probabilities[row * classCount + k] as number) > (probabilities[row * classCount + best] as number))
        best = k;
    }
    const p = probabilities[row * classCount + best] as number;
    const bin = Math.min(bins - 1, Math.max(0, Math.ceil(p * bins) - 1));
    count[bin] = (count[bin] as number) + 1;
    confidence[bin] = (confidence[bin] as number) + p;
    if (best === labels[row]) correct[bin] = (correct[bin] as number) + 1;
  }
  const accuracy = correct.map((c, b) => (count[b] === 0 ? 0 : c / (count[b] as number)));
  return { count, accuracy, confidence: confidence.map((c, b) => (count[b] === 0 ? 0 : c / (count[b] as number))) };
}

/**
 * Expected calibration error Σ_b (n_b / n)·|accuracy_b − confidence_b| over the bins of
 * {@link reliabilityBins}, in [0, 1]; 0 for a perfectly calibrated classifier.
 */
export function expectedCalibrationError(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: CalibrationOptions = {},
): number {
  const { count, accuracy, confidence } = reliabilityBins(probabilities, labels, options);
  let sum = 0;
  count.forEach((n, b) => {
    sum += n * Math.abs((accuracy[b] as number) - (confidence[b] as number));
  });
  return sum / labels.length;
}
