import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core';
import { rangeChart, rangeFactors } from './rangeChart';
import { seededNormal } from './uncertainty.testUtil';

describe('rangeFactors', () => {
  it('are consistent: D4 = 1 + 3·d3/d2 and D3 = max(0, 1 − 3·d3/d2) to table rounding', () => {
    for (let n = 2; n <= 10; n++) {
      const f = rangeFactors(n);
      expect(Math.abs(f.D4 - (1 + (3 * f.d3) / f.d2))).toBeLessThan(0.002);
      expect(Math.abs(f.D3 - Math.max(0, 1 - (3 * f.d3) / f.d2))).toBeLessThan(0.002);
    }
    expect(() => rangeFactors(11)).toThrow(WorkbenchError);
  });

  it('match the closed forms for duplicates: d2 = 2/√π, d3 = √(2 − 4/π)', () => {
    expect(rangeFactors(2).d2).toBeCloseTo(2 / Math.sqrt(Math.PI), 3);
    expect(rangeFactors(2).d3).toBeCloseTo(Math.sqrt(2 - 4 / Math.PI), 3);
  });

  it('give the mean range of normal samples (seeded simulation, n = 5)', () => {
    const normal = seededNormal(5);
    let sum = 0;
    const trials = 20000;
    for (let t = 0; t < trials; t++) {
      const g = [normal(), normal(), normal(), normal(), normal()];
      sum += Math.max(...g) - Math.min(...g);
    }
    expect(sum / trials).toBeCloseTo(rangeFactors(5).d2, 1);
  });
});

describe('rangeChart', () => {
  // Ranges 0.2, 0.4, 0.1, 0.3, 0.5, 0.3 → R̄ = 0.3; UCL = 3.267·0.3 = 0.9801; UWL = (1 + 2·0.853/1.128)·0.3.
  const pairs = [
    [10.0, 10.2],
    [9.8, 10.2],
    [10.1, 10.0],
    [10.3, 10.0],
    [9.7, 10.2],
    [10.0, 10.3],
  ];

  it('sets R̄, warning and action limits for duplicates and estimates s = R̄/d2', () => {
    const chart = rangeChart(pairs);
    expect(chart.centre).toBeCloseTo(0.3, 12);
    expect(chart.upperAction).toBeCloseTo(0.9801, 12);
    expect(chart.upperWarning).toBeCloseTo(0.3 * (1 + (2 * 0.853) / 1.128), 12);
    expect(chart.upperWarning / chart.centre).toBeCloseTo(2.512, 3);
    expect(chart.lowerAction).toBe(0);
    expect(chart.sdFromRanges).toBeCloseTo(0.3 / 1.128, 12);
    expect(chart.outOfControl).toEqual([]);
  });

  it('flags a pair beyond D4·R̄ against a fixed R̄, and one in the warning zone', () => {
    const chart = rangeChart([...pairs, [10, 11.0], [10, 10.8]], { meanRange: 0.3 });
    expect(chart.outOfControl).toEqual([6]);
    expect(chart.points[7]?.zone).toBe('warning');
  });

  it('plots relative ranges in percent for the r%-chart', () => {
    const chart = rangeChart(
      [
        [99, 101],
        [49, 51],
      ],
      { relative: true },
    );
    expect(chart.points.map((p) => p.range)).toEqual([2, 4]);
    expect(chart.centre).toBeCloseTo(3, 12);
  });

  it('refuses unequal groups and empty input', () => {
    expect(() => rangeChart([])).toThrow(/no replicate groups/);
    expect(() =>
      rangeChart([
        [1, 2],
        [1, 2, 3],
      ]),
    ).toThrow(/group 2 has 3/);
    expect(() => rangeChart([[0, 0]], { relative: true })).toThrow(/mean 0/);
  });
});
