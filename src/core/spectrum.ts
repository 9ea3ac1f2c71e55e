import type { AxisQuantity, AxisUnit, IntensityUnit } from './units';

/** Spectral domain a spectrum belongs to; `generic` when a format cannot tell. */
export type SpectralDomain = 'gamma' | 'emission' | 'mrs' | 'generic';

/** Scalar metadata kept with a spectrum (acquisition time, instrument, column name ...). */
export type SpectrumMeta = Record<string, string | number | boolean>;

/**
 * How channel numbers map to an axis quantity, as the file states it (a gamma MCA's energy
 * calibration, a CCD's pixel-to-wavelength polynomial). Kept beside the evaluated axis so that a
 * writer can round-trip it exactly and a step can recalibrate or rebin.
 *
 * - `polynomial`: value(i) = Σ c_k·i^k for channel index i (0-based).
 * - `fullRangeFraction` (GADRAS/PCF): with x = i/N, value = c0 + c1·x + c2·x² + c3·x³ + c4/(1 + 60·x).
 * - `lowerChannelEdges`: `coefficients` lists the lower edge of every channel (N values, or N+1
 *   with the upper edge of the last channel).
 *
 * `deviationPairs` (value, offset) add a smooth correction on top of the equation (gamma files:
 * non-linearity of the ADC), interpolated by a cubic spline through the pairs.
 */
export interface ChannelCalibration {
  readonly model: 'polynomial' | 'fullRangeFraction' | 'lowerChannelEdges';
  readonly coefficients: readonly number[];
  readonly deviationPairs?: readonly (readonly [number, number])[];
  /** Number of channels the calibration describes (the full-range fraction needs it). */
  readonly channelCount: number;
  /** Unit of the calibrated value (`keV` for gamma spectra). */
  readonly unit: AxisUnit;
  /**
   * Where in channel i the equation's value(i) lies (equation models only). `centre` (default):
   * the calibration was fitted to peak centroids in channel numbers, as ORTEC, Canberra and
   * RadiaCode software do. `lowerEdge`: value(i) is the channel's lower edge, as SpecUtils and
   * InterSpec write N42 and read GADRAS PCF (their own peak fits in the fixtures confirm it).
   */
  readonly channelReference?: 'centre' | 'lowerEdge';
}

/** The x axis: strictly ascending values with their unit. */
export interface Axis {
  readonly values: Float64Array;
  readonly unit: AxisUnit;
  readonly quantity: AxisQuantity;
  /** Label as found in the file (e.g. a column header), if any. */
  readonly label?: string;
  /**
   * The channel calibration the file states, when the axis comes from channels. Present even when
   * `unit` is `channel` because the calibration was unusable (all zero, not increasing): the
   * reader then says why in `meta.calibrationProblem`.
   */
  readonly calibration?: ChannelCalibration;
}

/** The intensity axis. `imaginary` is present for complex data (MRS). */
export interface Intensity {
  readonly values: Float64Array;
  readonly unit: IntensityUnit;
  readonly imaginary?: Float64Array;
  /**
   * One-standard-deviation uncertainty of each value, when it is known better than the default
   * (a background-subtracted gamma spectrum carries its propagated Poisson uncertainty here).
   */
  readonly sigma?: Float64Array;
  readonly label?: string;
}

/**
 * One spectrum: the unit of data that flows through formats → pipeline → ml → app.
 * Plain data (typed arrays + JSON), so it can be structured-cloned or transferred to a worker.
 * Invariant: `x.values.length === y.values.length` and x is strictly ascending.
 */
export interface Spectrum {
  /** Unique within a session, e.g. `file.csv#0`. */
  readonly id: string;
  /** Display name (file name, plus column name when a file holds several spectra). */
  readonly name: string;
  /** Name of the file the spectrum came from. */
  readonly file: string;
  readonly domain: SpectralDomain;
  readonly x: Axis;
  readonly y: Intensity;
  readonly meta: SpectrumMeta;
}

/** Number of points of a spectrum. */
export function pointCount(spectrum: Spectrum): number {
  return spectrum.x.values.length;
}

/** The ArrayBuffers of a spectrum, for `Comlink.transfer`/`postMessage` transfer lists. */
export function spectrumBuffers(spectrum: Spectrum): ArrayBuffer[] {
  const buffers = [spectrum.x.values.buffer, spectrum.y.values.buffer];
  if (spectrum.y.imaginary) buffers.push(spectrum.y.imaginary.buffer);
  if (spectrum.y.sigma) buffers.push(spectrum.y.sigma.buffer);
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

/** A copy of `spectrum` with new intensity values (same axis, same metadata). */
export function withIntensity(spectrum: Spectrum, values: Float64Array, suffix: string): Spectrum {
  return {
    ...spectrum,
    id: `${spectrum.id}/${suffix}`,
    name: `${spectrum.name} (${suffix})`,
    y:
      spectrum.y.label === undefined
        ? { unit: spectrum.y.unit, values }
        : { unit: spectrum.y.unit, values, label: spectrum.y.label },
  };
}
