import { WorkbenchError } from '../../../core/errors';
import { levenbergMarquardt } from '../../../numeric/levenbergMarquardt';
import type { GammaPeak } from './gammaPeak';

/** Options of {@link fitPeakRegion}. */
export interface FitPeakRegionOptions {
  /** First channel of the region (integer, inclusive). */
  start: number;
  /** Last channel of the region (integer, inclusive). */
  end: number;
  /** Starting centroids (fractional channels) of the peaks, one or more, inside [start, end]. */
  centroids: readonly number[];
  /** Expected FWHM in channels (constant, or a function of the channel): start width and width ratios. */
  fwhm: number | ((channel: number) => number);
  /** Fit the smoothed step under each peak. Default true. */
  step?: boolean;
  /**
   * `data`: variance = max(counts, 1) (Neyman χ²). `model` (default): that fit, then a refit
   * with variance = max(model, 1) from it, which removes most of the Neyman low bias of areas.
   */
  weighting?: 'data' | 'model';
  /** Energy (or any axis value) of a fractional channel; default: the channel itself. */
  energyAt?: (channel: number) => number;
  /** Region id given to the peaks. Default 0. */
  regionId?: number;
  /** Allowed fitted FWHM as multiples of the expected one. Default [0.25, 4]. */
  widthRange?: readonly [number, number];
}

/** What {@link fitPeakRegion} found. */
export interface PeakRegionFit {
  /** One peak per starting centroid, in the same order (energies through `energyAt`). */
  readonly peaks: GammaPeak[];
  readonly start: number;
  readonly end: number;
  readonly chiSquare: number;
  readonly reducedChiSquare: number;
  readonly converged: boolean;
  /** Continuum at channel c: offset + slope·(c − (start + end)/2), in counts per channel. */
  readonly offset: number;
  readonly slope: number;
  /** Step height below each peak as a fraction of that peak's height (0 without step). */
  readonly stepRatio: number;
  /** Fitted FWHM of each peak in channels (same order as `peaks`). */
  readonly fwhmChannels: readonly number[];
  /** The shared width ended on a bound of `widthRange`: the region holds no peak of the expected shape. */
  readonly widthOnBound: boolean;
  /** The fitted model, one value per channel of the region. */
  readonly model: Float64Array;
}

const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.LN2);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const STEP_RATIO_MAX = 0.5;
/** Parameters ahead of the peaks: offset, slope, width s (σ, channels, of the reference peak), step ratio h. */
const HEAD = 4;

/**
 * Fits one region of a gamma spectrum: one or several overlapping Gaussian peaks on a linear
 * continuum plus, optionally, the smoothed step of HPGe spectra — a step of height h·A_j below each
 * peak j, shaped as the peak's cumulative, h·A_j·½·erfc((x − c_j)/(√2·σ_j)) (Phillips & Marlow
 * 1976, Nucl. Instrum. Methods 137:525, doi:10.1016/0029-554X(76)90470-5; the "smoothed step"
 * continuum of grs-notes §4.1). The peaks share one width that follows the resolution model:
 * σ_j = s·fwhm(c_j⁰)/fwhm(c_ref) with c_j⁰ the starting centroids; one peak alone has a free width.
 *
 * Weighted least squares by {@link levenbergMarquardt} with Poisson weights (see `weighting`);
 * σ of every result from the covariance, scaled by √(reduced χ²) when that exceeds 1. Net area
 * = √(2π)·A_j·σ_j, its variance propagated from the covariance of amplitude and width:
 * var = 2π·r_j²·(s²·var A_j + A_j²·var s + 2·A_j·s·cov(A_j, s)). Energies and keV widths go
 * through `energyAt` with the local dispersion dE/dc. Amplitudes are bounded ≥ 0, centroids to the
 * region, widths to `widthRange`, the step ratio to [0, 0.5]; a bound-held parameter counts as fixed.
 *
 * @param counts - The whole spectrum's counts; channels index it.
 * @throws WorkbenchError `INVALID_OPTION` for a region outside the counts, too few channels for
 *   the parameters, a centroid outside the region, or a FWHM ≤ 0.
 */
