import { describe, expect, it } from 'vitest';
import { complexEigenvalues } from './complexEigenvalues';
import { complexLeastSquares } from './complexLeastSquares';
import { hermitianEigen } from './hermitianEigen';
import { gaussian, seeded } from './transientTestSupport';

/** A random complex n × n matrix. */
function randomMatrix(n: number, normal: () => number) {
  return { re: Float64Array.from({ length: n * n }, normal), im: Float64Array.from({ length: n * n }, normal) };
}

/** C = A·B (n × n complex). */
function multiply(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }, n: number) {
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) {
        const ar = a.re[i * n + k] as number;
        const ai = a.im[i * n + k] as number;
        const br = b.re[k * n + j] as number;
        const bi = b.im[k * n + j] as number;
        re[i * n + j] = (re[i * n + j] as number) + ar * br - ai * bi;
        im[i * n + j] = (im[i * n + j] as number) + ar * bi + ai * br;
      }
  return { re, im };
}

function adjoint(a: { re: Float64Array; im: Float64Array }, n: number) {
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      re[j * n + i] = a.re[i * n + j] as number;
      im[j * n + i] = -(a.im[i * n + j] as number);
    }
  return { re, im };
}

describe('hermitianEigen', () => {
  it('decomposes a random Hermitian matrix: A·V = V·Λ, VᴴV = I, values descending', () => {
    const normal = gaussian(seeded(1));
    const n = 24;
    const x = randomMatrix(n, normal);
    const a = multiply(x, adjoint(x, n), n);
    const { values, vectors } = hermitianEigen(a, n);
    const av = multiply(a, vectors, n);
    let worst = 0;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) {
        const dr = (av.re[i * n + k] as number) - (values[k] as number) * (vectors.re[i * n + k] as number);
        const di = (av.im[i * n + k] as number) - (values[k] as number) * (vectors.im[i * n + k] as number);
        worst = Math.max(worst, Math.hypot(dr, di));
      }
    expect(worst).toBeLessThan(1e-10 * (values[0] as number));
    const gram = multiply(adjoint(vectors, n), vectors, n);
    for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) expect(gram.re[i * n + k]).toBeCloseTo(i === k ? 1 : 0, 12);
    for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1] as number);
  });

  it('refuses a matrix of the wrong size', () => {
    expect(() => hermitianEigen({ re: new Float64Array(3), im: new Float64Array(3) }, 2)).toThrow(/2 × 2/);
  });
});

describe('complexEigenvalues', () => {
  it('finds the diagonal of T in A = Q·T·Qᴴ (Q unitary, T upper triangular)', () => {
    const normal = gaussian(seeded(2));
    const n = 20;
    const x = randomMatrix(n, normal);
    const q = hermitianEigen(multiply(x, adjoint(x, n), n), n).vectors; // a random unitary matrix
    const t = randomMatrix(n, normal);
    const expected: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) t.re[i * n + j] = t.im[i * n + j] = 0;
      // poles on and inside the unit circle, as HSVD gives
      const radius = 0.9 + 0.1 * (i / n);
      const angle = (2 * Math.PI * i) / n;
      t.re[i * n + i] = radius * Math.cos(angle);
      t.im[i * n + i] = radius * Math.sin(angle);
      expected.push([t.re[i * n + i] as number, t.im[i * n + i] as number]);
    }
    const a = multiply(multiply(q, t, n), adjoint(q, n), n);
    const found = complexEigenvalues(a, n);
    for (const [er, ei] of expected) {
      let nearest = Number.POSITIVE_INFINITY;
      for (let k = 0; k < n; k++)
        nearest = Math.min(nearest, Math.hypot((found.re[k] as number) - er, (found.im[k] as number) - ei));
      expect(nearest).toBeLessThan(1e-10);
    }
  });

  it('handles 1 × 1 and 2 × 2 matrices', () => {
    expect(Array.from(complexEigenvalues({ re: Float64Array.of(3), im: Float64Array.of(-1) }, 1).im)).toEqual([-1]);
    // [[0, 1], [-1, 0]]: ±i
    const pair = complexEigenvalues({ re: Float64Array.of(0, 1, -1, 0), im: new Float64Array(4) }, 2);
    expect([...pair.im].sort()).toEqual([-1, 1].map((v) => expect.closeTo(v, 12)));
  });
});

describe('complexLeastSquares', () => {
  it('solves an overdetermined complex system exactly when it is consistent', () => {
    const normal = gaussian(seeded(3));
    const m = 50;
    const columns = Array.from({ length: 4 }, () => ({
      re: Float64Array.from({ length: m }, normal),
      im: Float64Array.from({ length: m }, normal),
    }));
    const x = [
      [1, 2],
      [-0.5, 0],
      [0, 3],
      [2, -1],
    ];
    const b = { re: new Float64Array(m), im: new Float64Array(m) };
    columns.forEach((c, j) => {
      const [xr, xi] = x[j] as [number, number];
      for (let t = 0; t < m; t++) {
        b.re[t] = (b.re[t] as number) + (c.re[t] as number) * xr - (c.im[t] as number) * xi;
        b.im[t] = (b.im[t] as number) + (c.re[t] as number) * xi + (c.im[t] as number) * xr;
      }
    });
    const [solution] = complexLeastSquares(columns, [b]);
    x.forEach(([xr, xi], j) => {
      expect(solution?.re[j]).toBeCloseTo(xr as number, 12);
      expect(solution?.im[j]).toBeCloseTo(xi as number, 12);
    });
  });
});
