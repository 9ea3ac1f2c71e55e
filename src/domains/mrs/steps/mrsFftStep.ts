import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { toFrequencyDomain } from '../processing/toFrequencyDomain';

/**
 * Fourier transform of an MRS FID to its complex spectrum on an ascending ppm axis (NIfTI-MRS
 * convention: spectrum = fftshift(fft(fid)), ppm = centre − f/cf; first point halved as FSL-MRS does).
 * Refuses a non-MRS spectrum or one already in the frequency domain (INVALID_OPTION naming the file).
 */
export const mrsFftStep: StepDefinition = {
  id: 'mrs-fft',
  version: 1,
  label: 'FFT to ppm (MRS)',
  description: 'Transforms the FID into its complex spectrum on the chemical-shift (ppm) axis.',
  params: [],
  apply: (input) => toFrequencyDomain(input),
};
