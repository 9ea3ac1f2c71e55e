import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { mrsApodizeStep } from './mrsApodizeStep';
import { mrsAutoPhaseStep } from './mrsAutoPhaseStep';
import { mrsFftStep } from './mrsFftStep';
import { mrsReferenceStep } from './mrsReferenceStep';
import { mrsRemoveWaterStep } from './mrsRemoveWaterStep';
import { mrsZeroFillStep } from './mrsZeroFillStep';

/** The MRS single-spectrum preprocessing steps, in their usual order: water removal, apodise, zero-fill, FFT, phase, reference. */
export const mrsSteps: readonly StepDefinition[] = [
  mrsRemoveWaterStep,
  mrsApodizeStep,
  mrsZeroFillStep,
  mrsFftStep,
  mrsAutoPhaseStep,
  mrsReferenceStep,
];