export function fitPeakRegion(counts: ArrayLike<number>, options: FitPeakRegionOptions): PeakRegionFit {
  const { start, end, centroids, step = true, weighting = 'model', regionId = 0 } = options;
  const { energyAt = (c: number) => c, widthRange = [0.25, 4] } = options;
  const fwhmAt = typeof options.fwhm === 'number' ? constantOf(options.fwhm) : options.fwhm;
  check(counts.length, options, fwhmAt);
  const m = end - start + 1;
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) y[i] = counts[start + i] as number;
  const middle = (start + end) / 2;
  const reference = centroids.reduce((sum, c) => sum + c, 0) / centroids.length;
  const ratios = centroids.map((c) => fwhmAt(c) / fwhmAt(reference));
  const s0 = fwhmAt(reference) / FWHM_PER_SIGMA;
  const q = centroids.length;
  const n = HEAD + 2 * q;

  const edge = Math.min(3, Math.max(1, Math.floor(m / 4)));
  const left = mean(y, 0, edge);
  const right = mean(y, m - edge, m);
  const initial = new Float64Array(n);
  initial[0] = (left + right) / 2;
  initial[1] = (right - left) / Math.max(m - edge, 1);
  initial[2] = s0;
  initial[3] = step ? 0.01 : 0;
  const lower = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  const upper = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  [lower[2], upper[2]] = [widthRange[0] * s0, widthRange[1] * s0];
  [lower[3], upper[3]] = [0, step ? STEP_RATIO_MAX : 0];
  centroids.forEach((c, j) => {
    const background = (initial[0] as number) + (initial[1] as number) * (c - middle);
    const k = Math.min(m - 1, Math.max(0, Math.round(c) - start));
    initial[HEAD + 2 * j] = Math.max((y[k] as number) - background, 1);
    initial[HEAD + 2 * j + 1] = c;
    [lower[HEAD + 2 * j], lower[HEAD + 2 * j + 1], upper[HEAD + 2 * j + 1]] = [0, start, end];
  });

  const model = (p: Float64Array, out: Float64Array): void => evaluate(p, out, null, start, middle, ratios);
  const scratch = new Float64Array(m);
  const jacobian = (p: Float64Array, jac: Float64Array): void => evaluate(p, scratch, jac, start, middle, ratios);
  const bounds = { lowerBounds: lower, upperBounds: upper, jacobian };
  let fit = levenbergMarquardt(y, model, initial, { ...bounds, weights: y.map((v) => 1 / Math.max(v, 1)) });
  const fitted = new Float64Array(m);
  if (weighting === 'model') {
    model(fit.parameters, fitted);
    const weights = fitted.map((v) => 1 / Math.max(v, 1));
    fit = levenbergMarquardt(y, model, fit.parameters, { ...bounds, weights });
  }
  model(fit.parameters, fitted);

  const p = fit.parameters;
  const cov = fit.covariance;
  const scale = Number.isNaN(fit.reducedChiSquare) ? 1 : Math.max(fit.reducedChiSquare, 1);
  const v = (a: number, b: number): number => (cov[a * n + b] as number) * scale;
  const s = p[2] as number;
  const peaks = centroids.map((_, j): GammaPeak => {
    const ia = HEAD + 2 * j;
    const r = ratios[j] as number;
    const amplitude = p[ia] as number;
    const centroid = p[ia + 1] as number;
    const netArea = SQRT_2PI * amplitude * s * r;
    const areaVariance =
      2 * Math.PI * r * r * (s * s * v(ia, ia) + amplitude ** 2 * v(2, 2) + 2 * amplitude * s * v(ia, 2));
    const netAreaSigma = Math.sqrt(Math.max(areaVariance, 0));
    const dispersion = Math.abs(energyAt(centroid + 0.5) - energyAt(centroid - 0.5));
    return {
      centroidKeV: energyAt(centroid),
      centroidSigmaKeV: Math.sqrt(v(ia + 1, ia + 1)) * dispersion,
      fwhmKeV: FWHM_PER_SIGMA * s * r * dispersion,
      fwhmSigmaKeV: FWHM_PER_SIGMA * r * Math.sqrt(v(2, 2)) * dispersion,
      netArea,
      netAreaSigma,
      significance: netArea > 0 && netAreaSigma > 0 ? netArea / netAreaSigma : 0,
      centroidChannel: centroid,
      regionId,
    };
  });
  return {
    peaks,
    start,
    end,
    chiSquare: fit.chiSquare,
    reducedChiSquare: fit.reducedChiSquare,
    converged: fit.converged,
    offset: p[0] as number,
    slope: p[1] as number,
    stepRatio: p[3] as number,
    fwhmChannels: ratios.map((r) => FWHM_PER_SIGMA * s * r),
    widthOnBound: fit.atBound[2] === true,
    model: fitted,
  };
}

