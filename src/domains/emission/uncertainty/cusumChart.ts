import { WorkbenchError } from '../../../core';

/**
 * Two-sided tabular CUSUM of control-sample results (Page, Biometrika 41 (1954) 100; the tabular
 * form of Montgomery, Introduction to Statistical Quality Control 7th ed., §9.1; ISO 7870-4):
 *
 *   C⁺ᵢ = max(0, zᵢ − k + C⁺ᵢ₋₁),  C⁻ᵢ = max(0, −zᵢ − k + C⁻ᵢ₋₁),  zᵢ = (xᵢ − μ₀)/σ
 *
 * with reference value k and decision interval h in units of σ. An alarm is raised when C⁺ or C⁻
 * exceeds h; both sums then restart from 0 (reset after a signal). k = 0.5 tunes the chart to a
 * shift of 1σ; with h = 5 its average run length is ≈ 465 in control and ≈ 10.4 for a 1σ shift,
 * with h = 4 ≈ 168 and ≈ 8.4 (Montgomery Table 9.3).
 */

/** Options of {@link cusumChart}. */
export interface CusumOptions {
  /** μ₀, the in-control mean (target or reference value). */
  readonly target: number;
  /** σ of one result in control. */
  readonly sd: number;
  /** Reference value k in σ (default 0.5). */
  readonly k?: number;
  /** Decision interval h in σ (default 5). */
  readonly h?: number;
}

/** One alarm of the CUSUM. */
export interface CusumAlarm {
  /** Point at which C⁺ or C⁻ exceeded h (0-based). */
  readonly index: number;
  readonly side: 'upper' | 'lower';
  /** First point of the run of non-zero sums that led to the alarm: the estimated start of the shift. */
  readonly shiftStart: number;
  /** Estimated shifted mean μ₀ ± σ·(k + C/N), N = points in that run (Montgomery §9.1). */
  readonly shiftedMean: number;
}

/** An evaluated CUSUM chart. */
export interface CusumChart {
  readonly k: number;
  readonly h: number;
  /** C⁺ after each point, in σ (at an alarm: the value that crossed h; the reset applies from the next point). */
  readonly upper: readonly number[];
  /** C⁻ after each point, in σ. */
  readonly lower: readonly number[];
  readonly alarms: readonly CusumAlarm[];
}

/**
 * Runs the two-sided tabular CUSUM over the results.
 * @throws WorkbenchError `INVALID_OPTION` for a non-positive σ, k < 0 or h ≤ 0; `INVALID_DATA` for a
 *   non-finite result.
 */
export function cusumChart(values: readonly number[], options: CusumOptions): CusumChart {
  const { target, sd, k = 0.5, h = 5 } = options;
  if (!(sd > 0 && Number.isFinite(sd)) || !Number.isFinite(target)) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `the CUSUM needs a finite target and a positive SD, got ${target} and ${sd}`,
    );
  }
  if (!(k >= 0) || !(h > 0))
    throw new WorkbenchError('INVALID_OPTION', `k must be ≥ 0 and h > 0, got k = ${k}, h = ${h}`);
  const upper: number[] = [];
  const lower: number[] = [];
  const alarms: CusumAlarm[] = [];
  let cPlus = 0;
  let cMinus = 0;
  let nPlus = 0;
  let nMinus = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    if (!Number.isFinite(x)) throw new WorkbenchError('INVALID_DATA', `control result ${i + 1} is not a finite number`);
    const z = (x - target) / sd;
    cPlus = Math.max(0, z - k + cPlus);
    cMinus = Math.max(0, -z - k + cMinus);
    nPlus = cPlus > 0 ? nPlus + 1 : 0;
    nMinus = cMinus > 0 ? nMinus + 1 : 0;
    upper.push(cPlus);
    lower.push(cMinus);
    const up = cPlus > h;
    const down = cMinus > h;
    if (up || down) {
      const side = up ? 'upper' : 'lower';
      const c = up ? cPlus : cMinus;
      const run = up ? nPlus : nMinus;
      const shift = sd * (k + c / run);
      alarms.push({ index: i, side, shiftStart: i - run + 1, shiftedMean: up ? target + shift : target - shift });
      cPlus = 0;
      cMinus = 0;
      nPlus = 0;
      nMinus = 0;
    }
  }
  return { k, h, upper, lower, alarms };
}
