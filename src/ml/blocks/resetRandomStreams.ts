/** Restarting the seeded random streams of a model's stochastic layers. */
import type * as tf from '@tensorflow/tfjs';
import { McDropout } from './mcDropout';
import { VaeSampling } from './vaeSampling';

/**
 * Restarts the mask / ε sequence of every seeded {@link McDropout} and {@link VaeSampling} layer of
 * `model`, so the next calls draw the same randomness as a freshly built or loaded model: repeatable
 * Monte-Carlo runs, and training steps that can be compared on the same noise. Returns how many
 * layers were reset.
 */
export function resetRandomStreams(model: tf.LayersModel): number {
  let count = 0;
  for (const layer of model.layers) {
    if (layer instanceof McDropout || layer instanceof VaeSampling) {
      layer.resetRandom();
      count += 1;
    }
  }
  return count;
}
