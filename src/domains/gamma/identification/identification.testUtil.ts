import { uniform01 } from '../../../ml/blocks/random';
import { findNuclide } from '../nuclides/nuclideLibrary';
import type { GammaPeak } from '../peaks/gammaPeak';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Coaxial HPGe resolution: 0.9 keV at 122 keV, 1.8 keV at 1332 keV. */
export const hpgeFwhm = (e: number): number => Math.sqrt(0.565 + 0.00201 * e);

/** A "true" efficiency deliberately unlike the identification prior (steeper fall, lower knee). */
const trueEfficiency = (e: number): number => (Math.max(e, 120) / 120) ** -0.9 / (1 + (32 / e) ** 3.5);

export interface SyntheticSource {
  readonly name: string;
  /** Full-energy counts of a 100 % line at the efficiency maximum. */
  readonly counts: number;
}

export interface SyntheticOptions {
  readonly seed: number;
  /** Continuum counts per keV at 100 keV (falls as E^−1.2). Default 2000. */
  readonly continuumAt100?: number;
  /** Probability to drop a found peak with significance below 10. Default 0.3. */
  readonly dropWeak?: number;
  /** Extra peaks (energy keV, area), e.g. background lines or unknowns. */
  readonly extra?: readonly { energyKeV: number; area: number }[];
  readonly rangeKeV?: readonly [number, number];
}

/**
 * A peak list as a peak finder would report it for `sources` measured with a coaxial HPGe:
 * library lines in range, unresolved lines (< 1 FWHM apart) merged, Poisson-like area σ over a
 * falling continuum, peaks below 3σ not found, weak ones dropped at random, centroids shifted by a
 * random calibration error (offset ±0.15 keV, gain ±0.03 %) and their own statistical scatter.
 */
export function syntheticPeaks(sources: readonly SyntheticSource[], options: SyntheticOptions): GammaPeak[] {
  const random = uniform01(options.seed); // mulberry32, uniform on [0, 1)
  const [lo, hi] = options.rangeKeV ?? [20, 3000];
  const raw: { energyKeV: number; area: number }[] = [...(options.extra ?? [])];
  for (const source of sources) {
    const nuclide = findNuclide(source.name);
    if (nuclide === undefined) throw new Error(`no ${source.name} in the library`);
    for (const l of nuclide.lines) {
      if (l.energyKeV < lo || l.energyKeV > hi) continue;
      raw.push({ energyKeV: l.energyKeV, area: (source.counts * l.intensityPct * trueEfficiency(l.energyKeV)) / 100 });
    }
  }
  raw.sort((a, b) => a.energyKeV - b.energyKeV);
  const merged: { energyKeV: number; area: number }[] = [];
  for (const r of raw) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.energyKeV - last.energyKeV < hpgeFwhm(r.energyKeV)) {
      const area = last.area + r.area;
      last.energyKeV = (last.energyKeV * last.area + r.energyKeV * r.area) / area;
      last.area = area;
    } else merged.push({ ...r });
  }
  const offset = (random() * 2 - 1) * 0.15;
  const gain = 1 + (random() * 2 - 1) * 3e-4;
  const continuum = options.continuumAt100 ?? 2000;
  const peaks: GammaPeak[] = [];
  for (const m of merged) {
    const fwhm = hpgeFwhm(m.energyKeV);
    const background = continuum * (m.energyKeV / 100) ** -1.2 * 2.5 * fwhm;
    const area = Math.max(m.area + gaussian(random) * Math.sqrt(m.area + 2 * background), 0);
    const areaSigma = Math.sqrt(area + 2 * background);
    const significance = area / areaSigma;
    if (significance < 3) continue;
    if (significance < 10 && random() < (options.dropWeak ?? 0.3)) continue;
    const centroidSigma = ((fwhm / 2.3548) * Math.sqrt(area + 2 * background)) / area + 0.005;
    const centroid = offset + gain * m.energyKeV + gaussian(random) * centroidSigma;
    peaks.push({
      centroidKeV: centroid,
      centroidSigmaKeV: centroidSigma,
      fwhmKeV: fwhm * (1 + 0.05 * gaussian(random)),
      fwhmSigmaKeV: 0.05 * fwhm,
      netArea: area,
      netAreaSigma: areaSigma,
      significance,
      centroidChannel: centroid / 0.5,
      regionId: peaks.length,
    });
  }
  return peaks;
}
