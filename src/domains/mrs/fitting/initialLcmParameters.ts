import { nonNegativeLeastSquares } from '../../../numeric/nonNegativeLeastSquares';
import { LcmLinearPart } from './lcmLinearPart';
import type { LcmModel } from './lcmModel';
import { type ReducedLcmSystem, reducedCost } from './reducedLcmSystem';

/** A starting point for the nonlinear fit, and the RMS residual of the linear solve that gave it. */
export interface LcmStart {
  readonly parameters: Float64Array;
  readonly residualRms: number;
}

const PHASE_STEPS = 24;

/**
 * A starting point for {@link LcmModel}: for a small grid of metabolite line widths and shifts (and,
 * at the first, of zero-order phases every 15°), the amplitudes (≥ 0) and the complex baseline are
 * solved exactly (`LcmLinearPart` with a free baseline: the baseline eliminated, then NNLS on the
 * amplitudes); the best combination starts the fit. The amplitudes' matrix does not depend on the
 * zero-order phase and the right-hand side is linear in (cos φ0, sin φ0), so a phase costs one
 * small NNLS, not a new set of basis transforms. Widths are in ppm so that the grid suits any field
 * (0.025, 0.04 and 0.07 ppm ≈ 3.1, 4.9 and 8.6 Hz at 3 T).
 */
export function initialLcmParameters(model: LcmModel, maxShiftHz: number): LcmStart {
  const layout = model.layout;
  const sf = model.acquisition.spectrometerFrequencyMHz;
  const base = new Float64Array(layout.count);
  for (let g = 0; g < model.groupNames.length; g++) {
    base[layout.groups + 3 * g] = 1;
    base[layout.groups + 3 * g + 1] = (model.groupNames[g] === 'metabolites' ? 0.04 * sf : 2) ** 2;
  }
  const metabolites = model.groupNames.indexOf('metabolites');
  let best:
    | { cost: number; phase: number; solution: Float64Array; parameters: Float64Array; system: ReducedLcmSystem }
    | undefined;
  const phases = Array.from({ length: PHASE_STEPS }, (_, k) => (2 * Math.PI * k) / PHASE_STEPS);
  const candidates: [number, number][] = [[0.04, 0]];
  for (const width of [0.025, 0.04, 0.07]) {
    for (const shift of [-0.03, 0, 0.03]) if (!(width === 0.04 && shift === 0)) candidates.push([width, shift]);
  }
  const part = new LcmLinearPart(model, 0);
  for (const [index, [widthPpm, shiftPpm]] of candidates.entries()) {
    const p = Float64Array.from(base);
    if (metabolites >= 0) {
      const at = layout.groups + 3 * metabolites;
      p[at + 1] = (widthPpm * sf) ** 2;
      p[at + 2] = Math.max(-maxShiftHz, Math.min(maxShiftHz, shiftPpm * sf));
    }
    // The amplitudes' matrix is the same at every zero-order phase: only the right-hand side and the baseline rotate.
    const system = part.reduced(p);
    const tried = index === 0 ? phases : [best?.phase ?? 0];
    for (const phase of tried) {
      const rotated = system.rotated(phase);
      const { solution } = nonNegativeLeastSquares(rotated.gram, rotated.rhs);
      const cost = reducedCost(rotated, solution);
      if (best === undefined || cost < best.cost) best = { cost, phase, solution, parameters: p, system: rotated };
    }
  }
  const chosen = best as NonNullable<typeof best>;
  const parameters = Float64Array.from(chosen.parameters);
  parameters[layout.phase0] = chosen.phase;
  // Amplitudes as found; the (free) baseline that goes with them at the chosen phase.
  parameters.set(chosen.solution, layout.amplitudes);
  parameters.set(chosen.system.baselineOf(chosen.solution), layout.baseline);
  return { parameters, residualRms: Math.sqrt(Math.max(chosen.cost, 0) / (2 * model.bins)) };
}
