import * as tf from '@tensorflow/tfjs';
import type { ModelCard } from './modelCard';
import type { ModelFile } from './readModelFiles';

/** Name of the single weight shard we write (tfjs's own naming). */
export const WEIGHTS_FILE = 'group1-shard1of1.bin';

/**
 * Writes a LayersModel as the files TensorFlow.js loads (model.json + one weight shard), plus
 * card.json when a card is given: what the training script puts in public/models/<id>/ and what a
 * fine-tuned model is downloaded as. `readModelFiles` reads them back bit-exactly.
 */
export async function modelToFiles(model: tf.LayersModel, card?: ModelCard): Promise<ModelFile[]> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.weightSpecs || !saved.weightData) throw new Error('tfjs produced no weights');
  const weightData = saved.weightData;
  const buffers = Array.isArray(weightData) ? weightData : [weightData];
  const weights = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    weights.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  const modelJson = {
    format: 'layers-model',
    generatedBy: saved.generatedBy,
    convertedBy: saved.convertedBy ?? null,
    modelTopology: saved.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: saved.weightSpecs }],
  };
  const encode = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, card ? 1 : 0)}\n`);
  const files: ModelFile[] = [
    { name: 'model.json', bytes: encode(modelJson) },
    { name: WEIGHTS_FILE, bytes: weights },
  ];
  if (card) files.push({ name: 'card.json', bytes: new TextEncoder().encode(`${JSON.stringify(card, null, 2)}\n`) });
  return files;
}
