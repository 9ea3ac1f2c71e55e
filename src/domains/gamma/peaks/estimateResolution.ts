import { fitPeakRegion } from './fitPeakRegion';
import { type PeakCandidate, searchPeaks } from './searchPeaks';

/** One peak that went into a {@link ResolutionEstimate}. */
export interface ResolutionPoint {
  /** Centroid in axis units (keV, or channel). */
  readonly value: number;
  /** Fitted FWHM and its σ in axis units. */
  readonly fwhm: number;
  readonly fwhmSigma: number;
  /** Whether the FWHM² = a + b·E fit kept it (false: rejected as an outlier, e.g. the Doppler-broadened 511 keV line). */
  readonly used: boolean;
}

/** The detector resolution read off a spectrum by {@link estimateResolution}. */
export interface ResolutionEstimate {
  /** FWHM (axis units) at an axis value. */
  readonly fwhmAt: (value: number) => number;
  /**
   * `sqrtLinear`: FWHM = √(a + b·E) through ≥ 2 fitted peaks; `constantChannels`: a constant FWHM in
   * channels (one fitted peak, or the weighted median of several when the √ model failed);
   * `guess`: no peak could be fitted, the search scale that gave the most significant candidate.
   */
  readonly model: 'sqrtLinear' | 'constantChannels' | 'guess';
  /** FWHM² = a + b·E (axis units² and axis units) for `sqrtLinear`; NaN otherwise. */
  readonly a: number;
  readonly b: number;
  /** Constant FWHM in channels for `constantChannels` and `guess`; NaN otherwise. */
  readonly fwhmChannels: number;
  readonly points: readonly ResolutionPoint[];
}

/** FWHM scales (channels) the search tries: ×1.5 from 2 up to 64. */
const SCALES = [2, 3, 4.5, 6.75, 10, 15, 22.5, 34, 50];
/** Strongest isolated peaks fitted. */
const PEAKS_FITTED = 12;
/** 3 % of the FWHM² added in quadrature to its σ: the √ model is not exact for any detector. */
const MODEL_FLOOR = 0.03;

/**
 * Estimates the detector resolution from a spectrum with no resolution model: the counts are
 * searched ({@link searchPeaks}, threshold 5) at FWHM scales from 2 to 50 channels; the most
 * significant candidates are merged across scales, the strongest 12 that have no other candidate
 * within 3 FWHM (but for weak ones) and no cut-off (zero counts among > 20 per channel) in reach are fitted alone with a free width (again over ±3 fitted FWHM until the width is off
 * its bound, at most 5 times), and the accepted widths (significance ≥ 10, reduced χ² < 25) are fitted by
 * FWHM² = a + b·E (weighted; the electronic-noise plus Fano-statistics form of semiconductor and
 * scintillator resolution, e.g. Knoll, Radiation Detection and Measurement, 4th ed., §12.III.B,
 * also becquerel's FWHM² = f0² + k·E, grs-notes §4.1), rejecting points more than 4σ off one at a
 * time (the Doppler-broadened 511 keV line). FWHM at E is then √(max(a + b·E, floor²)) with floor
 * half the narrowest fitted FWHM. One accepted peak, a model with b < 0, or peaks spanning less than a tenth
 * of the axis: a constant width in channels (weighted median). No peak: `guess`, the search scale of
 * the most significant candidate (5 channels when there is none).
 *
 * @param counts - Counts per channel.
 * @param axis - Axis value (keV, or channel number) of every channel, strictly ascending.
 */
