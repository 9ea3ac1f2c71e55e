import { WorkbenchError } from '../../../core';
import type { Nuclide } from '../nuclides/nuclide';
import { nuclideLibrary } from '../nuclides/nuclideLibrary';
import type { GammaPeak } from '../peaks/gammaPeak';
import { type ArtifactLine, artifactLines } from './artifactLines';
import {
  applyCorrection,
  type EfficiencyCorrection,
  type EfficiencyPoint,
  fitEfficiencyCorrection,
  NO_CORRECTION,
} from './efficiencyCorrection';
import { fwhmModelFromPeaks } from './fwhmModelFromPeaks';
import { genericRelativeEfficiency, priorUncertaintyFactor } from './genericEfficiency';
import type { IdentificationResult } from './identificationResult';
import { pickNext } from './pickNext';
import { type NuclideScore, type PreparedPeak, type ScoringContext, scoreNuclide } from './scoreNuclide';
import { toCandidate } from './toCandidate';

export type * from './identificationResult';

export interface IdentifyOptions {
  /** Resolution model, FWHM in keV at E (keV). Default: FWHM² = a + b·E fitted to the peaks' own FWHM. */
  readonly fwhmAt?: (energyKeV: number) => number;
  /** Default: the shipped {@link nuclideLibrary}. */
  readonly library?: readonly Nuclide[];
  /**
   * Calibrated energy range of the spectrum (keV): lines outside are neither looked for nor
   * counted as missing. Default: from 5 FWHM below the lowest peak to 5 FWHM above the highest.
   */
  readonly energyRangeKeV?: readonly [number, number];
  /** Library lines weaker than this (photons per 100 decays) are ignored. Default 0.2. */
  readonly minLineIntensityPct?: number;
  /** Relative full-energy efficiency at E (keV). Default {@link genericRelativeEfficiency}, a rough prior. */
  readonly detectorEfficiency?: (energyKeV: number) => number;
  /** Energy calibration tolerance at E (keV), read as a 2σ bound. Default 0.5 keV + 0.1 % of E. */
  readonly calibrationToleranceKeV?: (energyKeV: number) => number;
  /** Candidates below this score are not reported. Default 0.5. */
  readonly minScore?: number;
  /** A line and a peak match within this many combined σ (line width, calibration, centroid). Default 3. */
  readonly windowSigmas?: number;
  /** Learn a smooth efficiency correction from the accepted nuclides' lines (see `fitEfficiencyCorrection`). Default true. */
  readonly learnEfficiency?: boolean;
}

/** Lines from the surroundings, which alone must not identify anything (Pb K X-rays: LNHB Pb table). */
const BACKGROUND_LINES: readonly ArtifactLine[] = [
  { energyKeV: 72.805, label: 'Pb Kα2 X-ray', maxArea: Number.POSITIVE_INFINITY },
  { energyKeV: 74.97, label: 'Pb Kα1 X-ray', maxArea: Number.POSITIVE_INFINITY },
  { energyKeV: 84.94, label: 'Pb Kβ1 X-ray', maxArea: Number.POSITIVE_INFINITY },
  { energyKeV: 87.3, label: 'Pb Kβ2 X-ray', maxArea: Number.POSITIVE_INFINITY },
  { energyKeV: 511, label: 'annihilation (511 keV)', maxArea: Number.POSITIVE_INFINITY },
];
/** An accepted nuclide explains up to this multiple of its expected area at each matched peak. */
const CLAIM_FACTOR = 1.5;
/** A peak with at most this multiple of an accepted nuclide's expected area is wholly explained by it. */
const FULL_CLAIM_RATIO = 3;

function invalid(message: string): never {
  throw new WorkbenchError('INVALID_OPTION', message);
}

function preparePeaks(peaks: readonly GammaPeak[]): PreparedPeak[] {
  const prepared: PreparedPeak[] = [];
  peaks.forEach((peak, index) => {
    if (!Number.isFinite(peak.centroidKeV) || !(peak.netArea > 0) || !Number.isFinite(peak.netArea)) return;
    const sigmaKeV = Number.isFinite(peak.centroidSigmaKeV) && peak.centroidSigmaKeV > 0 ? peak.centroidSigmaKeV : 0;
    const areaSigma =
      Number.isFinite(peak.netAreaSigma) && peak.netAreaSigma > 0 ? peak.netAreaSigma : Math.sqrt(peak.netArea);
    prepared.push({ index, peak, energyKeV: peak.centroidKeV, sigmaKeV, area: peak.netArea, areaSigma });
  });
  return prepared.sort((a, b) => a.energyKeV - b.energyKeV || a.index - b.index);
}

