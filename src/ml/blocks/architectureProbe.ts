import * as tf from '@tensorflow/tfjs';
import { buildModel } from './buildModel';
import { registerBlockLayers } from './registerBlockLayers';
import { inputsFor, lossFor, type TinySpecName, targetsFor, tinySpecs } from './testSpecs';

/** One architecture's forward output and loss gradients on the current backend. */
export interface ArchitectureProbe {
  readonly name: TinySpecName;
  readonly output: Float32Array;
  /** Gradients of the loss w.r.t. every trainable weight, concatenated in weight order. */
  readonly gradients: Float32Array;
  readonly loss: number;
}

/**
 * Runs every tiny architecture of {@link tinySpecs} forward and backward (one loss gradient, the
 * core of a training step) on whatever tfjs backend is active, with seeded weights and data, so the
 * results of two backends can be compared number by number. Leaves no tensors behind.
 */
export async function probeArchitectures(batch = 3): Promise<ArchitectureProbe[]> {
  registerBlockLayers();
  const probes: ArchitectureProbe[] = [];
  for (const [name, spec] of Object.entries(tinySpecs) as [TinySpecName, (typeof tinySpecs)[TinySpecName]][]) {
    const model = buildModel(spec);
    const inputs = inputsFor(model, batch);
    const target = targetsFor(model, spec, batch);
    try {
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const output = tf.tidy(() => model.predict(inputs) as tf.Tensor);
      const { value, grads } = tf.variableGrads(() => {
        const y = model.apply(inputs, { training: false }) as tf.Tensor;
        if (lossFor(spec) === 'meanSquaredError') return tf.losses.meanSquaredError(target, y) as tf.Scalar;
        // Cross-entropy on the probabilities, clipped: the same loss on every backend.
        return tf.neg(tf.mean(tf.sum(tf.mul(target, tf.log(tf.clipByValue(y, 1e-7, 1))), -1))) as tf.Scalar;
      }, variables);
      const parts = await Promise.all(
        variables.map((v) => grads[v.name]?.data() ?? Promise.resolve(new Float32Array())),
      );
      const gradients = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      let offset = 0;
      for (const part of parts) {
        gradients.set(part as Float32Array, offset);
        offset += part.length;
      }
      probes.push({
        name,
        output: (await output.data()) as Float32Array,
        gradients,
        loss: (await value.data())[0] ?? Number.NaN,
      });
      output.dispose();
      value.dispose();
      tf.dispose(grads);
    } finally {
      tf.dispose([...inputs, target]);
      model.dispose();
    }
  }
  return probes;
}
