import { WorkbenchError } from '../../../core';
import { applyRunRules, RULE_SETS, type RuleSetName, type RuleViolation, type RunRule } from './runRules';

/**
 * Shewhart X-chart (individual control-sample results) with warning and action limits and run
 * rules. Limits: centre line CL, warning limits CL ± 2s, action limits CL ± 3s (ISO 7870-2:2013
 * for the 3σ limits; the 2σ warning lines are those of the Nordtest QC handbook, NT TR 569, and
 * the zone B boundary of ISO 7870-2). CL and s come either from a reference period of in-control results
 * (mean and sample SD, n − 1) or are given (a certified value as CL, a target SD such as
 * "target control limits" set from the client's demand, TR 569).
 */

/** Centre and limits of an X-chart, in the units of the results. */
export interface ShewhartLimits {
  readonly centre: number;
  /** s: the SD the limits are built on. */
  readonly sd: number;
  readonly lowerWarning: number;
  readonly upperWarning: number;
  readonly lowerAction: number;
  readonly upperAction: number;
  /** Where CL and s came from. */
  readonly basis: 'reference' | 'given';
  /** Results in the reference period (basis `reference`). */
  readonly referenceCount?: number;
}

/** How the limits are set. */
export type ShewhartLimitSource =
  | { readonly reference: readonly number[]; readonly centre?: number }
  | { readonly centre: number; readonly sd: number };

/** Options of {@link shewhartChart}. */
export interface ShewhartOptions {
  /** A named rule set (default `nordtest`) or explicit rules. */
  readonly rules?: RuleSetName | readonly RunRule[];
}

/** One plotted point. */
export interface ShewhartPoint {
  readonly index: number;
  readonly value: number;
  /** (value − CL)/s. */
  readonly z: number;
  /** `inside` warning limits, between warning and action (`warning`), or beyond action (`action`). */
  readonly zone: 'inside' | 'warning' | 'action';
  /** Ids of the rules that fired at this point. */
  readonly rules: readonly string[];
}

/** An evaluated X-chart. */
export interface ShewhartChart {
  readonly limits: ShewhartLimits;
  readonly points: readonly ShewhartPoint[];
  readonly violations: readonly RuleViolation[];
  /** True when any rule fired at the last point (the run just measured is out of control). */
  readonly lastOutOfControl: boolean;
}

/**
 * Centre line and limits from a reference period (mean, SD with n − 1; the centre may be fixed to a
 * reference value while s comes from the data, as TR 569 recommends for a CRM) or from given values.
 * @throws WorkbenchError `INVALID_DATA` for fewer than 2 reference results or a non-finite one;
 *   `INVALID_OPTION` for an SD that is not positive.
 */
export function shewhartLimits(source: ShewhartLimitSource): ShewhartLimits {
  let centre: number;
  let sd: number;
  let extra: { readonly referenceCount?: number } = {};
  if ('reference' in source) {
    const ref = source.reference;
    if (ref.length < 2)
      throw new WorkbenchError('INVALID_DATA', `the reference period needs 2 results, got ${ref.length}`);
    const bad = ref.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new WorkbenchError('INVALID_DATA', `reference result ${bad + 1} is not a finite number`);
    const mean = ref.reduce((s, v) => s + v, 0) / ref.length;
    sd = Math.sqrt(ref.reduce((s, v) => s + (v - mean) ** 2, 0) / (ref.length - 1));
    centre = source.centre ?? mean;
    extra = { referenceCount: ref.length };
  } else {
    centre = source.centre;
    sd = source.sd;
  }
  if (!(sd > 0 && Number.isFinite(sd)) || !Number.isFinite(centre)) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `the chart needs a finite centre and a positive SD, got ${centre} and ${sd}`,
    );
  }
  return {
    centre,
    sd,
    lowerWarning: centre - 2 * sd,
    upperWarning: centre + 2 * sd,
    lowerAction: centre - 3 * sd,
    upperAction: centre + 3 * sd,
    basis: 'reference' in source ? 'reference' : 'given',
    ...extra,
  };
}

/**
 * Evaluates control-sample results on an X-chart: zones, and the run rules that fire at each point.
 * @throws WorkbenchError `INVALID_DATA` for a non-finite result.
 */
export function shewhartChart(
  values: readonly number[],
  limits: ShewhartLimits | ShewhartLimitSource,
  options: ShewhartOptions = {},
): ShewhartChart {
  const resolved = 'lowerAction' in limits ? limits : shewhartLimits(limits);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new WorkbenchError('INVALID_DATA', `control result ${bad + 1} is not a finite number`);
  const rules =
    typeof options.rules === 'string' || options.rules === undefined
      ? RULE_SETS[options.rules ?? 'nordtest']
      : options.rules;
  const z = values.map((v) => (v - resolved.centre) / resolved.sd);
  const violations = applyRunRules(z, rules);
  const byPoint = values.map((): string[] => []);
  for (const v of violations) byPoint[v.index]?.push(v.rule);
  const points = values.map((value, index) => {
    const zi = z[index] as number;
    const a = Math.abs(zi);
    return {
      index,
      value,
      z: zi,
      zone: a > 3 ? 'action' : a > 2 ? 'warning' : 'inside',
      rules: byPoint[index] ?? [],
    } as const;
  });
  return {
    limits: resolved,
    points,
    violations,
    lastOutOfControl: values.length > 0 && (byPoint[values.length - 1]?.length ?? 0) > 0,
  };
}