/**
 * The lower quartile of fitted FWHM / model FWHM over the peaks of significance ≥ 10 (at least
 * three; else 1), within 0.7–1.6: how much broader or narrower this detector is than the model,
 * with humps and unresolved multiplets (broader) mostly above the quartile.
 */
function typicalWidthRatio(peaks: readonly PreparedPeak[], fwhmAt: (e: number) => number): number {
  const ratios = peaks
    .filter((p) => p.peak.significance >= 10 && p.peak.fwhmKeV > 0)
    .map((p) => p.peak.fwhmKeV / fwhmAt(p.energyKeV))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (ratios.length < 3) return 1;
  return Math.min(1.6, Math.max(0.7, ratios[Math.floor((ratios.length - 1) / 4)] as number));
}

/**
 * Detection limit at E: 3 × the median background-noise σ of the five peaks nearest in energy,
 * each peak's noise being √(σ_area² − area) (its area σ less the Poisson part of the peak itself;
 * at least half of σ_area).
 */
function detectionLimitModel(peaks: readonly PreparedPeak[]): (energyKeV: number) => number {
  const noise = peaks.map((p) => Math.sqrt(Math.max(p.areaSigma ** 2 - p.area, 0.25 * p.areaSigma ** 2)));
  return (e) => {
    const nearest = peaks
      .map((p, i) => ({ d: Math.abs(p.energyKeV - e), n: noise[i] as number }))
      .sort((a, b) => a.d - b.d)
      .slice(0, 5)
      .map((x) => x.n)
      .sort((a, b) => a - b);
    return 3 * (nearest[Math.floor((nearest.length - 1) / 2)] ?? 0);
  };
}

/**
 * Marks the peaks explained by `accepted`: all of a peak whose available area is at most
 * {@link FULL_CLAIM_RATIO} × the expected one (the efficiency prior cannot tell finer shares; more
 * below 100 keV, see {@link priorUncertaintyFactor}), else {@link CLAIM_FACTOR} × the expected
 * area; a residual within 3σ of zero counts as explained.
 */
function claimPeaks(accepted: NuclideScore, ctx: ScoringContext): void {
  for (const o of accepted.outcomes) {
    if (o.status !== 'matched' || o.peak === undefined) continue;
    const j = ctx.peaks.indexOf(o.peak);
    const availableArea = o.peak.area * (ctx.available[j] as number);
    const full = FULL_CLAIM_RATIO * priorUncertaintyFactor(o.group.energyKeV) * o.expectedArea;
    const left = availableArea <= full ? 0 : availableArea - CLAIM_FACTOR * o.expectedArea;
    ctx.available[j] = left <= 3 * o.peak.areaSigma ? 0 : left / o.peak.area;
  }
}

/** The artefact line a peak fits (within the match window widened by the artefact's width, area ≤ its cap), if any. */
function closestArtifact(
  p: PreparedPeak,
  artifacts: readonly ArtifactLine[],
  ctx: ScoringContext,
  windowSigmas: number,
): ArtifactLine | undefined {
  const reach =
    windowSigmas * Math.hypot(ctx.fwhmAt(p.energyKeV) / 2.3548, ctx.calibrationSigmaAt(p.energyKeV), p.sigmaKeV);
  const distance = (b: ArtifactLine): number => Math.abs(b.energyKeV - p.energyKeV);
  const fits = artifacts.filter((b) => distance(b) <= reach + (b.widthKeV ?? 0) && p.area <= b.maxArea);
  return fits.sort((a, b) => distance(a) - distance(b))[0];
}

function isScatterArtifact(line: ArtifactLine): boolean {
  return line.parentKeV !== undefined;
}

/**
 * Backscatter peaks and Compton edges look like peaks only at scintillator resolution (FWHM above
 * 2 % of the parent energy); in an HPGe spectrum the search does not take them for peaks, and
 * their wide windows would swallow real lines.
 */
function broadScatter(artifacts: readonly ArtifactLine[], ctx: ScoringContext): ArtifactLine[] {
  return artifacts.filter((a) => a.parentKeV === undefined || ctx.fwhmAt(a.parentKeV) > 0.02 * a.parentKeV);
}

