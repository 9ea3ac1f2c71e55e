import { prepareInput } from '../../../ml/inference/prepareInput';
import type { InputContract } from '../../../ml/registry/modelCard';
import { deriveSeed } from '../../../ml/training/random';
import { fitVoigtRegion } from '../processing/fitVoigtRegion';
import { type CalibrationCurve, fitCalibrationCurve } from '../uncertainty/calibrationCurve';
import { inversePrediction } from '../uncertainty/inversePrediction';
import { type ConcentrationConditions, simulateConcentrationSpectrum } from './concentrationGenerator';
import { CONCENTRATION_METALS, SPECTRUM_CONTRACT } from './concentrationSetup';

/**
 * The classical baseline of the concentration models: one line per metal, its net area from a
 * Voigt fit with a linear background (`processing/fitVoigtRegion.ts`), calibrated against
 * concentration with standards measured at ONE reference matrix (conductivity, temperature) and
 * read back by inverse prediction (`uncertainty/calibrationCurve.ts`, `inversePrediction.ts`).
 * This is what a univariate calibration does when the sample's matrix differs from the standards'.
 */

/** The analytical line of a metal and the lines fitted with it. */
export interface UnivariateLine {
  readonly element: string;
  /** The line whose area is calibrated (nm, air; from the line library). */
  readonly wavelengthNm: number;
  /** Lines too close to leave out of the fit (fitted, not used), nm. */
  readonly companionsNm: readonly number[];
  /** Half-width of the fitted region (nm). */
  readonly halfWidthNm: number;
}

/**
 * The strongest line of each metal in the window that no other element of the samples overlaps
 * within the instrument's 0.6 nm FWHM (checked against the line library): Na I D2 (D1 fitted
 * beside it), Ca I 422.67 (resonance), the unresolved Mn I 403.08/403.31/403.45 triplet as one
 * peak, Cr I 425.43 (resonance), Ni I 352.45 (Ni I 351.51 fitted beside it). Fe I lines with
 * E_k > 6 eV sit within 0.1–1 nm of Ca 422.67 and Ni 352.45; they are weak at these plasma
 * temperatures and left in, as a real analyst would have to.
 */
export const UNIVARIATE_LINES: readonly UnivariateLine[] = [
  { element: 'Na', wavelengthNm: 588.995, companionsNm: [589.592], halfWidthNm: 2 },
  { element: 'Ca', wavelengthNm: 422.673, companionsNm: [], halfWidthNm: 1.2 },
  { element: 'Mn', wavelengthNm: 403.25, companionsNm: [], halfWidthNm: 1.2 },
  { element: 'Cr', wavelengthNm: 425.435, companionsNm: [], halfWidthNm: 1.2 },
  { element: 'Ni', wavelengthNm: 352.454, companionsNm: [351.505], halfWidthNm: 1.8 },
];

/** Reference matrix of the standards: 3000 µS/cm at 25 °C (inside the models' training range). */
export const REFERENCE_CONDITIONS = { conductivityUsCm: 3000, liquidTemperatureC: 25 } as const;

/** The equally spaced axis (nm) of a prepared spectrum of `contract`. */
export function contractAxis(contract: InputContract): Float64Array {
  const { min, max } = contract.axis;
  return Float64Array.from({ length: contract.length }, (_, i) => min + ((max - min) * i) / (contract.length - 1));
}

/**
 * Net area (counts·nm) of `line` in a prepared spectrum (values on `axis`), or NaN when the fit
 * cannot be made (too few points, no convergence to a finite value).
 */
export function netLineArea(axis: Float64Array, values: ArrayLike<number>, line: UnivariateLine): number {
  const from = axis.findIndex((x) => x >= line.wavelengthNm - line.halfWidthNm);
  let to = axis.findIndex((x) => x > line.wavelengthNm + line.halfWidthNm);
  if (to < 0) to = axis.length;
  if (from < 0 || to - from < 4) return Number.NaN;
  const x = axis.subarray(from, to);
  const y = Float64Array.from({ length: to - from }, (_, i) => values[from + i] as number);
  const edge = Math.min(y[0] as number, y[y.length - 1] as number);
  const height = Math.max(1, Math.max(...y) - edge);
  try {
    const fit = fitVoigtRegion(
      x,
      y,
      [line.wavelengthNm, ...line.companionsNm].map((centre) => ({ x: centre, height, fwhm: 0.65 })),
      { background: 'linear' },
    );
    const area = fit.lines[0]?.area ?? Number.NaN;
    return Number.isFinite(area) ? area : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** One calibration per metal, fitted at the reference matrix. */
export interface UnivariateCalibration {
  readonly lines: readonly UnivariateLine[];
  readonly curves: readonly CalibrationCurve[];
  readonly reference: typeof REFERENCE_CONDITIONS;
}

/**
 * Calibrates every metal at the reference matrix from simulated multi-element standards: `levels`
 * levels log-spaced over each metal's training range (all metals at the same relative level, no
 * matrix elements, as clean standards are made), `replicates` spectra each (own noise seeds from
 * `seed`), net areas of {@link UNIVARIATE_LINES}, a quadratic through them (self-absorption bends
 * the top of Na and Ca) weighted 1/x² (constant relative SD).
 */
export function fitUnivariateCalibration(seed: number, levels = 6, replicates = 3): UnivariateCalibration {
  const axis = contractAxis(SPECTRUM_CONTRACT);
  const x: number[][] = UNIVARIATE_LINES.map(() => []);
  const y: number[][] = UNIVARIATE_LINES.map(() => []);
  for (let level = 0; level < levels; level++) {
    const fraction = level / (levels - 1);
    const concentrationsMgL = Object.fromEntries(
      CONCENTRATION_METALS.map((m) => [m.element, m.minMgL * (m.maxMgL / m.minMgL) ** fraction]),
    );
    const conditions: ConcentrationConditions = {
      ...REFERENCE_CONDITIONS,
      concentrationsMgL,
      readConductivityUsCm: REFERENCE_CONDITIONS.conductivityUsCm,
      readTemperatureC: REFERENCE_CONDITIONS.liquidTemperatureC,
    };
    for (let r = 0; r < replicates; r++) {
      const spectrum = simulateConcentrationSpectrum(conditions, deriveSeed(seed, level, r));
      const prepared = prepareInput(spectrum, SPECTRUM_CONTRACT);
      UNIVARIATE_LINES.forEach((line, k) => {
        const area = netLineArea(axis, prepared, line);
        if (!Number.isFinite(area)) return;
        x[k]?.push(concentrationsMgL[line.element] as number);
        y[k]?.push(area);
      });
    }
  }
  const curves = UNIVARIATE_LINES.map((_, k) =>
    fitCalibrationCurve(x[k] as number[], y[k] as number[], { degree: 2, weighting: 'inverseX2' }),
  );
  return { lines: UNIVARIATE_LINES, curves, reference: REFERENCE_CONDITIONS };
}

/**
 * Concentrations (mg/L, in {@link UNIVARIATE_LINES} order) of one prepared spectrum read back from
 * the calibration; NaN where the line cannot be fitted or the curve never reaches its area.
 */
export function predictUnivariate(calibration: UnivariateCalibration, values: ArrayLike<number>): Float64Array {
  const axis = contractAxis(SPECTRUM_CONTRACT);
  return Float64Array.from(calibration.lines, (line, k) => {
    const area = netLineArea(axis, values, line);
    if (!Number.isFinite(area)) return Number.NaN;
    try {
      return inversePrediction(calibration.curves[k] as CalibrationCurve, [area]).concentration;
    } catch {
      return Number.NaN;
    }
  });
}