export function estimateResolution(counts: ArrayLike<number>, axis: Float64Array): ResolutionEstimate {
  const n = counts.length;
  const dispersion = (c: number): number => {
    const i = Math.min(n - 2, Math.max(1, Math.round(c)));
    return ((axis[i + 1] as number) - (axis[i - 1] as number)) / 2;
  };
  const valueAt = (c: number): number => {
    const i = Math.min(n - 2, Math.max(0, Math.floor(c)));
    return (axis[i] as number) + (c - i) * ((axis[i + 1] as number) - (axis[i] as number));
  };
  const candidates = strongestCandidates(counts);
  const fitted: { channel: number; fwhmChannels: number; sigmaChannels: number }[] = [];
  for (const candidate of isolated(candidates).slice(0, PEAKS_FITTED)) {
    const peak = fitAlone(counts, candidate.channel, candidate.fwhm);
    // Two candidates can end on the same peak: keep it once.
    if (peak !== undefined && fitted.every((f) => Math.abs(f.channel - peak.channel) > f.fwhmChannels))
      fitted.push(peak);
  }
  if (fitted.length === 0) {
    const scale = candidates[0]?.fwhm ?? 5;
    return constantModel(scale, [], n, dispersion, valueAt, 'guess');
  }
  const points = fitted.map((f) => ({
    value: valueAt(f.channel),
    fwhm: f.fwhmChannels * dispersion(f.channel),
    fwhmSigma: f.sigmaChannels * dispersion(f.channel),
    channel: f.channel,
  }));
  const used = points.map(() => true);
  if (points.length >= 2) {
    for (;;) {
      const line = fitSquaredWidth(points, used);
      const highest = Math.max(axis[0] as number, axis[n - 1] as number);
      // Below the fitted peaks a + b·E may turn negative (a < 0); the floor below covers that.
      const positive = line !== undefined && line.b >= 0 && line.a + line.b * highest > 0;
      const values = points.filter((_, k) => used[k]).map((p) => p.value);
      const spread = Math.max(...values) - Math.min(...values) >= 0.1 * Math.abs(highest - (axis[0] as number));
      if (
        line !== undefined &&
        positive &&
        spread &&
        line.worst !== undefined &&
        line.worstPull > 4 &&
        line.count > 3
      ) {
        used[line.worst] = false;
        continue;
      }
      if (line !== undefined && positive && spread) {
        const narrowest = Math.min(...points.filter((_, k) => used[k]).map((p) => p.fwhm));
        const floor = 0.5 * narrowest;
        return {
          fwhmAt: (value) => Math.sqrt(Math.max(line.a + line.b * Math.max(value, 0), floor * floor)),
          model: 'sqrtLinear',
          a: line.a,
          b: line.b,
          fwhmChannels: Number.NaN,
          points: points.map((p, k) => ({
            value: p.value,
            fwhm: p.fwhm,
            fwhmSigma: p.fwhmSigma,
            used: used[k] === true,
          })),
        };
      }
      break;
    }
  }
  const median = weightedMedian(
    fitted.map((f) => f.fwhmChannels),
    fitted.map((f) => 1 / f.sigmaChannels ** 2),
  );
  const resultPoints = points.map((p) => ({ value: p.value, fwhm: p.fwhm, fwhmSigma: p.fwhmSigma, used: true }));
  return constantModel(median, resultPoints, n, dispersion, valueAt, 'constantChannels');
}

