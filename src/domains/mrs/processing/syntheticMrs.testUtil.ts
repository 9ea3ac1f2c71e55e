import type { Spectrum } from '../../../core';
import { toMrsSpectrum } from '../mrsSpectrum';

/** One synthetic singlet: chemical shift (ppm), FID amplitude, Lorentzian FWHM (Hz). */
export interface SyntheticLine {
  readonly ppm: number;
  readonly amplitude: number;
  readonly widthHz: number;
}

/** NAA, Cr and Cho singlets at the referencing positions (mrs-notes numbers), heights roughly as in brain. */
export const NAA_CR_CHO_LINES: readonly SyntheticLine[] = [
  { ppm: 2.008, amplitude: 1, widthHz: 5 },
  { ppm: 3.027, amplitude: 0.8, widthHz: 5 },
  { ppm: 3.185, amplitude: 0.6, widthHz: 5 },
];

/** Options of {@link syntheticMrsFid}. */
export interface SyntheticMrsOptions {
  readonly lines?: readonly SyntheticLine[];
  readonly spectrometerFrequencyMHz?: number;
  readonly dwellTimeS?: number;
  readonly points?: number;
  /** Every line moved by this much towards higher ppm, Hz. */
  readonly shiftHz?: number;
  /** Phase of every line at t = 0, degrees. */
  readonly zeroDeg?: number;
  /** SD of white complex Gaussian noise added to each FID sample (re and im), FID amplitude units. */
  readonly noiseSd?: number;
  readonly seed?: number;
  readonly fileName?: string;
}

/**
 * A time-domain MRS spectrum of Lorentzian singlets, as a reader would return it, in the NIfTI-MRS
 * convention: fid(t) = Σ a·e^(iφ)·e^(2πi f t − π·FWHM·t), f = (4.65 − ppm)·cf − shiftHz. Test support.
 */
export function syntheticMrsFid(options: SyntheticMrsOptions = {}): Spectrum {
  const {
    lines = NAA_CR_CHO_LINES,
    spectrometerFrequencyMHz: cf = 123.2,
    dwellTimeS: dwell = 0.00025,
    points: n = 2048,
    shiftHz = 0,
    zeroDeg = 0,
    noiseSd = 0,
    seed = 1,
    fileName = 'synthetic.nii',
  } = options;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const phi = (zeroDeg * Math.PI) / 180;
  for (const line of lines) {
    const f = (4.65 - line.ppm) * cf - shiftHz;
    for (let i = 0; i < n; i++) {
      const t = i * dwell;
      const a = line.amplitude * Math.exp(-Math.PI * line.widthHz * t);
      const angle = 2 * Math.PI * f * t + phi;
      re[i] = (re[i] as number) + a * Math.cos(angle);
      im[i] = (im[i] as number) + a * Math.sin(angle);
    }
  }
  if (noiseSd > 0) {
    const gaussian = gaussianSource(seed);
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) + noiseSd * gaussian();
      im[i] = (im[i] as number) + noiseSd * gaussian();
    }
  }
  return toMrsSpectrum(
    { re, im, spectrometerFrequencyMHz: cf, dwellTimeS: dwell, nucleus: '1H', conjugatedByReader: false },
    fileName,
    0,
    'synthetic',
  );
}

/** Standard normal deviates from a seeded mulberry32 generator (Box–Muller). */
export function gaussianSource(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    const u = 1 - uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}
