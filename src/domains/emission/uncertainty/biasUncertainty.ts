import { WorkbenchError } from '../../../core';
import type { UncertaintyComponent } from './withinLabReproducibility';

/**
 * Uncertainty of method and laboratory bias, u(bias), following the Nordtest handbook
 * (Magnusson, Näykki, Hovind, Krysell, NT TR 537 ed. 4, 2017, chapter on u(bias)):
 *
 *   u(bias) = √(RMS_bias² + u(C_ref)²),  RMS_bias = √(Σbiasᵢ²/n)
 *
 * with u(C_ref) the mean of the reference values' standard uncertainties. The bias evidence may be
 * certified reference materials (u(C_ref) = the certificate's U/k), proficiency tests
 * (u(C_ref) = s_R/√n_labs of each round) or spike recoveries (bias = recovery − 1,
 * u(C_ref) = √(u(spike concentration)² + u(added volume)²), relative). With a single CRM measured n
 * times the handbook adds the uncertainty of the lab's mean: u(bias) = √(bias² + (s/√n)² + u(C_ref)²).
 * Absolute evidence is in concentration units, relative evidence in fractions (0.05 = 5 %).
 */

/** One piece of bias evidence. */
export interface BiasObservation {
  readonly name: string;
  /** Lab result − reference value (or that divided by the reference value when relative). */
  readonly bias: number;
  /** u(C_ref) of this reference value, on the same scale. */
  readonly uRef: number;
  readonly scale: 'absolute' | 'relative';
  /** s/√n of the lab's mean on the reference (CRM measured n times). */
  readonly uMean?: number;
}

function finite(name: string, values: Record<string, number>): void {
  for (const [key, value] of Object.entries(values)) {
    if (!Number.isFinite(value)) throw new WorkbenchError('INVALID_DATA', `${name}: ${key} is not a finite number`);
  }
}

function relativeTo(name: string, value: number, reference: number): number {
  if (reference === 0)
    throw new WorkbenchError('INVALID_DATA', `${name}: a relative bias needs a non-zero reference value`);
  return value / Math.abs(reference);
}

/**
 * Bias on a certified reference material from the lab's replicate results.
 * @param uCertified - standard uncertainty of the certified value (the certificate's U divided by its k).
 */
export function crmObservation(
  name: string,
  results: readonly number[],
  certified: number,
  uCertified: number,
  options: { readonly relative?: boolean } = {},
): BiasObservation {
  if (results.length === 0) throw new WorkbenchError('INVALID_DATA', `${name}: no results on the reference material`);
  const n = results.length;
  const mean = results.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(results.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  finite(name, { mean, certified, uCertified });
  const uMean = sd / Math.sqrt(n);
  if (!options.relative) return { name, bias: mean - certified, uRef: uCertified, scale: 'absolute', uMean };
  return {
    name,
    bias: relativeTo(name, mean - certified, certified),
    uRef: relativeTo(name, uCertified, certified),
    scale: 'relative',
    uMean: relativeTo(name, uMean, certified),
  };
}

/**
 * Bias in one proficiency-test round: u(C_ref) = s_R/√n_labs, s_R the between-laboratory SD of
 * the round and n_labs the number of participants (NT TR 537).
 */
export function ptObservation(
  name: string,
  labResult: number,
  assignedValue: number,
  sR: number,
  nLabs: number,
  options: { readonly relative?: boolean } = {},
): BiasObservation {
  finite(name, { labResult, assignedValue, sR });
  if (!(Number.isInteger(nLabs) && nLabs >= 1)) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `${name}: the number of laboratories must be a positive integer, got ${nLabs}`,
    );
  }
  const uRef = sR / Math.sqrt(nLabs);
  if (!options.relative) return { name, bias: labResult - assignedValue, uRef, scale: 'absolute' };
  return {
    name,
    bias: relativeTo(name, labResult - assignedValue, assignedValue),
    uRef: relativeTo(name, uRef, assignedValue),
    scale: 'relative',
  };
}

/**
 * Bias from a spike-recovery experiment (relative): bias = recovery − 1; u(C_ref) combines the
 * relative standard uncertainties of the spike solution's concentration and of the added volume.
 * @param recovery - (found − native)/added, as a fraction (0.95 = 95 %).
 */
export function recoveryObservation(
  name: string,
  recovery: number,
  uSpikeConcentration: number,
  uAddedVolume: number,
): BiasObservation {
  finite(name, { recovery, uSpikeConcentration, uAddedVolume });
  return { name, bias: recovery - 1, uRef: Math.hypot(uSpikeConcentration, uAddedVolume), scale: 'relative' };
}

/** u(bias) and its parts. */
export interface BiasUncertainty {
  readonly scale: 'absolute' | 'relative';
  readonly rmsBias: number;
  /** Mean u(C_ref) of the observations. */
  readonly uRef: number;
  /** s/√n of the lab's mean: only with a single observation that carries it. */
  readonly uMean: number;
  readonly uBias: number;
  /** RMS_bias, u(C_ref) (and u(mean)) as components of the budget. */
  readonly components: readonly UncertaintyComponent[];
  readonly count: number;
}

/**
 * Combines bias evidence into u(bias) (NT TR 537). All observations must be on the same scale.
 * @throws WorkbenchError `INVALID_DATA` for no observation or mixed scales.
 */
export function biasUncertainty(observations: readonly BiasObservation[]): BiasUncertainty {
  const first = observations[0];
  if (first === undefined) throw new WorkbenchError('INVALID_DATA', 'no bias evidence was given');
  const { scale } = first;
  const mixed = observations.find((o) => o.scale !== scale);
  if (mixed !== undefined) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `bias evidence "${mixed.name}" is ${mixed.scale} but "${first.name}" is ${scale}`,
    );
  }
  const n = observations.length;
  const rmsBias = Math.sqrt(observations.reduce((s, o) => s + o.bias * o.bias, 0) / n);
  const uRef = observations.reduce((s, o) => s + o.uRef, 0) / n;
  const uMean = n === 1 ? (first.uMean ?? 0) : 0;
  const components: UncertaintyComponent[] = [
    { name: n === 1 ? `bias (${first.name})` : `RMS bias (${n} references)`, u: rmsBias, scale },
    { name: 'u(C_ref)', u: uRef, scale },
  ];
  if (uMean > 0) components.push({ name: `s/√n on ${first.name}`, u: uMean, scale });
  return {
    scale,
    rmsBias,
    uRef,
    uMean,
    uBias: Math.sqrt(rmsBias * rmsBias + uRef * uRef + uMean * uMean),
    components,
    count: n,
  };
}
