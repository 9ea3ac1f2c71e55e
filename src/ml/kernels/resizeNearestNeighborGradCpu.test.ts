import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../backend/initBackend';

/** ⟨resize(x), w⟩ must equal ⟨x, ∂/∂x ⟨resize(x), w⟩⟩ — the gradient is the adjoint of the forward map. */
async function adjointGap(
  shape: [number, number, number, number],
  size: [number, number],
  alignCorners: boolean,
  halfPixelCenters: boolean,
) {
  const x = tf.randomUniform(shape, -1, 1, 'float32', 1);
  const y = tf.image.resizeNearestNeighbor(x as tf.Tensor4D, size, alignCorners, halfPixelCenters);
  const w = tf.randomUniform(y.shape, -1, 1, 'float32', 2);
  const g = tf.grad((t: tf.Tensor) =>
    tf.sum(tf.mul(tf.image.resizeNearestNeighbor(t as tf.Tensor4D, size, alignCorners, halfPixelCenters), w)),
  )(x);
  const lhs = (await tf.sum(tf.mul(y, w)).data())[0] as number;
  const rhs = (await tf.sum(tf.mul(x, g)).data())[0] as number;
  tf.dispose([x, y, w, g]);
  return Math.abs(lhs - rhs);
}

describe('resizeNearestNeighbor gradient', () => {
  it.each(['cpu', 'wasm'] as const)('is the adjoint of the forward map on %s, for batches > 1 too', async (backend) => {
    await initBackend(backend);
    for (const [shape, size] of [
      [
        [3, 1, 8, 2],
        [1, 16],
      ],
      [
        [2, 4, 5, 3],
        [8, 10],
      ],
      [
        [2, 3, 3, 1],
        [7, 5],
      ],
    ] as [[number, number, number, number], [number, number]][]) {
      for (const alignCorners of [false, true]) {
        // Known and left alone: tfjs wasm fails this identity with halfPixelCenters and a
        // non-integer scale (3 → 7). Our layers never ask for that (upSampling2d: integer factors,
        // halfPixelCenters false), so only cpu is checked there.
        const centres = alignCorners || backend === 'wasm' ? [false] : [false, true];
        for (const halfPixelCenters of centres) {
          expect(
            await adjointGap(shape, size, alignCorners, halfPixelCenters),
            `${shape} → ${size} ${alignCorners} ${halfPixelCenters}`,
          ).toBeLessThan(1e-3);
        }
      }
    }
  });

  it('gives each sample its own gradient on cpu (the stock kernel gave sample 2 the wrong region)', async () => {
    await initBackend('cpu');
    const x = tf.zeros([2, 1, 4, 1]);
    const w = tf.tensor4d(
      Array.from({ length: 16 }, (_, i) => i + 1),
      [2, 1, 8, 1],
    );
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.image.resizeNearestNeighbor(t as tf.Tensor4D, [1, 8]), w)))(x);
    expect(Array.from(await g.data())).toEqual([3, 7, 11, 15, 19, 23, 27, 31]);
  });
});
