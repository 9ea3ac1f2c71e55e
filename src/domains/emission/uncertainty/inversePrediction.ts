import { WorkbenchError } from '../../../core';
import {
  type CalibrationCurve,
  curveSlope,
  fittedVariance,
  predictSignal,
  singleSignalVariance,
} from './calibrationCurve';

/** Options of {@link inversePrediction}. */
export interface InversePredictionOptions {
  /**
   * What to do when the concentration falls outside the calibrated range: `flag` (default) returns
   * it with `extrapolation` set; `throw` raises `INVALID_DATA`.
   */
  readonly onExtrapolation?: 'flag' | 'throw';
}

/** Concentration of an unknown read back from the calibration, with its uncertainty. */
export interface InversePrediction {
  /** x̂₀ (concentration units). */
  readonly concentration: number;
  /** u(x̂₀), the standard uncertainty from the calibration and the m signals. */
  readonly standardUncertainty: number;
  /** x̂₀ ∓ t·u(x̂₀) with t = t_{(1+confidence)/2, n−p} of the curve. */
  readonly interval: readonly [number, number];
  readonly confidence: number;
  /** ȳ₀, the mean of the signals. */
  readonly meanSignal: number;
  /** m, the number of signals averaged. */
  readonly replicates: number;
  /** Set when x̂₀ lies below the lowest or above the highest standard. */
  readonly extrapolation?: 'below' | 'above';
  /** x̂₀ below the curve's LOD / LOQ. */
  readonly belowDetectionLimit: boolean;
  readonly belowQuantificationLimit: boolean;
}

/**
 * Concentration of an unknown from m replicate signals, by inverting the calibration curve, with
 * its standard uncertainty from first-order propagation of the curve's covariance and the signal
 * scatter:
 *
 *   u²(x̂₀) = [s²/(m·w(x̂₀)) + gᵀ·cov(β)·g] / (dy/dx at x̂₀)²,  g = (1, x̂₀, x̂₀²)
 *
 * For an unweighted straight line this is exactly the classical formula
 * s_x0 = (s_y/x / b)·√(1/m + 1/n + (ȳ₀ − ȳ)²/(b²·Σ(xᵢ − x̄)²)) (Miller & Miller, Statistics and
 * Chemometrics for Analytical Chemistry 6th ed., §5.6; ISO 8466-1:1990; Eurachem/CITAC Guide CG4
 * 3rd ed. 2012, Appendix E.4), since gᵀ·cov·g = s²(1/n + (x̂₀ − x̄)²/Sxx) and
 * x̂₀ − x̄ = (ȳ₀ − ȳ)/b. For weighted and quadratic curves it is the same delta-method expression
 * (Eurachem/CITAC CG4 E.4 for weights; ISO 8466-2:2001 for the second-order calibration).
 * The interval uses the curve's t-factor with n − p degrees of freedom (Miller & Miller §5.6).
 *
 * @throws WorkbenchError `INVALID_DATA` when no signal is given, a signal is not finite, a quadratic
 *   curve never reaches the mean signal, or (with `onExtrapolation: 'throw'`) x̂₀ lies outside
 *   the standards.
 */
export function inversePrediction(
  curve: CalibrationCurve,
  signals: readonly number[],
  options: InversePredictionOptions = {},
): InversePrediction {
  const m = signals.length;
  if (m === 0) throw new WorkbenchError('INVALID_DATA', 'no signal of the unknown was given');
  const bad = signals.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new WorkbenchError('INVALID_DATA', `signal ${bad + 1} of the unknown is not a finite number`);
  const meanSignal = signals.reduce((sum, v) => sum + v, 0) / m;
  const x0 = invertCurve(curve, meanSignal);
  const slope = curveSlope(curve, x0);
  const variance = (singleSignalVariance(curve, x0) / m + fittedVariance(curve, x0)) / (slope * slope);
  const u = Math.sqrt(variance);
  const halfWidth = curve.tFactor * u;
  const extrapolation = x0 < curve.range.min ? 'below' : x0 > curve.range.max ? 'above' : undefined;
  if (extrapolation !== undefined && options.onExtrapolation === 'throw') {
    throw new WorkbenchError(
      'INVALID_DATA',
      `the unknown (${formatNumber(x0)}) lies ${extrapolation} the calibrated range ${formatNumber(curve.range.min)}–${formatNumber(curve.range.max)}`,
    );
  }
  return {
    concentration: x0,
    standardUncertainty: u,
    interval: [x0 - halfWidth, x0 + halfWidth],
    confidence: curve.confidence,
    meanSignal,
    replicates: m,
    ...(extrapolation === undefined ? {} : { extrapolation }),
    belowDetectionLimit: x0 < curve.detectionLimits.lod,
    belowQuantificationLimit: x0 < curve.detectionLimits.loq,
  };
}

function formatNumber(value: number): string {
  return Number(value.toPrecision(4)).toString();
}

/**
 * x with y(x) = signal. A quadratic has up to two roots: the one inside the calibrated range is
 * taken (the lower one if both are, which happens only when the vertex lies inside the range), else
 * the one nearest to it (numerically stable root formula, Press et al. NR §5.6).
 */
function invertCurve(curve: CalibrationCurve, signal: number): number {
  const [a = 0, b = 0, c = 0] = curve.coefficients;
  if (curve.degree === 1 || c === 0) return (signal - a) / b;
  const a0 = a - signal;
  const disc = b * b - 4 * c * a0;
  if (disc < 0) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `the quadratic calibration never reaches the signal ${formatNumber(signal)} (beyond its vertex ${formatNumber(predictSignal(curve, -b / (2 * c)))})`,
    );
  }
  const q = -0.5 * (b + Math.sign(b || 1) * Math.sqrt(disc));
  const roots = [q / c, q !== 0 ? a0 / q : Number.NaN].filter(Number.isFinite);
  const { min, max } = curve.range;
  const distance = (x: number): number => (x < min ? min - x : x > max ? x - max : 0);
  roots.sort((r1, r2) => distance(r1) - distance(r2) || r1 - r2);
  return roots[0] as number;
}
