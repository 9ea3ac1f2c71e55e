import { WorkbenchError } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { fidToPpmSpectrum } from '../processing/spectralTransform';
import type { Acquisition } from '../processing/transientData';
import { fitLcm, type LcmFit } from './fitLcm';

/** The fitted water reference. */
export interface WaterFit {
  /** Water signal at t = 0 (the area of the whole line, tails included): 2 protons. */
  readonly area: number;
  /** Centre of the water line, ppm. */
  readonly ppm: number;
  /** FWHM of the fitted Voigt line (Olivero & Longbothum 1977 approximation), ppm. */
  readonly fwhmPpm: number;
  readonly fit: LcmFit;
}

/**
 * Fits the unsuppressed water reference as one Voigt line (a synthetic singlet through the same
 * model as the metabolites: Lorentzian and Gaussian broadening, shift, zero/first-order phase) over
 * its line ±1 ppm, without a baseline. The area is the fitted amplitude: the line's integral
 * including the tails outside the window, which a plain integral over the window would miss
 * (1–2 % for a 6 Hz Lorentzian). Run eddy-current correction first: a distorted water line is not
 * a Voigt line, and the fit quality in the result says how far it is.
 *
 * @throws WorkbenchError `INVALID_DATA` when there is no water line (the reference's largest peak
 *   between 3.5 and 6 ppm is not above 20× the noise-free remainder of the spectrum).
 */
export function fitWater(fid: ComplexArrays, acquisition: Acquisition): WaterFit {
  const { spectrometerFrequencyMHz: sf, dwellTimeS, centrePpm, points } = acquisition;
  const spectrum = fidToPpmSpectrum(fid.re, fid.im, sf, dwellTimeS, centrePpm);
  let top = -1;
  let topValue = 0;
  let elsewhere = 0;
  for (let j = 0; j < spectrum.ppm.length; j++) {
    const magnitude = Math.hypot(spectrum.re[j] as number, spectrum.im[j] as number);
    const ppm = spectrum.ppm[j] as number;
    if (ppm >= 3.5 && ppm <= 6) {
      if (magnitude > topValue) {
        topValue = magnitude;
        top = j;
      }
    } else if (ppm > 0 && ppm < 3.2) {
      elsewhere = Math.max(elsewhere, magnitude);
    }
  }
  if (top < 0 || !(topValue > 20 * elsewhere)) {
    throw new WorkbenchError(
      'INVALID_DATA',
      'the water reference shows no dominant water line between 3.5 and 6 ppm (is it water-suppressed?)',
    );
  }
  const peakPpm = spectrum.ppm[top] as number;
  const frequency = (centrePpm - peakPpm) * sf;
  const re = new Float64Array(points);
  const im = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    re[i] = Math.cos(2 * Math.PI * frequency * i * dwellTimeS);
    im[i] = Math.sin(2 * Math.PI * frequency * i * dwellTimeS);
  }
  const basis = { acquisition, components: [{ name: 'H2O', fid: { re, im }, group: 'metabolites' }], notes: [] };
  const fit = fitLcm(fid, basis, {
    rangePpm: [peakPpm - 1, peakPpm + 1],
    baselineKnotSpacingPpm: Number.POSITIVE_INFINITY,
    maxShiftPpm: 0.05,
  });
  const group = fit.groups[0] as LcmFit['groups'][number];
  const lorentz = group.lorentzianHz;
  const gauss = group.gaussianHz;
  const voigtHz = 0.5346 * lorentz + Math.sqrt(0.2166 * lorentz * lorentz + gauss * gauss);
  return { area: fit.amplitudes[0] as number, ppm: peakPpm + group.shiftPpm, fwhmPpm: voigtHz / sf, fit };
}
