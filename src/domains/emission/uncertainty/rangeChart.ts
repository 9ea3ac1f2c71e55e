import { WorkbenchError } from '../../../core';

/**
 * R-chart of replicate groups (usually duplicates of routine samples), absolute or relative
 * (the r%-chart of Nordtest TR 569, range/mean·100, for results whose SD grows with level).
 *
 * Centre line R̄, upper action limit D₄·R̄, lower action limit D₃·R̄, upper warning limit
 * (1 + 2·d₃/d₂)·R̄ (2.512·R̄ for duplicates: TR 569's 2.833·s over R̄ = 1.128·s). Factors d₂, d₃,
 * D₃, D₄ for group size n = 2…10 are the standard SPC constants (the factor table of ISO 7870-2:2013;
 * ASTM STP 15D; Montgomery, Introduction to Statistical Quality Control 7th ed., Appendix VI):
 * D₄ = 1 + 3·d₃/d₂, D₃ = max(0, 1 − 3·d₃/d₂). The SD estimate from the ranges is R̄/d₂.
 */

/** d₂, d₃, D₃, D₄ by group size (index = n). */
const FACTORS: Readonly<Record<number, { d2: number; d3: number; D3: number; D4: number }>> = {
  2: { d2: 1.128, d3: 0.853, D3: 0, D4: 3.267 },
  3: { d2: 1.693, d3: 0.888, D3: 0, D4: 2.574 },
  4: { d2: 2.059, d3: 0.88, D3: 0, D4: 2.282 },
  5: { d2: 2.326, d3: 0.864, D3: 0, D4: 2.114 },
  6: { d2: 2.534, d3: 0.848, D3: 0, D4: 2.004 },
  7: { d2: 2.704, d3: 0.833, D3: 0.076, D4: 1.924 },
  8: { d2: 2.847, d3: 0.82, D3: 0.136, D4: 1.864 },
  9: { d2: 2.97, d3: 0.808, D3: 0.184, D4: 1.816 },
  10: { d2: 3.078, d3: 0.797, D3: 0.223, D4: 1.777 },
};

/** SPC factors for ranges of groups of n (2 ≤ n ≤ 10). */
export function rangeFactors(n: number): { d2: number; d3: number; D3: number; D4: number } {
  const f = FACTORS[n];
  if (f === undefined) throw new WorkbenchError('INVALID_OPTION', `range factors exist for groups of 2–10, got ${n}`);
  return f;
}

/** Options of {@link rangeChart}. */
export interface RangeChartOptions {
  /** Plot range/mean·100 (%) instead of the range. */
  readonly relative?: boolean;
  /** R̄ fixed from an earlier period; default: the mean range of the groups given. */
  readonly meanRange?: number;
}

/** One plotted group. */
export interface RangePoint {
  readonly index: number;
  /** Range (or relative range in %). */
  readonly range: number;
  readonly zone: 'inside' | 'warning' | 'action';
}

/** An evaluated R-chart. */
export interface RangeChart {
  readonly groupSize: number;
  readonly relative: boolean;
  readonly centre: number;
  readonly upperWarning: number;
  readonly upperAction: number;
  readonly lowerAction: number;
  /** R̄/d₂: the repeatability SD the ranges imply (in % when relative). */
  readonly sdFromRanges: number;
  readonly points: readonly RangePoint[];
  /** Indices of groups beyond the action limits (above D₄·R̄, or below D₃·R̄ when D₃ > 0). */
  readonly outOfControl: readonly number[];
}

/**
 * Evaluates replicate groups on an R-chart. All groups must have the same size (2–10).
 * @throws WorkbenchError `INVALID_DATA` for no groups, unequal sizes, non-finite values or a
 *   relative range of a group with mean 0.
 */
export function rangeChart(groups: readonly (readonly number[])[], options: RangeChartOptions = {}): RangeChart {
  const { relative = false } = options;
  const first = groups[0];
  if (first === undefined) throw new WorkbenchError('INVALID_DATA', 'no replicate groups were given');
  const n = first.length;
  const factors = rangeFactors(n);
  const ranges = groups.map((g, i) => {
    if (g.length !== n)
      throw new WorkbenchError('INVALID_DATA', `group ${i + 1} has ${g.length} results, group 1 has ${n}`);
    if (!g.every(Number.isFinite)) throw new WorkbenchError('INVALID_DATA', `group ${i + 1} has a non-finite result`);
    const r = Math.max(...g) - Math.min(...g);
    if (!relative) return r;
    const mean = g.reduce((s, v) => s + v, 0) / n;
    if (mean === 0) throw new WorkbenchError('INVALID_DATA', `group ${i + 1} has mean 0: no relative range`);
    return (100 * r) / Math.abs(mean);
  });
  const centre = options.meanRange ?? ranges.reduce((s, v) => s + v, 0) / ranges.length;
  const upperWarning = (1 + (2 * factors.d3) / factors.d2) * centre;
  const upperAction = factors.D4 * centre;
  const lowerAction = factors.D3 * centre;
  const points = ranges.map((range, index) => {
    const zone =
      range > upperAction || (lowerAction > 0 && range < lowerAction)
        ? 'action'
        : range > upperWarning
          ? 'warning'
          : 'inside';
    return { index, range, zone } as const;
  });
  return {
    groupSize: n,
    relative,
    centre,
    upperWarning,
    upperAction,
    lowerAction,
    sdFromRanges: centre / factors.d2,
    points,
    outOfControl: points.filter((p) => p.zone === 'action').map((p) => p.index),
  };
}
