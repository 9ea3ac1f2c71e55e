import type { Spectrum } from '../../../core';
import { mrsSignal, timeAxis, withSignal } from './mrsSignal';
import { ppmSpectrumToFid } from './spectralTransform';

/**
 * The inverse of {@link toFrequencyDomain}: a complex ppm spectrum (ascending ppm, NIfTI-MRS
 * convention) back to its FID, x = i·dwell (s), meta `domain: 'time'`. Exact up to rounding
 * (≈1e-13 relative). Throws INVALID_OPTION (naming the file) for a spectrum that is not a complex
 * MRS spectrum on a ppm axis.
 */
export function toTimeDomain(spectrum: Spectrum): Spectrum {
  const signal = mrsSignal(spectrum, 'the inverse FFT', 'frequency');
  const { re, im } = ppmSpectrumToFid(signal.re, signal.im);
  return withSignal(
    spectrum,
    { re, im, x: { values: timeAxis(re.length, signal.dwellTimeS), unit: 's', quantity: 'time' } },
    'fid',
    { domain: 'time', points: re.length },
  );
}
