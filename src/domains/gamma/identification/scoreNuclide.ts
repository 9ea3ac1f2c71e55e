import type { Nuclide, NuclideLine } from '../nuclides/nuclide';
import type { GammaPeak } from '../peaks/gammaPeak';
import { priorUncertaintyFactor } from './genericEfficiency';

/** A peak usable as evidence (finite centroid, positive area), with its position in the caller's list. */
export interface PreparedPeak {
  readonly index: number;
  readonly peak: GammaPeak;
  readonly energyKeV: number;
  /** Centroid σ in keV (0 when the peak gives none). */
  readonly sigmaKeV: number;
  readonly area: number;
  /** σ of the area (√area when the peak gives none). */
  readonly areaSigma: number;
}

/** Fitted FWHM / typical FWHM up to which a peak counts fully as a photopeak. */
const BROAD_RATIO = 1.45;

/**
 * How much a peak `ratio` times as wide as expected looks like a photopeak, 0..1: 1 up to
 * {@link BROAD_RATIO}, falling off beyond (a backscatter hump or a Compton feature on a
 * scintillator is 1.5–1.8× as wide as the photopeaks there; on the GADRAS reference spectra 90 % of
 * the photopeaks are within 1.35–1.5× of the generic resolution model, the other peaks have a median 1.6–1.8×). Multiplies a match's closeness.
 */
export function photopeakShape(ratio: number): number {
  return Number.isFinite(ratio) && ratio > BROAD_RATIO ? Math.exp(-(((ratio - BROAD_RATIO) / 0.25) ** 2)) : 1;
}

/** Everything {@link scoreNuclide} needs besides the nuclide; `available` changes as nuclides are accepted. */
export interface ScoringContext {
  /** Sorted by energy. */
  readonly peaks: readonly PreparedPeak[];
  /** Per prepared peak, the fraction of its area not yet explained by an accepted nuclide (0..1). */
  readonly available: Float64Array;
  /** The peak holding at least half of all net area (a positron source's 511 keV), if any. */
  readonly dominantPeak: PreparedPeak | undefined;
  readonly fwhmAt: (energyKeV: number) => number;
  /**
   * Typical fitted FWHM / `fwhmAt` of this spectrum's clear peaks (a detector broader or narrower
   * than the generic model): the reference of {@link photopeakShape}.
   */
  readonly widthScale: number;
  readonly efficiency: (energyKeV: number) => number;
  /** 1σ calibration uncertainty at E, keV. */
  readonly calibrationSigmaAt: (energyKeV: number) => number;
  /** Smallest net area a peak at E would need to be found (counts). */
  readonly detectionLimitAt: (energyKeV: number) => number;
  readonly rangeKeV: readonly [number, number];
  readonly minLineIntensityPct: number;
  /** A line and a peak match within this many combined σ. */
  readonly windowSigmas: number;
  /** Energies (keV) of lines from the surroundings (annihilation, Pb X-rays). */
  readonly backgroundLinesKeV: readonly number[];
}

/** Library lines closer than one FWHM, seen as one peak: summed intensity, signal-weighted energy. */
export interface LineGroup {
  readonly energyKeV: number;
  readonly intensityPct: number;
  /** Intensity × relative efficiency / 100: the expected area per unit of the nuclide's scale. */
  readonly signal: number;
  readonly lines: readonly NuclideLine[];
}

/** What happened to one line group. */
export interface GroupOutcome {
  readonly group: LineGroup;
  /** `unresolved`: the only peak in reach already matches a stronger group of the same nuclide. */
  readonly status: 'matched' | 'missing' | 'unresolved';
  /** At a background energy (511 keV, Pb X-ray): matched and claimed, but not part of the score. */
  readonly background: boolean;
  readonly peak?: PreparedPeak;
  /** |peak − line| in combined σ. */
  readonly z: number;
  /** Match weight, 1 for z ≤ 1 falling as a Gaussian beyond. */
  readonly closeness: number;
  /** Fraction of the peak not explained by already accepted nuclides, at scoring time. */
  readonly available: number;
  /** Expected net area from the nuclide's fitted scale (counts). */
  readonly expectedArea: number;
  /** Chance that a peak of the expected area would have been found (0..1). */
  readonly detectability: number;
  /** 1 when the peak area is compatible with the expected one, down to 0 when far too small. */
  readonly consistency: number;
}

