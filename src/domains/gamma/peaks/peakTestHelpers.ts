/**
 * Test-only helpers of the peak search and fit tests (imported by *.test.ts only): seeded Poisson
 * counts and a simulated spectrum of Gaussian peaks on a continuum, with the smoothed HPGe step.
 */
import { createRandom } from '../../../ml/training/random';
import { normalCdf } from '../simulation/lineShapes';
import { samplePoisson } from '../simulation/poisson';

/** One simulated peak: centroid (channel), FWHM (channels), net area (counts). */
export interface SimulatedPeak {
  readonly centroid: number;
  readonly fwhm: number;
  readonly area: number;
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
      value += stepRatio * height * normalCdf(-t); // ½·erfc(t/√2): the step below the centroid
    }
    out[i] = value;
  }
  return out;
}

/** Poisson counts drawn around `expected` with the given seed, as the spectrum simulator draws them. */
export function poissonCounts(expected: Float64Array, seed: number): Float64Array {
  const random = createRandom(seed);
  return expected.map((mean) => samplePoisson(random, mean));
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
