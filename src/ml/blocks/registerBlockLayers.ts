/** Registration of the custom layers of the blocks with tfjs serialisation. */
import * as tf from '@tensorflow/tfjs';
import { McDropout } from './mcDropout';
import { VaeSampling } from './vaeSampling';

/** Every custom layer of `ml/blocks`. Add a new one here (and to the README). */
export const blockLayerClasses = [McDropout, VaeSampling] as const;

let registered = false;

/**
 * Registers {@link blockLayerClasses} so that `tf.loadLayersModel` can rebuild models that use them.
 * Idempotent; the builders and `loadFromMemory` call it, call it yourself before a bare
 * `tf.loadLayersModel`.
 */
export function registerBlockLayers(): void {
  if (registered) return;
  for (const layerClass of blockLayerClasses) tf.serialization.registerClass(layerClass);
  registered = true;
}
