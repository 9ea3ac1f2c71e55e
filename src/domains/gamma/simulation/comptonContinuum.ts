import type { DetectorEfficiency } from './efficiency';
import {
  comptonEdge,
  ELECTRON_REST_KEV,
  kleinNishinaDensity,
  kleinNishinaIntegral,
  kleinNishinaQuadrature,
} from './kleinNishina';

/**
 * The partial-energy response of a detector to a line of energy E, in deposited energy (keV),
 * before resolution blurring (grs-notes §4.2):
 * - single Compton scatter whose photon escapes: the Klein–Nishina electron spectrum 0 … E_C =
 *   E·2E/(511 + 2E), weighted by the escape probability of the scattered photon exp(−μ(E − T)ℓ);
 * - double scatter then escape (numerically convolved Klein–Nishina spectra);
 * - three and more scatters: a shelf from E/2 up to just below the photopeak, the multiple-scatter
 *   fill of the valley between the edge and the photopeak;
 * - pair events with a partly absorbed annihilation quantum (E − 1022 + u and E − 511 + u);
 * - events that lose part of the electron energy (escape near the surface, bremsstrahlung): a shelf
 *   from E/2 to E.
 * The sum is normalised to the detector's continuum efficiency (total − peaks) at E, i.e. to its
 * peak-to-total ratio. Photons scattered in the surroundings are separate templates
 * ({@link scatterTemplate}): the backscatter peak at E/(1 + 2E/511) and a low-energy tail.
 *
 * A template is a cumulative distribution on BINS equal bins over [0, E]: `cdf[i]` is the
 * probability (per photon incident on the crystal face) of depositing less than i·E/BINS.
 */
export interface ContinuumTemplate {
  readonly energyKeV: number;
  readonly cdf: Float64Array;
}

/** Number of bins of a template. */
export const TEMPLATE_BINS = 512;
const FIRST_ORDER_POINTS = 48;

/** Adds `weight` at deposited energy `t` (keV), shared linearly between the two nearest bins. */
function deposit(density: Float64Array, binWidth: number, t: number, weight: number): void {
  const x = t / binWidth - 0.5;
  const i = Math.floor(x);
  const f = x - i;
  if (i >= 0 && i < TEMPLATE_BINS) density[i] = (density[i] as number) + weight * (1 - f);
  if (i + 1 >= 0 && i + 1 < TEMPLATE_BINS) density[i + 1] = (density[i + 1] as number) + weight * f;
}

/** Adds `weight` spread uniformly over [lo, hi] keV. */
function depositUniform(density: Float64Array, binWidth: number, lo: number, hi: number, weight: number): void {
  if (!(weight > 0) || !(hi > lo)) return;
  const perKeV = weight / (hi - lo);
  const first = Math.max(0, Math.floor(lo / binWidth));
  const last = Math.min(TEMPLATE_BINS - 1, Math.floor(hi / binWidth));
  for (let i = first; i <= last; i++) {
    const a = Math.max(lo, i * binWidth);
    const b = Math.min(hi, (i + 1) * binWidth);
    if (b > a) density[i] = (density[i] as number) + perKeV * (b - a);
  }
}

/**
 * Adds the single-scatter-and-escape electron spectrum of a photon of `e` keV, shifted by `shift`.
 * A Compton electron of energy T that leaves the crystal (probability electronEscape(T)) deposits a
 * part of T, taken as uniform on [0, T]; `escaped` collects that as a density (per keV) ramp.
 */
function depositSingleScatter(
  density: Float64Array,
  binWidth: number,
  eff: DetectorEfficiency,
  e: number,
  shift: number,
  weight: number,
): number {
  const ph = eff.physics;
  const edge = comptonEdge(e);
  const norm = kleinNishinaIntegral(e);
  const first = Math.max(0, Math.floor(shift / binWidth));
  const last = Math.min(TEMPLATE_BINS - 1, Math.floor((shift + edge) / binWidth));
  // Difference array of the uniform partial deposits: +rate at the shift, −rate at shift + T.
  const ramp = new Float64Array(TEMPLATE_BINS + 1);
  let total = 0;
  for (let i = first; i <= last; i++) {
    const a = Math.max(shift, i * binWidth);
    const b = Math.min(shift + edge, (i + 1) * binWidth);
    if (!(b > a)) continue;
    const t = (a + b) / 2 - shift;
    const w = ((kleinNishinaDensity(e, e - t) * (b - a)) / norm) * ph.escapeProbability(e - t) * weight;
    const esc = ph.electronEscape(t);
    density[i] = (density[i] as number) + w * (1 - esc);
    if (esc > 0 && t > 0) {
      const rate = (w * esc) / t;
      const from = Math.max(0, Math.min(TEMPLATE_BINS, Math.floor(shift / binWidth)));
      const to = Math.max(0, Math.min(TEMPLATE_BINS, Math.floor((shift + t) / binWidth)));
      ramp[from] = (ramp[from] as number) + rate;
      ramp[to] = (ramp[to] as number) - rate;
    }
    total += w;
  }
  let rate = 0;
  for (let i = 0; i < TEMPLATE_BINS; i++) {
    rate += ramp[i] as number;
    if (rate !== 0) density[i] = (density[i] as number) + rate * binWidth;
  }
  return total;
}

function toCdf(density: Float64Array, scale: number): Float64Array {
  const cdf = new Float64Array(TEMPLATE_BINS + 1);
  let s = 0;
  for (let i = 0; i < TEMPLATE_BINS; i++) {
    s += (density[i] as number) * scale;
    cdf[i + 1] = s;
  }
  return cdf;
}

