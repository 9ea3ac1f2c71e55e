import { type Spectrum, WorkbenchError } from '../../../core';
import { mrsSignal, withSignal } from './mrsSignal';
import { fidToPpmSpectrum, ppmSpectrumToFid } from './spectralTransform';

/**
 * Moves every line of an MRS spectrum by `hz` towards **higher ppm** (by hz/cf ppm): a positive shift
 * moves peaks to the left of the usual reversed display. The ppm axis itself does not change, so
 * shifted spectra stay on one grid (for averaging and fitting).
 *
 * Time domain: fid(t)·e^(−2πi·hz·t), t = i·dwell (in the NIfTI-MRS convention ppm = centre − f/cf, so
 * +Δppm is −Δf; FSL-MRS's `freqshift` multiplies by the same kind of exponential). A frequency-domain
 * input goes to its FID and back (`spectralTransform.ts`), an exact sub-point (sinc) shift that wraps
 * around the window edges. The same shift before or after the FFT gives the same spectrum.
 *
 * Meta `frequencyShiftHz` accumulates the shifts applied. Throws INVALID_OPTION (naming the file)
 * for a non-MRS input or a non-finite `hz`.
 */
export function shiftFrequency(spectrum: Spectrum, hz: number): Spectrum {
  const signal = mrsSignal(spectrum, 'a frequency shift');
  if (!Number.isFinite(hz)) {
    throw new WorkbenchError('INVALID_OPTION', `frequency shift: hz must be a finite number (got ${hz})`, {
      file: spectrum.file,
    });
  }
  const fid = signal.domain === 'time' ? { re: signal.re, im: signal.im } : ppmSpectrumToFid(signal.re, signal.im);
  const n = fid.re.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const angle = -2 * Math.PI * hz * i * signal.dwellTimeS;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const a = fid.re[i] as number;
    const b = fid.im[i] as number;
    re[i] = a * c - b * s;
    im[i] = a * s + b * c;
  }
  const samples =
    signal.domain === 'time'
      ? { re, im }
      : fidToPpmSpectrum(re, im, signal.spectrometerFrequencyMHz, signal.dwellTimeS, signal.centrePpm);
  const total = Number(spectrum.meta.frequencyShiftHz ?? 0) + hz;
  return withSignal(spectrum, { re: samples.re, im: samples.im }, 'shifted', { frequencyShiftHz: total });
}
