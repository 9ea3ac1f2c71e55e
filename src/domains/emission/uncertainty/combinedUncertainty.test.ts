import { describe, expect, it } from 'vitest';
import { biasUncertainty, ptObservation } from './biasUncertainty';
import { combinedUncertainty } from './combinedUncertainty';
import type { UncertaintyComponent } from './withinLabReproducibility';

const relative = (name: string, u: number): UncertaintyComponent => ({ name, u, scale: 'relative' });

describe('combinedUncertainty', () => {
  const bias = biasUncertainty(
    [0.03, -0.02, 0.04, 0, -0.01, 0.02].map((b, i) =>
      ptObservation(`PT ${i + 1}`, 100 + 100 * b, 100, 10, 25, { relative: true }),
    ),
  );

  it('adds u(Rw) and u(bias) in quadrature, U = k·u_c, shares sum to 1', () => {
    const budget = combinedUncertainty(
      [relative('control', Math.sqrt(0.0002)), relative('duplicates', Math.sqrt(0.0003))],
      bias,
    );
    expect(budget.uRw).toBeCloseTo(Math.sqrt(0.0005), 12);
    expect(budget.uc).toBeCloseTo(Math.sqrt(0.0044 / 3), 12);
    expect(budget.U).toBeCloseTo(2 * Math.sqrt(0.0044 / 3), 12);
    expect(budget.components.map((c) => c.share).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(combinedUncertainty([relative('control', 0.01)], bias, { k: 3 }).k).toBe(3);
  });

  it('refuses a budget without u(Rw), with mixed scales or a bad k', () => {
    expect(() => combinedUncertainty([], bias)).toThrow(/at least one/);
    expect(() => combinedUncertainty([{ name: 'sd', u: 0.2, scale: 'absolute' }], bias)).toThrow(/absolute/);
    expect(() => combinedUncertainty([relative('c', -1)], bias)).toThrow(/u = -1/);
    expect(() => combinedUncertainty([relative('c', 0.01)], bias, { k: 0 })).toThrow(/coverage factor/);
  });
});
