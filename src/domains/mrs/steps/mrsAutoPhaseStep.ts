import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { AUTO_PHASE_RANGE, autoPhase } from '../processing/autoPhase';

/**
 * Automatic phasing of an MRS spectrum (either domain): a Lorentzian-line fit of the peaks within a
 * ppm window sets the zero- (and optionally first-) order phase that makes them absorptive
 * (`processing/autoPhase.ts`). Refuses a non-MRS spectrum (INVALID_OPTION naming the file).
 */
export const mrsAutoPhaseStep: StepDefinition = {
  id: 'mrs-auto-phase',
  version: 1,
  label: 'Auto-phase (MRS)',
  description: 'Phases the spectrum so that the peaks in a ppm window (default NAA, Cr, Cho) are absorptive.',
  params: [
    {
      key: 'lowPpm',
      label: 'From',
      kind: 'number',
      default: AUTO_PHASE_RANGE[0],
      min: -5,
      max: 15,
      step: 0.1,
      unit: 'ppm',
      help: 'Lower end of the window whose peaks set the phase.',
    },
    {
      key: 'highPpm',
      label: 'To',
      kind: 'number',
      default: AUTO_PHASE_RANGE[1],
      min: -5,
      max: 15,
      step: 0.1,
      unit: 'ppm',
      help: 'Upper end of the window (keep residual water, 4.65 ppm, out).',
    },
    {
      key: 'firstOrder',
      label: 'First order',
      kind: 'boolean',
      default: false,
      help: 'Also fit a first-order (linear in ppm) phase, pivot at the middle of the window; needs two or more peaks.',
    },
  ],
  validate: (params) =>
    (params.highPpm as number) <= (params.lowPpm as number) ? 'the upper ppm must be above the lower one' : null,
  apply: (input, params) =>
    autoPhase(input, {
      range: [params.lowPpm as number, params.highPpm as number],
      firstOrder: params.firstOrder === true,
    }),
};
