import * as tf from '@tensorflow/tfjs';
import { toErrorInfo } from '../../core/errors';
import type { Result } from '../../core/result';
import type { Spectrum } from '../../core/spectrum';
import type { ModelCard } from '../registry/modelCard';
import { DEFAULT_MC_PASSES, entropyOf, mcDropoutPredict } from '../uncertainty/mcDropoutPredict';
import { prepareInput } from './prepareInput';

/** One output of a prediction with its Monte-Carlo uncertainty. */
export interface PredictedValue {
  readonly name: string;
  readonly unit?: string;
  readonly mean: number;
  readonly sd: number;
}

/** A prediction for one spectrum: every value carries its uncertainty. */
export interface SpectrumPrediction {
  readonly spectrumId: string;
  readonly spectrumName: string;
  readonly model: string;
  /** Classifiers: one entry per class (probability mean ± SD); regressors: one per output. */
  readonly values: readonly PredictedValue[];
  /** Classifiers: the most probable class. */
  readonly predictedClass?: string;
  /** Multi-label models: the labels whose mean probability is at least 0.5, most probable first. */
  readonly predictedLabels?: readonly string[];
  /** Classifiers: entropy (nats) of the mean class probabilities; ln(classes) is total doubt. */
  readonly entropy?: number;
  /** Passes run (1 when the model has no dropout: then SD is 0 and says nothing). */
  readonly passes: number;
  readonly stochastic: boolean;
}

export interface PredictOptions {
  readonly passes?: number;
  /** A faster forward pass with the same outputs (`compileForInference(model).predict`). */
  readonly forward?: (x: tf.Tensor | tf.Tensor[]) => tf.Tensor | tf.Tensor[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

/**
 * The batch shape a model takes for spectra of `length` points: our blocks take [N, 1, L, 1];
 * models from elsewhere may take conv1d's [N, L, 1] or a dense [N, L].
 */
function inputShapeFor(model: tf.LayersModel, batch: number, length: number): number[] {
  const rank = model.inputs[0]?.shape.length ?? 4;
  if (rank === 4) return [batch, 1, length, 1];
  if (rank === 3) return [batch, length, 1];
  return [batch, length];
}

/**
 * Runs a model on spectra: each spectrum is fitted to the card's input contract (or refused with
 * CONTRACT_MISMATCH, as its own error entry — the others still run), then all accepted spectra
 * go through Monte-Carlo dropout as one batch. Classifier outputs become class probabilities with
 * predictive entropy; regressor outputs keep the card's names and units.
 */
export async function predictSpectra(
  model: tf.LayersModel,
  card: ModelCard,
  spectra: readonly Spectrum[],
  options: PredictOptions = {},
): Promise<Result<SpectrumPrediction>[]> {
  const prepared: { index: number; values: Float32Array }[] = [];
  const results: (Result<SpectrumPrediction> | undefined)[] = spectra.map((spectrum, index) => {
    try {
      prepared.push({ index, values: prepareInput(spectrum, card.input) });
      return undefined;
    } catch (error) {
      return { ok: false, error: toErrorInfo(error, spectrum.file) };
    }
  });
  if (prepared.length > 0) {
    const length = card.input.length;
    const batch = new Float32Array(prepared.length * length);
    for (const [i, p] of prepared.entries()) batch.set(p.values, i * length);
    const input = tf.tensor(batch, inputShapeFor(model, prepared.length, length));
    try {
      const mc = await mcDropoutPredict(model, input, {
        passes: options.passes ?? DEFAULT_MC_PASSES,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.forward ? { forward: options.forward } : {}),
      });
      const multiLabel = card.task === 'multilabel';
      const classes = card.task === 'classification' || multiLabel ? (card.outputs[0]?.classes ?? []) : [];
      prepared.forEach((p, row) => {
        const spectrum = spectra[p.index] as Spectrum;
        const at = (k: number) => ({
          mean: mc.mean[row * mc.outputsPerSample + k] as number,
          sd: mc.sd[row * mc.outputsPerSample + k] as number,
        });
        const values: PredictedValue[] = [];
        for (let k = 0; k < mc.outputsPerSample; k++) {
          const output =
            classes.length > 0 ? { name: classes[k] ?? `class ${k}` } : (card.outputs[k] ?? { name: `output ${k}` });
          values.push({ name: output.name, ...(output.unit ? { unit: output.unit } : {}), ...at(k) });
        }
        const prediction: SpectrumPrediction = {
          spectrumId: spectrum.id,
          spectrumName: spectrum.name,
          model: card.id,
          values,
          passes: mc.passes,
          stochastic: mc.stochastic,
          ...(multiLabel
            ? {
                predictedLabels: values
                  .filter((v) => v.mean >= 0.5)
                  .sort((a, b) => b.mean - a.mean)
                  .map((v) => v.name),
              }
            : classes.length > 0
              ? {
                  predictedClass: values.reduce((best, v) => (v.mean > best.mean ? v : best)).name,
                  entropy: entropyOf(values.map((v) => v.mean)),
                }
              : {}),
        };
        results[p.index] = { ok: true, value: prediction };
      });
    } finally {
      input.dispose();
    }
  }
  return results as Result<SpectrumPrediction>[];
}
