import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core';
import {
  pooledSd,
  pooledSdFromDuplicates,
  rwFromControlLimits,
  rwFromControlSample,
  rwFromDuplicates,
} from './withinLabReproducibility';

describe('u(Rw) components', () => {
  it('takes the SD (n − 1) of a control sample, absolute or relative', () => {
    // mean 20.0, Σ(x − x̄)² = 0.40, s = √0.08 = 0.2828 µg/L = 1.414 %
    const results = [19.6, 20.4, 20.0, 19.8, 20.2, 20.0];
    const abs = rwFromControlSample('control 20 µg/L', results);
    expect(abs).toMatchObject({ scale: 'absolute', dof: 5 });
    expect(abs.u).toBeCloseTo(Math.sqrt(0.08), 12);
    expect(rwFromControlSample('control', results, { relative: true }).u).toBeCloseTo(Math.sqrt(0.08) / 20, 12);
    expect(rwFromControlSample('control', results, { relative: true, reference: 25 }).u).toBeCloseTo(
      Math.sqrt(0.08) / 25,
      12,
    );
    expect(() => rwFromControlSample('control', [1])).toThrow(/at least 2/);
  });

  it('pools duplicates as √(Σd²/2n)', () => {
    // d = 0.2, 0.4, −0.3 → Σd² = 0.29, n = 3
    const pairs: [number, number][] = [
      [10.1, 9.9],
      [5.2, 4.8],
      [7.0, 7.3],
    ];
    expect(pooledSdFromDuplicates(pairs).sd).toBeCloseTo(Math.sqrt(0.29 / 6), 12);
    expect(pooledSdFromDuplicates(pairs).dof).toBe(3);
    // relative d/mean = 0.02, 0.08, −0.3/7.15
    const rel = Math.sqrt((0.02 ** 2 + 0.08 ** 2 + (0.3 / 7.15) ** 2) / 6);
    expect(rwFromDuplicates('duplicates', pairs, { relative: true }).u).toBeCloseTo(rel, 12);
    expect(() => pooledSdFromDuplicates([])).toThrow(WorkbenchError);
    expect(() => pooledSdFromDuplicates([[0, 0]], { relative: true })).toThrow(/mean 0/);
  });

  it('gives the same s from duplicates as the general pooled SD', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true })),
          {
            minLength: 1,
            maxLength: 20,
          },
        ),
        (pairs) => {
          expect(pooledSdFromDuplicates(pairs).sd).toBeCloseTo(pooledSd(pairs).sd, 9);
        },
      ),
    );
  });

  it('pools groups of different sizes by their degrees of freedom and skips singletons', () => {
    // groups: [1, 2, 3] (ss 2, dof 2), [4, 6] (ss 2, dof 1), [9] → s = √(4/3)
    const r = pooledSd([[1, 2, 3], [4, 6], [9]]);
    expect(r.sd).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(r.dof).toBe(3);
    expect(() => pooledSd([[1], [2]])).toThrow(/two results/);
  });

  it('reads s from control-chart limits: warning half-width / 2 or action half-width / 3', () => {
    expect(rwFromControlLimits('limits', { centre: 2, warningLimit: 2.3 }).u).toBeCloseTo(0.15, 12);
    expect(rwFromControlLimits('limits', { centre: 2, actionLimit: 1.55 }).u).toBeCloseTo(0.15, 12);
    expect(rwFromControlLimits('limits', { centre: 50, warningLimit: 55, relative: true })).toMatchObject({
      u: 0.05,
      scale: 'relative',
    });
    expect(() => rwFromControlLimits('limits', { centre: 2 })).toThrow(WorkbenchError);
  });
});