export interface NuclideScore {
  readonly nuclide: Nuclide;
  /** 0..1 */
  readonly score: number;
  /** Counts per unit signal (weighted median of available area / signal over matched groups). */
  readonly scale: number;
  readonly outcomes: readonly GroupOutcome[];
  /** Matched groups whose peak is mostly not explained by other nuclides. */
  readonly ownMatches: number;
  /** All its lines in range are background lines (F-18: 511 keV only). */
  readonly backgroundOnly: boolean;
}

/** Area ratios contradicting intensity × efficiency by more than this factor are penalised. */
const RATIO_TOLERANCE = 4;
/** Weight, against a candidate, of its matched gamma signal already explained by accepted nuclides. */
const EXPLAINED_WEIGHT = 0.3;
/**
 * Combined significance (σ) of the own matched peaks at which the score keeps 63 %: the factor
 * 1 − exp(−(Z/4)²) is 0.43 at 3σ, 0.79 at 5σ, 0.98 at 8σ, so one marginal peak cannot identify.
 */
const EVIDENCE_SIGMAS = 4;
/** Largest weight of a clearly absent line, in units of its signal. */
const MAX_ABSENCE_WEIGHT = 4;
/** Score factor when the strongest expected line is missing although it should have been seen. */
const STRONGEST_MISSING_FACTOR = 0.3;

/**
 * How much a missing line weighs beyond its signal: expected area / (1.5 × detection limit),
 * between 1 and {@link MAX_ABSENCE_WEIGHT} (reached at 6× the limit, ≈ 18σ): an absence that
 * clear is decisive.
 */
function absenceWeight(expectedArea: number, limit: number): number {
  return limit > 0 ? Math.min(MAX_ABSENCE_WEIGHT, Math.max(1, expectedArea / (1.5 * limit))) : MAX_ABSENCE_WEIGHT;
}

/** σ of a line position before adding the peak's own centroid σ: peak width and calibration. */
function lineSigma(energyKeV: number, ctx: ScoringContext): number {
  const w = ctx.fwhmAt(energyKeV) / 2.3548;
  const c = ctx.calibrationSigmaAt(energyKeV);
  return Math.sqrt(w * w + c * c);
}

/** The nuclide's lines inside the range and above the intensity cut, grouped when closer than one FWHM. */
export function lineGroups(nuclide: Nuclide, ctx: ScoringContext): LineGroup[] {
  const [lo, hi] = ctx.rangeKeV;
  const lines = nuclide.lines.filter(
    (l) => l.energyKeV >= lo && l.energyKeV <= hi && l.intensityPct >= ctx.minLineIntensityPct,
  );
  const groups: LineGroup[] = [];
  let current: NuclideLine[] = [];
  const flush = (): void => {
    if (current.length === 0) return;
    let signal = 0;
    let intensity = 0;
    let weighted = 0;
    for (const l of current) {
      const s = (l.intensityPct / 100) * Math.max(ctx.efficiency(l.energyKeV), 0);
      signal += s;
      intensity += l.intensityPct;
      weighted += s * l.energyKeV;
    }
    if (signal > 0) groups.push({ energyKeV: weighted / signal, intensityPct: intensity, signal, lines: current });
    current = [];
  };
  for (const l of lines) {
    const last = current[current.length - 1];
    if (last !== undefined && l.energyKeV - last.energyKeV >= ctx.fwhmAt(l.energyKeV)) flush();
    current.push(l);
  }
  flush();
  return groups;
}

/** The background lines (511 keV, Pb K x-rays) within the match window of a line group. */
function nearbyBackgroundLines(group: LineGroup, ctx: ScoringContext): number[] {
  const reach = ctx.windowSigmas * lineSigma(group.energyKeV, ctx);
  return ctx.backgroundLinesKeV.filter((e) => Math.abs(e - group.energyKeV) <= reach);
}

/**
 * Whether a group counts as a background line: one lies within its match window and, if the group
 * matched a peak, the two are within 1σ or that peak sits at least as close to the background line
 * as to the group. (On a
 * scintillator the window is wide: Am-241's 59.5 keV line is 1.7σ from Pb Kα2 on CsI, and a
 * 60.5 keV peak is Am-241's, a 74 keV one the lead's.)
 */
function isBackgroundLine(group: LineGroup, ctx: ScoringContext, peakKeV?: number): boolean {
  const nearby = nearbyBackgroundLines(group, ctx);
  if (nearby.length === 0) return false;
  if (peakKeV === undefined) return true;
  // Within 1σ of each other no peak can tell the two apart (F-18's 511 keV, Am-243's 74.7 keV on HPGe).
  const sigma = lineSigma(group.energyKeV, ctx);
  if (nearby.some((e) => Math.abs(e - group.energyKeV) <= sigma)) return true;
  const toGroup = Math.abs(peakKeV - group.energyKeV);
  return nearby.some((e) => Math.abs(peakKeV - e) <= toGroup);
}