function constantModel(
  fwhmChannels: number,
  points: ResolutionPoint[],
  n: number,
  dispersion: (c: number) => number,
  valueAt: (c: number) => number,
  model: 'constantChannels' | 'guess',
): ResolutionEstimate {
  // The axis is ascending, so the channel of a value is found by bisection on valueAt.
  const channelOf = (value: number): number => {
    let [lo, hi] = [0, n - 1];
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (valueAt(mid) < value) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  return {
    fwhmAt: (value) => fwhmChannels * dispersion(channelOf(value)),
    model,
    a: Number.NaN,
    b: Number.NaN,
    fwhmChannels,
    points,
  };
}

/** Candidates of all scales, most significant first, one per peak (merged within 3 FWHM). */
function strongestCandidates(counts: ArrayLike<number>): PeakCandidate[] {
  const all: PeakCandidate[] = [];
  for (const scale of SCALES) {
    if (scale * 20 > counts.length) break;
    all.push(...searchPeaks(counts, { fwhm: scale, threshold: 5 }));
  }
  all.sort((p, q) => q.significance - p.significance);
  const kept: PeakCandidate[] = [];
  for (const c of all) {
    if (kept.some((k) => Math.abs(k.channel - c.channel) < 3 * Math.max(k.fwhm, c.fwhm))) continue;
    kept.push(c);
    if (kept.length >= 4 * PEAKS_FITTED) break;
  }
  return kept;
}

/** Those with no other kept candidate within 3 FWHM, unless that one is weak (< ⅕ of the significance). */
function isolated(candidates: PeakCandidate[]): PeakCandidate[] {
  return candidates.filter((c) =>
    candidates.every(
      (o) =>
        o === c ||
        Math.abs(o.channel - c.channel) > 3 * Math.max(c.fwhm, o.fwhm) ||
        o.significance < 0.2 * c.significance,
    ),
  );
}

/** A channel with no count among high counts: the region crosses a cut-off (LLD, ADC end), not a peak. */
function crossesCutoff(counts: ArrayLike<number>, start: number, end: number): boolean {
  let [sum, zeros] = [0, 0];
  for (let i = start; i <= end; i++) {
    sum += counts[i] as number;
    if ((counts[i] as number) <= 0) zeros += 1;
  }
  return zeros > 0 && sum / (end - start + 1) > 20;
}

/**
 * Fits one candidate alone with a free width, re-centring the region (±3 FWHM) on each result: the
 * search scale can be far off (a strong peak on a low continuum is most significant at broad
 * scales), so a width on its bound is followed, and a width is accepted from the second fit on.
 */
function fitAlone(
  counts: ArrayLike<number>,
  candidateChannel: number,
  scale: number,
): { channel: number; fwhmChannels: number; sigmaChannels: number } | undefined {
  let [channel, fwhm] = [candidateChannel, scale];
  for (let attempt = 0; attempt < 5; attempt++) {
    const start = Math.max(0, Math.floor(channel - 3 * fwhm));
    const end = Math.min(counts.length - 1, Math.ceil(channel + 3 * fwhm));
    if (end - start + 1 <= 9 || channel - start < fwhm || end - channel < fwhm) return undefined;
    if (crossesCutoff(counts, start, end)) return undefined;
    const fit = fitPeakRegion(counts, { start, end, centroids: [channel], fwhm, widthRange: [0.2, 3] });
    const peak = fit.peaks[0];
    if (peak === undefined || !fit.converged || !(peak.significance >= 10)) return undefined;
    const done = attempt > 0 && !fit.widthOnBound;
    [channel, fwhm] = [peak.centroidChannel, peak.fwhmKeV];
    if (!done) continue;
    if (!(fit.reducedChiSquare < 25 && peak.fwhmSigmaKeV > 0)) return undefined;
    return { channel, fwhmChannels: fwhm, sigmaChannels: peak.fwhmSigmaKeV };
  }
  return undefined;
}

/** Weighted fit of FWHM² = a + b·E; with the point of largest pull. */
function fitSquaredWidth(
  points: readonly { value: number; fwhm: number; fwhmSigma: number }[],
  used: readonly boolean[],
): { a: number; b: number; worst: number | undefined; worstPull: number; count: number } | undefined {
  let [s, sx, sy, sxx, sxy, count] = [0, 0, 0, 0, 0, 0];
  const sigmaOf = (p: { fwhm: number; fwhmSigma: number }): number =>
    Math.hypot(2 * p.fwhm * p.fwhmSigma, MODEL_FLOOR * p.fwhm * p.fwhm);
  points.forEach((p, k) => {
    if (!used[k]) return;
    const w = 1 / sigmaOf(p) ** 2;
    const yk = p.fwhm * p.fwhm;
    [s, sx, sy, sxx, sxy, count] = [
      s + w,
      sx + w * p.value,
      sy + w * yk,
      sxx + w * p.value ** 2,
      sxy + w * p.value * yk,
      count + 1,
    ];
  });
  const d = s * sxx - sx * sx;
  if (count < 2 || !(d > 0)) return undefined;
  const a = (sxx * sy - sx * sxy) / d;
  const b = (s * sxy - sx * sy) / d;
  let worst: number | undefined;
  let worstPull = 0;
  points.forEach((p, k) => {
    if (!used[k]) return;
    const pull = Math.abs(p.fwhm * p.fwhm - (a + b * p.value)) / sigmaOf(p);
    if (pull > worstPull) [worst, worstPull] = [k, pull];
  });
  return { a, b, worst, worstPull, count };
}

function weightedMedian(values: number[], weights: number[]): number {
  const order = values.map((_, k) => k).sort((p, q) => (values[p] as number) - (values[q] as number));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let running = 0;
  for (const k of order) {
    running += weights[k] as number;
    if (running >= total / 2) return values[k] as number;
  }
  return values[order[order.length - 1] as number] as number;
}
