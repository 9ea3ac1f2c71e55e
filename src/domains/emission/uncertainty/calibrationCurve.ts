import { WorkbenchError } from '../../../core';
import { invertSymmetric } from '../../../numeric';
import { studentTQuantile } from './studentT';

/**
 * Calibration of an emission signal (line area or height, counts or a.u.) against analyte
 * concentration (any unit, e.g. mg/L): straight line or quadratic, fitted by ordinary or weighted
 * least squares, with the covariance of the coefficients, pointwise confidence and prediction
 * bands, and detection / quantification limits.
 *
 * Model: y = a + b·x (+ c·x²), with var(yᵢ) = s²/wᵢ. Coefficients β = (XᵀWX)⁻¹XᵀWy,
 * cov(β) = s²·(XᵀWX)⁻¹, s² = Σwᵢrᵢ²/(n − p) (ISO 11095:1996; Draper & Smith, Applied Regression
 * Analysis 3rd ed., the weighted-least-squares chapter). Weights: `none` (wᵢ = 1), `inverseX2`
 * (wᵢ = 1/xᵢ²: SD proportional to concentration, constant relative SD) or `inverseVariance`
 * (wᵢ = 1/sdᵢ² from replicate SDs of each standard; Miller & Miller, Statistics and Chemometrics for
 * Analytical Chemistry 6th ed. §5.10). Weights are used as given, not normalised: s is then the
 * factor that scales 1/√w to the SD of one signal (≈ 1 when the sdᵢ are right).
 */

/** How the standards are weighted. */
export type CalibrationWeighting = 'none' | 'inverseX2' | 'inverseVariance';

/** Options of {@link fitCalibrationCurve}. */
export interface CalibrationOptions {
  /** 1 (straight line, default) or 2 (quadratic). */
  readonly degree?: 1 | 2;
  /** Default `none`. */
  readonly weighting?: CalibrationWeighting;
  /** SD of the signal of each standard (signal units), needed by `inverseVariance`. */
  readonly sd?: readonly number[];
  /** Two-sided confidence level of bands and intervals, default 0.95. */
  readonly confidence?: number;
  /**
   * SD of blank signals (signal units). When given, LOD = 3·s₀/b and LOQ = 10·s₀/b (Eurachem,
   * The Fitness for Purpose of Analytical Methods 2nd ed. 2014: LOD = 3·s′₀, LOQ = k_Q·s′₀ with
   * k_Q = 10). Otherwise σ₀ is the fitted SD of a signal at x = 0 and
   * LOD = 3.3·σ₀/b, LOQ = 10·σ₀/b (ICH Q2(R1) §6.3 and §7.3, "SD of the response and slope").
   */
  readonly blankSd?: number;
}

/** Detection and quantification limits, in concentration units. */
export interface DetectionLimits {
  /** `blank`: from `blankSd`; `residual`: from the fitted SD at x = 0. */
  readonly method: 'blank' | 'residual';
  /** SD of a signal at zero concentration used (signal units); NaN when it cannot be known (1/x² weights without blanks). */
  readonly sigma0: number;
  readonly lod: number;
  readonly loq: number;
}

/** A fitted calibration curve (plain data: structured-cloneable). */
export interface CalibrationCurve {
  readonly degree: 1 | 2;
  readonly weighting: CalibrationWeighting;
  /** [a, b] or [a, b, c] of y = a + b·x + c·x². */
  readonly coefficients: readonly number[];
  /** cov(β) = s²·(XᵀWX)⁻¹, p × p row-major. */
  readonly covariance: readonly number[];
  /** Standard errors of the coefficients, √diag(cov). */
  readonly standardErrors: readonly number[];
  /** s of y (s_y/x for unweighted fits): var(yᵢ) = s²/wᵢ. */
  readonly residualSd: number;
  /** n − p. */
  readonly dof: number;
  /** Weighted coefficient of determination 1 − Σwr²/Σw(y − ȳ_w)². */
  readonly rSquared: number;
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly weights: readonly number[];
  /** Replicate SDs the weights came from (`inverseVariance` only), to interpolate w at new x. */
  readonly sd?: readonly number[];
  /** Lowest and highest standard. */
  readonly range: { readonly min: number; readonly max: number };
  readonly confidence: number;
  /** t_{(1+confidence)/2, n−p}. */
  readonly tFactor: number;
  readonly detectionLimits: DetectionLimits;
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_DATA', message);
}

function basis(x: number, degree: 1 | 2): number[] {
  return degree === 1 ? [1, x] : [1, x, x * x];
}

/**
 * Fits a calibration curve to standards (x = concentration, y = signal).
 * @throws WorkbenchError `INVALID_DATA` for mismatched lengths, non-finite values, fewer than p + 1
 *   standards or p distinct concentrations, a zero concentration under 1/x² weights, or a slope of
 *   zero; `INVALID_OPTION` for a bad option.
 */
