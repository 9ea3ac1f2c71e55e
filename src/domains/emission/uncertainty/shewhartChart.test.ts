import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core';
import { shewhartChart, shewhartLimits } from './shewhartChart';

// Reference period of a control sample at 20 µg/L: mean 20.0, Σ(x − x̄)² = 0.40, s = √(0.40/5).
const REFERENCE = [19.6, 20.4, 20.0, 19.8, 20.2, 20.0];
const S = Math.sqrt(0.08);

describe('shewhartLimits', () => {
  it('builds CL ± 2s warning and CL ± 3s action limits from a reference period', () => {
    const l = shewhartLimits({ reference: REFERENCE });
    expect(l.centre).toBeCloseTo(20, 12);
    expect(l.sd).toBeCloseTo(S, 12);
    expect(l.upperWarning).toBeCloseTo(20 + 2 * S, 12);
    expect(l.lowerAction).toBeCloseTo(20 - 3 * S, 12);
    expect(l.basis).toBe('reference');
    expect(l.referenceCount).toBe(6);
  });

  it('keeps a certified centre with the reference SD, or takes both as given', () => {
    expect(shewhartLimits({ reference: REFERENCE, centre: 20.1 }).upperAction).toBeCloseTo(20.1 + 3 * S, 12);
    const given = shewhartLimits({ centre: 5, sd: 0.25 });
    expect([given.lowerAction, given.lowerWarning, given.upperWarning, given.upperAction]).toEqual([
      4.25, 4.5, 5.5, 5.75,
    ]);
    expect(given.basis).toBe('given');
    expect(() => shewhartLimits({ centre: 5, sd: 0 })).toThrow(WorkbenchError);
    expect(() => shewhartLimits({ reference: [1] })).toThrow(/2 results/);
  });
});

describe('shewhartChart', () => {
  it('puts each point in its zone and lists the rules that fire there', () => {
    const chart = shewhartChart([20.1, 20.7, 19.9, 20.65, 21.0], { reference: REFERENCE });
    expect(chart.points.map((p) => p.zone)).toEqual(['inside', 'warning', 'inside', 'warning', 'action']);
    expect(chart.points[3]?.rules).toEqual(['nt-two-of-three-warning']);
    expect(chart.points[4]?.rules).toEqual(['nt-action-limit', 'nt-two-of-three-warning']);
    expect(chart.points[0]?.z).toBeCloseTo(0.1 / S, 12);
    expect(chart.lastOutOfControl).toBe(true);
  });

  it('uses the ISO rule set on request and reports an in-control last point', () => {
    const values = [20.1, 19.9, 20.2, 19.8, 20.05];
    const chart = shewhartChart(values, { centre: 20, sd: 0.2 }, { rules: 'iso7870-2' });
    expect(chart.violations).toEqual([]);
    expect(chart.lastOutOfControl).toBe(false);
    expect(() => shewhartChart([Number.NaN], { centre: 20, sd: 0.2 })).toThrow(/control result 1/);
  });
});
