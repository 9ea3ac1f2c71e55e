import type { Spectrum, SpectrumMeta } from '../../../core';
import { type MrsSignal, withSignal } from './mrsSignal';
import { fidToPpmSpectrum, type PpmSpectrum, ppmSpectrumToFid } from './spectralTransform';

/** The complex ppm spectrum of an MRS signal: the samples themselves in the frequency domain, the FFT of a FID. */
export function ppmSpectrumOf(spectrum: Spectrum, signal: MrsSignal): PpmSpectrum {
  if (signal.domain === 'frequency') return { ppm: spectrum.x.values, re: signal.re, im: signal.im };
  return fidToPpmSpectrum(signal.re, signal.im, signal.spectrometerFrequencyMHz, signal.dwellTimeS, signal.centrePpm);
}

/**
 * Applies a frequency-domain operation to an MRS spectrum in either domain and returns the result in
 * the input's domain (a FID goes through {@link fidToPpmSpectrum} and back, exactly), so that an
 * operation gives the same answer before or after the FFT.
 */
export function mapPpmSpectrum(
  spectrum: Spectrum,
  signal: MrsSignal,
  operation: (view: PpmSpectrum) => { re: Float64Array; im: Float64Array },
  suffix: string,
  meta: SpectrumMeta = {},
): Spectrum {
  const result = operation(ppmSpectrumOf(spectrum, signal));
  const samples = signal.domain === 'frequency' ? result : ppmSpectrumToFid(result.re, result.im);
  return withSignal(spectrum, samples, suffix, meta);
}
