import { massAttenuation } from './attenuation';
import { crystalCrossSections } from './crystalCrossSections';
import { buildCrystalPhysics, type CrystalPhysics } from './crystalPhysics';
import { DETECTOR_MODELS, type DetectorModel, type EfficiencyTable } from './detectorModels';
import { interpolateLinear } from './tabulated';

/**
 * Intrinsic efficiencies of a detector (per photon incident on the front face of the crystal,
 * housing included): total interaction, full-energy peak, single and double escape, K x-ray escape,
 * and the rest (the continuum). Model: crystalPhysics.ts, corrected to a GADRAS table (own or of a
 * reference detector) as documented in detectorModels.ts.
 */
export interface DetectorEfficiency {
  readonly model: DetectorModel;
  readonly physics: CrystalPhysics;
  /** Transmission of housing and dead layer. */
  window(energyKeV: number): number;
  /** The photon interacts in the active crystal: window·(1 − exp(−μ·depth)). */
  total(energyKeV: number): number;
  peak(energyKeV: number): number;
  singleEscape(energyKeV: number): number;
  doubleEscape(energyKeV: number): number;
  /** K x-ray escape peaks at E − E_x with their efficiencies. */
  xrayEscapePeaks(energyKeV: number): readonly { readonly energyKeV: number; readonly efficiency: number }[];
  /** total − peak − escapes: events that deposit part of the energy. */
  continuum(energyKeV: number): number;
}

interface RawEfficiency {
  readonly window: (e: number) => number;
  readonly total: (e: number) => number;
  readonly peak: (e: number) => number;
  readonly singleEscape: (e: number) => number;
  readonly doubleEscape: (e: number) => number;
  readonly xray: (e: number) => { energyKeV: number; efficiency: number }[];
}

/** The uncorrected model efficiencies of a detector. */
function rawEfficiency(model: DetectorModel, physics: CrystalPhysics): RawEfficiency {
  const window = (e: number): number => {
    let t = Math.exp(
      -model.deadLayerGcm2 *
        (crystalCrossSections(model.crystal, e).totalWithoutCoherent + crystalCrossSections(model.crystal, e).coherent),
    );
    for (const layer of model.window) t *= Math.exp(-massAttenuation(layer.material, e) * layer.arealDensityGcm2);
    return t;
  };
  const total = (e: number): number => window(e) * (1 - Math.exp(-physics.mu(e) * physics.depthCm));
  const xray = (e: number) =>
    physics.xrayEscapes(e).map((x) => ({ energyKeV: e - x.xrayKeV, efficiency: total(e) * x.probability }));
  return {
    window,
    total,
    peak: (e) => {
      const escaped = physics.xrayEscapes(e).reduce((s, x) => s + x.probability, 0);
      return total(e) * Math.max(0, physics.peakProbabilities(e).full - escaped);
    },
    singleEscape: (e) => total(e) * physics.peakProbabilities(e).singleEscape,
    doubleEscape: (e) => total(e) * physics.peakProbabilities(e).doubleEscape,
    xray,
  };
}

/** Ratio table/model at the table energies where both are non-zero, as (ln E, ratio) pairs. */
function ratioCurve(
  table: EfficiencyTable,
  values: readonly number[],
  modelAt: (e: number) => number,
): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  table.energiesKeV.forEach((e, i) => {
    const m = modelAt(e);
    const v = (values[i] as number) / 100;
    if (v > 0 && m > 0) {
      x.push(Math.log(e));
      y.push(v / m);
    }
  });
  return x.length > 0 ? { x, y } : { x: [0], y: [1] };
}

interface Corrections {
  readonly peak: { x: number[]; y: number[] };
  readonly singleEscape: { x: number[]; y: number[] };
  readonly doubleEscape: { x: number[]; y: number[] };
}

const physicsCache = new WeakMap<DetectorModel, CrystalPhysics>();
const correctionCache = new WeakMap<DetectorModel, Corrections>();
const efficiencyCache = new WeakMap<DetectorModel, DetectorEfficiency>();

function physicsOf(model: DetectorModel): CrystalPhysics {
  let p = physicsCache.get(model);
  if (p === undefined) {
    p = buildCrystalPhysics(model.crystal, model.geometry);
    physicsCache.set(model, p);
  }
  return p;
}

/** The correction curves of the detector that owns `table`. */
function correctionsOf(model: DetectorModel): Corrections {
  let c = correctionCache.get(model);
  if (c !== undefined) return c;
  const source = model.efficiency;
  if (source.kind === 'scaled') {
    c = correctionsOf(DETECTOR_MODELS[source.referenceId]);
  } else {
    const raw = rawEfficiency(model, physicsOf(model));
    c = {
      peak: ratioCurve(source.table, source.table.peakPct, raw.peak),
      singleEscape: ratioCurve(source.table, source.table.singleEscapePct, raw.singleEscape),
      doubleEscape: ratioCurve(source.table, source.table.doubleEscapePct, raw.doubleEscape),
    };
  }
  correctionCache.set(model, c);
  return c;
}

/** The efficiencies of `model` (cached per model object). */
export function detectorEfficiency(model: DetectorModel): DetectorEfficiency {
  const cached = efficiencyCache.get(model);
  if (cached !== undefined) return cached;
  const physics = physicsOf(model);
  const raw = rawEfficiency(model, physics);
  const c = correctionsOf(model);
  const at = (curve: { x: number[]; y: number[] }, e: number): number =>
    interpolateLinear(curve.x, curve.y, Math.log(e));
  const peak = (e: number): number => Math.min(raw.total(e), raw.peak(e) * at(c.peak, e));
  const singleEscape = (e: number): number => raw.singleEscape(e) * at(c.singleEscape, e);
  const doubleEscape = (e: number): number => raw.doubleEscape(e) * at(c.doubleEscape, e);
  const xrayEscapePeaks = (e: number) =>
    raw.xray(e).map((x) => ({ energyKeV: x.energyKeV, efficiency: x.efficiency * at(c.peak, e) }));
  const eff: DetectorEfficiency = {
    model,
    physics,
    window: raw.window,
    total: raw.total,
    peak,
    singleEscape,
    doubleEscape,
    xrayEscapePeaks,
    continuum(e) {
      const escapes = xrayEscapePeaks(e).reduce((s, x) => s + x.efficiency, 0);
      return Math.max(0, raw.total(e) - peak(e) - singleEscape(e) - doubleEscape(e) - escapes);
    },
  };
  efficiencyCache.set(model, eff);
  return eff;
}
