import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend/initBackend';

/**
 * Test helper: runs the same tensor computation on cpu and on wasm (with our kernels), returns
 * both results and the shape, and throws if either run leaves a tensor behind or the shapes differ.
 */
export async function onCpuAndWasm(
  compute: () => tf.Tensor,
): Promise<{ cpu: Float32Array; wasm: Float32Array; shape: number[] }> {
  const run = async (backend: 'cpu' | 'wasm') => {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    const out = tf.tidy(compute);
    const values = new Float32Array(await out.data());
    const shape = out.shape;
    out.dispose();
    if (tf.memory().numTensors !== before)
      throw new Error(`${backend}: ${tf.memory().numTensors - before} tensors left behind`);
    return { values, shape };
  };
  const cpu = await run('cpu');
  const wasm = await run('wasm');
  if (cpu.shape.join() !== wasm.shape.join())
    throw new Error(`shapes differ: cpu [${cpu.shape}] vs wasm [${wasm.shape}]`);
  return { cpu: cpu.values, wasm: wasm.values, shape: cpu.shape };
}
