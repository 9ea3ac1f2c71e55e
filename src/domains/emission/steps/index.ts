import type { AnyStepDefinition } from '../../../pipeline/stepDefinition';
import { emissionBaselineStep } from './emissionBaselineStep';
import { emissionDarkReferenceStep } from './emissionDarkReferenceStep';
import { emissionDespikeStep } from './emissionDespikeStep';
import { emissionNormaliseStep } from './emissionNormaliseStep';
import { emissionPeaksStep } from './emissionPeaksStep';
import { emissionSgDerivativeStep } from './emissionSgDerivativeStep';
import { emissionWavelengthCalibrationStep } from './emissionWavelengthCalibrationStep';

/**
 * The emission / optical processing steps, in their usual order: dark and reference correction (a
 * group step: needs the dark and reference spectra of the run), wavelength calibration, despiking,
 * baseline removal, normalisation, derivative, peaks.
 */
export const emissionSteps: readonly AnyStepDefinition[] = [
  emissionDarkReferenceStep,
  emissionWavelengthCalibrationStep,
  emissionDespikeStep,
  emissionBaselineStep,
  emissionNormaliseStep,
  emissionSgDerivativeStep,
  emissionPeaksStep,
];
