import type { LayersModel } from '@tensorflow/tfjs';
import { WorkbenchError } from '../core/errors';
import { attempt, type Result } from '../core/result';
import type { Spectrum } from '../core/spectrum';
import type { CompiledModel } from '../ml/inference/compileForInference';
import type { SpectrumPrediction } from '../ml/inference/predictSpectra';
import type { MetricValue, ModelCard } from '../ml/registry/modelCard';
import type { EngineOptions, FileLike, ProgressCallback } from './engine';

/** A model the engine holds: shipped (loaded on first use) or loaded by the user. */
interface HeldModel {
  readonly model: LayersModel;
  readonly card: ModelCard;
}

/** What a fine-tuning run reports back to the app. */
export interface FineTuneSummary {
  readonly card: ModelCard;
  readonly before: MetricValue[];
  readonly after: MetricValue[];
  readonly trainCount: number;
  readonly holdoutCount: number;
}

interface ModelMethodsContext {
  readonly options: EngineOptions;
  readonly ensureBackend: () => Promise<void>;
  readonly withJob: <T>(jobId: string, run: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  readonly transfer: <T>(value: T, buffers: ArrayBuffer[]) => T;
}

/**
 * The engine's model methods: list, load a user's model, predict with uncertainty, fine-tune,
 * export (zip of tfjs files, ONNX). Models are held in the worker by id: shipped ones are loaded
 * on first use, user ones when dropped or fine-tuned.
 */
export function createModelMethods({ options, ensureBackend, withJob, transfer }: ModelMethodsContext) {
  const heldModels = new Map<string, HeldModel>();
  const userCards = new Map<string, ModelCard>();

  const compiledModels = new Map<string, CompiledModel | null>();

  /** The model's compiled forward pass (same outputs, faster), made on first use; null if it cannot be compiled. */
  async function forwardOf(id: string, model: LayersModel): Promise<CompiledModel | null> {
    if (!compiledModels.has(id)) {
      const { tryCompileForInference } = await import('../ml/inference/compileForInference');
      compiledModels.set(id, tryCompileForInference(model));
    }
    return compiledModels.get(id) ?? null;
  }

  /** Holds a model under `id`, freeing whatever was held there before. */
  function hold(id: string, held: HeldModel): void {
    heldModels.get(id)?.model.dispose();
    compiledModels.get(id)?.dispose();
    compiledModels.delete(id);
    heldModels.set(id, held);
  }

  async function heldModel(id: string): Promise<HeldModel> {
    const held = heldModels.get(id);
    if (held) return held;
    if (!options.models)
      throw new WorkbenchError('INVALID_MODEL', `model '${id}' is not loaded and no model folder is configured`);
    await ensureBackend();
    const { loadShippedModel } = await import('../ml/registry/modelRegistry');
    const loaded = await loadShippedModel(options.models, id);
    heldModels.set(id, loaded);
    return loaded;
  }

  return {
    /** The shipped models' cards, then the user's, for the models panel. */
    async listModels(): Promise<Result<ModelCard[]>> {
      return attempt(async () => {
        const { listModelCards } = await import('../ml/registry/modelRegistry');
        const shipped = options.models ? await listModelCards(options.models) : [];
        return [...shipped, ...userCards.values()];
      });
    },

    /**
     * Loads a user's TensorFlow.js LayersModel (model.json + weight shards, optionally card.json).
     * Without a card, one is derived from the input shape and marked as such.
     */
    async loadUserModel(files: readonly FileLike[]): Promise<Result<ModelCard>> {
      return attempt(async () => {
        await ensureBackend();
        const { loadModelFromFiles } = await import('../ml/registry/readModelFiles');
        const { describeUserModel } = await import('../ml/registry/describeUserModel');
        const read = await Promise.all(
          files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
        );
        const { model, card } = await loadModelFromFiles(read);
        const name = files.find((f) => f.name.endsWith('model.json'))?.name ?? files[0]?.name ?? 'model';
        const described = card ?? describeUserModel(model, name);
        const id = card ? `user-${card.id}` : described.id;
        const finalCard = { ...described, id };
        hold(id, { model, card: finalCard });
        userCards.set(id, finalCard);
        return finalCard;
      });
    },

    /**
     * Runs a model on spectra with Monte-Carlo-dropout uncertainty. Each spectrum gets its own
     * result: a prediction, or why it does not fit the model's input contract.
     */
    async predict(
      jobId: string,
      modelId: string,
      spectra: readonly Spectrum[],
      passes?: number,
      onProgress?: ProgressCallback,
    ): Promise<Result<Result<SpectrumPrediction>[]>> {
      return attempt(() =>
        withJob(jobId, async (signal) => {
          const { model, card } = await heldModel(modelId);
          const { predictSpectra } = await import('../ml/inference/predictSpectra');
          const compiled = await forwardOf(modelId, model);
          return predictSpectra(model, card, spectra, {
            ...(compiled ? { forward: compiled.predict } : {}),
            signal,
            ...(passes === undefined ? {} : { passes }),
            ...(onProgress
              ? { onProgress: (f: number) => onProgress(f, `${card.name}: pass ${Math.round(f * (passes ?? 30))}`) }
              : {}),
          });
        }),
      );
    },

    /**
     * Fine-tunes a copy of a model on the user's labelled spectra and holds it as a new user
     * model; returns its card and the before/after metrics on the held-out part.
     */
    async fineTune(
      jobId: string,
      modelId: string,
      examples: readonly { spectrum: Spectrum; target: number[] }[],
      settings: { epochs?: number; learningRate?: number } = {},
      onProgress?: ProgressCallback,
    ): Promise<Result<FineTuneSummary>> {
      return attempt(() =>
        withJob(jobId, async (signal) => {
          const { model, card } = await heldModel(modelId);
          const { fineTune } = await import('../ml/training/fineTune');
          const result = await fineTune(model, card, examples, {
            ...settings,
            signal,
            ...(onProgress
              ? {
                  onProgress: (p: {
                    phase: string;
                    epoch: number;
                    epochs: number;
                    batch: number;
                    batches: number;
                    loss: number;
                  }) =>
                    onProgress(
                      ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches),
                      `Fine-tuning: epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toFixed(3)}`,
                    ),
                }
              : {}),
          });
          const id = `user-${result.card.id}`;
          const tunedCard = { ...result.card, id };
          hold(id, { model: result.model, card: tunedCard });
          userCards.set(id, tunedCard);
          return {
            card: tunedCard,
            before: [...result.before],
            after: [...result.after],
            trainCount: result.trainCount,
            holdoutCount: result.holdoutCount,
          };
        }),
      );
    },

    /**
     * Trains a shipped model's recipe from nothing in this worker (the same code as
     * `npm run train`); `sizeFactor` < 1 trains on fewer simulated spectra for a quick look. The
     * result is held as a user model with the card this run measured.
     */
    async trainRecipe(
      jobId: string,
      recipeId: string,
      settings: { sizeFactor?: number; epochs?: number } = {},
      onProgress?: ProgressCallback,
    ): Promise<Result<ModelCard>> {
      return attempt(() =>
        withJob(jobId, async (signal) => {
          await ensureBackend();
          const { findRecipe } = await import('../domains/modelRecipes');
          const { trainRecipe } = await import('../ml/recipes/trainRecipe');
          const base = findRecipe(recipeId);
          if (!base) throw new WorkbenchError('INVALID_OPTION', `no recipe '${recipeId}'`);
          const factor = settings.sizeFactor ?? 1;
          if (!(factor > 0 && factor <= 1))
            throw new WorkbenchError('INVALID_OPTION', `sizeFactor must be in (0, 1], got ${factor}`);
          const scale = (n: number) => Math.max(32, Math.round(n * factor));
          const recipe = {
            ...base,
            sizes: {
              train: scale(base.sizes.train),
              validation: scale(base.sizes.validation),
              test: scale(base.sizes.test),
            },
            train: { ...base.train, epochs: settings.epochs ?? base.train.epochs },
          };
          const { model, card } = await trainRecipe(recipe, {
            command: `trained in the browser from recipe '${recipeId}' (sizes ×${factor}, ${recipe.train.epochs} epochs at most)`,
            signal,
            ...(onProgress
              ? {
                  onProgress: (p: { epoch: number; epochs: number; batch: number; batches: number; loss: number }) =>
                    onProgress(
                      ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches),
                      `Training ${recipeId}: epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toFixed(3)}`,
                    ),
                }
              : {}),
          });
          const id = `user-${recipeId}-retrained`;
          const trained: ModelCard = { ...card, id, name: `${card.name} (trained here)` };
          hold(id, { model, card: trained });
          userCards.set(id, trained);
          return trained;
        }),
      );
    },

    /** A model as a .zip of its TensorFlow.js files and card (to keep or share a fine-tuned model). */
    async exportModelZip(modelId: string): Promise<Result<Uint8Array>> {
      return attempt(async () => {
        const { model, card } = await heldModel(modelId);
        const { modelToFiles } = await import('../ml/registry/modelToFiles');
        const { zipSync } = await import('fflate');
        const files = await modelToFiles(model, card);
        const zip = zipSync(Object.fromEntries(files.map((f) => [`${card.id}/${f.name}`, f.bytes])));
        return transfer(zip, [zip.buffer as ArrayBuffer]);
      });
    },

    /** A model as ONNX (deterministic network: MC dropout becomes identity), for Python or C++. */
    async exportOnnx(modelId: string): Promise<Result<Uint8Array>> {
      return attempt(async () => {
        const { model, card } = await heldModel(modelId);
        const { exportToOnnxAsync } = await import('../ml/onnx/exportOnnx');
        const bytes = await exportToOnnxAsync(model, {
          producerName: 'Spectralligence Workbench',
          docString: `${card.name}: ${card.summary}`,
        });
        return transfer(bytes, [bytes.buffer as ArrayBuffer]);
      });
    },
  };
}
