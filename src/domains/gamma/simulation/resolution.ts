/**
 * Energy resolution of gamma detectors: the GADRAS three-parameter FWHM model (grs-notes §4.1),
 * used by GADRAS generic detectors, InterSpec (`DetectorPeakResponse::peakResolutionFWHM`, case
 * kGadrasResolutionFcn) and PyRIID (ERES_OFFSET / ERES_FWHM / ERES_POWER).
 */

/** Parameters of the GADRAS resolution model. */
export interface GadrasResolution {
  /** a: "resolution at E = 0" (keV); negative values steepen the curve below 661 keV. */
  readonly offsetKeV: number;
  /** b: FWHM at 661 keV in percent of the energy. */
  readonly percentAt661: number;
  /** c: the resolution power (FWHM ∝ E^c above 661 keV). */
  readonly power: number;
}

/** σ = FWHM · FWHM_TO_SIGMA for a Gaussian (1 / (2√(2 ln 2))). */
export const FWHM_TO_SIGMA = 1 / (2 * Math.sqrt(2 * Math.LN2));

/**
 * FWHM (keV) at `energyKeV` by the GADRAS model, exactly as InterSpec evaluates it (energies below
 * 10 keV are clamped to 10 keV):
 * - E ≥ 661 or |a| < 1e-6: FWHM = 6.61·b·(E/661)^c
 * - a < 0: p = c^(1/ln(1 − a)), FWHM = 6.61·b·(E/661)^p
 * - a > 6.61·b: FWHM = a
 * - else: A7 = √((6.61b)² − a²)/6.61, FWHM = √(a² + (6.61·A7·(E/661)^c)²)
 */
export function gadrasFwhm(energyKeV: number, resolution: GadrasResolution): number {
  const e = Math.max(energyKeV, 10);
  const a = resolution.offsetKeV;
  const b = resolution.percentAt661;
  const c = resolution.power;
  const at661 = 6.61 * b;
  if (e >= 661 || Math.abs(a) < 1e-6) return at661 * (e / 661) ** c;
  if (a < 0) return at661 * (e / 661) ** (c ** (1 / Math.log(1 - a)));
  if (a > at661) return a;
  const a7 = Math.sqrt(at661 * at661 - a * a) / 6.61;
  const term = 6.61 * a7 * (e / 661) ** c;
  return Math.sqrt(a * a + term * term);
}

/** Gaussian σ (keV) at `energyKeV`, optionally scaled (resolution augmentation). */
export function gadrasSigma(energyKeV: number, resolution: GadrasResolution, scale = 1): number {
  return gadrasFwhm(energyKeV, resolution) * FWHM_TO_SIGMA * scale;
}
