import { WorkbenchError } from '../core/errors';
import type { Spectrum } from '../core/spectrum';
import {
  type BandPoint,
  type CalibrationCurve,
  calibrationBands,
  curveSlope,
  fitCalibrationCurve,
  fittedVariance,
  singleSignalVariance,
} from '../domains/emission/uncertainty/calibrationCurve';
import type { BudgetComponent, UncertaintyBudget } from '../domains/emission/uncertainty/combinedUncertainty';
import { type InversePrediction, inversePrediction } from '../domains/emission/uncertainty/inversePrediction';
import {
  type ResultWithUncertainty,
  resultWithUncertainty,
} from '../domains/emission/uncertainty/resultWithUncertainty';
import { type CalibrationLine, type LineSignal, lineSignal } from './emissionLineSignal';

/** A standard: a spectrum and the concentration it was made up to. */
export interface CalibrationStandard {
  readonly spectrum: Spectrum;
  /** Concentration (the calibration's unit, e.g. mg/L). */
  readonly concentration: number;
}

/** A further uncertainty component the laboratory knows (Nordtest u(R_w) or u(bias) evidence). */
export interface ExtraComponent {
  readonly name: string;
  /** Standard uncertainty: concentration units (absolute) or a fraction of the result (relative). */
  readonly u: number;
  readonly scale: 'absolute' | 'relative';
  readonly group: 'Rw' | 'bias';
}

/** Settings of a calibration. */
export interface EmissionCalibrationOptions {
  /** 1 straight line (default) or 2 quadratic (self-absorption bends the curve at high concentration). */
  readonly degree?: 1 | 2;
  /** `none` (default) or `inverseX2` (constant relative SD). */
  readonly weighting?: 'none' | 'inverseX2';
  /** Confidence of bands and intervals, default 0.95. */
  readonly confidence?: number;
  /** Coverage factor of U: a number, or `t` (default): t_{(1+confidence)/2, n−p}, rounded to 3 digits. */
  readonly coverage?: number | 't';
  /** Concentration unit shown after results (default `mg/L`). */
  readonly unit?: string;
  /** Further components added to each unknown's budget (e.g. the lab's u(R_w) and u(bias)). */
  readonly extraComponents?: readonly ExtraComponent[];
  /** Concentrations at which the bands are evaluated (default 61 points over 0 … 1.1 × the top). */
  readonly bandPoints?: number;
}

/** A standard as calibrated: its concentration, line signal and residual from the curve. */
export interface CalibratedStandard {
  readonly spectrumId: string;
  readonly name: string;
  readonly concentration: number;
  readonly signal: LineSignal;
  /** Signal − fitted signal. */
  readonly residual: number;
}

/** One unknown read back from the curve. */
export interface UnknownResult {
  readonly spectrumId: string;
  readonly name: string;
  readonly signal: LineSignal;
  /** x̂₀, u(x̂₀), the t-interval, extrapolation and LOD/LOQ flags (`uncertainty/inversePrediction`). */
  readonly prediction: InversePrediction;
  /** Value ± U with the budget scaled to it and the display text (`uncertainty/resultWithUncertainty`). */
  readonly result: ResultWithUncertainty;
  readonly extrapolation?: 'below' | 'above';
}

/** Everything a calibration view shows. */
export interface EmissionCalibration {
  readonly line: CalibrationLine;
  readonly unit: string;
  readonly standards: readonly CalibratedStandard[];
  readonly curve: CalibrationCurve;
  /** Pointwise confidence (mean response) and prediction (one new signal) bands. */
  readonly bands: readonly BandPoint[];
  readonly unknowns: readonly UnknownResult[];
  readonly coverageFactor: number;
}

/**
 * The budget of one unknown at its concentration x̂₀, in concentration units. The two parts of
 * u(x̂₀) from `inversePrediction`, kept apart so the table shows which dominates:
 * - signal repeatability √(s²/(m·w(x̂₀)))/|dy/dx| — the scatter of one new signal about the curve,
 *   estimated by the residual SD of the standards (random: group R_w);
 * - calibration curve √(gᵀ·cov(β)·g)/|dy/dx| — the fitted curve's own uncertainty, common to every
 *   result read from it (systematic for them: group bias);
 * plus the laboratory's extra components (relative ones × |x̂₀|). u_c is their root sum of squares
 * (Nordtest NT TR 537: u_c = √(u(R_w)² + u(bias)²)), U = k·u_c.
 */
function unknownBudget(
  curve: CalibrationCurve,
  x0: number,
  replicates: number,
  k: number,
  extra: readonly ExtraComponent[],
): UncertaintyBudget {
  const slope = Math.abs(curveSlope(curve, x0));
  const parts: Omit<BudgetComponent, 'share'>[] = [
    {
      name: 'signal repeatability (residual SD of the standards)',
      u: Math.sqrt(singleSignalVariance(curve, x0) / replicates) / slope,
      scale: 'absolute',
      group: 'Rw',
      dof: curve.dof,
    },
    {
      name: 'calibration curve (fitted coefficients)',
      u: Math.sqrt(fittedVariance(curve, x0)) / slope,
      scale: 'absolute',
      group: 'bias',
      dof: curve.dof,
    },
    ...extra.map((c) => ({
      name: c.name,
      u: c.scale === 'relative' ? c.u * Math.abs(x0) : c.u,
      scale: 'absolute' as const,
      group: c.group,
    })),
  ];
  const sum = (group?: 'Rw' | 'bias') =>
    parts.filter((p) => group === undefined || p.group === group).reduce((s, p) => s + p.u * p.u, 0);
  const uc = Math.sqrt(sum());
  return {
    scale: 'absolute',
    uRw: Math.sqrt(sum('Rw')),
    uBias: Math.sqrt(sum('bias')),
    uc,
    k,
    U: k * uc,
    components: parts.map((p) => ({ ...p, share: uc > 0 ? (p.u * p.u) / (uc * uc) : 0 })),
  };
}

