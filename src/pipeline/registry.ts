import { WorkbenchError } from '../core/errors';
import { type AnyStepDefinition, describeStep, type StepDescription } from './stepDefinition';
import { savitzkyGolaySmooth } from './steps/savitzkyGolaySmooth';

const steps = new Map<string, AnyStepDefinition>();

/** Adds a step (per-spectrum or group) to the registry; domains call this for their own steps. */
export function registerStep(step: AnyStepDefinition): void {
  if (steps.has(step.id)) throw new WorkbenchError('INTERNAL', `step '${step.id}' is registered twice`);
  steps.set(step.id, step);
}

export function getStep(id: string): AnyStepDefinition {
  const step = steps.get(id);
  if (!step) throw new WorkbenchError('INVALID_OPTION', `unknown processing step '${id}'`);
  return step;
}

export function listSteps(): StepDescription[] {
  return [...steps.values()].map(describeStep);
}

registerStep(savitzkyGolaySmooth);
