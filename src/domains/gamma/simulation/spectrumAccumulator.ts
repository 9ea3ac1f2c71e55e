import type { DetectorModel } from './detectorModels';
import { ELECTRON_REST_KEV } from './kleinNishina';
import { type LineResponse, lineResponse } from './lineResponse';
import { addPeak, addTemplate, normalCdf } from './lineShapes';
import { FWHM_TO_SIGMA, gadrasSigma } from './resolution';

/** The channel grid in true deposited energy (keV) and the discriminator roll-off per channel. */
export interface ChannelGrid {
  readonly edges: Float64Array;
  readonly centers: Float64Array;
  readonly widths: Float64Array;
  /** Φ((E − threshold)/σ_threshold) per channel. */
  readonly threshold: Float64Array;
}

/** Extra Gaussian width (keV σ) of annihilation lines: Doppler broadening, FWHM ≈ 2.4 keV. */
const ANNIHILATION_DOPPLER_SIGMA = 2.4 * FWHM_TO_SIGMA;

/** How a group of lines is scattered by the surroundings (photons per direct photon). */
export interface ScatterStrength {
  readonly backscatter: number;
  readonly sideScatter: number;
}

/**
 * Expected counts of one component (a source, the background) before resolution blurring of the
 * continuum: peaks are added already shaped; partial-energy deposits wait in `continuum` for one
 * blur of everything at the end.
 */
export class SpectrumAccumulator {
  readonly peaks: Float64Array;
  readonly continuum: Float64Array;

  constructor(
    private readonly model: DetectorModel,
    private readonly grid: ChannelGrid,
    private readonly resolutionScale: number,
  ) {
    this.peaks = new Float64Array(grid.centers.length);
    this.continuum = new Float64Array(grid.centers.length);
  }

  reset(): void {
    this.peaks.fill(0);
    this.continuum.fill(0);
  }

  sigma(energyKeV: number): number {
    return gadrasSigma(energyKeV, this.model.resolution, this.resolutionScale);
  }

  private peak(energyKeV: number, area: number, annihilation: boolean): void {
    if (!(area > 0) || energyKeV <= 0) return;
    const s = this.sigma(energyKeV);
    const sigma = annihilation ? Math.hypot(s, ANNIHILATION_DOPPLER_SIGMA) : s;
    const tail = this.model.peakTail;
    addPeak(this.peaks, this.grid.edges, energyKeV, sigma, area, tail.fraction, tail.decaySigmas);
  }

  /**
   * Adds `photons` photons of `energyKeV` hitting the crystal face; returns the expected
   * full-energy peak counts.
   */
  addLine(energyKeV: number, photons: number, scatter: ScatterStrength, annihilation = false): number {
    if (!(photons > 0)) return 0;
    const r: LineResponse = lineResponse(this.model, energyKeV);
    const full = photons * r.peak;
    this.peak(energyKeV, full, annihilation);
    this.peak(energyKeV - ELECTRON_REST_KEV, photons * r.singleEscape, false);
    this.peak(energyKeV - 2 * ELECTRON_REST_KEV, photons * r.doubleEscape, false);
    for (const x of r.xrayEscapes) this.peak(x.energyKeV, photons * x.efficiency, annihilation);
    addTemplate(this.continuum, this.grid.edges, r.continuum.cdf, energyKeV, photons);
    addTemplate(this.continuum, this.grid.edges, r.backscatter.cdf, energyKeV, photons * scatter.backscatter);
    addTemplate(this.continuum, this.grid.edges, r.sideScatter.cdf, energyKeV, photons * scatter.sideScatter);
    return full;
  }

  /**
   * Adds photons of a continuous spectrum hitting the crystal face: `scale` × `photonsPerKeV(E)`
   * integrated over the fixed log-spaced {@link CONTINUUM_BANDS} that start below `toKeV` (fixed so
   * that their responses stay cached whatever the calibration). Each band uses the response at its
   * centre; its full-energy (and escape) deposits are spread evenly over the band, not a peak.
   */
  addContinuousSpectrum(photonsPerKeV: (energyKeV: number) => number, toKeV: number, scale = 1): void {
    for (const [lo, hi] of CONTINUUM_BANDS) {
      if (lo >= toKeV) break;
      const centre = Math.sqrt(lo * hi);
      const photons = scale * photonsPerKeV(centre) * (hi - lo);
      if (!(photons > 0)) continue;
      const r = lineResponse(this.model, centre);
      const spread = (shift: number, counts: number): void => {
        if (counts > 0 && hi - shift > 0)
          addTemplate(this.continuum, this.grid.edges, uniformCdf(lo - shift, hi - shift), hi - shift, counts);
      };
      spread(0, photons * r.peak);
      spread(ELECTRON_REST_KEV, photons * r.singleEscape);
      spread(2 * ELECTRON_REST_KEV, photons * r.doubleEscape);
      for (const x of r.xrayEscapes) spread(centre - x.energyKeV, photons * x.efficiency);
      addTemplate(this.continuum, this.grid.edges, r.continuum.cdf, centre, photons);
    }
  }

  /** Expected counts after the discriminator (blur moves negligible counts across it). */
  detectedTotal(): number {
    const t = this.grid.threshold;
    let s = 0;
    for (let i = 0; i < t.length; i++)
      s += ((this.peaks[i] as number) + (this.continuum[i] as number)) * (t[i] as number);
    return s;
  }

  /** Adds `scale` × this component into `into`. */
  addScaledTo(into: SpectrumAccumulator, scale: number): void {
    for (let i = 0; i < this.peaks.length; i++) {
      into.peaks[i] = (into.peaks[i] as number) + scale * (this.peaks[i] as number);
      into.continuum[i] = (into.continuum[i] as number) + scale * (this.continuum[i] as number);
    }
  }
}

/** The bands of continuous spectra: 20 keV to 20 MeV in 120 log-spaced steps (6 % wide). */
export const CONTINUUM_BANDS: readonly (readonly [number, number])[] = Array.from({ length: 120 }, (_, b) => {
  const ratio = 1000 ** (1 / 120);
  return [20 * ratio ** b, 20 * ratio ** (b + 1)] as const;
});

/** Photons of `photonsPerKeV` on the bands that start below `toKeV` (as `addContinuousSpectrum` adds). */
export function continuousPhotons(photonsPerKeV: (energyKeV: number) => number, toKeV: number): number {
  let sum = 0;
  for (const [lo, hi] of CONTINUUM_BANDS) {
    if (lo >= toKeV) break;
    sum += photonsPerKeV(Math.sqrt(lo * hi)) * (hi - lo);
  }
  return sum;
}

/** A cumulative template (64 bins over [0, hi]) of a uniform distribution on [max(lo, 0), hi]. */
function uniformCdf(lo: number, hi: number): Float64Array {
  const bins = 64;
  const cdf = new Float64Array(bins + 1);
  const a = Math.max(0, lo);
  for (let i = 0; i <= bins; i++) {
    const e = (hi * i) / bins;
    cdf[i] = e <= a ? 0 : (e - a) / (hi - a);
  }
  return cdf;
}

/** Discriminator roll-off: Φ((E − T)/σ(T)). */
export function thresholdFactors(centers: Float64Array, thresholdKeV: number, sigmaKeV: number): Float64Array {
  const out = new Float64Array(centers.length);
  const s = Math.max(sigmaKeV, 0.5);
  for (let i = 0; i < centers.length; i++) out[i] = normalCdf(((centers[i] as number) - thresholdKeV) / s);
  return out;
}
