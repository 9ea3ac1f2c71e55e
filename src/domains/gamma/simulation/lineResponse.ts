import { type ContinuumTemplate, comptonContinuum, scatterTemplate } from './comptonContinuum';
import type { DetectorModel } from './detectorModels';
import { type DetectorEfficiency, detectorEfficiency } from './efficiency';
import { ELECTRON_REST_KEV } from './kleinNishina';

/**
 * Everything the detector does with photons of one energy hitting its front face, per photon:
 * peak efficiencies (full energy, single/double escape, K x-ray escapes) and the partial-energy
 * templates (crystal continuum, backscatter from the surroundings, side scatter). Cached per
 * detector model and energy, because training sets repeat the same lines thousands of times.
 */
export interface LineResponse {
  readonly energyKeV: number;
  readonly peak: number;
  readonly singleEscape: number;
  readonly doubleEscape: number;
  readonly xrayEscapes: readonly { readonly energyKeV: number; readonly efficiency: number }[];
  /** Total interaction probability (all of the above plus the continuum). */
  readonly total: number;
  readonly continuum: ContinuumTemplate;
  /** Per photon back-scattered (120°–180°) from the surroundings into the crystal. */
  readonly backscatter: ContinuumTemplate;
  /** Per photon side-scattered (30°–120°) from the surroundings into the crystal. */
  readonly sideScatter: ContinuumTemplate;
}

/** Cosine limits of the surroundings-scatter templates. */
export const BACKSCATTER_COS: readonly [number, number] = [-1, -0.5];
export const SIDE_SCATTER_COS: readonly [number, number] = [-0.5, Math.cos(Math.PI / 6)];

/** About 12 kB per response: at most ≈ 25 MB per detector model. */
const MAX_CACHED = 2000;
const caches = new WeakMap<DetectorModel, Map<number, LineResponse>>();

function build(eff: DetectorEfficiency, e: number): LineResponse {
  return {
    energyKeV: e,
    peak: eff.peak(e),
    singleEscape: e > 2 * ELECTRON_REST_KEV ? eff.singleEscape(e) : 0,
    doubleEscape: e > 2 * ELECTRON_REST_KEV ? eff.doubleEscape(e) : 0,
    xrayEscapes: eff.xrayEscapePeaks(e).filter((x) => x.efficiency > 0 && x.energyKeV > 0),
    total: eff.total(e),
    continuum: comptonContinuum(eff, e),
    backscatter: scatterTemplate(eff, e, BACKSCATTER_COS[0], BACKSCATTER_COS[1]),
    sideScatter: scatterTemplate(eff, e, SIDE_SCATTER_COS[0], SIDE_SCATTER_COS[1]),
  };
}

/** The response of `model` to photons of `energyKeV` (cached; energies rounded to 0.1 eV). */
export function lineResponse(model: DetectorModel, energyKeV: number): LineResponse {
  let cache = caches.get(model);
  if (cache === undefined) {
    cache = new Map();
    caches.set(model, cache);
  }
  const key = Math.round(energyKeV * 1e4);
  let response = cache.get(key);
  if (response === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    response = build(detectorEfficiency(model), key / 1e4);
    cache.set(key, response);
  }
  return response;
}