/** Concentrations for the bands: from 0 (or below the lowest standard) to 1.1 × the top, and the unknowns. */
function bandGrid(curve: CalibrationCurve, unknowns: readonly number[], points: number): number[] {
  const finite = unknowns.filter(Number.isFinite);
  const low = Math.min(0, curve.range.min, ...finite);
  const high = Math.max(curve.range.max * 1.1, ...finite.map((u) => u * 1.05));
  const grid = Array.from({ length: points }, (_, i) => low + ((high - low) * i) / (points - 1));
  // under 1/x² weights the band at x = 0 is degenerate: start just above it
  return curve.weighting === 'inverseX2' ? grid.map((v) => (v === 0 ? (high - low) / (10 * points) : v)) : grid;
}

/**
 * Classical univariate calibration of an emission line: the net line signal of each standard and
 * unknown ({@link lineSignal}), a calibration curve through the standards with its covariance and
 * detection limits (`uncertainty/calibrationCurve`, OLS or 1/x² WLS; replicate standards are
 * separate points), pointwise confidence and prediction bands, and each unknown read back by
 * `uncertainty/inversePrediction` (x̂₀ ± t·u, extrapolation outside the standards, LOD/LOQ flags)
 * with a budget ({@link unknownBudget}) shown through `uncertainty/resultWithUncertainty`.
 * `signal` is checked between spectra.
 * @throws WorkbenchError INVALID_DATA (fewer than 3 standards, fewer than 2 concentrations, a signal
 *   that does not depend on concentration, a non-finite concentration), INVALID_OPTION (a window
 *   outside a spectrum, bad options), CANCELLED.
 */
export function calibrateEmissionLine(
  standards: readonly CalibrationStandard[],
  line: CalibrationLine,
  unknowns: readonly Spectrum[],
  options: EmissionCalibrationOptions = {},
  signal?: AbortSignal,
): EmissionCalibration {
  const unit = options.unit ?? 'mg/L';
  const check = (file: string) => {
    if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'the calibration was cancelled', { file });
  };
  standards.forEach((s, i) => {
    if (!Number.isFinite(s.concentration) || s.concentration < 0) {
      throw new WorkbenchError(
        'INVALID_DATA',
        `standard ${i + 1} (${s.spectrum.name}) has no concentration ≥ 0 (got ${s.concentration})`,
        { file: s.spectrum.file },
      );
    }
  });
  const signals = standards.map((s) => {
    check(s.spectrum.file);
    return lineSignal(s.spectrum, line);
  });
  const curve = fitCalibrationCurve(
    standards.map((s) => s.concentration),
    signals.map((s) => s.area),
    {
      degree: options.degree ?? 1,
      weighting: options.weighting ?? 'none',
      ...(options.confidence === undefined ? {} : { confidence: options.confidence }),
    },
  );
  const coverage = options.coverage ?? 't';
  const k = coverage === 't' ? Number(curve.tFactor.toPrecision(3)) : coverage;
  if (!(k > 0 && Number.isFinite(k))) {
    throw new WorkbenchError('INVALID_OPTION', `the coverage factor must be a positive number (got ${k})`);
  }
  const loq = curve.detectionLimits.loq;
  const results = unknowns.map((spectrum): UnknownResult => {
    check(spectrum.file);
    const measured = lineSignal(spectrum, line);
    const prediction = inversePrediction(curve, [measured.area]);
    const x0 = prediction.concentration;
    const budget = unknownBudget(curve, x0, 1, k, options.extraComponents ?? []);
    const result = resultWithUncertainty(x0, { absolute: budget, unit, ...(Number.isFinite(loq) ? { loq } : {}) });
    return {
      spectrumId: spectrum.id,
      name: spectrum.name,
      signal: measured,
      prediction,
      result,
      ...(prediction.extrapolation === undefined ? {} : { extrapolation: prediction.extrapolation }),
    };
  });
  const fitted = (x: number) => curve.coefficients.reduce((sum, c, power) => sum + c * x ** power, 0);
  return {
    line,
    unit,
    standards: standards.map((s, i) => ({
      spectrumId: s.spectrum.id,
      name: s.spectrum.name,
      concentration: s.concentration,
      signal: signals[i] as LineSignal,
      residual: (signals[i] as LineSignal).area - fitted(s.concentration),
    })),
    curve,
    bands: calibrationBands(
      curve,
      bandGrid(
        curve,
        results.map((r) => r.prediction.concentration),
        options.bandPoints ?? 61,
      ),
    ),
    unknowns: results,
    coverageFactor: k,
  };
}
