/**
 * Test-only helpers of the peak search and fit tests (imported by *.test.ts only): seeded Poisson
 * counts and a simulated spectrum of Gaussian peaks on a continuum, with the smoothed HPGe step.
 */
import { uniform01 } from '../../../ml/blocks/random';

/**
 * A seeded Poisson generator: Knuth's product of uniforms below a mean of 30, above it the
 * transformed rejection PTRS of Hörmann (1993, Insurance: Mathematics and Economics 12:39,
 * doi:10.1016/0167-6687(93)90997-4), exact for any mean ≥ 10.
 */
export function poissonGenerator(seed: number): (mean: number) => number {
  const random = uniform01(seed);
  return (mean) => {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let product = random();
      while (product > limit) {
        k += 1;
        product *= random();
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const logLam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = random() - 0.5;
      const v = random();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      const lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
      if (lhs <= -mean + k * logLam - logGamma(k + 1)) return k;
    }
  };
}

/** ln Γ(x) for x ≥ 1 (Stirling series with 5 terms, < 1e-12 relative from x = 7, recursion below). */
function logGamma(x: number): number {
  let shift = 0;
  let z = x;
  while (z < 7) {
    shift -= Math.log(z);
    z += 1;
  }
  const z2 = 1 / (z * z);
  const series = (1 / 12 - z2 * (1 / 360 - z2 * (1 / 1260 - z2 * (1 / 1680 - z2 / 1188)))) / z;
  return shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series;
}

/** One simulated peak: centroid (channel), FWHM (channels), net area (counts). */
export interface SimulatedPeak {
  readonly centroid: number;
  readonly fwhm: number;
  readonly area: number;
}

/** 0.5·erfc(t/√2) by the Abramowitz–Stegun 7.1.26-grade Numerical Recipes erfcc (< 1.2e-7). */
function halfErfc(t: number): number {
  const z = Math.abs(t) / Math.SQRT2;
  const q = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    q *
      (1.00002368 +
        q *
          (0.37409196 +
            q *
              (0.09678418 +
                q *
                  (-0.18628806 +
                    q * (0.27886807 + q * (-1.13520398 + q * (1.48851587 + q * (-0.82215223 + q * 0.17087277))))))));
  const value = 0.5 * q * Math.exp(poly);
  return t >= 0 ? value : 1 - value;
}

/**
 * Expected counts per channel: `continuum(channel)` plus, for every peak, a Gaussian of the given
 * area plus a step of height `stepRatio` × the peak's height below the centroid.
 */
export function expectedCounts(
  channels: number,
  peaks: readonly SimulatedPeak[],
  continuum: (channel: number) => number,
  stepRatio = 0,
): Float64Array {
  const out = new Float64Array(channels);
  for (let i = 0; i < channels; i++) {
    let value = continuum(i);
    for (const peak of peaks) {
      const sigma = peak.fwhm / (2 * Math.sqrt(2 * Math.log(2)));
      const height = peak.area / (sigma * Math.sqrt(2 * Math.PI));
      const t = (i - peak.centroid) / sigma;
      if (Math.abs(t) < 12) value += height * Math.exp(-0.5 * t * t);
      value += stepRatio * height * halfErfc(t);
    }
    out[i] = value;
  }
  return out;
}

/** Poisson counts drawn around `expected` with the given seed. */
export function poissonCounts(expected: Float64Array, seed: number): Float64Array {
  const next = poissonGenerator(seed);
  return expected.map((mean) => next(mean));
}

/** A simulated HPGe spectrum: counts, the energy of every channel, and the peaks put in. */
export interface HpgeSimulation {
  readonly counts: Float64Array;
  /** Energy (keV) of each channel: E = 0.3 + 0.25·c + 2e-7·c². */
  readonly energies: Float64Array;
  readonly peaks: readonly { energy: number; channel: number; fwhmKeV: number; area: number }[];
}

/** FWHM (keV) of the simulated HPGe: √(0.5 + 0.0022·E), ≈ 1.9 keV at 1332 keV. */
export const simulatedHpgeFwhm = (energyKeV: number): number => Math.sqrt(0.5 + 0.0022 * energyKeV);

/**
 * Lines (keV, net area) on an exponential Compton continuum with a step under each peak, 8192
 * channels by default. The 511 keV annihilation line is 1.8× broader (Doppler), as in real spectra.
 */
export function simulateHpge(seed: number, channels = 8192): HpgeSimulation {
  const [c0, c1, c2] = [0.3, 0.25, 2e-7];
  const energyOf = (c: number): number => c0 + c1 * c + c2 * c * c;
  const channelOf = (e: number): number => (-c1 + Math.sqrt(c1 * c1 - 4 * c2 * (c0 - e))) / (2 * c2);
  const lines: [number, number][] = [
    [122.06, 9000],
    [238.63, 6000],
    [351.93, 5000],
    [511, 7000],
    [609.31, 8000],
    [661.66, 20000],
    [911.2, 3000],
    [1173.23, 6000],
    [1332.49, 5500],
    [1460.82, 12000],
    [1764.49, 2500],
    [2614.51, 3000],
  ];
  const peaks = lines
    .filter(([energy]) => channelOf(energy) < channels - 40)
    .map(([energy, area]) => {
      const channel = channelOf(energy);
      const fwhmKeV = simulatedHpgeFwhm(energy) * (energy === 511 ? 1.8 : 1);
      const dispersion = c1 + 2 * c2 * channel;
      return { energy, channel, fwhmKeV, area, fwhmChannels: fwhmKeV / dispersion };
    });
  const mean = expectedCounts(
    channels,
    peaks.map((p) => ({ centroid: p.channel, fwhm: p.fwhmChannels, area: p.area })),
    (c) => 600 * Math.exp(-energyOf(c) / 400) + 8,
    0.005,
  );
  const energies = Float64Array.from({ length: channels }, (_, c) => energyOf(c));
  return { counts: poissonCounts(mean, seed), energies, peaks: peaks.map(({ fwhmChannels: _, ...p }) => p) };
}
