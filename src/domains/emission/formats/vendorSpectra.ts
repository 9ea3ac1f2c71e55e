import type { AxisUnit, ChannelCalibration, IntensityUnit, Spectrum, SpectrumMeta } from '../../../core';
import { quantityOfUnit } from '../../../core/units';
import { baseName } from '../../../formats/formatDescriptor';
import { vendorFail } from './vendorText';

/**
 * What one trace of a vendor file is (optical-notes §4.3–4.4): the `processed` quantity the software
 * computed (transmittance, reflectance, absorbance, irradiance …), or one of the raw detector
 * traces it was computed from: the `sample` (AvaSoft "scope"), the `dark` and the `reference`
 * (white). Kept as `meta.role`.
 */
export type SpectrumRole = 'processed' | 'sample' | 'dark' | 'reference';

/** One y trace of a vendor file. */
export interface VendorTrace {
  readonly role: SpectrumRole;
  readonly values: Float64Array;
  /** What y measures: `counts`, `transmittance`, `reflectance`, `absorbance`, `irradiance` …; `unknown` when the file does not say. */
  readonly quantity: string;
  /** The unit as text (`%`, `counts`, `µW/cm²/nm`), `''` when unknown or dimensionless. */
  readonly unit: string;
  /** Column header as found in the file. */
  readonly label?: string;
}

/** Traces that share one x axis (one spectrometer channel of a file), the first one the main spectrum. */
export interface VendorGroup {
  readonly x: Float64Array;
  /** `nm` (wavelength), `cm-1` (Raman shift), `channel` (pixel index when the calibration is unusable). */
  readonly xUnit: AxisUnit;
  readonly xLabel?: string;
  /** The pixel → wavelength polynomial the file states, over the stored pixels (index 0 = first stored pixel). */
  readonly calibration?: ChannelCalibration;
  /** Main spectrum first (the processed quantity, or the sample when nothing was processed). */
  readonly traces: readonly VendorTrace[];
  /** Metadata shared by the traces (integration time, spectrometer …). */
  readonly meta: SpectrumMeta;
  /** Added to the display name when a file holds several groups (a spectrometer serial). */
  readonly tag?: string;
  /** Where row `i` is in the file, for error messages (`line 42`, `pixel 17`). */
  readonly where: (row: number) => string;
}

/** Intensity unit of the `Spectrum` for a trace quantity: only detector counts have a unit of their own. */
function intensityUnit(quantity: string): IntensityUnit {
  return quantity === 'counts' ? 'counts' : 'unknown';
}

/**
 * Turns groups of vendor traces into spectra: x strictly ascending (a strictly descending axis is
 * reversed with its traces, `meta.xDescending`), one spectrum per trace with `meta.role`,
 * `meta.yQuantity`, `meta.yUnit` and the group's metadata; ids `${fileName}#k` in file order.
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (fewer than 2 points), INVALID_DATA (an x value that is not
 *   finite, or an axis that is neither ascending nor descending: the row is named).
 */
export function vendorSpectra(groups: readonly VendorGroup[], fileName: string, formatId: string): Spectrum[] {
  const spectra: Spectrum[] = [];
  const base = baseName(fileName);
  for (const group of groups) {
    const n = group.x.length;
    if (n < 2) vendorFail('NOT_A_SPECTRUM', `the spectrum has ${n} data point(s), at least 2 are needed`, fileName);
    const descending = axisOrder(group, fileName) === 'descending';
    const flip = (values: Float64Array): Float64Array => (descending ? values.slice().reverse() : values);
    const xValues = flip(group.x);
    const axis = {
      unit: group.xUnit,
      quantity: quantityOfUnit(group.xUnit),
      ...(group.xLabel === undefined ? {} : { label: group.xLabel }),
      ...(group.calibration === undefined ? {} : { calibration: group.calibration }),
    };
    group.traces.forEach((trace, k) => {
      const meta: Record<string, string | number | boolean> = { format: formatId };
      for (const [key, value] of Object.entries(group.meta)) {
        // no NaN or empty text in metadata: a field the file leaves empty is left out
        if (value !== '' && !(typeof value === 'number' && !Number.isFinite(value))) meta[key] = value;
      }
      meta.role = trace.role;
      meta.yQuantity = trace.quantity;
      if (trace.unit !== '') meta.yUnit = trace.unit;
      if (descending) meta.xDescending = true;
      const shared = group.traces.filter((other) => other.role === trace.role).length > 1;
      const suffix = k === 0 ? undefined : shared ? (trace.label ?? `${trace.role} ${k + 1}`) : trace.role;
      const parts = [group.tag, suffix].filter((p): p is string => p !== undefined);
      spectra.push({
        id: `${fileName}#${spectra.length}`,
        name: parts.length === 0 ? base : `${base} (${parts.join(', ')})`,
        file: fileName,
        domain: 'emission',
        // each spectrum owns its buffers, so that a transfer list never names one twice
        x: { ...axis, values: k === 0 ? xValues : xValues.slice() },
        y: {
          values: flip(trace.values),
          unit: intensityUnit(trace.quantity),
          ...(trace.label === undefined ? {} : { label: trace.label }),
        },
        meta,
      });
    });
  }
  return spectra;
}

