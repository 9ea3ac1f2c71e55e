import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { zeroFill } from '../processing/zeroFill';

/**
 * Zero-filling of an MRS FID (before `mrs-fft`): to `factor` × its length, or to `points` when that
 * is not 0. Interpolates the spectrum; adds no information. Refuses a non-MRS or frequency-domain
 * spectrum (INVALID_OPTION naming the file).
 */
export const mrsZeroFillStep: StepDefinition = {
  id: 'mrs-zero-fill',
  version: 1,
  label: 'Zero-fill (MRS)',
  description: 'Appends zeros to the FID (× factor, or to a point count) so the spectrum is sampled more finely.',
  params: [
    {
      key: 'factor',
      label: 'Factor',
      kind: 'integer',
      default: 2,
      min: 1,
      max: 16,
      help: 'New length = factor × the current length (used when Points is 0).',
    },
    {
      key: 'points',
      label: 'Points',
      kind: 'integer',
      default: 0,
      min: 0,
      max: 4_194_304,
      unit: 'points',
      help: 'Total length after zero-filling; 0 = use the factor.',
    },
  ],
  apply(input, params) {
    const points = params.points as number;
    return zeroFill(input, points > 0 ? { points } : { factor: params.factor as number });
  },
};
