import { WorkbenchError } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import type { LevenbergMarquardtResult } from '../../../numeric/levenbergMarquardt';
import { estimateSpectralNoise, lineWidthPpm, snrLcmodel } from './fitQuality';
import { initialLcmParameters } from './initialLcmParameters';
import { LcmLinearPart } from './lcmLinearPart';
import { LcmModel } from './lcmModel';
import { lcmNormalMatrix, lcmProjectedNormalEquations } from './lcmProjection';
import type { PreparedBasis } from './prepareBasis';
import { variableProjection } from './varpro';

/** Options of {@link fitLcm}; every one has a default that suits 1H brain spectra at 1.5–7 T. */
export interface LcmFitOptions {
  /** Fit range, ppm (default [0.2, 4.2], as FSL-MRS and LCModel's usual PPMST/PPMEND). */
  readonly rangePpm?: readonly [number, number];
  /** Baseline spline knot spacing, ppm (default 0.25, between Osprey's 0.4 and LCModel's 0.15; `Infinity` for none). */
  readonly baselineKnotSpacingPpm?: number;
  /**
   * Second-difference penalty of the baseline, in noise-variance units (default 0.03: stiffer
   * baselines, e.g. 10, leave the broad in vivo background at 0.2–1.2 ppm unfitted — fit quality 5.3
   * instead of 2.0 on the Philips fixture).
   */
  readonly baselineSmoothness?: number;
  /** Prior SD of the first-order phase, °/ppm (default 20, LCModel's SDDEGP). */
  readonly phase1PriorSdDegPerPpm?: number;
  /** Largest shift a group may take, ppm (default 0.1: reference the spectrum first). */
  readonly maxShiftPpm?: number;
  /**
   * Side points of the free lineshape kernel of the metabolites (LCModel-style, spaced 0.01 ppm;
   * `lineshapeKernel.ts`); default 0 (Voigt lines only); 5 spans ±0.05 ppm. It fits skewed lines, but
   * trades with the group shift and widths, and on pure Voigt data it costs accuracy.
   */
  readonly lineshapePoints?: number;
  /** Most Levenberg–Marquardt iterations over the nonlinear parameters (default 200). */
  readonly maxIterations?: number;
}

/** The broadening and shift found for one group of basis components. */
export interface LcmGroupResult {
  readonly name: string;
  readonly lorentzianHz: number;
  readonly gaussianHz: number;
  readonly shiftHz: number;
  readonly shiftPpm: number;
}

