import { massAttenuation } from './attenuation';
import type { DetectorModel } from './detectorModels';

/**
 * The shape of the environmental gamma background (grs-notes §4.2 "Background"): lines of K-40 and
 * of the U-238 (with natural U-235) and Th-232 decay chains in secular equilibrium, the 511 keV annihilation line, lead
 * x-rays inside a lead shield, detector-intrinsic activity (LaBr3), and a falling continuum of
 * photons scattered in soil and air plus cosmic rays (∝ E^−γ, γ ≈ 1.3–1.5).
 *
 * Line weights are the photon fluences at the surface of a uniform soil half-space, which are
 * proportional to (activity · emission probability)/(μ/ρ)_soil(E) (uncollided flux of a
 * semi-infinite volume source, Beck, DeCampo & Gogolak, HASL-258, 1972); soil is taken as NIST
 * ordinary concrete. Default activities are the UNSCEAR 2000 world medians for soil (K-40 400,
 * U-238 35, Th-232 30 Bq/kg). Emission probabilities per decay of the chain parent (%) from
 * grs-notes §4.4 where listed there, otherwise ENSDF/DDEP recommended values (rounded).
 */
export interface BackgroundLine {
  readonly energyKeV: number;
  /** Relative fluence (arbitrary units, comparable between lines). */
  readonly weight: number;
  readonly emitter: string;
  readonly kind: 'gamma' | 'x-ray' | 'annihilation';
}

/** Options of the background shape. */
export interface NaturalBackgroundOptions {
  /** Soil activities (Bq/kg). */
  readonly potassiumBqPerKg?: number;
  readonly uraniumBqPerKg?: number;
  readonly thoriumBqPerKg?: number;
  /** Fluence of the 511 keV line relative to the K-40 1461 keV line (default 0.2). */
  readonly annihilationRelative?: number;
  /** The detector sits in a lead shield: add Pb K x-rays (fluence relative to K-40 1461, default 0.5). */
  readonly leadXrays?: boolean | number;
  /**
   * Fluence of photons scattered in soil and air (plus cosmic rays) relative to the unscattered line
   * fluence (default 2: at 1 m above ground about two thirds of the photons have scattered, Beck,
   * DeCampo & Gogolak 1972). The detector's efficiency then decides the share of counts.
   */
  readonly scatteredFluenceRatio?: number;
  /** Exponent γ of the continuum ∝ E^−γ (default 1.4). */
  readonly continuumIndex?: number;
}

/** [energy keV, photons per 100 decays of the chain parent, emitter]. */
type LineData = readonly [number, number, string];

const K40: readonly LineData[] = [[1460.82, 10.66, 'K-40']];
const U238: readonly LineData[] = [
  [63.29, 3.7, 'Th-234'],
  [92.6, 4.3, 'Th-234'],
  // Natural uranium's U-235 (activity 0.046 of U-238's): its lines per 100 U-238 decays. The 186 keV
  // peak of a background is about 42 % U-235 (143.8, 163.4 and 205.3 keV show where counts allow).
  [143.77, 0.504, 'U-235'],
  [163.36, 0.234, 'U-235'],
  [185.72, 2.62, 'U-235'],
  [186.21, 3.6, 'Ra-226'],
  [205.32, 0.231, 'U-235'],
  [241.99, 7.3, 'Pb-214'],
  [295.22, 19.3, 'Pb-214'],
  [351.93, 37.6, 'Pb-214'],
  [609.31, 46.1, 'Bi-214'],
  [768.36, 4.9, 'Bi-214'],
  [934.06, 3.1, 'Bi-214'],
  [1001.03, 0.84, 'Pa-234m'],
  [1120.29, 15.1, 'Bi-214'],
  [1238.11, 5.8, 'Bi-214'],
  [1377.67, 4.0, 'Bi-214'],
  [1407.98, 2.4, 'Bi-214'],
  [1509.23, 2.1, 'Bi-214'],
  [1729.6, 2.9, 'Bi-214'],
  [1764.49, 15.4, 'Bi-214'],
  [1847.42, 2.0, 'Bi-214'],
  [2118.55, 1.2, 'Bi-214'],
  [2204.21, 5.1, 'Bi-214'],
  [2447.86, 1.5, 'Bi-214'],
];
const TH232: readonly LineData[] = [
  [129.07, 2.4, 'Ac-228'],
  [209.25, 3.9, 'Ac-228'],
  [238.63, 43.3, 'Pb-212'],
  [270.25, 3.5, 'Ac-228'],
  [277.37, 2.4, 'Tl-208'],
  [300.09, 3.2, 'Pb-212'],
  [338.32, 11.3, 'Ac-228'],
  [463.0, 4.4, 'Ac-228'],
  [510.77, 8.1, 'Tl-208'],
  [583.19, 30.4, 'Tl-208'],
  [727.33, 6.7, 'Bi-212'],
  [794.95, 4.3, 'Ac-228'],
  [860.56, 4.5, 'Tl-208'],
  [911.2, 25.8, 'Ac-228'],
  [964.77, 5.0, 'Ac-228'],
  [968.97, 15.8, 'Ac-228'],
  [1588.19, 3.2, 'Ac-228'],
  [1620.5, 1.5, 'Bi-212'],
  [1630.63, 1.5, 'Ac-228'],
  [2614.51, 35.6, 'Tl-208'],
];
/** Pb K x-rays: Kα1, Kα2, Kβ1(+β3), Kβ2 with relative intensities 0.49/0.29/0.17/0.05. */
const PB_XRAYS: readonly (readonly [number, number])[] = [
  [74.97, 0.49],
  [72.8, 0.29],
  [84.94, 0.17],
  [87.3, 0.05],
];

