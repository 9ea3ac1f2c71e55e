import { WorkbenchError } from '../../../core';
import type { BiasUncertainty } from './biasUncertainty';
import type { UncertaintyComponent } from './withinLabReproducibility';

/**
 * Combined and expanded uncertainty following the Nordtest handbook (Magnusson, Näykki, Hovind,
 * Krysell, NT TR 537 ed. 4, 2017): u_c = √(u(R_w)² + u(bias)²), U = k·u_c with k = 2
 * (≈ 95 %). u(R_w) is the root sum of squares of its components (e.g. control sample and duplicate
 * repeatability). Each component's share is its variance fraction uᵢ²/u_c², the number a
 * budget table shows to say what dominates.
 */

/** A component of the budget with its share of the variance. */
export interface BudgetComponent extends UncertaintyComponent {
  /** Which half of the Nordtest equation it belongs to. */
  readonly group: 'Rw' | 'bias';
  /** uᵢ²/u_c², 0…1; the shares of a budget add to 1. */
  readonly share: number;
}

/** An uncertainty budget on one scale (absolute: concentration units; relative: fractions). */
export interface UncertaintyBudget {
  readonly scale: 'absolute' | 'relative';
  readonly uRw: number;
  readonly uBias: number;
  readonly uc: number;
  /** Coverage factor (2 unless given). */
  readonly k: number;
  /** Expanded uncertainty k·u_c. */
  readonly U: number;
  readonly components: readonly BudgetComponent[];
}

/**
 * Builds a Nordtest budget from the u(R_w) components and u(bias).
 * @throws WorkbenchError `INVALID_DATA` when no u(R_w) component is given, a component is negative or
 *   not finite, or scales differ; `INVALID_OPTION` for k ≤ 0.
 */
export function combinedUncertainty(
  rw: readonly UncertaintyComponent[],
  bias: BiasUncertainty,
  options: { readonly k?: number } = {},
): UncertaintyBudget {
  const { k = 2 } = options;
  if (!(k > 0 && Number.isFinite(k)))
    throw new WorkbenchError('INVALID_OPTION', `the coverage factor must be positive, got ${k}`);
  if (rw.length === 0) throw new WorkbenchError('INVALID_DATA', 'u(Rw) needs at least one component');
  const scale = bias.scale;
  for (const c of [...rw, ...bias.components]) {
    if (!(c.u >= 0 && Number.isFinite(c.u)))
      throw new WorkbenchError('INVALID_DATA', `component "${c.name}" has u = ${c.u}`);
    if (c.scale !== scale) {
      throw new WorkbenchError('INVALID_DATA', `component "${c.name}" is ${c.scale} but the bias evidence is ${scale}`);
    }
  }
  const uRw = Math.sqrt(rw.reduce((s, c) => s + c.u * c.u, 0));
  const uc = Math.hypot(uRw, bias.uBias);
  const share = (u: number): number => (uc > 0 ? (u * u) / (uc * uc) : 0);
  const components: BudgetComponent[] = [
    ...rw.map((c) => ({ ...c, group: 'Rw' as const, share: share(c.u) })),
    ...bias.components.map((c) => ({ ...c, group: 'bias' as const, share: share(c.u) })),
  ];
  return { scale, uRw, uBias: bias.uBias, uc, k, U: k * uc, components };
}
