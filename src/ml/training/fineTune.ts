import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import type { Spectrum } from '../../core/spectrum';
import { loadFromMemory, saveToMemory } from '../blocks/serialization';
import { prepareInput } from '../inference/prepareInput';
import { accuracy, argmaxRows, mae } from '../metrics';
import type { MetricValue, ModelCard } from '../registry/modelCard';
import { createDataset, type Dataset, subsetDataset } from './dataset';
import { createRandom } from './random';
import { type TrainProgress, train } from './train';

/** A spectrum the user labelled: a class index for classifiers, one value per output for regressors. */
export interface LabelledSpectrum {
  readonly spectrum: Spectrum;
  readonly target: readonly number[];
}

export interface FineTuneOptions {
  /** Fraction of the labelled spectra kept out of training to measure before/after (default 0.25, at least 1 spectrum). */
  readonly holdoutFraction?: number;
  readonly epochs?: number;
  /** Small by default: fine-tuning should adjust, not overwrite, what the model learned. */
  readonly learningRate?: number;
  readonly batchSize?: number;
  readonly seed?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TrainProgress) => void | Promise<void>;
}

export interface FineTuneResult {
  readonly model: tf.LayersModel;
  readonly card: ModelCard;
  readonly before: readonly MetricValue[];
  readonly after: readonly MetricValue[];
  readonly trainCount: number;
  readonly holdoutCount: number;
}

function toDataset(examples: readonly LabelledSpectrum[], card: ModelCard, inputShape: number[]): Dataset {
  const length = card.input.length;
  const classes = card.task === 'classification' ? (card.outputs[0]?.classes?.length ?? 0) : 0;
  const width = classes > 0 ? classes : card.outputs.length;
  const inputs = new Float32Array(examples.length * length);
  const targets = new Float32Array(examples.length * width);
  examples.forEach((example, i) => {
    inputs.set(prepareInput(example.spectrum, card.input), i * length);
    if (classes > 0) {
      const k = example.target[0];
      if (k === undefined || !Number.isInteger(k) || k < 0 || k >= classes) {
        throw new WorkbenchError(
          'INVALID_OPTION',
          `label of ${example.spectrum.name} is not one of the ${classes} classes`,
          { file: example.spectrum.file },
        );
      }
      targets[i * width + k] = 1;
    } else {
      if (example.target.length !== width) {
        throw new WorkbenchError(
          'INVALID_OPTION',
          `${example.spectrum.name} needs ${width} target values, has ${example.target.length}`,
          { file: example.spectrum.file },
        );
      }
      targets.set(example.target, i * width);
    }
  });
  return createDataset(
    [{ name: 'spectrum', shape: inputShape, values: inputs }],
    [{ name: 'target', shape: [width], values: targets }],
  );
}

async function measure(model: tf.LayersModel, data: Dataset, card: ModelCard): Promise<MetricValue[]> {
  const input = data.inputs[0] as Dataset['inputs'][number];
  const target = data.targets[0] as Dataset['targets'][number];
  const x = tf.tensor(input.values, [data.size, ...input.shape]);
  const y = model.predict(x) as tf.Tensor;
  const predicted = (await y.data()) as Float32Array;
  x.dispose();
  y.dispose();
  const width = target.shape[0] as number;
  if (card.task === 'classification') {
    return [{ name: 'accuracy', value: accuracy(argmaxRows(target.values, width), argmaxRows(predicted, width)) }];
  }
  return [{ name: 'MAE', value: mae(target.values, predicted, { outputs: width }).overall }];
}

/**
 * Fine-tunes a copy of a classifier or regressor on spectra the user labelled: a held-out part
 * (chosen by seed) is measured before and after, the rest trains at a small learning rate with
 * early stopping on the held-out loss. The original model is untouched. The returned card says
 * how few spectra the new numbers rest on.
 */
export async function fineTune(
  base: tf.LayersModel,
  card: ModelCard,
  examples: readonly LabelledSpectrum[],
  options: FineTuneOptions = {},
): Promise<FineTuneResult> {
  if (card.task !== 'classification' && card.task !== 'regression') {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `only classifiers and regressors can be fine-tuned; ${card.name} is a ${card.task} model`,
    );
  }
  if (examples.length < 4)
    throw new WorkbenchError('INVALID_OPTION', `fine-tuning needs at least 4 labelled spectra, got ${examples.length}`);
  const shape = base.inputs[0]?.shape ?? [];
  const inputShape =
    shape.length === 4 ? [1, card.input.length, 1] : shape.length === 3 ? [card.input.length, 1] : [card.input.length];
  const all = toDataset(examples, card, inputShape);
  const seed = options.seed ?? 1;
  const order = createRandom(seed).permutation(all.size);
  const holdoutCount = Math.max(1, Math.round(all.size * (options.holdoutFraction ?? 0.25)));
  const holdout = subsetDataset(all, order.slice(0, holdoutCount));
  const trainSet = subsetDataset(all, order.slice(holdoutCount));
  const model = await loadFromMemory(await saveToMemory(base));
  try {
    const before = await measure(model, holdout, card);
    model.compile({
      optimizer: tf.train.adam(options.learningRate ?? 1e-4),
      loss: card.task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError',
    });
    const result = await train(
      model,
      { train: trainSet, validation: holdout },
      {
        epochs: options.epochs ?? 20,
        batchSize: options.batchSize ?? 16,
        seed,
        earlyStopping: { patience: 5 },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      },
    );
    const after = await measure(model, holdout, card);
    const tuned: ModelCard = {
      ...card,
      id: `${card.id.replace(/^user-/, '')}-tuned`,
      name: `${card.name} (fine-tuned)`,
      summary: `${card.summary} Fine-tuned in the workbench on ${trainSet.size} labelled spectra.`,
      training: {
        ...card.training,
        command: `fine-tuned in the workbench from '${card.id}' (${result.history.length} epochs, seed ${seed})`,
        date: new Date().toISOString().slice(0, 10),
      },
      metrics: {
        headline: {
          name: `${after[0]?.name} on ${holdoutCount} held-out labelled spectra`,
          value: after[0]?.value ?? Number.NaN,
        },
        heldOut: [
          ...before.map((m) => ({ ...m, name: `${m.name} before fine-tuning (user held-out)` })),
          ...after.map((m) => ({ ...m, name: `${m.name} after fine-tuning (user held-out)` })),
        ],
        real: card.metrics.real,
      },
      limitations: [
        ...card.limitations,
        `Fine-tuned on ${trainSet.size} spectra and measured on ${holdoutCount}: with so few spectra the metrics are rough, and the simulated-data metrics of the original no longer apply.`,
      ],
    };
    return { model, card: tuned, before, after, trainCount: trainSet.size, holdoutCount };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
