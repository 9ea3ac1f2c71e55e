/** One matched line of an accepted nuclide: its peak area and its expected signal under the prior. */
export interface EfficiencyPoint {
  readonly energyKeV: number;
  readonly area: number;
  readonly areaSigma: number;
  /** Intensity × prior efficiency (any unit; one scale per source). */
  readonly signal: number;
  /** Which nuclide the line belongs to: each gets its own activity scale. */
  readonly source: number;
}

/** A smooth multiplicative correction to the efficiency prior: exp(c1·u + c2·u²), u = ln(E/300 keV) clamped to the fitted span. */
export interface EfficiencyCorrection {
  readonly slope: number;
  readonly curvature: number;
  /** Energy span (keV) of the lines it was fitted on; constant beyond. */
  readonly spanKeV: readonly [number, number];
}

export const NO_CORRECTION: EfficiencyCorrection = { slope: 0, curvature: 0, spanKeV: [300, 300] };

/** Relative systematic uncertainty added to each point (peak shape, tabulated intensity). */
const SYSTEMATIC = 0.1;
/** Points more than this factor above a robust line (a peak shared with a nuclide not in the fit) are left out. */
const TRIM_FACTOR = 2;
/** Detector log-log slopes above 100 keV lie within about ±0.4 of the prior's −0.8. */
const MAX_SLOPE = 0.5;
const MAX_CURVATURE = 0.3;
/** Fewest points (after leaving out shared peaks) for a correction at all. */
const MIN_POINTS = 5;

/** The correction factor at E. */
export function applyCorrection(c: EfficiencyCorrection, energyKeV: number): number {
  const u = Math.log(Math.min(Math.max(energyKeV, c.spanKeV[0]), c.spanKeV[1]) / 300);
  return Math.exp(c.slope * u + c.curvature * u * u);
}

interface Centered {
  readonly y: number;
  readonly u: number;
  readonly w: number;
  readonly source: number;
}

/** Weighted LS of y on (u, u²) after removing each source's own mean (its activity scale). */
function solve(points: readonly Centered[], quadratic: boolean): { slope: number; curvature: number } | undefined {
  const mean = new Map<number, { w: number; y: number; u: number; uu: number }>();
  for (const p of points) {
    const m = mean.get(p.source) ?? { w: 0, y: 0, u: 0, uu: 0 };
    m.w += p.w;
    m.y += p.w * p.y;
    m.u += p.w * p.u;
    m.uu += p.w * p.u * p.u;
    mean.set(p.source, m);
  }
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let t1 = 0;
  let t2 = 0;
  for (const p of points) {
    const m = mean.get(p.source) as { w: number; y: number; u: number; uu: number };
    const dy = p.y - m.y / m.w;
    const a = p.u - m.u / m.w;
    const b = p.u * p.u - m.uu / m.w;
    s11 += p.w * a * a;
    s12 += p.w * a * b;
    s22 += p.w * b * b;
    t1 += p.w * a * dy;
    t2 += p.w * b * dy;
  }
  const clamp = (x: number, max: number): number => Math.min(Math.max(x, -max), max);
  const det = s11 * s22 - s12 * s12;
  if (quadratic && det > 1e-9 * s11 * s22 && s22 > 0) {
    return {
      slope: clamp((t1 * s22 - t2 * s12) / det, MAX_SLOPE),
      curvature: clamp((s11 * t2 - s12 * t1) / det, MAX_CURVATURE),
    };
  }
  if (!(s11 > 0)) return undefined;
  return { slope: clamp(t1 / s11, MAX_SLOPE), curvature: 0 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Points lying more than {@link TRIM_FACTOR} above a Theil–Sen line (median of the pairwise slopes
 * within each source, median offset per source): peaks shared with a nuclide not in the fit. The
 * robust line cannot be pulled towards them the way least squares can.
 */
function sharedOutliers(points: readonly Centered[]): Set<Centered> {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const a = points[i] as Centered;
    for (let j = i + 1; j < points.length; j++) {
      const b = points[j] as Centered;
      if (a.source === b.source && Math.abs(b.u - a.u) > 0.1) slopes.push((b.y - a.y) / (b.u - a.u));
    }
  }
  const out = new Set<Centered>();
  if (slopes.length === 0) return out;
  const slope = median(slopes);
  const bySource = new Map<number, number[]>();
  for (const p of points) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p.y - slope * p.u]);
  const offsets = new Map([...bySource].map(([source, r]) => [source, median(r)]));
  for (const p of points) if (p.y - slope * p.u - (offsets.get(p.source) as number) > Math.log(TRIM_FACTOR)) out.add(p);
  return out;
}

/**
 * Fits the efficiency shape the accepted nuclides' peaks show, relative to the prior:
 * ln(area/signal) = ln(scale of its source) + c1·u + c2·u², u = ln(E/300 keV), weighted by the
 * relative area precision (plus 10 % systematic), without the points more than 2× above a robust
 * (Theil–Sen) line: shared peaks. Only sources with 3 lines spanning a factor 3 in energy count;
 * none (the identity) with fewer than five points. Curvature only when the points span a decade
 * and number six or more. Slope clamped to ±0.5, curvature to ±0.3: a bad fit cannot invent a
 * detector.
 */
export function fitEfficiencyCorrection(points: readonly EfficiencyPoint[]): EfficiencyCorrection {
  const usable = points.filter((p) => p.area > 0 && p.signal > 0 && p.energyKeV > 0 && Number.isFinite(p.areaSigma));
  const span = new Map<number, { lo: number; hi: number; n: number }>();
  for (const p of usable) {
    const s = span.get(p.source) ?? { lo: p.energyKeV, hi: p.energyKeV, n: 0 };
    span.set(p.source, { lo: Math.min(s.lo, p.energyKeV), hi: Math.max(s.hi, p.energyKeV), n: s.n + 1 });
  }
  const informative = usable.filter((p) => {
    const s = span.get(p.source) as { lo: number; hi: number; n: number };
    return s.n >= 3 && s.hi / s.lo >= 3;
  });
  if (informative.length < MIN_POINTS) return NO_CORRECTION;
  const lo = Math.min(...informative.map((p) => p.energyKeV));
  const hi = Math.max(...informative.map((p) => p.energyKeV));
  const quadratic = hi / lo >= 10;
  let centered: Centered[] = informative.map((p) => {
    const rel = p.areaSigma / p.area;
    return {
      y: Math.log(p.area / p.signal),
      u: Math.log(p.energyKeV / 300),
      w: 1 / (rel * rel + SYSTEMATIC ** 2),
      source: p.source,
    };
  });
  const outliers = sharedOutliers(centered);
  centered = centered.filter((p) => !outliers.has(p));
  if (centered.length < MIN_POINTS) return NO_CORRECTION;
  const fit = solve(centered, quadratic && centered.length >= 6);
  if (fit === undefined) return NO_CORRECTION;
  return { slope: fit.slope, curvature: fit.curvature, spanKeV: [lo, hi] };
}
