import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../core/thrownWorkbenchError';
import { modPolyBaseline } from './modPolyBaseline';

/** A fluorescence-like background (quadratic) with three Lorentzian Raman bands of height 50–100. */
function ramanLike(n: number): { x: Float64Array; y: Float64Array; background: Float64Array } {
  const x = Float64Array.from({ length: n }, (_, i) => 400 + i * 2);
  const background = Float64Array.from(x, (v) => 200 + 0.2 * (v - 400) - 8e-5 * (v - 400) ** 2);
  const band = (v: number, centre: number, height: number) => height / (1 + ((v - centre) / 6) ** 2);
  const y = Float64Array.from(
    x,
    (v, i) => (background[i] as number) + band(v, 800, 100) + band(v, 1300, 60) + band(v, 1330, 50),
  );
  return { x, y, background };
}

describe('modPolyBaseline', () => {
  it('finds a smooth background under Raman-like bands (noise-free)', () => {
    const { x, y, background } = ramanLike(600);
    const { baseline, converged, iterations } = modPolyBaseline(x, y, { order: 3 });
    expect(converged).toBe(true);
    expect(iterations).toBeGreaterThan(2);
    let worst = 0;
    for (let i = 0; i < x.length; i++)
      worst = Math.max(worst, Math.abs((baseline[i] as number) - (background[i] as number)));
    // the Lorentzian wings (≈ 1–3 % of the band height far out) lift it a little, nothing more
    expect(worst).toBeLessThan(4);
  });

  it('property: a polynomial of degree ≤ order is its own baseline', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 1, maxLength: 4 }), (c) => {
        const x = Array.from({ length: 30 }, (_, i) => i / 3);
        const y = x.map((v) => c.reduce((s, ck, k) => s + ck * v ** k, 0));
        const { baseline } = modPolyBaseline(x, y, { order: 3 });
        baseline.forEach((value, i) => {
          expect(Math.abs(value - (y[i] as number))).toBeLessThan(1e-8 * (1 + Math.abs(y[i] as number)));
        });
      }),
    );
  });

  it('stops at maxIterations and says it did not converge', () => {
    const { x, y } = ramanLike(200);
    expect(modPolyBaseline(x, y, { order: 3, maxIterations: 2 })).toMatchObject({ iterations: 2, converged: false });
  });

  it('refuses bad options, naming them', () => {
    expect(thrownWorkbenchError(() => modPolyBaseline([1, 2, 3], [1, 2, 3], { order: 0 })).message).toMatch(/order/);
    expect(thrownWorkbenchError(() => modPolyBaseline([1, 2], [1, 2, 3])).message).toMatch(/y must have/);
    expect(thrownWorkbenchError(() => modPolyBaseline([1, 2], [1, 2], { maxIterations: 0 })).message).toMatch(
      /maxIterations/,
    );
    expect(thrownWorkbenchError(() => modPolyBaseline([1, 2], [1, 2], { tolerance: 0 })).code).toBe('INVALID_OPTION');
  });
});
