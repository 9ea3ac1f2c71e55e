import { type ChannelCalibration, type Spectrum, WorkbenchError } from '../../../core';
import { calibrationProblem, channelEnergies } from '../calibration/energyCalibration';

/** A peak the user confirmed: where it is (fractional channel) and which energy it is. */
export interface CalibrationPoint {
  readonly channel: number;
  readonly energyKeV: number;
}

/**
 * A new polynomial energy calibration from two or more user-confirmed peaks, by least squares:
 * linear for two points (or when `order` is 1), quadratic from three points when `order` is 2.
 * Returns the spectrum on the new energy axis (counts unchanged) with the fit residuals in meta.
 * Deviation pairs of the old calibration are dropped (they belonged to it).
 * @throws WorkbenchError INVALID_OPTION for fewer points than the order needs, repeated channels,
 *   or a calibration that would not increase over the spectrum's channels.
 */
export function recalibrateFromPeaks(
  spectrum: Spectrum,
  points: readonly CalibrationPoint[],
  order: 1 | 2 = points.length >= 3 ? 2 : 1,
): Spectrum {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', message, { file: spectrum.file });
  };
  if (points.length < order + 1)
    fail(`a calibration of order ${order} needs at least ${order + 1} peaks, got ${points.length}`);
  if (new Set(points.map((p) => p.channel)).size !== points.length)
    fail('two calibration peaks are at the same channel');
  const coefficients = leastSquaresPolynomial(points, order);
  const n = spectrum.y.values.length;
  const calibration: ChannelCalibration = { model: 'polynomial', coefficients, channelCount: n, unit: 'keV' };
  const problem = calibrationProblem(calibration, n);
  if (problem !== undefined) fail(`the peaks give an unusable calibration: ${problem}`);
  const residuals = points.map((p) => {
    let e = 0;
    for (let k = coefficients.length - 1; k >= 0; k--) e = e * p.channel + (coefficients[k] as number);
    return e - p.energyKeV;
  });
  return {
    ...spectrum,
    id: `${spectrum.id}/recalibrated`,
    x: { values: channelEnergies(calibration, n), unit: 'keV', quantity: 'energy', calibration },
    meta: {
      ...spectrum.meta,
      recalibratedFrom: points.map((p) => `${p.channel}→${p.energyKeV}`).join(', '),
      recalibrationResidualsKeV: residuals.map((r) => Number(r.toPrecision(3))).join(', '),
    },
  };
}

/** Least-squares polynomial through (channel, energy) points via the normal equations (order ≤ 2: tiny, well conditioned after centring). */
function leastSquaresPolynomial(points: readonly CalibrationPoint[], order: number): number[] {
  const size = order + 1;
  const mean = points.reduce((s, p) => s + p.channel, 0) / points.length;
  const a = Array.from({ length: size }, () => new Float64Array(size + 1));
  for (const p of points) {
    const u = p.channel - mean;
    const powers = Array.from({ length: size }, (_, k) => u ** k);
    for (let r = 0; r < size; r++) {
      const row = a[r] as Float64Array;
      const pr = powers[r] as number;
      for (let c = 0; c < size; c++) row[c] = (row[c] as number) + pr * (powers[c] as number);
      row[size] = (row[size] as number) + pr * p.energyKeV;
    }
  }
  const centred = solve(a, size);
  // Expand Σ b_k (i − mean)^k into powers of i.
  const out = new Array<number>(size).fill(0);
  for (let k = 0; k < size; k++) {
    for (let j = 0; j <= k; j++) {
      out[j] = (out[j] as number) + (centred[k] as number) * binomial(k, j) * (-mean) ** (k - j);
    }
  }
  return out;
}

/** Binomial coefficient for n ≤ 2 (all the expansion above needs). */
function binomial(n: number, k: number): number {
  return k === 0 || k === n ? 1 : n;
}

function solve(a: Float64Array[], size: number): number[] {
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) {
      if (Math.abs((a[r] as Float64Array)[col] as number) > Math.abs((a[pivot] as Float64Array)[col] as number))
        pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot] as Float64Array, a[col] as Float64Array];
    const row = a[col] as Float64Array;
    const p = row[col] as number;
    if (Math.abs(p) < 1e-300) throw new RangeError('singular calibration system');
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const other = a[r] as Float64Array;
      const f = (other[col] as number) / p;
      for (let c = col; c <= size; c++) other[c] = (other[c] as number) - f * (row[c] as number);
    }
  }
  return a.map((row, r) => (row[size] as number) / (row[r] as number));
}
