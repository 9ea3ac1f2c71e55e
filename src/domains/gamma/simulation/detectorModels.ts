import type { ChannelCalibration } from '../../../core';
import { polynomialCalibration } from '../calibration/energyCalibration';
import type { ShieldMaterial } from './attenuation';
import type { CrystalMaterial } from './crystalCrossSections';
import type { CrystalGeometry } from './crystalPhysics';
import type { GadrasResolution } from './resolution';

/** Identifiers of the built-in detector models. */
export type DetectorId = 'hpge-coax-40' | 'nai-3x3' | 'nai-2x2' | 'csi-radiacode' | 'labr3-1.5x1.5' | 'czt-1cm3';

/**
 * GADRAS intrinsic efficiencies (%, per photon incident on the front face) on an energy grid, from
 * `Efficiency.csv` of the InterSpec generic GADRAS detectors (grs-notes §4.2).
 */
export interface EfficiencyTable {
  readonly energiesKeV: readonly number[];
  readonly peakPct: readonly number[];
  readonly singleEscapePct: readonly number[];
  readonly doubleEscapePct: readonly number[];
}

/**
 * How the full-energy, single- and double-escape efficiencies are obtained:
 * - `table`: the crystal model (crystalPhysics.ts) scaled to reproduce this table at its energies;
 * - `scaled`: the crystal model times the ratio table/model of the reference detector at the same
 *   energy (documented approximation: the reference corrects what the mean-chord model misses,
 *   while the model carries the size and material dependence).
 */
export type EfficiencySource =
  | { readonly kind: 'table'; readonly table: EfficiencyTable }
  | { readonly kind: 'scaled'; readonly referenceId: DetectorId };

/** A detector: crystal, housing, resolution, efficiency, threshold and default acquisition setup. */
export interface DetectorModel {
  readonly id: DetectorId;
  readonly name: string;
  readonly crystal: CrystalMaterial;
  readonly geometry: CrystalGeometry;
  /** Housing / entrance window in front of the crystal (g/cm² of each material). */
  readonly window: readonly { readonly material: ShieldMaterial; readonly arealDensityGcm2: number }[];
  /** Inactive crystal layer at the entrance (g/cm² of the crystal material; HPGe contact). */
  readonly deadLayerGcm2: number;
  readonly resolution: GadrasResolution;
  /** Low-energy peak tail: fraction of the peak area and its exponential decay length in σ. */
  readonly peakTail: { readonly fraction: number; readonly decaySigmas: number };
  readonly efficiency: EfficiencySource;
  /** Lower-level discriminator (keV): the response rolls off below it over one σ. */
  readonly thresholdKeV: number;
  readonly defaultChannelCount: number;
  /** Upper energy of the default linear calibration (keV). */
  readonly defaultMaxKeV: number;
  /** Typical environmental background count rate, unshielded, at sea level (counts/s). */
  readonly typicalBackgroundCps: number;
  /** Where every parameter comes from. */
  readonly source: string;
}

const GADRAS_NAI_3X3: EfficiencyTable = {
  energiesKeV: [60, 400, 1000, 1500, 2000, 3000, 6000, 10000, 12000],
  peakPct: [80.4, 68.3, 29.7, 22.0, 17.3, 12.9, 6.48, 3.34, 3.33],
  singleEscapePct: [0, 0, 0, 0.36, 1.41, 3.56, 5.13, 5.17, 5.18],
  doubleEscapePct: [0, 0, 0, 0.13, 0.52, 1.3, 1.88, 1.89, 1.9],
};

const GADRAS_HPGE_40: EfficiencyTable = {
  energiesKeV: [60, 400, 1000, 1500, 2000, 3000, 12000],
  peakPct: [13.9, 31.1, 15.6, 11.8, 9.09, 6.31, 2.4],
  singleEscapePct: [0, 0, 0, 0.11, 0.46, 1.03, 1.61],
  doubleEscapePct: [0, 0, 0, 0.09, 0.37, 0.83, 1.29],
};