/**
 * Peaks that a backscatter peak or Compton edge of an accepted nuclide's line explains are not
 * available to other candidates: on a scintillator the Cs-137 backscatter peak (184 keV) would
 * otherwise "identify" U-235 (185.7 keV).
 */
function claimArtifacts(
  artifacts: readonly ArtifactLine[],
  ctx: ScoringContext,
  windowSigmas: number,
): Map<number, ArtifactLine> {
  const scatter = broadScatter(artifacts, ctx).filter(isScatterArtifact);
  const claims = new Map<number, ArtifactLine>();
  ctx.peaks.forEach((p, j) => {
    if ((ctx.available[j] as number) <= 0.5) return;
    const line = closestArtifact(p, scatter, ctx, windowSigmas);
    if (line === undefined) return;
    ctx.available[j] = 0;
    claims.set(j, line);
  });
  return claims;
}

/**
 * Lines of the accepted nuclides as efficiency points: each scored under the bare prior with
 * nothing explained, keeping matched, area-consistent lines whose peak no other accepted nuclide
 * matched, at 100 keV and above (below, windows and self-absorption vary too much for a smooth
 * shape; see {@link priorUncertaintyFactor}). Each emitter of a chain is its own source (own
 * scale), so that disequilibrium between members (radon escape, fresh uranium) is not read as an
 * efficiency shape.
 */
function efficiencyPoints(accepted: readonly Nuclide[], priorCtx: ScoringContext): EfficiencyPoint[] {
  const scores = accepted.map((n) => scoreNuclide(n, priorCtx));
  const uses = new Map<PreparedPeak, number>();
  for (const s of scores)
    for (const o of s?.outcomes ?? [])
      if (o.status === 'matched' && o.peak) uses.set(o.peak, (uses.get(o.peak) ?? 0) + 1);
  const points: EfficiencyPoint[] = [];
  const sources = new Map<string, number>();
  scores.forEach((s, k) => {
    for (const o of s?.outcomes ?? []) {
      if (
        o.status !== 'matched' ||
        o.peak === undefined ||
        o.background ||
        o.consistency < 1 ||
        uses.get(o.peak) !== 1 ||
        priorUncertaintyFactor(o.group.energyKeV) > 1
      )
        continue;
      const main = o.group.lines.reduce((m, l) => (l.intensityPct > m.intensityPct ? l : m));
      const key = `${k}/${main.emitter ?? ''}`;
      if (!sources.has(key)) sources.set(key, sources.size);
      const { area, areaSigma } = o.peak;
      points.push({
        energyKeV: o.group.energyKeV,
        area,
        areaSigma,
        signal: o.group.signal,
        source: sources.get(key) as number,
      });
    }
  });
  return points;
}

/**
 * Classical library identification of the nuclides behind a list of fitted peaks.
 * Every library entry is scored by {@link scoreNuclide} (matched fraction of its expected
 * intensity × efficiency signal, missing detectable lines, area ratios, significance). Then,
 * greedily ({@link pickNext}), the best-supported candidate is accepted, its share of each matched
 * peak is marked explained, the efficiency shape is refitted on all accepted nuclides
 * ({@link fitEfficiencyCorrection}) and the others are re-scored, until none reaches `minScore`:
 * a peak claimed by a well-supported nuclide counts less for a weaker one that only shares it.
 * Background lines (511 keV, Pb K X-rays) never identify anything alone. Peaks with a non-finite
 * centroid or a net area ≤ 0 are ignored.
 *
 * @throws WorkbenchError INVALID_OPTION for a range, score, window or intensity cut that makes no sense.
 */
