import { movingMedian } from '../../../numeric/movingMedian';
import { parabolicVertex } from '../../../numeric/parabolicVertex';
import { fitLorentzians, type LineStart } from './fitLorentzians';
import { magnitudePeaks } from './magnitudePeaks';
import { REFERENCE_PPM, type ReferenceTarget, TEMPLATE_LINES } from './referenceLines';
import type { PpmSpectrum } from './spectralTransform';

/** Default search half-width of referencing: how far the peaks may sit from where they belong, ppm. */
export const REFERENCE_SEARCH_PPM = 0.4;
/** Half width of the window fitted around each reference line, ppm. */
const FIT_HALF_WINDOW_PPM = 0.2;
/** Half width of the running median taken as the background of |S| before the cross-correlation, ppm. */
const BACKGROUND_HALF_WINDOW_PPM = 0.1;
/** Line width (HWHM, Hz) of the magnitude template and of a fit start with no width estimate. */
const TEMPLATE_HALF_WIDTH_HZ = 3;

/** One reference line as found. */
export interface FoundLine {
  readonly name: Exclude<ReferenceTarget, 'auto'>;
  /** Where it is in the spectrum, ppm (before referencing). */
  readonly ppm: number;
  /** Its standard error from the fit, ppm (NaN: the fit gave none; the line was not used). */
  readonly sigmaPpm: number;
}

/** What {@link findReferenceShift} found. */
export interface ReferenceShift {
  /** Shift that puts the reference where it belongs, Hz towards higher ppm (as `shiftFrequency` takes it). */
  readonly shiftHz: number;
  readonly shiftPpm: number;
  /** `fit`: from fitted line centres; `peak`: from the magnitude maximum or cross-correlation only. */
  readonly method: 'fit' | 'peak';
  readonly lines: readonly FoundLine[];
}

/**
 * How far the reference line(s) of a complex ppm spectrum sit from their chemical shift
 * ({@link REFERENCE_PPM}), and the shift that corrects it.
 *
 * - `water`: the tallest |S| maximum within ±`searchPpm` of 4.65 ppm, refined by a Lorentzian fit
 *   (`fitLorentzians.ts`: phase-independent, no grid bias) of the lines within ±0.2 ppm of it.
 * - `NAA`, `Cr`, `Cho`: the line is located by the pattern (the coarse step of `auto`, so that Cr is
 *   not taken for Cho 0.16 ppm away, nor the reverse), then fitted (with its neighbours) as for water; without a
 *   pattern, the tallest |S| maximum within ±`searchPpm` is taken.
 * - `auto`: the magnitude spectrum, less its running median over ±0.1 ppm (the broad background:
 *   residual water tail, macromolecules), is cross-correlated, over lags of ±`searchPpm`, with a template of
 *   NAA, Cr and Cho singlets (3 Hz HWHM magnitude Lorentzians, mean removed; `TEMPLATE_LINES`), the
 *   best lag refined by a parabola; the pattern of three lines is found even when one is weak or
 *   absent. NAA and Cr are then fitted as above and their offsets averaged with inverse-variance
 *   weights (so a weak or distorted line counts little), Cho being left out of that average (see
 *   `referenceLines.ts`). LCModel's referencing shift (searched within SHIFMN…SHIFMX, mrs-notes
 *   §3.5) is likewise described as a cross-correlation with reference singlets (not checked here).
 *
 * Falls back to the coarse (peak or cross-correlation) estimate when no fit gives a usable centre.
 */
export function findReferenceShift(
  view: PpmSpectrum,
  spectrometerFrequencyMHz: number,
  target: ReferenceTarget,
  searchPpm = REFERENCE_SEARCH_PPM,
): ReferenceShift {
  const cf = spectrometerFrequencyMHz;
  const result = (offsetPpm: number, method: 'fit' | 'peak', lines: FoundLine[]): ReferenceShift => ({
    shiftPpm: -offsetPpm,
    shiftHz: -offsetPpm * cf,
    method,
    lines,
  });
  const single = (name: Exclude<ReferenceTarget, 'auto'>, nearPpm: number): ReferenceShift => {
    const line = fitLine(view, cf, nearPpm);
    const ok = Number.isFinite(line.sigmaPpm);
    const found: FoundLine = { name, ppm: ok ? line.ppm : nearPpm, sigmaPpm: line.sigmaPpm };
    return result(found.ppm - REFERENCE_PPM[name], ok ? 'fit' : 'peak', [found]);
  };
  if (target === 'water') {
    const expected = REFERENCE_PPM.water;
    const [peak] = magnitudePeaks(view, expected - searchPpm, expected + searchPpm, { maxPeaks: 1 });
    if (peak === undefined) return result(Number.NaN, 'peak', []);
    return single('water', peak.ppm);
  }
  const coarse = templateLag(view, cf, searchPpm);
  if (target !== 'auto') {
    if (Number.isFinite(coarse)) return single(target, REFERENCE_PPM[target] + coarse);
    const expected = REFERENCE_PPM[target];
    const [peak] = magnitudePeaks(view, expected - searchPpm, expected + searchPpm, { maxPeaks: 1 });
    return peak === undefined ? result(Number.NaN, 'peak', []) : single(target, peak.ppm);
  }
  if (!Number.isFinite(coarse)) return result(Number.NaN, 'peak', []);
  const lines: FoundLine[] = [];
  let weighted = 0;
  let weights = 0;
  for (const name of ['NAA', 'Cr'] as const) {
    const line = fitLine(view, cf, REFERENCE_PPM[name] + coarse);
    lines.push({ name, ppm: line.ppm, sigmaPpm: line.sigmaPpm });
    if (!(line.sigmaPpm > 0)) continue;
    const w = 1 / line.sigmaPpm ** 2;
    weighted += w * (line.ppm - REFERENCE_PPM[name]);
    weights += w;
  }
  return weights > 0 ? result(weighted / weights, 'fit', lines) : result(coarse, 'peak', lines);
}

