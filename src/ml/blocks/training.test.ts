import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';
import { type ArchitectureSpec, buildModel } from './buildModel';
import { resetRandomStreams } from './resetRandomStreams';
import { inputsFor, lossFor, type TinySpecName, targetsFor, tinySpecs } from './testSpecs';

// Backward passes run on cpu: the wasm backend has no Conv2DBackpropFilter yet (tfjs#8474).
beforeAll(async () => {
  await initBackend('cpu');
});

const batch = 4;

/**
 * Two `trainOnBatch` calls on the same batch, with the seeded dropout / sampling streams restarted
 * before each, so both losses are the same objective: before and after one Adam step.
 */
async function lossBeforeAndAfterOneStep(spec: ArchitectureSpec): Promise<[number, number]> {
  const model = buildModel(spec);
  const inputs = inputsFor(model, batch);
  const target =
    'kind' in spec && (spec.kind === 'autoencoder1d' || spec.kind === 'vae1d') ? inputs[0]?.clone() : undefined;
  const targets = target ?? targetsFor(model, spec, batch);
  try {
    model.compile({ optimizer: tf.train.adam(1e-3), loss: lossFor(spec) });
    const x = inputs.length === 1 ? (inputs[0] as tf.Tensor) : inputs;
    resetRandomStreams(model);
    const before = (await model.trainOnBatch(x, targets)) as number;
    resetRandomStreams(model);
    const after = (await model.trainOnBatch(x, targets)) as number;
    return [before, after];
  } finally {
    tf.dispose([...inputs, targets]);
    model.optimizer.dispose();
    model.dispose();
  }
}

describe.each(Object.keys(tinySpecs) as TinySpecName[])('%s', (name) => {
  it('one training step on a fixed batch reduces the loss (cpu)', async () => {
    const startTensors = tf.memory().numTensors;
    const [before, after] = await lossBeforeAndAfterOneStep(tinySpecs[name]);
    expect(Number.isFinite(before)).toBe(true);
    expect(after).toBeLessThan(before);
    expect(tf.memory().numTensors).toBe(startTensors);
  });
});
