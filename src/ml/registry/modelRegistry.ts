import type * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '../../core/errors';
import { type ModelCard, validateModelCard } from './modelCard';
import type { ModelSource } from './modelSource';

export type { ModelSource } from './modelSource';

import { loadModelFromFiles, type ModelFile } from './readModelFiles';

/** `public/models/index.json`: the ids of the shipped models, written by the training script. */
export interface ModelIndex {
  readonly models: readonly string[];
}

async function readJson(source: ModelSource, path: string): Promise<unknown> {
  let text: string;
  try {
    text = await source.readText(path);
  } catch (error) {
    throw new WorkbenchError(
      'INVALID_MODEL',
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      { file: path, cause: error },
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new WorkbenchError('INVALID_MODEL', `${path} is not valid JSON`, { file: path });
  }
}

/** The shipped models' ids (empty when there is no index yet). */
export async function listModelIds(source: ModelSource): Promise<string[]> {
  const index = (await readJson(source, 'index.json')) as Partial<ModelIndex>;
  if (!Array.isArray(index.models))
    throw new WorkbenchError('INVALID_MODEL', 'models/index.json has no "models" list', { file: 'index.json' });
  return [...index.models];
}

/** The card of one shipped model. */
export async function readModelCard(source: ModelSource, id: string): Promise<ModelCard> {
  const path = `${id}/card.json`;
  const card = validateModelCard(await readJson(source, path), path);
  if (card.id !== id)
    throw new WorkbenchError('INVALID_MODEL', `${path} describes '${card.id}', not '${id}'`, { file: path });
  return card;
}

/** Every shipped model's card, in index order. */
export async function listModelCards(source: ModelSource): Promise<ModelCard[]> {
  return Promise.all((await listModelIds(source)).map((id) => readModelCard(source, id)));
}

/** Loads a shipped model (topology, weights, card) through the same checks as a user's model. */
export async function loadShippedModel(
  source: ModelSource,
  id: string,
): Promise<{ model: tf.LayersModel; card: ModelCard }> {
  const ids = await listModelIds(source);
  if (!ids.includes(id)) {
    throw new WorkbenchError('INVALID_MODEL', `no shipped model '${id}' (available: ${ids.join(', ') || 'none'})`);
  }
  const modelJsonText = await source.readText(`${id}/model.json`).catch((error: unknown) => {
    throw new WorkbenchError(
      'INVALID_MODEL',
      `cannot read ${id}/model.json: ${error instanceof Error ? error.message : String(error)}`,
      { file: `${id}/model.json` },
    );
  });
  const json = JSON.parse(modelJsonText) as { weightsManifest?: { paths: string[] }[] };
  const files: ModelFile[] = [{ name: `${id}/model.json`, bytes: new TextEncoder().encode(modelJsonText) }];
  for (const group of json.weightsManifest ?? []) {
    for (const path of group.paths)
      files.push({ name: `${id}/${path}`, bytes: await source.readBytes(`${id}/${path}`) });
  }
  const card = await readModelCard(source, id);
  const { model } = await loadModelFromFiles(files);
  return { model, card };
}
