import { type Spectrum, type SpectrumMeta, WorkbenchError } from '../../../core';
import { WATER_PPM } from '../mrsSpectrum';

/** Where an MRS spectrum lives: a time-domain FID (x in s) or a spectrum on a ppm axis. */
export type MrsSignalDomain = 'time' | 'frequency';

/** What every MRS processing function needs from a spectrum: the complex samples and the acquisition. */
export interface MrsSignal {
  readonly domain: MrsSignalDomain;
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Spectrometer frequency, MHz (Hz per ppm). */
  readonly spectrometerFrequencyMHz: number;
  /** Time between FID samples, s. */
  readonly dwellTimeS: number;
  /** Chemical shift at the centre of the spectral window, ppm. */
  readonly centrePpm: number;
}

/**
 * Reads the complex samples and the acquisition of an MRS spectrum (as `toMrsSpectrum` or this
 * folder's functions make it) and checks them. The domain is read from the x axis: unit `s` = time
 * domain FID, unit `ppm` = frequency domain (`meta.domain` says the same, for the reader's eye).
 * Throws INVALID_OPTION naming the file when the spectrum is not MRS, has no imaginary part or lacks
 * a positive spectrometer frequency or dwell time; `operation` starts the message ("apodisation …").
 */
export function mrsSignal(spectrum: Spectrum, operation: string, want?: MrsSignalDomain): MrsSignal {
  const refuse = (why: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `${operation} applies to ${why}`, { file: spectrum.file });
  };
  if (spectrum.domain !== 'mrs') refuse(`MR spectra (this spectrum is ${spectrum.domain})`);
  const im = spectrum.y.imaginary;
  if (im === undefined || im.length !== spectrum.y.values.length) refuse('complex MR spectra (no imaginary part)');
  const unit = spectrum.x.unit;
  if (unit !== 's' && unit !== 'ppm') refuse(`a time-domain FID (s) or a ppm spectrum (this axis is in ${unit})`);
  const domain: MrsSignalDomain = unit === 's' ? 'time' : 'frequency';
  if (want !== undefined && domain !== want) {
    refuse(
      want === 'time'
        ? 'the time-domain FID: apply it before the FFT'
        : 'a frequency-domain spectrum: apply the FFT first',
    );
  }
  const sf = Number(spectrum.meta.spectrometerFrequencyMHz);
  const dwell = Number(spectrum.meta.dwellTimeS);
  if (!(sf > 0 && Number.isFinite(sf))) refuse('spectra with a spectrometer frequency (meta.spectrometerFrequencyMHz)');
  if (!(dwell > 0 && Number.isFinite(dwell))) refuse('spectra with a dwell time (meta.dwellTimeS)');
  const centre = spectrum.meta.centrePpm === undefined ? WATER_PPM : Number(spectrum.meta.centrePpm);
  if (!Number.isFinite(centre)) refuse('spectra with a finite centre (meta.centrePpm)');
  return {
    domain,
    re: spectrum.y.values,
    im: im as Float64Array,
    spectrometerFrequencyMHz: sf,
    dwellTimeS: dwell,
    centrePpm: centre,
  };
}

/** The time axis of an FID of `n` points: i·dwell (s). */
export function timeAxis(n: number, dwellTimeS: number): Float64Array {
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = i * dwellTimeS;
  return t;
}

/**
 * A copy of `spectrum` with new complex samples (and optionally a new x axis and more metadata); id
 * and name get `suffix` (`…/apodised`, `… (apodised)`), as the other steps of the workbench do.
 */
export function withSignal(
  spectrum: Spectrum,
  samples: { re: Float64Array; im: Float64Array; x?: Spectrum['x'] },
  suffix: string,
  meta: SpectrumMeta = {},
): Spectrum {
  const y: Spectrum['y'] =
    spectrum.y.label === undefined
      ? { unit: spectrum.y.unit, values: samples.re, imaginary: samples.im }
      : { unit: spectrum.y.unit, values: samples.re, imaginary: samples.im, label: spectrum.y.label };
  return {
    ...spectrum,
    id: `${spectrum.id}/${suffix}`,
    name: `${spectrum.name} (${suffix})`,
    x: samples.x ?? spectrum.x,
    y,
    meta: { ...spectrum.meta, ...meta },
  };
}
