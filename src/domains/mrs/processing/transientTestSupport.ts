import type { Spectrum } from '../../../core';
import { type ComplexArrays, fftAnyLength } from '../../../numeric/fftAnyLength';
import { toMrsSpectrum } from '../mrsSpectrum';

/**
 * Test support for the multi-transient steps: a seeded generator, synthetic FIDs of Lorentzian
 * lines in the NIfTI-MRS convention, complex white noise, and MRS spectra built the way readers
 * build them. Only tests import it.
 */

/** 3 T: 123.2 MHz, 2048 points at 250 µs (4 kHz), centre 4.65 ppm. */
export const ACQ = { sf: 123.2, dwell: 0.00025, n: 2048, centre: 4.65 } as const;

/** One Lorentzian line: ppm, amplitude, FWHM (Hz), phase (°). */
export interface Peak {
  readonly ppm: number;
  readonly amplitude: number;
  readonly widthHz: number;
  readonly phaseDeg?: number;
}

/** NAA 2.01, Cr 3.03, Cho 3.20 ppm, 5 Hz wide. */
export const BRAIN: readonly Peak[] = [
  { ppm: 2.01, amplitude: 1, widthHz: 5 },
  { ppm: 3.03, amplitude: 0.8, widthHz: 5 },
  { ppm: 3.2, amplitude: 0.6, widthHz: 5 },
];

/** Deterministic uniform [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal deviates from a uniform generator (Box–Muller). */
export function gaussian(uniform: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * FID of Lorentzian lines, f = (centre − ppm)·SF, a·e^{iφ}·e^{(2πi(f + shiftHz) − πΓ)t}, times an
 * extra phase (°) and frequency shift (Hz) of the whole transient.
 */
export function fidOfPeaks(peaks: readonly Peak[], shiftHz = 0, phaseDeg = 0, n: number = ACQ.n): ComplexArrays {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const peak of peaks) {
    const f = (ACQ.centre - peak.ppm) * ACQ.sf + shiftHz;
    const phase = (((peak.phaseDeg ?? 0) + phaseDeg) * Math.PI) / 180;
    for (let t = 0; t < n; t++) {
      const time = t * ACQ.dwell;
      const decay = peak.amplitude * Math.exp(-Math.PI * peak.widthHz * time);
      re[t] = (re[t] as number) + decay * Math.cos(2 * Math.PI * f * time + phase);
      im[t] = (im[t] as number) + decay * Math.sin(2 * Math.PI * f * time + phase);
    }
  }
  return { re, im };
}

/** Adds complex white noise of SD `sigma` per component (in place) and returns the FID. */
export function addNoise(fid: ComplexArrays, sigma: number, normal: () => number): ComplexArrays {
  for (let t = 0; t < fid.re.length; t++) {
    fid.re[t] = (fid.re[t] as number) + sigma * normal();
    fid.im[t] = (fid.im[t] as number) + sigma * normal();
  }
  return fid;
}

/**
 * Time-domain noise SD that gives a spectrum whose tallest real point is `snr` times the noise SD
 * of the spectrum's real part (unnormalised DFT: spectrum noise SD = σ·√N).
 */
export function sigmaForSnr(fid: ComplexArrays, snr: number): number {
  const spectrum = fftAnyLength(fid.re, fid.im);
  let peak = 0;
  for (const value of spectrum.re) peak = Math.max(peak, value);
  return peak / (snr * Math.sqrt(fid.re.length));
}

/** An MRS spectrum as a reader returns it (3 T acquisition of {@link ACQ}). */
export function transient(
  fid: ComplexArrays,
  indices: Record<string, number> = {},
  options: { file?: string; role?: 'metabolite' | 'water'; index?: number } = {},
): Spectrum {
  return toMrsSpectrum(
    {
      re: fid.re,
      im: fid.im,
      spectrometerFrequencyMHz: ACQ.sf,
      dwellTimeS: ACQ.dwell,
      nucleus: '1H',
      conjugatedByReader: false,
      averages: 1,
      indices,
      ...(options.role === undefined ? {} : { role: options.role }),
    },
    options.file ?? 'synthetic.nii',
    options.index ?? 0,
    'mrs-nifti',
  );
}