/** A linear-combination fit of one spectrum. */
export interface LcmFit {
  readonly names: readonly string[];
  /** Group of each component. */
  readonly componentGroups: readonly string[];
  /** Amplitude of each component relative to its basis spectrum. */
  readonly amplitudes: Float64Array;
  /** Cramér–Rao lower bound (SD) of each amplitude; NaN where not estimable (amplitude held at 0). */
  readonly amplitudeSd: Float64Array;
  /** Covariance of the amplitudes (components × components, row-major): combined metabolites' CRLBs. */
  readonly amplitudeCovariance: Float64Array;
  readonly phase0Deg: number;
  readonly phase1DegPerPpm: number;
  readonly phasePivotPpm: number;
  readonly groups: readonly LcmGroupResult[];
  /** ppm of the fit bins (ascending) and, on them, the phase-corrected data, fit, baseline and residual (real parts). */
  readonly ppm: Float64Array;
  readonly data: Float64Array;
  readonly fit: Float64Array;
  readonly baseline: Float64Array;
  readonly residual: Float64Array;
  /** Each component's contribution (real part, phase corrected), in basis order. */
  readonly components: readonly Float64Array[];
  /** Noise SD of the spectrum (real part), from a signal-free region or, without one, the residual. */
  readonly noiseSd: number;
  readonly noiseSource: 'signal-free region' | 'residual';
  /** LCModel's S/N: maximum of data − baseline in the range over twice the RMS residual. */
  readonly snr: number;
  /** FWHM (ppm) of the fitted NAA singlet (Cr when there is no NAA); NaN when neither is in the basis. */
  readonly fwhmPpm: number;
  readonly fwhmOf: string;
  /** RMS residual over the noise SD (1 = the fit explains everything but noise). */
  readonly fitQuality: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Linear-combination fit of an MRS FID with a prepared basis set (see {@link LcmModel} for the
 * model): a starting point from a grid of zero-order phases and group widths/shifts, each solved
 * for non-negative amplitudes and a free baseline (`initialLcmParameters`), then variable projection
 * (`varpro.ts`): Levenberg–Marquardt on the phases, group widths/shifts and kernel weights only
 * (shifts within ±`maxShiftPpm`), the amplitudes (≥ 0, NNLS) and the baseline solved exactly at
 * every step (`LcmLinearPart`), with the exact projected Jacobian (`lcmProjection.ts`). It minimises
 * the same χ² as Levenberg–Marquardt on all parameters at once, in fewer, cheaper iterations.
 * Data rows are weighted by the noise variance, so (JᵀWJ)⁻¹ of the full Jacobian at the solution
 * gives Cramér–Rao bounds directly; they are inflated by the reduced χ² of the data rows when the
 * fit leaves more than noise (as LCModel's %SD does), and report what the fit can tell, not a
 * rejection rule (Kreis, Magn Reson Med 2016;75:15).
 *
 * @throws WorkbenchError `INVALID_OPTION` for a range with fewer bins than parameters.
 */
export function fitLcm(dataFid: ComplexArrays, basis: PreparedBasis, options: LcmFitOptions = {}): LcmFit {
  const acquisition = basis.acquisition;
  const rangePpm = options.rangePpm ?? [0.2, 4.2];
  const model = new LcmModel(dataFid, basis, {
    rangePpm,
    baselineKnotSpacingPpm: options.baselineKnotSpacingPpm ?? 0.25,
    baselineSmoothness: options.baselineSmoothness ?? 0.03,
    phase1PriorSd: ((options.phase1PriorSdDegPerPpm ?? 20) * Math.PI) / 180,
    phasePivotPpm: acquisition.centrePpm,
    kernel: {
      points: options.lineshapePoints ?? 0,
      stepHz: 0.01 * acquisition.spectrometerFrequencyMHz,
      priorSd: 0.05,
    },
  });
  const layout = model.layout;
  if (2 * model.bins < layout.count + 4) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `the fit range ${rangePpm[0]}–${rangePpm[1]} ppm holds ${model.bins} points, too few for ${layout.count} parameters`,
    );
  }
  const noiseRegion = estimateSpectralNoise(dataFid, acquisition);
  const maxShiftHz = (options.maxShiftPpm ?? 0.1) * acquisition.spectrometerFrequencyMHz;
  const start = initialLcmParameters(model, maxShiftHz);
  const noiseSd = noiseRegion ?? start.residualRms;
  const weights = new Float64Array(model.rows).fill(1 / (noiseSd * noiseSd));
  // Prior rows (first-order phase, group parameters) are already in χ² units.
  for (let r = model.priorRowsStart; r < model.rows; r++) weights[r] = 1;
  const lower = new Float64Array(layout.count).fill(Number.NEGATIVE_INFINITY);
  const upper = new Float64Array(layout.count).fill(Number.POSITIVE_INFINITY);
  for (let m = 0; m < model.components; m++) lower[m] = 0;
  lower[layout.phase1] = (-90 * Math.PI) / 180;
  upper[layout.phase1] = (90 * Math.PI) / 180;
  for (let g = 0; g < model.groupNames.length; g++) {
    const at = layout.groups + 3 * g;
    lower[at] = 0;
    upper[at] = 50;
    lower[at + 1] = 0;
    upper[at + 1] = 50 ** 2;
    lower[at + 2] = -maxShiftHz;
    upper[at + 2] = maxShiftHz;
    if (model.groupNames[g] === 'macromolecules') {
      // Macromolecule spectra are broad already: keep their extra broadening and shift small.
      upper[at] = 15;
      upper[at + 1] = 15 ** 2;
      lower[at + 2] = -0.03 * acquisition.spectrometerFrequencyMHz;
      upper[at + 2] = 0.03 * acquisition.spectrometerFrequencyMHz;
    }
  }
  const linear = new LcmLinearPart(model, model.baselineSmoothness);
  const nonlinear = Array.from({ length: layout.baseline - layout.phase0 }, (_, k) => layout.phase0 + k);
  const result = variableProjection(
    {
      y: model.target(),
      weights,
      nonlinear,
      solveLinear: (p) => linear.solveInto(p),
      model: (p, out) => model.evaluate(p, out),
      jacobian: (p, jac) => model.jacobian(p, jac),
      // Built from the model's structure (data and baseline-penalty rows share the weight 1/σ²).
      projectedNormalEquations: (p, values, free, normal, gradient) =>
        lcmProjectedNormalEquations(model, linear, p, values, weights[0] as number, free, normal, gradient),
      normalMatrix: (p) => lcmNormalMatrix(model, linear, p, weights[0] as number),
      lowerBounds: lower,
      upperBounds: upper,
    },
    start.parameters,
    { maxIterations: options.maxIterations ?? 200, chiSquareTolerance: 1e-7, parameterTolerance: 1e-8 },
  );
  return summarise(model, result, noiseRegion, noiseSd, acquisition.spectrometerFrequencyMHz);
}

