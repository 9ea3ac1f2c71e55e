import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import {
  accuracy,
  argmaxRows,
  expectedCalibrationError,
  intervalCoverage,
  macroF1,
  mae,
  multiLabelScores,
  predictiveEntropy,
  r2,
  rmse,
} from '../metrics';
import type { MetricValue } from '../registry/modelCard';
import type { Dataset } from '../training/dataset';
import { mcDropoutPredict } from '../uncertainty/mcDropoutPredict';
import type { ModelRecipe } from './modelRecipe';

export interface Evaluation {
  readonly metrics: readonly MetricValue[];
  readonly coverage68?: number;
  readonly coverage95?: number;
}

/**
 * Runs MC-dropout prediction over a dataset in batches (one tensor per input field, in the model's
 * input order: e.g. spectrum and device parameters of a two-headed model); returns means and SDs,
 * flattened.
 */
async function predictDataset(model: tf.LayersModel, data: Dataset, passes: number, batchSize = 256) {
  const target = data.targets[0];
  if (data.inputs.length === 0 || !target)
    throw new WorkbenchError('INVALID_OPTION', 'evaluation needs inputs and a target');
  const per = data.inputs.map((field) => field.values.length / data.size);
  const width = target.values.length / data.size;
  const mean = new Float32Array(data.size * width);
  const sd = new Float32Array(data.size * width);
  for (let start = 0; start < data.size; start += batchSize) {
    const n = Math.min(batchSize, data.size - start);
    const xs = data.inputs.map((field, k) =>
      tf.tensor(field.values.subarray(start * (per[k] as number), (start + n) * (per[k] as number)), [
        n,
        ...field.shape,
      ]),
    );
    try {
      const mc = await mcDropoutPredict(model, xs.length === 1 ? (xs[0] as tf.Tensor) : xs, { passes });
      mean.set(mc.mean, start * width);
      sd.set(mc.sd, start * width);
    } finally {
      tf.dispose(xs);
    }
  }
  return { mean, sd, truth: target.values, width };
}

/**
 * Measures a trained model on a held-out set the way its card reports it: classifiers by the
 * argmax of the MC-mean probabilities (accuracy, macro-F1, expected calibration error, mean
 * predictive entropy); regressors by MAE/RMSE/R² of the MC mean and the coverage of mean ± 1 and
 * ± 2 SD (ideal 68 % and 95 %).
 */
export async function evaluateRecipe(model: tf.LayersModel, recipe: ModelRecipe, test: Dataset): Promise<Evaluation> {
  const { mean, sd, truth, width } = await predictDataset(model, test, recipe.passes);
  if (recipe.task === 'multilabel') return evaluateMultiLabel(recipe, truth, mean, width);
  if (recipe.task === 'classification') {
    const labels = argmaxRows(truth, width);
    const predicted = argmaxRows(mean, width);
    // MC means of softmax outputs sum to 1 up to float32 rounding; renormalise before entropy/ECE.
    const probabilities = Float64Array.from(mean);
    for (let row = 0; row < probabilities.length / width; row++) {
      let sum = 0;
      for (let k = 0; k < width; k++) sum += probabilities[row * width + k] as number;
      for (let k = 0; k < width; k++) probabilities[row * width + k] = (probabilities[row * width + k] as number) / sum;
    }
    const entropy = predictiveEntropy(probabilities, { classCount: width });
    return {
      metrics: [
        { name: 'accuracy', value: accuracy(labels, predicted), tolerance: recipe.headline.tolerance },
        { name: 'macro-F1', value: macroF1(labels, predicted, { classCount: width }) },
        { name: 'expected calibration error', value: expectedCalibrationError(probabilities, labels) },
        { name: 'mean predictive entropy (nats)', value: entropy.reduce((a, b) => a + b, 0) / entropy.length },
      ],
    };
  }
  return {
    metrics: [
      { name: 'MAE', value: mae(truth, mean, { outputs: width }).overall },
      { name: 'RMSE', value: rmse(truth, mean, { outputs: width }).overall },
      { name: 'R²', value: r2(truth, mean, { outputs: width }).overall, tolerance: recipe.headline.tolerance },
    ],
    coverage68: intervalCoverage(truth, mean, sd, 0.68),
    coverage95: intervalCoverage(truth, mean, sd, 0.95),
  };
}

/**
 * Multi-label models: macro-F1 (headline), micro-F1, subset accuracy and the F1 of every label
 * from the MC-mean probabilities thresholded at 0.5, plus the Brier score of the probabilities.
 */
function evaluateMultiLabel(
  recipe: ModelRecipe,
  truth: ArrayLike<number>,
  mean: Float32Array,
  width: number,
): Evaluation {
  const scores = multiLabelScores(truth, mean, width);
  let brier = 0;
  for (let i = 0; i < mean.length; i++) brier += ((mean[i] as number) - (truth[i] as number)) ** 2;
  const labels = recipe.outputs[0]?.classes ?? [];
  const tolerance = (name: string) => (name === recipe.headline.name ? { tolerance: recipe.headline.tolerance } : {});
  return {
    metrics: [
      { name: 'macro-F1', value: scores.macroF1, ...tolerance('macro-F1') },
      { name: 'micro-F1', value: scores.microF1, ...tolerance('micro-F1') },
      { name: 'exact match', value: scores.exactMatch, ...tolerance('exact match') },
      { name: 'Brier score', value: brier / mean.length },
      ...Array.from(scores.f1, (value, k) => ({ name: `F1 ${labels[k] ?? `label ${k}`}`, value })),
    ],
  };
}