/** Whether x is strictly ascending or strictly descending; throws INVALID_DATA naming the row otherwise. */
function axisOrder(group: VendorGroup, fileName: string): 'ascending' | 'descending' {
  const x = group.x;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i] as number)) {
      vendorFail('INVALID_DATA', `the x value at ${group.where(i)} is not a finite number`, fileName);
    }
  }
  const rising = (x[1] as number) > (x[0] as number);
  for (let i = 1; i < x.length; i++) {
    const step = (x[i] as number) - (x[i - 1] as number);
    if (rising ? step <= 0 : step >= 0) {
      vendorFail(
        'INVALID_DATA',
        `the x axis is not ${rising ? 'ascending' : 'descending'} at ${group.where(i)} (${x[i - 1]} then ${x[i]})`,
        fileName,
      );
    }
  }
  return rising ? 'ascending' : 'descending';
}

/**
 * Evaluates a pixel → wavelength polynomial Σ a_k·p^k at the absolute pixels `first … first + n − 1`
 * (AvaSoft states it over absolute pixel numbers, optical-notes §4.4).
 */
export function evaluatePixelPolynomial(coefficients: readonly number[], first: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = first + i;
    let value = 0;
    for (let k = coefficients.length - 1; k >= 0; k--) value = value * p + (coefficients[k] as number);
    out[i] = value;
  }
  return out;
}

/**
 * The same polynomial in the index i = p − first of the stored pixels (binomial expansion:
 * c_j = Σ_{k≥j} a_k·C(k, j)·first^(k−j)), so that `ChannelCalibration.coefficients` apply to the
 * spectrum's own channel index as the `polynomial` model defines.
 */
export function shiftPolynomial(coefficients: readonly number[], first: number): number[] {
  const out = coefficients.map(() => 0);
  for (let k = 0; k < coefficients.length; k++) {
    let binomial = 1;
    for (let j = 0; j <= k; j++) {
      if (j > 0) binomial = (binomial * (k - j + 1)) / j;
      out[j] = (out[j] as number) + (coefficients[k] as number) * binomial * first ** (k - j);
    }
  }
  return out;
}

/**
 * The wavelength axis of stored pixels from a file's polynomial: x in nm when the polynomial is
 * finite and strictly increasing over them, else the pixel index (`channel`) with the reason in
 * `problem` (the calibration is kept either way, as `Axis.calibration` documents).
 */
export function pixelAxis(
  coefficients: readonly number[],
  first: number,
  n: number,
  stated?: Float64Array,
): { x: Float64Array; xUnit: AxisUnit; calibration: ChannelCalibration; problem?: string } {
  const calibration: ChannelCalibration = {
    model: 'polynomial',
    coefficients: shiftPolynomial(coefficients, first),
    channelCount: n,
    unit: 'nm',
  };
  const x = stated ?? evaluatePixelPolynomial(coefficients, first, n);
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v) || (i > 0 && !(v > (x[i - 1] as number)))) {
      const index = Float64Array.from({ length: n }, (_, k) => k);
      const problem = `the wavelengths do not increase at pixel ${first + i} (${x[i - 1] ?? ''} then ${v} nm)`;
      return { x: index, xUnit: 'channel', calibration, problem };
    }
  }
  return { x, xUnit: 'nm', calibration };
}