/**
 * Fits the line nearest `nearPpm` together with the other |S| maxima (≥ 10 % of the tallest) within
 * ±0.2 ppm, so that a neighbour's tail does not pull it; returns its centre and standard error.
 */
function fitLine(view: PpmSpectrum, cf: number, nearPpm: number): { ppm: number; sigmaPpm: number } {
  const low = nearPpm - FIT_HALF_WINDOW_PPM;
  const high = nearPpm + FIT_HALF_WINDOW_PPM;
  const spacing = Math.abs((view.ppm[1] as number) - (view.ppm[0] as number));
  const peaks = magnitudePeaks(view, low, high, { maxPeaks: 6, minSeparationPpm: 2 * spacing });
  const starts: LineStart[] = peaks.map((p) => ({
    ppm: p.ppm,
    halfWidthHz: Number.isFinite(p.halfWidthPpm) ? (p.halfWidthPpm * cf) / Math.sqrt(3) : TEMPLATE_HALF_WIDTH_HZ,
  }));
  let target = starts.findIndex((s) => Math.abs(s.ppm - nearPpm) <= 0.03);
  if (target < 0) {
    starts.push({ ppm: nearPpm, halfWidthHz: TEMPLATE_HALF_WIDTH_HZ });
    target = starts.length - 1;
  }
  const fit = fitLorentzians(view, {
    lowPpm: low,
    highPpm: high,
    lines: starts, // tallest first (it sets the starting phase); an added target comes last
    spectrometerFrequencyMHz: cf,
    pivotPpm: nearPpm,
    maxMovePpm: 0.05,
  });
  const line = fit.lines[target];
  return line === undefined ? { ppm: nearPpm, sigmaPpm: Number.NaN } : { ppm: line.ppm, sigmaPpm: line.ppmSigma };
}

/**
 * The lag (ppm) that best aligns the NAA/Cr/Cho magnitude template with |S|: data ≈ template moved
 * by +lag. Integer lags of one point, then a parabola through the best three.
 */
function templateLag(view: PpmSpectrum, cf: number, searchPpm: number): number {
  const names = TEMPLATE_LINES.map((l) => REFERENCE_PPM[l.name]);
  const low = Math.min(...names) - searchPpm - FIT_HALF_WINDOW_PPM;
  const high = Math.max(...names) + searchPpm + FIT_HALF_WINDOW_PPM;
  const ppm: number[] = [];
  const magnitude: number[] = [];
  for (let k = 0; k < view.ppm.length; k++) {
    const p = view.ppm[k] as number;
    if (p < low || p > high) continue;
    ppm.push(p);
    magnitude.push(Math.hypot(view.re[k] as number, view.im[k] as number));
  }
  if (ppm.length < 3) return Number.NaN;
  const spacing = ((ppm[ppm.length - 1] as number) - (ppm[0] as number)) / (ppm.length - 1);
  // the residual water tail and broad macromolecules rise towards water: without removing them the
  // correlation grows with the lag whatever the singlets say
  const background = movingMedian(magnitude, Math.round(BACKGROUND_HALF_WINDOW_PPM / spacing));
  for (let k = 0; k < magnitude.length; k++) {
    magnitude[k] = Math.max(0, (magnitude[k] as number) - (background[k] as number));
  }
  const steps = Math.max(1, Math.round(searchPpm / spacing));
  const template = new Float64Array(ppm.length);
  const scores = new Float64Array(2 * steps + 1);
  for (let s = -steps; s <= steps; s++) {
    const lag = s * spacing;
    let mean = 0;
    for (let k = 0; k < ppm.length; k++) {
      let t = 0;
      for (const line of TEMPLATE_LINES) {
        const d = cf * ((ppm[k] as number) - REFERENCE_PPM[line.name] - lag);
        t += (line.height * TEMPLATE_HALF_WIDTH_HZ) / Math.hypot(TEMPLATE_HALF_WIDTH_HZ, d);
      }
      template[k] = t;
      mean += t;
    }
    mean /= ppm.length;
    let score = 0;
    for (let k = 0; k < ppm.length; k++) score += (magnitude[k] as number) * ((template[k] as number) - mean);
    scores[s + steps] = score;
  }
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
  const offset =
    best > 0 && best < scores.length - 1
      ? parabolicVertex(scores[best - 1] as number, scores[best] as number, scores[best + 1] as number).offset
      : 0;
  return (best - steps + offset) * spacing;
}
