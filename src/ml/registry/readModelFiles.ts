import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { registerBlockLayers } from '../blocks/registerBlockLayers';
import { type ModelCard, validateModelCard } from './modelCard';

/** A file the user dropped (or the registry fetched): its name and bytes. */
export interface ModelFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Largest model accepted: weights and JSON together (a spectral model is a few MB at most). */
export const DEFAULT_MAX_MODEL_BYTES = 200 * 1024 * 1024;

export interface ModelFiles {
  readonly artifacts: tf.io.ModelArtifacts;
  readonly card: ModelCard | null;
  readonly totalBytes: number;
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

function invalid(message: string, file: string): never {
  throw new WorkbenchError('INVALID_MODEL', message, { file });
}

function parseJson(file: ModelFile): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes));
  } catch (error) {
    return invalid(`not valid JSON (${error instanceof Error ? error.message : String(error)})`, file.name);
  }
}

/**
 * Turns the files of a TensorFlow.js LayersModel (model.json + its weight shards, optionally a
 * card.json) into model artifacts, checking what `tf.loadLayersModel` would only fail on later or
 * not at all: a topology, every weight shard present, shard sizes matching the manifest's dtypes
 * and shapes, and the total size under `maxBytes`. Throws INVALID_MODEL naming the file.
 */
export function readModelFiles(files: readonly ModelFile[], maxBytes = DEFAULT_MAX_MODEL_BYTES): ModelFiles {
  const totalBytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
  const modelFile =
    files.find((f) => baseName(f.name) === 'model.json') ??
    files.find((f) => f.name.endsWith('.json') && baseName(f.name) !== 'card.json');
  if (!modelFile)
    return invalid(
      'no model.json among the files (a TensorFlow.js LayersModel needs model.json and its .bin weights)',
      files[0]?.name ?? 'model',
    );
  if (totalBytes > maxBytes) {
    invalid(
      `the model files are ${(totalBytes / 2 ** 20).toFixed(1)} MiB, more than the limit of ${(maxBytes / 2 ** 20).toFixed(0)} MiB`,
      modelFile.name,
    );
  }
  const json = parseJson(modelFile) as Partial<tf.io.ModelJSON> | null;
  if (!json || typeof json !== 'object' || !json.modelTopology) {
    return invalid('model.json has no modelTopology: it is not a TensorFlow.js LayersModel', modelFile.name);
  }
  const topology = json.modelTopology as { class_name?: string; model_config?: unknown };
  if (!topology.class_name && !topology.model_config)
    return invalid('modelTopology is not a Keras/LayersModel topology', modelFile.name);
  const manifest = json.weightsManifest ?? [];
  if (!Array.isArray(manifest)) return invalid('weightsManifest must be a list', modelFile.name);
  const byName = new Map(files.map((f) => [baseName(f.name), f]));
  const specs: tf.io.WeightsManifestEntry[] = [];
  const shards: Uint8Array[] = [];
  for (const group of manifest) {
    let groupBytes = 0;
    for (const path of group.paths) {
      const shard = byName.get(baseName(path));
      if (!shard)
        return invalid(
          `weight file '${path}' listed in model.json is missing: drop it together with model.json`,
          modelFile.name,
        );
      shards.push(shard.bytes);
      groupBytes += shard.bytes.length;
    }
    let expected = 0;
    for (const weight of group.weights) {
      const size = weight.shape.reduce((a, b) => a * b, 1);
      const bytesPer =
        weight.dtype === 'float32' || weight.dtype === 'int32' ? 4 : weight.dtype === 'bool' ? 1 : Number.NaN;
      if (!Number.isFinite(bytesPer) || weight.quantization) {
        return invalid(
          `weight '${weight.name}' has dtype ${weight.dtype}${weight.quantization ? ' (quantized)' : ''}, which is not supported`,
          modelFile.name,
        );
      }
      expected += size * bytesPer;
      specs.push(weight);
    }
    if (expected !== groupBytes) {
      return invalid(
        `weight files ${group.paths.join(', ')} hold ${groupBytes} bytes, model.json describes ${expected}: a shard is truncated or belongs to another model`,
        modelFile.name,
      );
    }
  }
  const weightData = new Uint8Array(shards.reduce((a, s) => a + s.length, 0));
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.length;
  }
  const cardFile = files.find((f) => baseName(f.name) === 'card.json');
  const card = cardFile ? validateModelCard(parseJson(cardFile), cardFile.name) : null;
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: specs,
    weightData: weightData.buffer,
    ...(json.format ? { format: json.format } : {}),
    ...(json.generatedBy ? { generatedBy: json.generatedBy } : {}),
    ...(json.convertedBy ? { convertedBy: json.convertedBy } : {}),
  };
  return { artifacts, card, totalBytes };
}

/** Loads a LayersModel from checked artifacts; a topology tfjs cannot build becomes INVALID_MODEL. */
export async function loadModelFromFiles(
  files: readonly ModelFile[],
  maxBytes?: number,
): Promise<{ model: tf.LayersModel; card: ModelCard | null }> {
  const { artifacts, card } = readModelFiles(files, maxBytes);
  // Our models use custom layers (McDropout, VaeSampling): make them known before tfjs builds the topology.
  registerBlockLayers();
  try {
    const model = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    return { model, card };
  } catch (error) {
    const name = files.find((f) => baseName(f.name) === 'model.json')?.name ?? 'model.json';
    throw new WorkbenchError(
      'INVALID_MODEL',
      `TensorFlow.js could not build the model: ${error instanceof Error ? error.message : String(error)}`,
      { file: name, cause: error },
    );
  }
}
