/**
 * Saving and loading block models in memory (model.json topology + one weight buffer), the form a
 * model card ships and a worker receives. Bit-exact: float32 weights are copied byte for byte.
 */
import * as tf from '@tensorflow/tfjs';
import { registerBlockLayers } from './registerBlockLayers';

/** Topology, weight specs and weights of `model` (no optimizer state). The arrays are the caller's. */
export async function saveToMemory(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? []).byteLength,
        },
      };
    }),
  );
  if (saved === undefined) throw new Error('model.save did not hand over any artifacts');
  return saved;
}

/**
 * A model from {@link saveToMemory}'s artifacts (or a model.json + weights read elsewhere). Registers
 * the custom block layers first. The caller owns the model.
 */
export async function loadFromMemory(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  registerBlockLayers();
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}
