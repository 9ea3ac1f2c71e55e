import { listFormats, registerFormat } from '../formats';
import { listSteps, registerStep } from '../pipeline/registry';
import { emissionFormats } from './emission/formats';
import { emissionSteps } from './emission/steps';
import { gammaFormats } from './gamma/formats';
import { gammaSteps } from './gamma/steps';
import { mrsFormats } from './mrs/formats';
import { mrsSteps } from './mrs/steps';

/**
 * Registers every domain's file formats and processing steps, once (later calls do nothing). The
 * engine worker and the CLI call it at start; `formats` and `pipeline` may not import domains.
 */
export function registerDomains(): void {
  const known = new Set(listFormats().map((format) => format.id));
  for (const format of [...gammaFormats, ...mrsFormats, ...emissionFormats])
    if (!known.has(format.id)) registerFormat(format);
  const steps = new Set(listSteps().map((step) => step.id));
  for (const step of [...gammaSteps, ...mrsSteps, ...emissionSteps]) if (!steps.has(step.id)) registerStep(step);
}
