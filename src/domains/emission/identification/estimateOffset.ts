import type { ExpectedFeature } from './expectedFeatures';

/** A peak reduced to what the offset search needs. */
export interface OffsetPeak {
  readonly wavelengthNm: number;
  /** Intensity relative to the strongest peak (0–1]. */
  readonly relative: number;
}

/** The constant axis offset found and how much it is preferred over no shift. */
export interface OffsetEstimate {
  /** Observed − library wavelength (nm): subtract it from observed positions. */
  readonly offsetNm: number;
  /** Alignment score at the offset, and at zero shift (same units: summed line evidence). */
  readonly support: number;
  readonly supportAtZero: number;
}

/**
 * Constant wavelength offset of the observed axis: the shift δ in [−maxNm, +maxNm] (grid of
 * `stepNm`, then refined by a parabola through the best grid point and its neighbours) that
 * maximises the alignment score
 *   S(δ) = Σ_features √weight · max_peaks [ exp(−(λ_peak − λ_feature − δ)²/2σ²) · √relative_peak ],
 * summed over every candidate element's strongest features. A coincidence of a strong line with a
 * strong peak counts most; random coincidences spread evenly over δ, the true shift piles up the
 * evidence of every element present. Ties go to the smaller |δ|.
 */
export function estimateOffset(
  features: readonly ExpectedFeature[],
  peaks: readonly OffsetPeak[],
  { maxNm, stepNm, sigmaNm }: { maxNm: number; stepNm: number; sigmaNm: number },
): OffsetEstimate {
  const sorted = [...peaks].sort((a, b) => a.wavelengthNm - b.wavelengthNm);
  const positions = sorted.map((p) => p.wavelengthNm);
  const reach = 4 * sigmaNm;
  const score = (delta: number): number => {
    let s = 0;
    for (const f of features) {
      const target = f.wavelengthNm + delta;
      let best = 0;
      for (let i = lowerBound(positions, target - reach); i < sorted.length; i++) {
        const p = sorted[i] as OffsetPeak;
        if (p.wavelengthNm > target + reach) break;
        const z = (p.wavelengthNm - target) / sigmaNm;
        best = Math.max(best, Math.exp(-0.5 * z * z) * Math.sqrt(p.relative));
      }
      s += Math.sqrt(f.weight) * best;
    }
    return s;
  };
  const n = Math.max(0, Math.round(maxNm / stepNm));
  let bestK = 0;
  let bestS = score(0);
  const values = new Map<number, number>([[0, bestS]]);
  for (let k = 1; k <= n; k++) {
    for (const kk of [k, -k]) {
      const s = score(kk * stepNm);
      values.set(kk, s);
      if (s > bestS + 1e-12) {
        bestS = s;
        bestK = kk;
      }
    }
  }
  let offset = bestK * stepNm;
  const left = values.get(bestK - 1);
  const right = values.get(bestK + 1);
  if (left !== undefined && right !== undefined) {
    const denom = left - 2 * bestS + right;
    if (denom < 0) offset += stepNm * Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / denom));
  }
  return { offsetNm: offset, support: Math.max(bestS, score(offset)), supportAtZero: values.get(0) ?? 0 };
}

/** First index whose value is ≥ `v` in an ascending array. */
function lowerBound(values: readonly number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
