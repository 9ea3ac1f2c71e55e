import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { despike } from '../processing/despike';

/**
 * Cosmic-ray removal (`processing/despike.ts`: Whitaker & Hayes modified z-score on the second
 * difference, with shape tests so that lines of FWHM ≥ 3 points survive). For CCD Raman and
 * emission spectra whose lines span at least 3 points.
 */
export const emissionDespikeStep: StepDefinition = {
  id: 'emission-despike',
  version: 1,
  label: 'Despike (cosmic rays)',
  description: 'Replaces narrow spikes (1–3 points) by interpolation; lines of FWHM ≥ 3 points are kept.',
  params: [
    {
      key: 'threshold',
      label: 'Threshold',
      kind: 'number',
      default: 6,
      min: 1,
      max: 100,
      step: 0.5,
      help: 'Modified z-score of the second difference above which a point is examined.',
    },
    {
      key: 'maxWidth',
      label: 'Widest spike',
      kind: 'integer',
      default: 3,
      min: 1,
      max: 20,
      unit: 'points',
      help: 'Wider features are left alone.',
    },
  ],
  apply: (input, params) =>
    despike(input, { threshold: params.threshold as number, maxWidth: params.maxWidth as number }).spectrum,
};
