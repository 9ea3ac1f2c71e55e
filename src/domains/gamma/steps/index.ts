import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { gammaRebinStep } from './gammaRebinStep';
import { gammaRecalibrateStep } from './gammaRecalibrateStep';

/** The gamma processing steps (Savitzky–Golay smoothing, the deliverable's GRS denoising, is generic). */
export const gammaSteps: readonly StepDefinition[] = [gammaRebinStep, gammaRecalibrateStep];
