import { type Spectrum, WorkbenchError } from '../../../core';
import { mrsSignal, withSignal } from './mrsSignal';

/** Largest line broadening accepted, Hz. */
export const MAX_BROADENING_HZ = 1000;

/** Apodisation window and the line broadening it adds. */
export interface ApodizeOptions {
  /**
   * `exponential`: w(t) = exp(−π·lb·t), adds a Lorentzian of FWHM lb Hz (matched to a Lorentzian
   * line of that width it maximises SNR). `gaussian`: w(t) = exp(−(π·gb·t)²/(4·ln 2)), convolves
   * each line with a Gaussian of FWHM gb Hz.
   */
  readonly kind: 'exponential' | 'gaussian';
  /** lb or gb: the added line width (full width at half maximum), Hz, 0 … {@link MAX_BROADENING_HZ}. */
  readonly broadeningHz: number;
}

/**
 * Multiplies an MRS FID (time domain only) by an exponential or Gaussian window, t = i·dwell from
 * the first sample, with lb the added FWHM as in NMR processing programs (a decay exp(−π·lb·t) has a
 * Lorentzian of FWHM lb). Beware: FSL-MRS `apodize` (`fsl_mrs/utils/preproc/filtering.py`) uses
 * exp(−lb·t), which adds only lb/π Hz. Trades resolution for SNR. Meta
 * `apodization` records the window (`exponential 3 Hz`), appended to any earlier one.
 *
 * Throws INVALID_OPTION (naming the file) for a non-MRS or frequency-domain input or a broadening
 * outside 0 … 1000 Hz.
 */
export function apodize(spectrum: Spectrum, options: ApodizeOptions): Spectrum {
  const signal = mrsSignal(spectrum, 'apodisation', 'time');
  const { kind, broadeningHz } = options;
  if (!(broadeningHz >= 0 && broadeningHz <= MAX_BROADENING_HZ)) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `apodisation: broadeningHz must be within 0…${MAX_BROADENING_HZ} Hz (got ${broadeningHz})`,
      { file: spectrum.file },
    );
  }
  const n = signal.re.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const gaussianRate = (Math.PI * broadeningHz) ** 2 / (4 * Math.LN2);
  for (let i = 0; i < n; i++) {
    const t = i * signal.dwellTimeS;
    const w = kind === 'gaussian' ? Math.exp(-gaussianRate * t * t) : Math.exp(-Math.PI * broadeningHz * t);
    re[i] = (signal.re[i] as number) * w;
    im[i] = (signal.im[i] as number) * w;
  }
  const window = `${kind} ${broadeningHz} Hz`;
  const before = spectrum.meta.apodization;
  return withSignal(spectrum, { re, im }, 'apodised', {
    apodization: before === undefined ? window : `${String(before)}; ${window}`,
  });
}
