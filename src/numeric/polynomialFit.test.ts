import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../core/thrownWorkbenchError';
import { polynomialFit } from './polynomialFit';

describe('polynomialFit', () => {
  it('recovers a cubic exactly, in raw powers and scaled form (pixel → nm calibration sizes)', () => {
    const c = [350.2, 0.135, -2.1e-6, 3.3e-10];
    const x = Float64Array.from({ length: 40 }, (_, i) => i * 100 + 7);
    const y = Float64Array.from(
      x,
      (v) => (c[0] as number) + v * ((c[1] as number) + v * ((c[2] as number) + v * (c[3] as number))),
    );
    const fit = polynomialFit(x, y, 3);
    fit.coefficients.forEach((value, k) => {
      expect(Math.abs(value - (c[k] as number)) / Math.abs(c[k] as number)).toBeLessThan(1e-8);
    });
    expect(fit.evaluate(2048)).toBeCloseTo(
      c.reduce((s, ck, k) => s + ck * 2048 ** k, 0),
      9,
    );
    expect(fit.residualSumOfSquares).toBeLessThan(1e-18);
  });

  it('matches the least-squares line of noisy data (closed form)', () => {
    const x = [0, 1, 2, 3, 4];
    const y = [1.1, 2.9, 5.2, 6.8, 9.1];
    const fit = polynomialFit(x, y, 1);
    // slope = Sxy/Sxx, intercept = ȳ − slope·x̄
    const slope = (-2 * 1.1 - 2.9 + 6.8 + 2 * 9.1 - 0) / 10;
    expect(fit.coefficients[1]).toBeCloseTo(slope, 12);
    expect(fit.coefficients[0]).toBeCloseTo(5.02 - 2 * slope, 12);
  });

  it('honours weights: a zero weight removes a point, a large weight pins the fit', () => {
    const x = [0, 1, 2, 3];
    const y = [0, 1, 2, 100];
    expect(polynomialFit(x, y, 1, { weights: [1, 1, 1, 0] }).coefficients[1]).toBeCloseTo(1, 12);
    const pinned = polynomialFit([0, 1, 2], [0, 0, 3], 0, { weights: [1, 1, 1e12] });
    expect(pinned.coefficients[0]).toBeCloseTo(3, 6);
  });

  it('keeps digits at order 10 over 10⁴ points (scaled QR)', () => {
    const x = Float64Array.from({ length: 10_000 }, (_, i) => 240 + i * 0.016);
    const truth = (v: number) => Math.sin((v - 240) / 25);
    const fit = polynomialFit(x, Float64Array.from(x, truth), 10);
    let worst = 0;
    for (let i = 0; i < x.length; i += 97)
      worst = Math.max(worst, Math.abs(fit.evaluate(x[i] as number) - truth(x[i] as number)));
    expect(worst).toBeLessThan(1e-4);
  });

  it('property: fitting a polynomial of degree ≤ order returns it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 2 }),
        (coefficients, extra) => {
          const order = coefficients.length - 1 + extra;
          const x = Array.from({ length: order + 6 }, (_, i) => i * 0.7 - 2);
          const y = x.map((v) => coefficients.reduce((s, ck, k) => s + ck * v ** k, 0));
          const fit = polynomialFit(x, y, order);
          x.forEach((v, i) => {
            expect(Math.abs(fit.evaluate(v) - (y[i] as number))).toBeLessThan(1e-9 * (1 + Math.abs(y[i] as number)));
          });
        },
      ),
    );
  });

  it('refuses bad input, naming the option', () => {
    const bad = (fn: () => unknown) => thrownWorkbenchError(fn);
    expect(bad(() => polynomialFit([1, 2], [1, 2], 2)).message).toMatch(/order 2 needs 3 distinct/);
    expect(bad(() => polynomialFit([1, 1, 1], [1, 2, 3], 1)).message).toMatch(/distinct/);
    expect(bad(() => polynomialFit([1, 2], [1], 0)).message).toMatch(/y must have/);
    expect(bad(() => polynomialFit([1, 2], [1, 2], 1.5)).message).toMatch(/order/);
    expect(bad(() => polynomialFit([1, 2], [1, 2], 0, { weights: [1, -1] })).message).toMatch(/weights/);
    expect(bad(() => polynomialFit([1, Number.NaN], [1, 2], 0)).code).toBe('INVALID_OPTION');
  });
});