export function identifyNuclides(peaks: readonly GammaPeak[], options: IdentifyOptions = {}): IdentificationResult {
  const minScore = options.minScore ?? 0.5;
  if (!(minScore > 0 && minScore <= 1)) invalid(`minScore must be in (0, 1], got ${minScore}`);
  const windowSigmas = options.windowSigmas ?? 3;
  if (!(windowSigmas > 0 && windowSigmas <= 10)) invalid(`windowSigmas must be in (0, 10], got ${windowSigmas}`);
  const minLineIntensityPct = options.minLineIntensityPct ?? 0.2;
  if (!(minLineIntensityPct >= 0)) invalid(`minLineIntensityPct must be ≥ 0, got ${minLineIntensityPct}`);
  let range = options.energyRangeKeV;
  if (range !== undefined && !(Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[1] > range[0])) {
    invalid(`energyRangeKeV must be [low, high] with low < high, got [${range.join(', ')}]`);
  }
  const prepared = preparePeaks(peaks);
  if (prepared.length === 0)
    return { candidates: [], unexplainedPeaks: [], backgroundPeaks: [], efficiencyCorrection: NO_CORRECTION };
  const fwhmModel = options.fwhmAt ?? fwhmModelFromPeaks(prepared.map((p) => p.peak));
  const fwhmAt = (e: number): number => {
    const w = fwhmModel(e);
    return Number.isFinite(w) && w > 0.01 ? w : 0.01;
  };
  if (range === undefined) {
    const lo = (prepared[0] as PreparedPeak).energyKeV;
    const hi = (prepared[prepared.length - 1] as PreparedPeak).energyKeV;
    range = [lo - 5 * fwhmAt(lo), hi + 5 * fwhmAt(hi)];
  }
  const tolerance = options.calibrationToleranceKeV ?? ((e: number) => 0.5 + 0.001 * e);
  const totalArea = prepared.reduce((sum, p) => sum + p.area, 0);
  const prior = options.detectorEfficiency ?? genericRelativeEfficiency;
  const common = {
    peaks: prepared,
    dominantPeak: prepared.find((p) => p.area >= 0.5 * totalArea),
    fwhmAt,
    widthScale: typicalWidthRatio(prepared, fwhmAt),
    calibrationSigmaAt: (e: number) => {
      const t = tolerance(e);
      return Number.isFinite(t) && t > 0 ? t / 2 : 0;
    },
    detectionLimitAt: detectionLimitModel(prepared),
    rangeKeV: range,
    minLineIntensityPct,
    windowSigmas,
    backgroundLinesKeV: BACKGROUND_LINES.map((b) => b.energyKeV),
  };
  const contextFor = (c: EfficiencyCorrection): ScoringContext => ({
    ...common,
    available: new Float64Array(prepared.length).fill(1),
    efficiency: c === NO_CORRECTION ? prior : (e) => prior(e) * applyCorrection(c, e),
  });

  const remaining = new Set(options.library ?? nuclideLibrary());
  const accepted: NuclideScore[] = [];
  let correction = NO_CORRECTION;
  let ctx = contextFor(correction);
  let scatterClaims = new Map<number, ArtifactLine>();
  while (remaining.size > 0) {
    const scored: NuclideScore[] = [];
    for (const nuclide of remaining) {
      const s = scoreNuclide(nuclide, ctx);
      if (s !== undefined && s.score >= minScore) scored.push(s);
    }
    const best = pickNext(scored);
    if (best === undefined) break;
    accepted.push(best);
    remaining.delete(best.nuclide);
    const nuclides = accepted.map((s) => s.nuclide);
    if (options.learnEfficiency ?? true)
      correction = fitEfficiencyCorrection(efficiencyPoints(nuclides, contextFor(NO_CORRECTION)));
    ctx = contextFor(correction);
    const rescored: NuclideScore[] = [];
    for (const n of nuclides) {
      const s = scoreNuclide(n, ctx);
      if (s !== undefined) {
        claimPeaks(s, ctx);
        rescored.push(s);
      }
    }
    scatterClaims = claimArtifacts(artifactLines(rescored), ctx, windowSigmas);
  }

  const candidates = accepted
    .map((s) => toCandidate(s, accepted))
    .sort((a, b) => b.score - a.score || b.matchedLines.length - a.matchedLines.length);
  const unexplainedPeaks: GammaPeak[] = [];
  const backgroundPeaks: { peak: GammaPeak; line: string }[] = [];
  const artifacts = broadScatter([...BACKGROUND_LINES, ...artifactLines(accepted)], ctx);
  prepared.forEach((p, j) => {
    const scatter = scatterClaims.get(j);
    if (scatter !== undefined) {
      backgroundPeaks.push({ peak: p.peak, line: scatter.label });
      return;
    }
    if ((ctx.available[j] as number) <= 0.5) return;
    const closest = closestArtifact(p, artifacts, ctx, windowSigmas);
    if (closest !== undefined) backgroundPeaks.push({ peak: p.peak, line: closest.label });
    else unexplainedPeaks.push(p.peak);
  });
  return { candidates, unexplainedPeaks, backgroundPeaks, efficiencyCorrection: correction };
}
