import { WorkbenchError } from '../../../core';

/**
 * Within-laboratory reproducibility u(R_w) following the Nordtest handbook (Magnusson, Näykki,
 * Hovind, Krysell, NT TR 537 ed. 4, 2017, chapter on u(R_w)): the SD of a stable control sample taken through the
 * whole analytical process over a long period, or, when the control does not cover everything (a
 * synthetic standard solution without the sample matrix), that SD combined with the repeatability
 * of routine samples from duplicates: u(R_w) = √(s_control² + s_r,duplicates²). The 2017 edition
 * pools duplicates as s = √(Σdᵢ²/(2n)) instead of R̄/1.128, and allows a control-chart limit as the
 * estimate (s = warning-limit half-width / 2) when the limits were set from the laboratory's
 * demands and the method is known to keep within them.
 *
 * Absolute components are in concentration units; relative ones are fractions (0.05 = 5 %).
 */

/** One contribution to u(R_w) or u(bias). */
export interface UncertaintyComponent {
  readonly name: string;
  /** Standard uncertainty (concentration units, or a fraction when relative). */
  readonly u: number;
  readonly scale: 'absolute' | 'relative';
  /** Degrees of freedom of the estimate, when it comes from data. */
  readonly dof?: number;
}

function check(values: readonly number[], what: string, min: number): void {
  if (values.length < min)
    throw new WorkbenchError('INVALID_DATA', `${what} needs at least ${min} results, got ${values.length}`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new WorkbenchError('INVALID_DATA', `${what}: result ${bad + 1} is not a finite number`);
}

/**
 * u(R_w) component from a control sample's results (sample SD, n − 1 degrees of freedom); relative:
 * SD divided by the mean (or by `reference`, e.g. the nominal value).
 */
export function rwFromControlSample(
  name: string,
  results: readonly number[],
  options: { readonly relative?: boolean; readonly reference?: number } = {},
): UncertaintyComponent {
  check(results, name, 2);
  const n = results.length;
  const mean = results.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(results.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  if (!options.relative) return { name, u: sd, scale: 'absolute', dof: n - 1 };
  const level = options.reference ?? mean;
  if (level === 0) throw new WorkbenchError('INVALID_DATA', `${name}: a relative SD needs a non-zero level`);
  return { name, u: sd / Math.abs(level), scale: 'relative', dof: n - 1 };
}

/**
 * Pooled repeatability SD from duplicates, s = √(Σdᵢ²/(2n)) with dᵢ the difference of pair i
 * (NT TR 537 2017; it equals the pooled SD of the n pairs, each with 1 degree of freedom).
 * Relative: dᵢ divided by the pair's mean, for samples of different levels whose SD scales with
 * concentration.
 */
export function pooledSdFromDuplicates(
  pairs: readonly (readonly [number, number])[],
  options: { readonly relative?: boolean } = {},
): { readonly sd: number; readonly dof: number } {
  if (pairs.length === 0) throw new WorkbenchError('INVALID_DATA', 'no duplicate pairs were given');
  let sum = 0;
  for (let i = 0; i < pairs.length; i++) {
    const [a, b] = pairs[i] as readonly [number, number];
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      throw new WorkbenchError('INVALID_DATA', `duplicate pair ${i + 1} has a non-finite result`);
    }
    let d = a - b;
    if (options.relative) {
      const mean = (a + b) / 2;
      if (mean === 0)
        throw new WorkbenchError('INVALID_DATA', `duplicate pair ${i + 1} has mean 0: no relative difference`);
      d /= Math.abs(mean);
    }
    sum += d * d;
  }
  return { sd: Math.sqrt(sum / (2 * pairs.length)), dof: pairs.length };
}

/**
 * Pooled SD of replicate groups of any size, s_p = √(Σ(nᵢ − 1)sᵢ²/Σ(nᵢ − 1)) (ISO 5725-2;
 * NT TR 569 ed. 5.1, example 10). Groups of one result carry no information and are skipped.
 */
export function pooledSd(groups: readonly (readonly number[])[]): { readonly sd: number; readonly dof: number } {
  let ss = 0;
  let dof = 0;
  groups.forEach((g, i) => {
    check(g, `replicate group ${i + 1}`, 1);
    if (g.length < 2) return;
    const mean = g.reduce((s, v) => s + v, 0) / g.length;
    ss += g.reduce((s, v) => s + (v - mean) ** 2, 0);
    dof += g.length - 1;
  });
  if (dof === 0) throw new WorkbenchError('INVALID_DATA', 'no replicate group has two results');
  return { sd: Math.sqrt(ss / dof), dof };
}

/** u(R_w) component from routine-sample duplicates ({@link pooledSdFromDuplicates}). */
export function rwFromDuplicates(
  name: string,
  pairs: readonly (readonly [number, number])[],
  options: { readonly relative?: boolean } = {},
): UncertaintyComponent {
  const { sd, dof } = pooledSdFromDuplicates(pairs, options);
  return { name, u: sd, scale: options.relative ? 'relative' : 'absolute', dof };
}

/**
 * u(R_w) component from a control chart's limits (NT TR 537 2017; TR 569 "target control
 * limits"): s = (warning limit − centre)/2, or (action limit − centre)/3.
 */
export function rwFromControlLimits(
  name: string,
  limits: {
    readonly centre: number;
    readonly warningLimit?: number;
    readonly actionLimit?: number;
    readonly relative?: boolean;
  },
): UncertaintyComponent {
  const { centre, warningLimit, actionLimit, relative = false } = limits;
  const s =
    warningLimit !== undefined
      ? Math.abs(warningLimit - centre) / 2
      : actionLimit !== undefined
        ? Math.abs(actionLimit - centre) / 3
        : Number.NaN;
  if (!(s > 0))
    throw new WorkbenchError('INVALID_OPTION', `${name}: give a warning or an action limit different from the centre`);
  if (!relative) return { name, u: s, scale: 'absolute' };
  if (centre === 0) throw new WorkbenchError('INVALID_OPTION', `${name}: relative limits need a non-zero centre`);
  return { name, u: s / Math.abs(centre), scale: 'relative' };
}