/**
 * LaBr3(Ce) self-activity (La-138, about 1.5 Bq/cm³): the 1436 keV gamma after electron capture
 * summed with the Ba K x-ray (≈ 1468 keV, 66 % branch) and the 789 keV gamma of the β⁻ branch (34 %),
 * expressed as fluence relative to the K-40 1461 keV line for a 1.5″ × 1.5″ crystal outdoors.
 */
const LABR3_INTRINSIC: readonly LineData[] = [
  [1468, 0.9, 'La-138 (1436 + Ba K x-ray)'],
  [788.7, 0.45, 'La-138'],
];

/**
 * Relative fluence per keV of the scattered and cosmic continuum hitting the detector: a power law
 * E^−γ (grs-notes §4.2) times the soil self-absorption factor μ(1 MeV)/μ(E) of a half-space source
 * (the same factor as for the lines), which cuts the spectrum off below about 50 keV.
 */
export function scatteredFluence(energyKeV: number, index: number): number {
  return (energyKeV / 1000) ** -index * (massAttenuation('concrete', 1000) / massAttenuation('concrete', energyKeV));
}

function soilWeight(activityBqPerKg: number, yieldPct: number, energyKeV: number): number {
  return (activityBqPerKg * yieldPct) / 100 / massAttenuation('concrete', energyKeV);
}

/** The background lines (relative fluences) and continuum parameters for `model`. */
export function naturalBackground(
  model: DetectorModel,
  options: NaturalBackgroundOptions = {},
): {
  readonly lines: readonly BackgroundLine[];
  readonly scatteredFluenceRatio: number;
  readonly continuumIndex: number;
} {
  const k = options.potassiumBqPerKg ?? 400;
  const u = options.uraniumBqPerKg ?? 35;
  const th = options.thoriumBqPerKg ?? 30;
  const lines: BackgroundLine[] = [];
  const add = (data: readonly LineData[], activity: number): void => {
    for (const [energyKeV, yieldPct, emitter] of data)
      lines.push({ energyKeV, weight: soilWeight(activity, yieldPct, energyKeV), emitter, kind: 'gamma' });
  };
  add(K40, k);
  add(U238, u);
  add(TH232, th);
  const k40 = soilWeight(k, 10.66, 1460.82);
  lines.push({
    energyKeV: 511,
    weight: (options.annihilationRelative ?? 0.2) * k40,
    emitter: 'annihilation',
    kind: 'annihilation',
  });
  const lead = options.leadXrays === true ? 0.5 : typeof options.leadXrays === 'number' ? options.leadXrays : 0;
  if (lead > 0)
    for (const [energyKeV, f] of PB_XRAYS)
      lines.push({ energyKeV, weight: lead * f * k40, emitter: 'Pb (shield)', kind: 'x-ray' });
  if (model.crystal === 'LaBr3')
    for (const [energyKeV, rel, emitter] of LABR3_INTRINSIC)
      lines.push({ energyKeV, weight: rel * k40, emitter, kind: 'gamma' });
  lines.sort((a, b) => a.energyKeV - b.energyKeV);
  return {
    lines,
    scatteredFluenceRatio: options.scatteredFluenceRatio ?? 2,
    continuumIndex: options.continuumIndex ?? 1.4,
  };
}
