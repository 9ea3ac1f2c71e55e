import type { AxisQuantity, AxisUnit, IntensityUnit } from './units';

/** Spectral domain a spectrum belongs to; `generic` when a format cannot tell. */
export type SpectralDomain = 'gamma' | 'emission' | 'mrs' | 'generic';

/** Scalar metadata kept with a spectrum (acquisition time, instrument, column name ...). */
export type SpectrumMeta = Record<string, string | number | boolean>;

/** The x axis: strictly ascending values with their unit. */
export interface Axis {
  readonly values: Float64Array;
  readonly unit: AxisUnit;
  readonly quantity: AxisQuantity;
  /** Label as found in the file (e.g. a column header), if any. */
  readonly label?: string;
}

/** The intensity axis. `imaginary` is present for complex data (MRS). */
export interface Intensity {
  readonly values: Float64Array;
  readonly unit: IntensityUnit;
  readonly imaginary?: Float64Array;
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
