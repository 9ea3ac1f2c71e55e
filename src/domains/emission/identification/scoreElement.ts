import type { ExpectedFeature } from './expectedFeatures';

/** A peak as the scorer sees it: position already corrected for the axis offset. */
export interface ScoringPeak {
  /** Index in the caller's peak list. */
  readonly index: number;
  /** Observed position minus the axis offset (nm). */
  readonly wavelengthNm: number;
  readonly intensity: number;
  /** Match σ (nm): √((FWHM/2.355)² + calibration tolerance² + position σ²). */
  readonly sigmaNm: number;
}

/** A feature matched to a peak. */
export interface FeatureMatch {
  readonly feature: ExpectedFeature;
  readonly peak: ScoringPeak;
  /** (peak − feature) / σ. */
  readonly z: number;
  /** 1 within 1σ, Gaussian beyond. */
  readonly closeness: number;
}

/** The score of one element against the peaks still unexplained. */
export interface ElementScore {
  readonly element: string;
  /** matched / (matched + missing + 0.3·explained-by-others), in [0, 1]. */
  readonly score: number;
  /** Ranking value: score × (1 − e^(−matches/2)) × evidence/(evidence + 0.05). */
  readonly rank: number;
  /** Share of the total peak intensity this element explains (unexplained part only), 0–1. */
  readonly evidence: number;
  /** Observed intensity per unit of relative expected intensity (weighted median over matches). */
  readonly scale: number;
  readonly matches: FeatureMatch[];
  /** Features without a peak, with their expected intensity (scale × weight). */
  readonly missing: { readonly feature: ExpectedFeature; readonly expectedIntensity: number }[];
}

/** Match window, in σ. */
const WINDOW_SIGMAS = 2.5;

/** Lower weighted median of `values`. */
function weightedMedian(values: readonly number[], weights: readonly number[]): number {
  const order = values.map((_v, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number));
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  for (const i of order) {
    acc += weights[i] as number;
    if (acc >= total / 2) return values[i] as number;
  }
  return values[order.at(-1) ?? 0] ?? 0;
}

/**
 * Scores one element (features strongest first) against `peaks`, given `available[i]` — the
 * fraction of peak i not yet claimed by accepted elements. Each feature takes the closest peak
 * within 2.5σ that no stronger feature of the element took. matched = Σ weight × closeness ×
 * available × consistency (a peak under a quarter of the scaled expectation counts in proportion,
 * the rest as missing); missing = Σ weight × min(1.5, expected / detection limit) over features
 * without a peak, the detection limit being the weakest listed peak; explained = Σ weight ×
 * closeness × (1 − available). × 0.5 when the strongest feature is missing though detectable.
 */
export function scoreElement(
  element: string,
  features: readonly ExpectedFeature[],
  peaks: readonly ScoringPeak[],
  available: readonly number[],
  totalIntensity: number,
  detectionLimit: number,
): ElementScore {
  const used = new Set<number>();
  const matches: FeatureMatch[] = [];
  const unmatched: ExpectedFeature[] = [];
  for (const feature of features) {
    let best: FeatureMatch | undefined;
    for (const peak of peaks) {
      if (used.has(peak.index)) continue;
      const z = (peak.wavelengthNm - feature.wavelengthNm) / peak.sigmaNm;
      if (Math.abs(z) > WINDOW_SIGMAS || (best && Math.abs(z) >= Math.abs(best.z))) continue;
      best = { feature, peak, z, closeness: Math.abs(z) <= 1 ? 1 : Math.exp(-0.5 * (z * z - 1)) };
    }
    if (best) {
      used.add(best.peak.index);
      matches.push(best);
    } else unmatched.push(feature);
  }
  const scale =
    matches.length === 0
      ? 0
      : weightedMedian(
          matches.map((m) => m.peak.intensity / m.feature.weight),
          matches.map((m) => m.feature.weight * m.closeness * ((available[m.peak.index] ?? 0) + 0.05)),
        );
  let matched = 0;
  let missing = 0;
  let explained = 0;
  let evidence = 0;
  let effectiveMatches = 0;
  for (const m of matches) {
    const avail = available[m.peak.index] ?? 0;
    const ratio = scale > 0 ? m.peak.intensity / (scale * m.feature.weight) : 1;
    const consistency = Math.min(1, ratio / 0.25);
    matched += m.feature.weight * m.closeness * avail * consistency;
    missing += m.feature.weight * (1 - consistency) * Math.min(1.5, (scale * m.feature.weight) / detectionLimit);
    explained += m.feature.weight * m.closeness * (1 - avail);
    evidence += (m.closeness * avail * Math.min(m.peak.intensity, 3 * scale * m.feature.weight)) / totalIntensity;
    effectiveMatches += m.closeness * avail * consistency;
  }
  const missingList = unmatched.map((feature) => ({ feature, expectedIntensity: scale * feature.weight }));
  for (const { feature, expectedIntensity } of missingList)
    missing += feature.weight * Math.min(1.5, expectedIntensity / detectionLimit);
  let score = matched + missing + 0.3 * explained > 0 ? matched / (matched + missing + 0.3 * explained) : 0;
  const strongest = features[0];
  if (strongest && missingList.some((m) => m.feature === strongest && m.expectedIntensity > detectionLimit))
    score *= 0.5;
  const rank = score * (1 - Math.exp(-effectiveMatches / 2)) * (evidence / (evidence + 0.05));
  return { element, score, rank, evidence, scale, matches, missing: missingList };
}

/**
 * The fraction of each matched peak an accepted element claims: all of it when the peak is
 * within 3× of the element's scaled expectation, else 3× the expectation's share (a stronger
 * peak holds another element's line too).
 */
export function claimedFractions(score: ElementScore): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of score.matches) {
    const expected = score.scale * m.feature.weight;
    const fraction = m.peak.intensity <= 3 * expected ? 1 : (3 * expected) / m.peak.intensity;
    out.set(m.peak.index, Math.max(out.get(m.peak.index) ?? 0, fraction * m.closeness));
  }
  return out;
}
