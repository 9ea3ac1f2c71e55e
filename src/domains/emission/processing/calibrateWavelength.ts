import { type AxisUnit, type ChannelCalibration, type Spectrum, WorkbenchError } from '../../../core';
import { quantityOfUnit } from '../../../core/units';
import { polynomialFit } from '../../../numeric/polynomialFit';
import { round } from './opticalSupport';

/** A line the user confirmed: where it shows (pixel or current axis value) and its true position. */
export interface CalibrationPair {
  readonly observed: number;
  readonly reference: number;
}

/** Options of {@link calibrateWavelength}. */
export interface WavelengthCalibrationOptions {
  /** Polynomial degree 1–3. Default: 1 for 2–3 pairs, 2 for 4, 3 from 5 (one spare pair at least from 3). */
  readonly order?: number;
  /** `observed` are fractional pixel indices (0-based) or values on the current axis. Default `axis`. */
  readonly observedIn?: 'axis' | 'pixel';
  /** Unit of the reference positions. Default: the axis unit when nm or cm-1, else nm. */
  readonly unit?: AxisUnit;
}

/** The recalibrated spectrum and how well the lines fit. */
export interface WavelengthCalibrationResult {
  readonly spectrum: Spectrum;
  readonly calibration: ChannelCalibration;
  /** reference − fitted position of each pair, in the order given (axis units). */
  readonly residuals: number[];
  /** RMS of the residuals over the degrees of freedom (NaN when the fit is exactly determined). */
  readonly rms: number;
}

/**
 * New x axis from confirmed lines (e.g. Hg 404.656, 435.834, 546.075, 576.961, 579.067 nm of a pen
 * lamp, `calibrationLines.ts`): x(i) = Σ c_k·i^k for pixel i, the least-squares polynomial through
 * (pixel, reference) of degree `order` (1–3, as spectrometer makers fit it: Avantes and Ocean Optics
 * store such coefficients, notes §3.5 [V]). Observed positions on the current axis are turned into
 * fractional pixels by linear interpolation of the axis, so a spectrum of any axis can be
 * recalibrated; the axis then keeps the polynomial as its `calibration` (centre-of-pixel convention).
 * Intensities are unchanged. Meta: `wavelengthCalibration` (`polynomial order k, N lines`),
 * `wavelengthCalibration.residuals` (reference − fit per pair), `wavelengthCalibration.rms`,
 * `wavelengthCalibration.largestChange` (largest |new x − old x| over the spectrum).
 * @throws WorkbenchError INVALID_OPTION for an order outside 1–3 or above pairs − 1, an observed
 *   position outside the spectrum, two pairs at one pixel, or a polynomial that is not increasing
 *   over the spectrum's pixels (lines swapped or mistyped).
 */
export function calibrateWavelength(
  spectrum: Spectrum,
  pairs: readonly CalibrationPair[],
  options: WavelengthCalibrationOptions = {},
): WavelengthCalibrationResult {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `wavelength calibration: ${message}`, { file: spectrum.file });
  };
  const x = spectrum.x.values;
  const n = x.length;
  const order = options.order ?? (pairs.length >= 5 ? 3 : pairs.length === 4 ? 2 : 1);
  if (!(Number.isInteger(order) && order >= 1 && order <= 3)) fail(`order must be 1, 2 or 3 (got ${order})`);
  if (pairs.length < order + 1) fail(`order ${order} needs at least ${order + 1} lines, got ${pairs.length}`);
  const pixels = pairs.map((pair) =>
    options.observedIn === 'pixel' ? pair.observed : fractionalPixel(x, pair.observed, fail),
  );
  pixels.forEach((pixel, k) => {
    if (!(pixel >= 0 && pixel <= n - 1)) fail(`line ${k + 1} at pixel ${pixel} lies outside the spectrum (0–${n - 1})`);
  });
  if (new Set(pixels.map((p) => p.toFixed(6))).size !== pixels.length) fail('two lines are at the same position');
  const fit = polynomialFit(
    pixels,
    pairs.map((pair) => pair.reference),
    order,
  );
  const values = Float64Array.from({ length: n }, (_, i) => fit.evaluate(i));
  for (let i = 1; i < n; i++) {
    if (!((values[i] as number) > (values[i - 1] as number))) {
      fail(
        `the fitted polynomial is not increasing at pixel ${i} (${round(values[i - 1] as number)} → ` +
          `${round(values[i] as number)}): check that each observed line is paired with the right reference`,
      );
    }
  }
  const unit = options.unit ?? (spectrum.x.unit === 'nm' || spectrum.x.unit === 'cm-1' ? spectrum.x.unit : 'nm');
  const calibration: ChannelCalibration = {
    model: 'polynomial',
    coefficients: Array.from(fit.coefficients),
    channelCount: n,
    unit,
    channelReference: 'centre',
  };
  const residuals = pairs.map((pair, k) => pair.reference - fit.evaluate(pixels[k] as number));
  const dof = pairs.length - (order + 1);
  const rms = dof > 0 ? Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / dof) : Number.NaN;
  let largestChange = 0;
  for (let i = 0; i < n; i++)
    largestChange = Math.max(largestChange, Math.abs((values[i] as number) - (x[i] as number)));
  const { calibration: _old, label: _label, ...axis } = spectrum.x;
  const recalibrated: Spectrum = {
    ...spectrum,
    id: `${spectrum.id}/calibrated`,
    x: { ...axis, values, unit, quantity: quantityOfUnit(unit), calibration },
    meta: {
      ...spectrum.meta,
      wavelengthCalibration: `polynomial order ${order}, ${pairs.length} lines`,
      'wavelengthCalibration.residuals': residuals.map((r) => round(r, 3)).join(', '),
      'wavelengthCalibration.rms': Number.isNaN(rms) ? 'exactly determined' : round(rms, 3),
      'wavelengthCalibration.largestChange': round(largestChange, 4),
    },
  };
  return { spectrum: recalibrated, calibration, residuals, rms };
}

/** Fractional pixel index of `value` on the ascending axis `x`, by linear interpolation. */
function fractionalPixel(x: Float64Array, value: number, fail: (message: string) => never): number {
  const n = x.length;
  if (!(value >= (x[0] as number) && value <= (x[n - 1] as number))) {
    fail(`observed position ${value} lies outside the axis (${x[0]}–${x[n - 1]})`);
  }
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((x[mid] as number) <= value) lo = mid;
    else hi = mid;
  }
  const span = (x[hi] as number) - (x[lo] as number);
  return span > 0 ? lo + (value - (x[lo] as number)) / span : lo;
}
