import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core';
import { cusumChart } from './cusumChart';
import { seededNormal } from './uncertainty.testUtil';

describe('cusumChart', () => {
  it('accumulates, alarms, estimates the shift and resets (hand-computed)', () => {
    // z = 0.5, 1.5, 2, 1, 2.5 → C⁺ = 0, 1, 2.5, 3, 5 > h = 4 at point 4; run of 4 non-zero sums from
    // point 1; shifted mean = 10 + 1·(0.5 + 5/4) = 11.75. Then z = −3, −2.5 → C⁻ = 2.5, 4.5 > 4.
    const chart = cusumChart([10.5, 11.5, 12, 11, 12.5, 7, 7.5, 10], { target: 10, sd: 1, h: 4 });
    expect(chart.upper.slice(0, 5)).toEqual([0, 1, 2.5, 3, 5]);
    expect(chart.lower.slice(5)).toEqual([2.5, 4.5, 0]);
    expect(chart.alarms).toEqual([
      { index: 4, side: 'upper', shiftStart: 1, shiftedMean: 11.75 },
      { index: 6, side: 'lower', shiftStart: 5, shiftedMean: 10 - (0.5 + 4.5 / 2) },
    ]);
  });

  it('refuses a non-positive SD or h', () => {
    expect(() => cusumChart([1], { target: 0, sd: 0 })).toThrow(WorkbenchError);
    expect(() => cusumChart([1], { target: 0, sd: 1, h: 0 })).toThrow(/h > 0/);
    expect(() => cusumChart([Number.NaN], { target: 0, sd: 1 })).toThrow(/control result 1/);
  });

  /** Mean number of points until the first alarm, for results N(shift, 1), seeded. */
  function averageRunLength(shift: number, h: number, runs: number, seed: number): number {
    const normal = seededNormal(seed);
    let total = 0;
    for (let r = 0; r < runs; r++) {
      // Extend the series in blocks of 50 until the chart alarms; its first alarm is the run length.
      const values: number[] = [];
      for (;;) {
        for (let i = 0; i < 50; i++) values.push(shift + normal());
        const first = cusumChart(values, { target: 0, sd: 1, h }).alarms[0];
        if (first !== undefined) {
          total += first.index + 1;
          break;
        }
      }
    }
    return total / runs;
  }

  // Montgomery, Introduction to SQC 7th ed., Table 9.3 (k = 0.5): ARL(1σ) = 10.4 for h = 5 and 8.38
  // for h = 4; in control 465 and 168. Bounds are generous; measured values are in the report.
  it('detects a 1σ shift within the expected average run length', () => {
    const arl5 = averageRunLength(1, 5, 2000, 11);
    const arl4 = averageRunLength(1, 4, 2000, 12);
    console.info(`CUSUM ARL at 1σ: h = 5 → ${arl5.toFixed(2)}, h = 4 → ${arl4.toFixed(2)}`);
    expect(arl5).toBeGreaterThan(9);
    expect(arl5).toBeLessThan(12);
    expect(arl4).toBeGreaterThan(7.3);
    expect(arl4).toBeLessThan(9.5);
  });

  it('rarely alarms in control', () => {
    const arl0 = averageRunLength(0, 4, 400, 13);
    console.info(`CUSUM in-control ARL, h = 4: ${arl0.toFixed(1)}`);
    expect(arl0).toBeGreaterThan(130);
    expect(arl0).toBeLessThan(215);
  });
});
