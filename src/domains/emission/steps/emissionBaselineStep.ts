import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { type BaselineMethod, removeBaseline } from '../processing/removeBaseline';

/**
 * Baseline removal (`processing/removeBaseline.ts`): airPLS (ml-airpls), asymmetric least squares,
 * iterative polynomial or SNIP; each method reads its own parameters. Defaults measured on a
 * LIBS-like test spectrum (15 000 points, 60 lines of 5 points FWHM on a hump of 800, noise SD 5;
 * `removeBaseline.test.ts`): airPLS λ = 100 followed the continuum to RMS 0.8, ALS (λ = 10⁶,
 * p = 0.01) and SNIP (20 points) sit 1.2 and 2 noise SDs low, as these methods do.
 */
export const emissionBaselineStep: StepDefinition = {
  id: 'emission-baseline',
  version: 1,
  label: 'Baseline removal (optical)',
  description: 'Subtracts a smooth background (continuum, fluorescence) by airPLS, ALS, iterative polynomial or SNIP.',
  params: [
    {
      key: 'method',
      label: 'Method',
      kind: 'choice',
      default: 'airpls',
      choices: ['airpls', 'als', 'modpoly', 'snip'],
      help: 'airpls: many narrow lines (LIBS, AES); als: stiffer; modpoly: broad fluorescence (Raman); snip: peak clipping.',
    },
    {
      key: 'airplsLog10Lambda',
      label: 'airPLS stiffness log₁₀ λ',
      kind: 'number',
      default: 2,
      min: -2,
      max: 6,
      step: 0.5,
      help: 'airPLS only. Larger: a stiffer line (λ = 10⁴ already fails on 15 000 points).',
    },
    {
      key: 'alsLog10Lambda',
      label: 'ALS stiffness log₁₀ λ',
      kind: 'number',
      default: 6,
      min: 0,
      max: 12,
      step: 0.5,
      help: 'ALS only. The line bends over about λ^¼ points.',
    },
    {
      key: 'alsP',
      label: 'ALS asymmetry p',
      kind: 'number',
      default: 0.01,
      min: 0.00001,
      max: 0.5,
      step: 0.001,
      help: 'ALS only. Weight of points above the line: small p keeps it under the lines.',
    },
    {
      key: 'polynomialOrder',
      label: 'Polynomial order',
      kind: 'integer',
      default: 5,
      min: 1,
      max: 15,
      help: 'modpoly only.',
    },
    {
      key: 'snipHalfWidth',
      label: 'SNIP half-width',
      kind: 'integer',
      default: 20,
      min: 1,
      max: 2000,
      unit: 'points',
      help: 'SNIP only. A little more than half the base width of the widest line.',
    },
  ],
  apply: (input, params) =>
    removeBaseline(input, {
      method: params.method as BaselineMethod,
      airplsLambda: 10 ** (params.airplsLog10Lambda as number),
      alsLambda: 10 ** (params.alsLog10Lambda as number),
      alsP: params.alsP as number,
      polynomialOrder: params.polynomialOrder as number,
      snipHalfWidth: params.snipHalfWidth as number,
    }).spectrum,
};