function summarise(
  model: LcmModel,
  result: LevenbergMarquardtResult,
  noiseRegion: number | undefined,
  noiseSd: number,
  sf: number,
): LcmFit {
  const p = result.parameters;
  const layout = model.layout;
  const K = model.bins;
  const count = layout.count;
  const modelled = new Float64Array(model.rows);
  model.evaluate(p, modelled);
  let dataChi2 = 0;
  for (let r = 0; r < 2 * K; r++) {
    const d = r < K ? (model.data.re[r] as number) : (model.data.im[r - K] as number);
    dataChi2 += (d - (modelled[r] as number)) ** 2;
  }
  const freeCount = result.atBound.filter((held) => !held).length;
  const residualVariance = dataChi2 / Math.max(1, 2 * K - freeCount);
  const inflation = noiseRegion === undefined ? 1 : Math.max(1, residualVariance / (noiseSd * noiseSd));
  const m = model.components;
  const amplitudes = Float64Array.from({ length: m }, (_, k) => p[k] as number);
  const amplitudeSd = new Float64Array(m);
  const amplitudeCovariance = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++)
      amplitudeCovariance[a * m + b] = (result.covariance[a * count + b] as number) * inflation;
    const variance = amplitudeCovariance[a * m + a] as number;
    amplitudeSd[a] = result.atBound[a] || !(variance > 0) ? Number.NaN : Math.sqrt(variance);
  }
  // Undo the phase on data, fit and baseline so that the spectrum is absorptive in the real part.
  const unphase = (values: ComplexArrays): Float64Array => {
    const out = new Float64Array(K);
    for (let j = 0; j < K; j++) {
      const angle = -(
        (p[layout.phase0] as number) +
        (p[layout.phase1] as number) * ((model.ppm[j] as number) - pivot(model))
      );
      out[j] = (values.re[j] as number) * Math.cos(angle) - (values.im[j] as number) * Math.sin(angle);
    }
    return out;
  };
  const fitComplex = { re: modelled.subarray(0, K), im: modelled.subarray(K, 2 * K) };
  const data = unphase(model.data);
  const fit = unphase(fitComplex);
  const baseline = unphase(model.baseline(p));
  const residual = Float64Array.from(data, (d, j) => d - (fit[j] as number));
  const components = Array.from({ length: m }, (_, k) => {
    const column = model.column(p, k);
    return Float64Array.from({ length: K }, (_, j) => (p[k] as number) * (column[j] as number));
  });
  const names = model.componentNames;
  const groups = model.groupNames.map((name, g) => {
    const at = layout.groups + 3 * g;
    const shiftHz = p[at + 2] as number;
    return {
      name,
      lorentzianHz: p[at] as number,
      gaussianHz: Math.sqrt(Math.max(0, p[at + 1] as number)),
      shiftHz,
      shiftPpm: shiftHz / sf,
    };
  });
  const width = lineWidthPpm(model, p);
  let residualSquares = 0;
  for (const r of residual) residualSquares += r * r;
  const residualRms = Math.sqrt(residualSquares / Math.max(1, K));
  return {
    names,
    componentGroups: names.map((_, k) => model.groupNames[model.componentGroup[k] as number] as string),
    amplitudes,
    amplitudeSd,
    amplitudeCovariance,
    phase0Deg: ((((p[layout.phase0] as number) * 180) / Math.PI + 540) % 360) - 180,
    phase1DegPerPpm: ((p[layout.phase1] as number) * 180) / Math.PI,
    phasePivotPpm: pivot(model),
    groups,
    ppm: model.ppm,
    data,
    fit,
    baseline,
    residual,
    components,
    noiseSd,
    noiseSource: noiseRegion === undefined ? 'residual' : 'signal-free region',
    snr: snrLcmodel(data, baseline, residual),
    fwhmPpm: width.fwhmPpm,
    fwhmOf: width.of,
    fitQuality: residualRms / noiseSd,
    iterations: result.iterations,
    converged: result.converged,
  };
}

const pivot = (model: LcmModel): number => model.phasePivotPpm;
