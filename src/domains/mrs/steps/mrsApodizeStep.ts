import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { apodize } from '../processing/apodize';

/**
 * Apodisation of an MRS FID (before `mrs-fft`): exponential (Lorentzian line broadening, the
 * matched filter of a Lorentzian line) or Gaussian, by the added FWHM in Hz. Refuses a non-MRS or
 * frequency-domain spectrum (INVALID_OPTION naming the file).
 */
export const mrsApodizeStep: StepDefinition = {
  id: 'mrs-apodize',
  version: 1,
  label: 'Apodise (MRS)',
  description: 'Multiplies the FID by a decaying window: smoother spectrum, broader lines.',
  params: [
    {
      key: 'kind',
      label: 'Window',
      kind: 'choice',
      default: 'exponential',
      choices: ['exponential', 'gaussian'],
      help: 'exponential: exp(−π·lb·t); gaussian: exp(−(π·gb·t)²/(4 ln 2)).',
    },
    {
      key: 'broadeningHz',
      label: 'Broadening',
      kind: 'number',
      default: 2,
      min: 0,
      max: 1000,
      step: 0.5,
      unit: 'Hz',
      help: 'Line width (FWHM) the window adds.',
    },
  ],
  apply: (input, params) =>
    apodize(input, {
      kind: params.kind === 'gaussian' ? 'gaussian' : 'exponential',
      broadeningHz: params.broadeningHz as number,
    }),
};
