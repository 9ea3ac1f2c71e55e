import { WorkbenchError } from '../../../core';
import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { removeWater } from '../processing/removeWater';

/**
 * Residual water removal by HLSVD (`removeWater`, Pijnappel et al. 1992; FSL-MRS `remove`, Osprey's
 * HLSVD filter) on an MRS FID, before `mrs-fft`: the damped exponentials whose frequency falls in the
 * ppm band are subtracted.
 */
export const mrsRemoveWaterStep: StepDefinition = {
  id: 'mrs-remove-water',
  version: 1,
  label: 'Remove water (HLSVD)',
  description: 'Fits damped exponentials to the FID and subtracts those in the water band.',
  params: [
    { key: 'fromPpm', label: 'Band from', kind: 'number', default: 4.2, min: -10, max: 20, step: 0.05, unit: 'ppm' },
    { key: 'toPpm', label: 'Band to', kind: 'number', default: 5.2, min: -10, max: 20, step: 0.05, unit: 'ppm' },
    {
      key: 'components',
      label: 'Components',
      kind: 'integer',
      default: 25,
      min: 1,
      max: 100,
      help: 'HSVD model order: damped exponentials fitted to the FID.',
    },
  ],
  validate: (params) =>
    (params.toPpm as number) <= (params.fromPpm as number) ? 'the band must end above where it starts' : null,
  apply(input, params) {
    if (input.domain !== 'mrs' || input.x.unit !== 's') {
      throw new WorkbenchError('INVALID_OPTION', 'water removal applies to MRS FIDs (before the FFT)', {
        file: input.file,
      });
    }
    // A water reference run through the same pipeline keeps its water (ECC and quantification need it).
    if (input.meta.role === 'water') {
      return { ...input, meta: { ...input.meta, waterRemoval: 'skipped (water reference)' } };
    }
    return removeWater(input, {
      ppmRange: [params.fromPpm as number, params.toPpm as number],
      components: params.components as number,
    }).spectrum;
  },
};
