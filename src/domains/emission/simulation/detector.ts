import type { Random } from '../../../ml/training/random';
import type { InstrumentModel } from './instrument';

/** What the detector made of the light. */
export interface DetectorReadout {
  /** Digitised counts per pixel (rounded, clipped to [0, full scale]; dark-corrected when asked). */
  readonly counts: Float64Array;
  /** Expected counts without noise or clipping (offset and dark included, or removed when dark-corrected). */
  readonly expectedCounts: Float64Array;
  /** 1 where the ADC hit full scale. */
  readonly saturated: Uint8Array;
  /** Number of saturated pixels. */
  readonly saturatedCount: number;
  /** Pixels hit by a cosmic ray (in order of drawing). */
  readonly cosmicRayPixels: readonly number[];
}

/** Options of one readout. */
export interface ReadoutOptions {
  /** Multiplies the instrument's integration time (auto-exposure, faults). Default 1. */
  readonly integrationScale?: number;
  /** Mean number of cosmic-ray hits per spectrum (Poisson; CCDs: optical-notes §3.5). Default 0. */
  readonly cosmicRaysPerSpectrum?: number;
}

/**
 * Reads a spectrum out (optical-notes §3.5): the light signal in counts S_p = radiance_p ·
 * sensitivity_p · gain · t; photo-electrons S_p·g (g = e⁻/count) drawn Poisson (shot noise), dark
 * electrons Poisson with mean dark·t·g, Gaussian read noise in counts, the offset, rounding to
 * integer counts and clipping to [0, full scale] (saturation: a flat top at 16383 for a 14-bit
 * ADC). Without `random` the noise is left out (rounding and clipping stay). Cosmic rays add
 * 500–5000 e⁻ to one pixel (a third of them spill half into a neighbour).
 */
export function readDetector(
  pixelRadiance: Float64Array,
  sensitivity: Float64Array,
  instrument: InstrumentModel,
  random: Random | null,
  options: ReadoutOptions = {},
): DetectorReadout {
  const n = pixelRadiance.length;
  const t = instrument.integrationTimeS * (options.integrationScale ?? 1);
  const g = instrument.electronsPerCount;
  const darkMean = instrument.darkCurrentCountsPerS * t;
  const baseline = instrument.offsetCounts + darkMean;
  const full = instrument.saturationCounts;
  const gainT = instrument.countsPerRadianceSecond * t;
  const expectedCounts = new Float64Array(n);
  const electrons = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const signal = Math.max(0, (pixelRadiance[p] as number) * (sensitivity[p] as number) * gainT);
    expectedCounts[p] = signal + baseline;
    electrons[p] = random === null ? (signal + darkMean) * g : random.poisson((signal + darkMean) * g);
  }
  const cosmicRayPixels: number[] = [];
  if (random !== null && (options.cosmicRaysPerSpectrum ?? 0) > 0) {
    const hits = random.poisson(options.cosmicRaysPerSpectrum as number);
    for (let h = 0; h < hits; h++) {
      const p = random.integer(0, n - 1);
      const charge = random.uniform(500, 5000);
      const spill = random.next() < 1 / 3 && p + 1 < n;
      electrons[p] = (electrons[p] as number) + (spill ? charge / 2 : charge);
      if (spill) electrons[p + 1] = (electrons[p + 1] as number) + charge / 2;
      cosmicRayPixels.push(p);
    }
  }
  const counts = new Float64Array(n);
  const saturated = new Uint8Array(n);
  let saturatedCount = 0;
  const correction = instrument.darkCorrected ? baseline : 0;
  for (let p = 0; p < n; p++) {
    const read = random === null ? 0 : random.normal(0, instrument.readNoiseCounts);
    let value = Math.round((electrons[p] as number) / g + instrument.offsetCounts + read);
    if (value >= full) {
      value = full;
      saturated[p] = 1;
      saturatedCount++;
    } else if (value < 0) value = 0;
    counts[p] = value - correction;
    expectedCounts[p] = (expectedCounts[p] as number) - correction;
  }
  return { counts, expectedCounts, saturated, saturatedCount, cosmicRayPixels };
}