function constantOf(value: number): (channel: number) => number {
  return () => value;
}

function mean(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] as number;
  return sum / (to - from);
}

function check(channels: number, options: FitPeakRegionOptions, fwhmAt: (channel: number) => number): void {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `fitPeakRegion: ${message}`);
  };
  const { start, end, centroids, widthRange } = options;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end < channels && start <= end)) {
    fail(`start and end must be integers with 0 ≤ start ≤ end < ${channels} (got ${start}, ${end})`);
  }
  if (centroids.length === 0) fail('centroids must hold at least one peak');
  const parameters = HEAD + 2 * centroids.length;
  if (end - start + 1 <= parameters) {
    fail(`the region needs more than ${parameters} channels for ${centroids.length} peak(s) (got ${end - start + 1})`);
  }
  for (const c of centroids) {
    if (!(c >= start && c <= end)) fail(`centroids must lie within [start, end] (got ${c})`);
    const f = fwhmAt(c);
    if (!(f > 0 && Number.isFinite(f))) fail(`fwhm must be finite and > 0 (got ${f} at channel ${c})`);
  }
  if (
    widthRange !== undefined &&
    !(widthRange[0] > 0 && widthRange[1] >= widthRange[0] && Number.isFinite(widthRange[1]))
  ) {
    fail(`widthRange must be [low, high] with 0 < low ≤ high (got ${widthRange.join(', ')})`);
  }
  const { weighting } = options;
  if (weighting !== undefined && weighting !== 'data' && weighting !== 'model') {
    fail(`weighting must be 'data' or 'model' (got ${String(weighting)})`);
  }
}

/**
 * Model (and, when `jac` is given, its Jacobian) over the region. With t = (x − c)/σ,
 * g = e^(−t²/2), e = ½·erfc(t/√2): f = b0 + b1·u + Σ A·(g + h·e), and
 * ∂f/∂c = A·g·(t + h/√(2π))/σ, ∂f/∂σ = A·g·t·(t + h/√(2π))/σ, ∂f/∂s = Σ r_j·∂f/∂σ_j.
 */
function evaluate(
  p: Float64Array,
  out: Float64Array,
  jac: Float64Array | null,
  start: number,
  middle: number,
  ratios: readonly number[],
): void {
  const n = p.length;
  const m = out.length;
  const s = p[2] as number;
  const h = p[3] as number;
  for (let i = 0; i < m; i++) {
    const x = start + i;
    const u = x - middle;
    let value = (p[0] as number) + (p[1] as number) * u;
    const row = i * n;
    if (jac !== null) {
      jac[row] = 1;
      jac[row + 1] = u;
      jac[row + 2] = 0;
      jac[row + 3] = 0;
    }
    for (let j = 0; j < ratios.length; j++) {
      const ia = HEAD + 2 * j;
      const amplitude = p[ia] as number;
      const sigma = s * (ratios[j] as number);
      const t = (x - (p[ia + 1] as number)) / sigma;
      const g = t * t < 1400 ? Math.exp(-0.5 * t * t) : 0;
      const e = halfErfc(t);
      value += amplitude * (g + h * e);
      if (jac === null) continue;
      const common = (amplitude * g * (t + h / SQRT_2PI)) / sigma;
      jac[row + ia] = g + h * e;
      jac[row + ia + 1] = common;
      jac[row + 2] = (jac[row + 2] as number) + (ratios[j] as number) * common * t;
      jac[row + 3] = (jac[row + 3] as number) + amplitude * e;
    }
    out[i] = value;
  }
}

/** ½·erfc(t/√2), the upper tail of the standard normal (Numerical Recipes erfcc, relative error < 1.2e-7). */
function halfErfc(t: number): number {
  const z = Math.abs(t) / Math.SQRT2;
  if (z > 27) return t > 0 ? 0 : 1;
  const q = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    q *
      (1.00002368 +
        q *
          (0.37409196 +
            q *
              (0.09678418 +
                q *
                  (-0.18628806 +
                    q * (0.27886807 + q * (-1.13520398 + q * (1.48851587 + q * (-0.82215223 + q * 0.17087277))))))));
  const value = 0.5 * q * Math.exp(poly);
  return t >= 0 ? value : 1 - value;
}
