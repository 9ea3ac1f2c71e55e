import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { mrsApodizeStep } from './mrsApodizeStep';
import { mrsAutoPhaseStep } from './mrsAutoPhaseStep';
import { mrsFftStep } from './mrsFftStep';
import { mrsReferenceStep } from './mrsReferenceStep';
import { mrsZeroFillStep } from './mrsZeroFillStep';

/** The MRS single-spectrum preprocessing steps, in their usual order: apodise, zero-fill, FFT, phase, reference. */
export const mrsSteps: readonly StepDefinition[] = [
  mrsApodizeStep,
  mrsZeroFillStep,
  mrsFftStep,
  mrsAutoPhaseStep,
  mrsReferenceStep,
];