/** First index of `peaks` with energy ≥ e. */
function lowerBound(peaks: readonly PreparedPeak[], e: number): number {
  let lo = 0;
  let hi = peaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((peaks[mid] as PreparedPeak).energyKeV < e) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Lower weighted median of values (weights > 0), each weight capped at 40 % of the total so that
 * one dominant line (which may be shared with another nuclide) cannot set the scale alone.
 */
function weightedMedian(items: readonly { value: number; weight: number }[]): number {
  const total = items.reduce((s, x) => s + x.weight, 0);
  const capped = items.map((x) => ({ value: x.value, weight: Math.min(x.weight, 0.4 * total) }));
  const sorted = capped.sort((a, b) => a.value - b.value);
  const half = sorted.reduce((s, x) => s + x.weight, 0) / 2;
  let acc = 0;
  for (const x of sorted) {
    acc += x.weight;
    if (acc >= half) return x.value;
  }
  return sorted[sorted.length - 1]?.value ?? 0;
}

/** Matches each group (strongest first) to the closest free peak within the window. */
function matchGroups(
  groups: readonly LineGroup[],
  ctx: ScoringContext,
  background: (g: LineGroup) => boolean,
): Omit<GroupOutcome, 'expectedArea' | 'detectability' | 'consistency'>[] {
  const taken = new Set<number>();
  const order = groups
    .map((_, i) => i)
    .sort((a, b) => (groups[b] as LineGroup).signal - (groups[a] as LineGroup).signal);
  const out: Omit<GroupOutcome, 'expectedArea' | 'detectability' | 'consistency'>[] = new Array(groups.length);
  for (const gi of order) {
    const group = groups[gi] as LineGroup;
    const base = lineSigma(group.energyKeV, ctx);
    const maxPeakSigma = 3 * base;
    const reach = ctx.windowSigmas * Math.sqrt(base * base + maxPeakSigma * maxPeakSigma);
    let best: { j: number; z: number } | undefined;
    let blocked = false;
    for (let j = lowerBound(ctx.peaks, group.energyKeV - reach); j < ctx.peaks.length; j++) {
      const p = ctx.peaks[j] as PreparedPeak;
      if (p.energyKeV > group.energyKeV + reach) break;
      const peakSigma = Math.min(p.sigmaKeV, maxPeakSigma);
      const z = Math.abs(p.energyKeV - group.energyKeV) / Math.sqrt(base * base + peakSigma * peakSigma);
      if (z > ctx.windowSigmas) continue;
      if (taken.has(j)) blocked = true;
      else if (best === undefined || z < best.z) best = { j, z };
    }
    if (best === undefined) {
      const status = blocked ? 'unresolved' : 'missing';
      out[gi] = {
        group,
        status,
        background: background(group),
        z: Number.POSITIVE_INFINITY,
        closeness: 0,
        available: 1,
      };
      continue;
    }
    taken.add(best.j);
    const peak = ctx.peaks[best.j] as PreparedPeak;
    // The 511 keV annihilation peak is Doppler-broadened: its width says nothing.
    const shape = background(group)
      ? 1
      : photopeakShape(peak.peak.fwhmKeV / (ctx.widthScale * ctx.fwhmAt(peak.energyKeV)));
    const closeness = (best.z <= 1 ? 1 : Math.exp(-0.5 * (best.z - 1) ** 2)) * shape;
    const available = ctx.available[best.j] as number;
    out[gi] = { group, status: 'matched', background: background(group), peak, z: best.z, closeness, available };
  }
  return out;
}

/**
 * How well the peaks support `nuclide`, 0..1 (undefined when it has no line to look for in the
 * range). Each line group's expected signal (intensity × relative efficiency) counts as
 * - matched, weighted by closeness × the peak's unexplained fraction × area consistency (an area
 *   more than {@link RATIO_TOLERANCE}× below the nuclide's scale counts partly as missing);
 * - missing, weighted by its detectability (expected area from the scale vs the detection limit),
 *   up to 4× for a line expected far above the detection limit;
 * - already explained by accepted nuclides, at {@link EXPLAINED_WEIGHT} against it (gamma lines
 *   only: X-rays of common elements are shared by too many nuclides to mean anything).
 * Below 100 keV the ratio tolerance is widened and missing lines are judged on their pessimistic
 * expected area ({@link priorUncertaintyFactor}).
 * score = matched / (matched + missing + 0.3·explained), × {@link STRONGEST_MISSING_FACTOR} when
 * the strongest group is missing although detectable, × 1 − exp(−(Z/4)²) with Z the combined
 * significance of the matched, unexplained peak areas (weighted like `matched`). Groups at
 * background energies (511 keV, Pb X-rays) are matched (so that an accepted nuclide claims its
 * share of those peaks) but are no evidence for it, only against it when their peak is far too
 * small; unless they are all the nuclide has (F-18): then they count only when they match a peak
 * holding at least half of the spectrum's net peak area.
 */
export function scoreNuclide(nuclide: Nuclide, ctx: ScoringContext): NuclideScore | undefined {
  const groups = lineGroups(nuclide, ctx);
  if (groups.length === 0) return undefined;
  const near = new Set(groups.filter((g) => isBackgroundLine(g, ctx)));
  const matches = matchGroups(groups, ctx, (g) => near.has(g)).map((m) =>
    m.background && m.peak !== undefined && !isBackgroundLine(m.group, ctx, m.peak.energyKeV)
      ? { ...m, background: false }
      : m,
  );
  const atBackground = new Set(matches.filter((m) => m.background).map((m) => m.group));
  const backgroundOnly = atBackground.size === groups.length;
  const excluded = (g: LineGroup): boolean => !backgroundOnly && atBackground.has(g);

  const ratios: { value: number; weight: number }[] = [];
  for (const m of matches) {
    if (m.status !== 'matched' || m.available <= 0.05 || excluded(m.group)) continue;
    const p = m.peak as PreparedPeak;
    if (backgroundOnly && p !== ctx.dominantPeak) continue;
    // Lines below 100 keV, where the prior is least trustworthy, weigh little in the scale.
    const weight = (m.group.signal * m.closeness) / priorUncertaintyFactor(m.group.energyKeV) ** 2;
    ratios.push({ value: (p.area * m.available) / m.group.signal, weight });
  }
  const scale = ratios.length > 0 ? weightedMedian(ratios) : 0;

  let matched = 0;
  let missing = 0;
  let explained = 0;
  let ownMatches = 0;
  let evidence = 0;
  let strongest: GroupOutcome | undefined;
  const outcomes: GroupOutcome[] = matches.map((m) => {
    const expectedArea = scale * m.group.signal;
    const limit = ctx.detectionLimitAt(m.group.energyKeV);
    const uncertainty = priorUncertaintyFactor(m.group.energyKeV);
    const pessimistic = expectedArea / uncertainty;
    const detectability = pessimistic > 0 ? pessimistic ** 2 / (pessimistic ** 2 + limit ** 2) : 0;
    const s = m.group.signal;
    let consistency = 0;
    if (m.status === 'missing') missing += s * detectability * absenceWeight(pessimistic, limit);
    else if (m.status === 'matched') {
      const p = m.peak as PreparedPeak;
      const a = backgroundOnly && p !== ctx.dominantPeak ? 0 : m.available;
      const upper = (p.area + 2 * p.areaSigma) * a;
      consistency = expectedArea > 0 ? Math.min(1, (RATIO_TOLERANCE * uncertainty * upper) / expectedArea) : 0;
      if (excluded(m.group)) {
        // A background peak proves nothing, but one far weaker than this nuclide needs is a shortfall.
        missing += s * a * (1 - consistency) * detectability;
      } else {
        matched += s * a * m.closeness * consistency;
        evidence += ((a * m.closeness * consistency * p.area) / p.areaSigma) ** 2;
        missing += s * a * (1 - m.closeness * consistency) * detectability;
        if (m.group.lines.some((l) => l.kind !== 'x-ray')) explained += s * (1 - a) * m.closeness;
        if (a * m.closeness > 0.05 && consistency > 0.5) ownMatches++;
      }
    }
    const outcome: GroupOutcome = { ...m, expectedArea, detectability, consistency };
    if (strongest === undefined || s > strongest.group.signal) strongest = outcome;
    return outcome;
  });
  let score = matched > 0 ? matched / (matched + missing + EXPLAINED_WEIGHT * explained) : 0;
  if (strongest?.status === 'missing' && strongest.detectability >= 0.5) score *= STRONGEST_MISSING_FACTOR;
  score *= 1 - Math.exp(-evidence / EVIDENCE_SIGMAS ** 2);
  return { nuclide, score, scale, outcomes, ownMatches, backgroundOnly };
}