const ALUMINIUM_HALF_MM = [{ material: 'aluminium' as const, arealDensityGcm2: 0.135 }];

/** The built-in detector models. */
export const DETECTOR_MODELS: Readonly<Record<DetectorId, DetectorModel>> = {
  'hpge-coax-40': {
    id: 'hpge-coax-40',
    name: 'HPGe coaxial, 40 % relative efficiency',
    crystal: 'Ge',
    geometry: { kind: 'cylinder', diameterCm: 6.2, lengthCm: 6.2 },
    window: [{ material: 'aluminium', arealDensityGcm2: 0.27 }],
    deadLayerGcm2: 0.9,
    resolution: { offsetKeV: 1.55, percentAt661: 0.25, power: 0.35 },
    peakTail: { fraction: 0.03, decaySigmas: 1.5 },
    efficiency: { kind: 'table', table: GADRAS_HPGE_40 },
    thresholdKeV: 15,
    defaultChannelCount: 16384,
    defaultMaxKeV: 3000,
    typicalBackgroundCps: 20,
    source:
      'Resolution and efficiencies: GADRAS generic "HPGe 40 %" (InterSpec data/GenericGadrasDetectors, grs-notes §4.1–4.2). ' +
      'Crystal 62 × 62 mm p-type coax, 1 mm Al end cap; Ge dead layer 0.9 g/cm² (1.7 mm) chosen so that the model gives the GADRAS 60 keV value. ' +
      'Tail: incomplete charge collection, 3 % of the area (typical HPGe).',
  },
  'nai-3x3': {
    id: 'nai-3x3',
    name: 'NaI(Tl) 3″ × 3″',
    crystal: 'NaI',
    geometry: { kind: 'cylinder', diameterCm: 7.62, lengthCm: 7.62 },
    window: ALUMINIUM_HALF_MM,
    deadLayerGcm2: 0,
    resolution: { offsetKeV: -4, percentAt661: 6.3, power: 0.6 },
    peakTail: { fraction: 0, decaySigmas: 1 },
    efficiency: { kind: 'table', table: GADRAS_NAI_3X3 },
    thresholdKeV: 30,
    defaultChannelCount: 1024,
    defaultMaxKeV: 3000,
    typicalBackgroundCps: 60,
    source: 'Resolution and efficiencies: GADRAS generic "NaI 3x3" (grs-notes §4.1–4.2); 0.5 mm Al housing.',
  },
  'nai-2x2': {
    id: 'nai-2x2',
    name: 'NaI(Tl) 2″ × 2″',
    crystal: 'NaI',
    geometry: { kind: 'cylinder', diameterCm: 5.08, lengthCm: 5.08 },
    window: ALUMINIUM_HALF_MM,
    deadLayerGcm2: 0,
    resolution: { offsetKeV: -3, percentAt661: 7.0, power: 0.65 },
    peakTail: { fraction: 0, decaySigmas: 1 },
    efficiency: { kind: 'scaled', referenceId: 'nai-3x3' },
    thresholdKeV: 30,
    defaultChannelCount: 1024,
    defaultMaxKeV: 3000,
    typicalBackgroundCps: 18,
    source:
      'Resolution: GADRAS generic "NaI 2x2" (grs-notes §4.1). Efficiency: crystal model scaled by the NaI 3″×3″ table/model ratio.',
  },
  'csi-radiacode': {
    id: 'csi-radiacode',
    name: 'CsI(Tl) 10 × 10 × 10 mm (RadiaCode-102-like)',
    crystal: 'CsI',
    geometry: { kind: 'box', widthCm: 1, heightCm: 1, depthCm: 1 },
    window: [{ material: 'polyethylene', arealDensityGcm2: 0.2 }],
    deadLayerGcm2: 0,
    resolution: { offsetKeV: 0, percentAt661: 9.5, power: 0.5 },
    peakTail: { fraction: 0, decaySigmas: 1 },
    efficiency: { kind: 'scaled', referenceId: 'nai-3x3' },
    thresholdKeV: 20,
    defaultChannelCount: 1024,
    defaultMaxKeV: 3000,
    typicalBackgroundCps: 5,
    source:
      'Crystal 1 cm³ CsI(Tl) with SiPM, ~2 mm plastic case (0.2 g/cm² polyethylene-equivalent). Resolution: 9.5 % at 662 keV, the ' +
      'upper end of the RadiaCode range in grs-notes §4.1 (7.5–9.5 %; RadiaCode-101/102 are specified at about 9.5 %), with ' +
      'FWHM ∝ √E (photo-electron statistics, a = 0, c = 0.5). Threshold 20 keV (RadiaCode range 0.02–3 MeV). Background ≈ 5 cps ' +
      '(typical for a 1 cm³ CsI at ~0.1 µSv/h). Efficiency: crystal model scaled by the NaI 3″×3″ table/model ratio.',
  },
  'labr3-1.5x1.5': {
    id: 'labr3-1.5x1.5',
    name: 'LaBr3(Ce) 1.5″ × 1.5″',
    crystal: 'LaBr3',
    geometry: { kind: 'cylinder', diameterCm: 3.81, lengthCm: 3.81 },
    window: ALUMINIUM_HALF_MM,
    deadLayerGcm2: 0,
    resolution: { offsetKeV: 5.0, percentAt661: 3.0, power: 0.55 },
    peakTail: { fraction: 0, decaySigmas: 1 },
    efficiency: { kind: 'scaled', referenceId: 'nai-3x3' },
    thresholdKeV: 20,
    defaultChannelCount: 2048,
    defaultMaxKeV: 3000,
    typicalBackgroundCps: 25,
    source:
      'Resolution: GADRAS generic "LaBr 10 %" (grs-notes §4.1). Efficiency: crystal model scaled by the NaI 3″×3″ table/model ratio. ' +
      'Background includes the intrinsic La-138 activity (about 1.5 Bq/cm³; naturalBackground.ts).',
  },
  'czt-1cm3': {
    id: 'czt-1cm3',
    name: 'CdZnTe 10 × 10 × 10 mm (coplanar grid)',
    crystal: 'CZT',
    geometry: { kind: 'box', widthCm: 1, heightCm: 1, depthCm: 1 },
    window: ALUMINIUM_HALF_MM,
    deadLayerGcm2: 0,
    resolution: { offsetKeV: 2.5, percentAt661: 2.0, power: 0.6 },
    peakTail: { fraction: 0.2, decaySigmas: 3 },
    efficiency: { kind: 'scaled', referenceId: 'nai-3x3' },
    thresholdKeV: 20,
    defaultChannelCount: 4096,
    defaultMaxKeV: 3000,
    typicalBackgroundCps: 2,
    source:
      'Resolution 2 % at 662 keV (grs-notes §4.1: CZT 1–2.5 %; commercial 1 cm³ coplanar-grid CZT are specified ≤ 2.5 %), electronic ' +
      'noise a = 2.5 keV, c = 0.6. Hole trapping gives a strong low-energy tail (20 % of the area, decay 3σ). Efficiency: crystal ' +
      'model scaled by the NaI 3″×3″ table/model ratio.',
  },
};

/** Every detector id, in display order. */
export const DETECTOR_IDS: readonly DetectorId[] = Object.keys(DETECTOR_MODELS) as DetectorId[];

/** The built-in model `id`. */
export function detectorModel(id: DetectorId): DetectorModel {
  return DETECTOR_MODELS[id];
}

/** The default linear calibration of a detector: 0 keV at channel 0 to `defaultMaxKeV` at the last edge. */
export function defaultCalibration(model: DetectorModel, channelCount = model.defaultChannelCount): ChannelCalibration {
  return polynomialCalibration([0, model.defaultMaxKeV / channelCount], channelCount);
}