export function fitCalibrationCurve(
  x: readonly number[],
  y: readonly number[],
  options: CalibrationOptions = {},
): CalibrationCurve {
  const { degree = 1, weighting = 'none', confidence = 0.95 } = options;
  const p = degree + 1;
  const n = x.length;
  if (degree !== 1 && degree !== 2) throw new WorkbenchError('INVALID_OPTION', `degree must be 1 or 2, got ${degree}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new WorkbenchError('INVALID_OPTION', `confidence must lie in (0, 1), got ${confidence}`);
  }
  if (y.length !== n) throw invalid(`${n} concentrations but ${y.length} signals`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw invalid(`standard ${i + 1} has a non-finite value`);
  }
  if (n < p + 1) throw invalid(`a degree-${degree} calibration needs at least ${p + 1} standards, got ${n}`);
  if (new Set(x).size < p) throw invalid(`a degree-${degree} calibration needs ${p} distinct concentrations`);
  const weights = standardWeights(x, weighting, options.sd);

  const xtwx = new Float64Array(p * p);
  const xtwy = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const g = basis(x[i] as number, degree);
    const w = weights[i] as number;
    for (let r = 0; r < p; r++) {
      xtwy[r] = (xtwy[r] as number) + w * (g[r] as number) * (y[i] as number);
      for (let c = 0; c < p; c++)
        xtwx[r * p + c] = (xtwx[r * p + c] as number) + w * (g[r] as number) * (g[c] as number);
    }
  }
  const inverse = invertSymmetric(xtwx, p);
  if (!inverse.every(Number.isFinite))
    throw invalid('the standards cannot determine the curve (singular normal matrix)');
  const beta: number[] = [];
  for (let r = 0; r < p; r++) {
    let sum = 0;
    for (let c = 0; c < p; c++) sum += (inverse[r * p + c] as number) * (xtwy[c] as number);
    beta.push(sum);
  }
  let sumW = 0;
  let sumWy = 0;
  for (let i = 0; i < n; i++) {
    sumW += weights[i] as number;
    sumWy += (weights[i] as number) * (y[i] as number);
  }
  const yMean = sumWy / sumW;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    const r = (y[i] as number) - evaluate(beta, x[i] as number);
    ssRes += w * r * r;
    ssTot += w * ((y[i] as number) - yMean) ** 2;
  }
  const dof = n - p;
  const s2 = ssRes / dof;
  const covariance = Array.from(inverse, (v) => v * s2);
  const xSpan = Math.max(...x) - Math.min(...x);
  const ySize = Math.max(...y.map(Math.abs));
  const change = Math.abs(beta[1] as number) * xSpan + Math.abs(beta[2] ?? 0) * xSpan * xSpan;
  if (!(change > 1e-12 * ySize)) {
    throw invalid('the fitted slope is zero: the signal does not depend on concentration');
  }
  const curve: Omit<CalibrationCurve, 'detectionLimits'> = {
    degree,
    weighting,
    coefficients: beta,
    covariance,
    standardErrors: beta.map((_, k) => Math.sqrt(covariance[k * p + k] as number)),
    residualSd: Math.sqrt(s2),
    dof,
    rSquared: ssTot > 0 ? 1 - ssRes / ssTot : Number.NaN,
    x: [...x],
    y: [...y],
    weights,
    ...(weighting === 'inverseVariance' && options.sd !== undefined ? { sd: [...options.sd] } : {}),
    range: { min: Math.min(...x), max: Math.max(...x) },
    confidence,
    tFactor: studentTQuantile((1 + confidence) / 2, dof),
  };
  return { ...curve, detectionLimits: detectionLimits(curve, options.blankSd) };
}

function standardWeights(
  x: readonly number[],
  weighting: CalibrationWeighting,
  sd: readonly number[] | undefined,
): number[] {
  if (weighting === 'none') return x.map(() => 1);
  if (weighting === 'inverseX2') {
    const zero = x.indexOf(0);
    if (zero >= 0) {
      throw invalid(
        `standard ${zero + 1} has concentration 0, which 1/x² weighting cannot weight (use inverseVariance)`,
      );
    }
    return x.map((v) => 1 / (v * v));
  }
  if (weighting !== 'inverseVariance') throw new WorkbenchError('INVALID_OPTION', `unknown weighting ${weighting}`);
  if (sd === undefined || sd.length !== x.length) {
    throw new WorkbenchError('INVALID_OPTION', `inverseVariance weighting needs one SD per standard (${x.length})`);
  }
  const bad = sd.findIndex((v) => !(v > 0 && Number.isFinite(v)));
  if (bad >= 0) throw new WorkbenchError('INVALID_OPTION', `the SD of standard ${bad + 1} is not a positive number`);
  return sd.map((v) => 1 / (v * v));
}

function evaluate(beta: readonly number[], x: number): number {
  let value = 0;
  for (let k = beta.length - 1; k >= 0; k--) value = value * x + (beta[k] as number);
  return value;
}

/** Fitted signal at concentration x. */
export function predictSignal(curve: CalibrationCurve, x: number): number {
  return evaluate(curve.coefficients, x);
}

/** dy/dx of the curve at x (the sensitivity: b for a line, b + 2c·x for a quadratic). */
export function curveSlope(curve: CalibrationCurve, x: number): number {
  const [, b = 0, c = 0] = curve.coefficients;
  return b + 2 * c * x;
}

/** Variance of the fitted mean signal at x: gᵀ·cov(β)·g with g = (1, x, x²). */
export function fittedVariance(curve: CalibrationCurve, x: number): number {
  const g = basis(x, curve.degree);
  const p = g.length;
  let v = 0;
  for (let r = 0; r < p; r++)
    for (let c = 0; c < p; c++) v += (g[r] as number) * (curve.covariance[r * p + c] as number) * (g[c] as number);
  return v;
}

/**
 * Variance of one new signal at concentration x: s²/w(x). w(x) = 1 (`none`), 1/x² (`inverseX2`:
 * 0 at x = 0), or 1/sd(x)² with sd linearly interpolated between the standards' SDs and held
 * constant beyond them (`inverseVariance`).
 */
export function singleSignalVariance(curve: CalibrationCurve, x: number): number {
  const s2 = curve.residualSd ** 2;
  if (curve.weighting === 'none') return s2;
  if (curve.weighting === 'inverseX2') return s2 * x * x;
  const sd = interpolateSd(curve.x, curve.sd ?? [], x);
  return s2 * sd * sd;
}

function interpolateSd(xs: readonly number[], sds: readonly number[], x: number): number {
  const order = xs.map((_, i) => i).sort((i, j) => (xs[i] as number) - (xs[j] as number));
  const first = order[0] as number;
  const last = order[order.length - 1] as number;
  if (x <= (xs[first] as number)) return sds[first] as number;
  if (x >= (xs[last] as number)) return sds[last] as number;
  for (let k = 1; k < order.length; k++) {
    const i = order[k - 1] as number;
    const j = order[k] as number;
    const x0 = xs[i] as number;
    const x1 = xs[j] as number;
    if (x <= x1 && x1 > x0)
      return (sds[i] as number) + ((x - x0) / (x1 - x0)) * ((sds[j] as number) - (sds[i] as number));
  }
  return sds[last] as number;
}

/** One point of {@link calibrationBands}. */
export interface BandPoint {
  readonly x: number;
  readonly fit: number;
  /** Half-width of the confidence band of the mean response, t·√(gᵀCg). */
  readonly confidenceHalfWidth: number;
  /** Half-width of the prediction band for the mean of `replicates` new signals, t·√(gᵀCg + s²/(m·w)). */
  readonly predictionHalfWidth: number;
}

/**
 * Pointwise confidence and prediction bands at each x (Draper & Smith; ISO 11095; pointwise, not
 * simultaneous Working–Hotelling bands). Both widen away from the weighted
 * centroid of the standards; the prediction band always contains the confidence band.
 * @param replicates - m, the number of new signals averaged (default 1).
 */
export function calibrationBands(curve: CalibrationCurve, xs: readonly number[], replicates = 1): BandPoint[] {
  if (!(Number.isInteger(replicates) && replicates >= 1)) {
    throw new WorkbenchError('INVALID_OPTION', `replicates must be a positive integer, got ${replicates}`);
  }
  return xs.map((x) => {
    const vf = fittedVariance(curve, x);
    return {
      x,
      fit: predictSignal(curve, x),
      confidenceHalfWidth: curve.tFactor * Math.sqrt(vf),
      predictionHalfWidth: curve.tFactor * Math.sqrt(vf + singleSignalVariance(curve, x) / replicates),
    };
  });
}

function detectionLimits(
  curve: Omit<CalibrationCurve, 'detectionLimits'>,
  blankSd: number | undefined,
): DetectionLimits {
  const slope = Math.abs(curve.coefficients[1] as number);
  if (blankSd !== undefined) {
    if (!(blankSd >= 0 && Number.isFinite(blankSd))) {
      throw new WorkbenchError('INVALID_OPTION', `blankSd must be a non-negative number, got ${blankSd}`);
    }
    return { method: 'blank', sigma0: blankSd, lod: (3 * blankSd) / slope, loq: (10 * blankSd) / slope };
  }
  const sigma0 =
    curve.weighting === 'inverseX2' ? Number.NaN : Math.sqrt(singleSignalVariance(curve as CalibrationCurve, 0));
  return { method: 'residual', sigma0, lod: (3.3 * sigma0) / slope, loq: (10 * sigma0) / slope };
}
