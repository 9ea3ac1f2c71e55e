import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../core/thrownWorkbenchError';
import { snipBaseline } from './snipBaseline';

describe('snipBaseline', () => {
  it('removes narrow peaks from a linear background (with and without LLS)', () => {
    const n = 500;
    const background = Float64Array.from({ length: n }, (_, i) => 100 + 0.1 * i);
    const y = Float64Array.from(
      background,
      (b, i) => b + 5000 * Math.exp(-0.5 * ((i - 200) / 3) ** 2) + 800 * Math.exp(-0.5 * ((i - 320) / 2) ** 2),
    );
    for (const lls of [true, false]) {
      const baseline = snipBaseline(y, { halfWidth: 15, lls });
      let worst = 0;
      for (let i = 20; i < n - 20; i++)
        worst = Math.max(worst, Math.abs((baseline[i] as number) - (background[i] as number)));
      expect(worst).toBeLessThan(2); // of peaks 800–5000 high
    }
  });

  it('leaves a straight line unchanged without LLS, writes into output', () => {
    const line = Float64Array.from({ length: 50 }, (_, i) => 3 - 0.2 * i);
    const output = new Float64Array(50);
    expect(snipBaseline(line, { lls: false, halfWidth: 5, output })).toBe(output);
    output.forEach((value, i) => {
      expect(value).toBeCloseTo(line[i] as number, 12);
    });
  });

  it('property: the baseline never rises above the data (clipping only lowers points)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 3, maxLength: 80 }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (values, halfWidth, lls) => {
          const baseline = snipBaseline(values, { halfWidth, lls });
          baseline.forEach((b, i) => {
            expect(b).toBeLessThanOrEqual((values[i] as number) + 1e-9 * (1 + Math.abs(values[i] as number)));
          });
        },
      ),
    );
  });

  it('refuses bad options', () => {
    expect(thrownWorkbenchError(() => snipBaseline([1, 2, 3], { halfWidth: 0 })).message).toMatch(/halfWidth/);
    expect(thrownWorkbenchError(() => snipBaseline([1, 2, 3], { output: new Float64Array(2) })).message).toMatch(
      /output/,
    );
  });
});