/** The crystal's partial-energy response to a line of `energyKeV` (see the module comment). */
export function comptonContinuum(eff: DetectorEfficiency, energyKeV: number): ContinuumTemplate {
  const e = energyKeV;
  const ph = eff.physics;
  const binWidth = e / TEMPLATE_BINS;
  const single = new Float64Array(TEMPLATE_BINS);
  const multiple = new Float64Array(TEMPLATE_BINS);
  const other = new Float64Array(TEMPLATE_BINS);
  const compton = ph.comptonFraction(e);
  // Single scatter then escape.
  const a = depositSingleScatter(single, binWidth, eff, e, 0, compton);
  // Double scatter then escape: first scatter on a Klein–Nishina quadrature.
  const q = kleinNishinaQuadrature(e, FIRST_ORDER_POINTS);
  let b = 0;
  for (let k = 0; k < FIRST_ORDER_POINTS; k++) {
    const e1 = q.scatteredKeV[k] as number;
    const w = compton * (q.weights[k] as number) * (1 - ph.escapeProbability(e1)) * ph.comptonFraction(e1);
    if (w > 0) b += depositSingleScatter(multiple, binWidth, eff, e1, e - e1, w);
  }
  // Pair production with a partly absorbed annihilation quantum.
  let c = 0;
  const pair = ph.pairFraction(e);
  if (pair > 0 && e > 2 * ELECTRON_REST_KEV) {
    const { escape: pe, bothEscape: pee, fullAbsorption: f511 } = ph.annihilation;
    const partial = 1 - f511;
    // One quantum interacts partly, the other escapes (E − 1022 + u) or is absorbed (E − 511 + u).
    const uShape = new Float64Array(TEMPLATE_BINS);
    const wEsc = pair * 2 * (pe - pee) * partial;
    const wAbs = pair * 2 * (1 - 2 * pe + pee) * f511 * partial;
    c += depositSingleScatter(uShape, binWidth, eff, ELECTRON_REST_KEV, e - 2 * ELECTRON_REST_KEV, wEsc);
    c += depositSingleScatter(uShape, binWidth, eff, ELECTRON_REST_KEV, e - ELECTRON_REST_KEV, wAbs);
    for (let i = 0; i < TEMPLATE_BINS; i++) other[i] = (other[i] as number) + (uShape[i] as number);
  }
  // Charged-particle losses from full-energy events: a shelf below the peak.
  const fullUncontained = ph.fullAbsorption(e);
  const lost = fullUncontained * (1 - ph.containment(e));
  depositUniform(other, binWidth, e / 2, e, lost);
  // Per interacting photon the model leaves `rest` for three and more scatters. They deposit E minus
  // a soft escaping photon, so they reach into the valley between the Compton edge and the peak
  // (two scatters reach at most E − E/(1 + 4E/511)): taken as uniform from E/2 to E − min(30, E/20).
  const peaks = ph.peakProbabilities(e);
  const escapes = ph.xrayEscapes(e).reduce((s, x) => s + x.probability, 0);
  const modelContinuum = Math.max(0, 1 - peaks.full - peaks.singleEscape - peaks.doubleEscape - escapes);
  const rest = Math.max(0, modelContinuum - a - b - c - lost);
  const density = new Float64Array(TEMPLATE_BINS);
  let sum = 0;
  for (let i = 0; i < TEMPLATE_BINS; i++) {
    const v = (single[i] as number) + (multiple[i] as number) + (other[i] as number);
    density[i] = v;
    sum += v;
  }
  depositUniform(density, binWidth, e / 2, e - Math.min(30, e / 20), rest);
  sum += rest;
  const target = eff.continuum(e);
  // Normalise to the detector's continuum efficiency (total − peaks, i.e. its peak-to-total ratio).
  return { energyKeV: e, cdf: toCdf(density, sum > 0 ? target / sum : 0) };
}

/**
 * Photons of a line scattered once in the surroundings into the crystal, for scattering angles
 * with cosines in [cosMin, cosMax] (backscatter: [−1, −0.5], i.e. 120°–180°; side scatter:
 * [−0.5, 0.87], 30°–120°), per scattered photon reaching the crystal face. A scattered photon of
 * energy E′ deposits E′ with the peak efficiency, else part of it (spread over 0 … E_C(E′)).
 */
export function scatterTemplate(
  eff: DetectorEfficiency,
  energyKeV: number,
  cosMin: number,
  cosMax: number,
): ContinuumTemplate {
  const binWidth = energyKeV / TEMPLATE_BINS;
  const density = new Float64Array(TEMPLATE_BINS);
  const q = kleinNishinaQuadrature(energyKeV, FIRST_ORDER_POINTS, cosMin, cosMax);
  let wsum = 0;
  for (let k = 0; k < FIRST_ORDER_POINTS; k++) wsum += q.weights[k] as number;
  for (let k = 0; k < FIRST_ORDER_POINTS; k++) {
    const e1 = q.scatteredKeV[k] as number;
    const w = (q.weights[k] as number) / wsum;
    const peak = eff.peak(e1);
    deposit(density, binWidth, e1, w * peak);
    depositUniform(density, binWidth, 0, comptonEdge(e1), w * Math.max(0, eff.total(e1) - peak));
  }
  return { energyKeV, cdf: toCdf(density, 1) };
}
