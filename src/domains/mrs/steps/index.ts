import type { AnyStepDefinition } from '../../../pipeline/stepDefinition';
import { mrsAlignStep } from './mrsAlignStep';
import { mrsApodizeStep } from './mrsApodizeStep';
import { mrsAutoPhaseStep } from './mrsAutoPhaseStep';
import { mrsAverageStep } from './mrsAverageStep';
import { mrsBaselineStep } from './mrsBaselineStep';
import { mrsCoilCombineStep } from './mrsCoilCombineStep';
import { mrsEccStep } from './mrsEccStep';
import { mrsFftStep } from './mrsFftStep';
import { mrsReferenceStep } from './mrsReferenceStep';
import { mrsRejectOutliersStep } from './mrsRejectOutliersStep';
import { mrsRemoveWaterStep } from './mrsRemoveWaterStep';
import { mrsZeroFillStep } from './mrsZeroFillStep';

/**
 * The MRS preprocessing steps, in their usual order: the group steps on all transients of a run
 * (coil combination, alignment, outlier rejection, averaging, eddy-current correction), then the
 * per-spectrum steps (water removal, apodise, zero-fill, FFT, phase, reference, baseline).
 */
export const mrsSteps: readonly AnyStepDefinition[] = [
  mrsCoilCombineStep,
  mrsAlignStep,
  mrsRejectOutliersStep,
  mrsAverageStep,
  mrsEccStep,
  mrsRemoveWaterStep,
  mrsApodizeStep,
  mrsZeroFillStep,
  mrsFftStep,
  mrsAutoPhaseStep,
  mrsReferenceStep,
  mrsBaselineStep,
];
