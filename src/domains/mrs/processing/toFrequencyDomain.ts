import type { Spectrum } from '../../../core';
import { mrsSignal, withSignal } from './mrsSignal';
import { fidToPpmSpectrum } from './spectralTransform';

/**
 * Fourier transform of an MRS FID into a complex spectrum on an **ascending** ppm axis (unit `ppm`,
 * quantity `chemical shift`; the app draws it reversed, high ppm on the left as MRS is read), in
 * the NIfTI-MRS convention: spectrum = fftshift(fft(fid)), ppm = centre − f/cf (mrs-notes §3.0;
 * details and the first-point halving in {@link fidToPpmSpectrum}). Any number of points.
 *
 * Meta: `domain: 'frequency'`; spectrometer frequency, dwell time and centre are kept, so
 * {@link toTimeDomain} can go back exactly. Point spacing is 1/(N·dwell) Hz. Throws INVALID_OPTION
 * (naming the file) for a spectrum that is not an MRS FID.
 */
export function toFrequencyDomain(spectrum: Spectrum): Spectrum {
  const signal = mrsSignal(spectrum, 'the FFT', 'time');
  const { ppm, re, im } = fidToPpmSpectrum(
    signal.re,
    signal.im,
    signal.spectrometerFrequencyMHz,
    signal.dwellTimeS,
    signal.centrePpm,
  );
  return withSignal(spectrum, { re, im, x: { values: ppm, unit: 'ppm', quantity: 'chemical shift' } }, 'spectrum', {
    domain: 'frequency',
    points: re.length,
  });
}
