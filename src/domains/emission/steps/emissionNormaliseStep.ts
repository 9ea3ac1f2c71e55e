import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { type NormalisationMethod, normalise } from '../processing/normalise';

/**
 * Normalisation (`processing/normalise.ts`): total area, maximum, standard normal variate, or an
 * internal-standard line (its net area in a window centre ± half-width, background from the
 * window's edges).
 */
export const emissionNormaliseStep: StepDefinition = {
  id: 'emission-normalise',
  version: 1,
  label: 'Normalise',
  description: 'Divides by the total area, the maximum, or an internal-standard line; or standard normal variate.',
  params: [
    {
      key: 'method',
      label: 'Method',
      kind: 'choice',
      default: 'max',
      choices: ['area', 'max', 'snv', 'internal-standard'],
      help: 'internal-standard: divide by the net area of one line (H α 656.28 nm, Ar 763.51 nm, a matrix line).',
    },
    {
      key: 'centre',
      label: 'Line centre',
      kind: 'number',
      default: 656.28,
      min: 0,
      max: 100_000,
      unit: 'nm',
      help: 'Internal standard only (axis units: cm⁻¹ on a Raman axis).',
    },
    {
      key: 'halfWidth',
      label: 'Window half-width',
      kind: 'number',
      default: 1,
      min: 0.0001,
      max: 10_000,
      unit: 'nm',
      help: 'Internal standard only: wide enough for the line’s wings, with line-free edges.',
    },
    {
      key: 'edgePoints',
      label: 'Edge points',
      kind: 'integer',
      default: 3,
      min: 1,
      max: 100,
      help: 'Internal standard only: points averaged at each window edge for the background line.',
    },
  ],
  apply: (input, params) =>
    normalise(input, {
      method: params.method as NormalisationMethod,
      centre: params.centre as number,
      halfWidth: params.halfWidth as number,
      edgePoints: params.edgePoints as number,
    }),
};
