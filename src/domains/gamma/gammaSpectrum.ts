import type { Axis, ChannelCalibration, Spectrum, SpectrumMeta } from '../../core';
import { calibrationProblem, channelEnergies } from './calibration/energyCalibration';

/** What a measurement is, in the N42 vocabulary (RadiaCode and SPE map onto it). */
export type MeasurementClass = 'Foreground' | 'Background' | 'IntrinsicActivity' | 'Calibration' | 'NotSpecified';

/**
 * One gamma spectrum as a reader finds it in a file, before it becomes a {@link Spectrum}.
 * Every reader of `domains/gamma/formats` fills one of these per spectrum and calls
 * {@link toGammaSpectrum}, so that metadata keys are the same whatever the format.
 */
export interface GammaRecord {
  /** Counts per channel (channel 0 first). Float, since some formats store float counts. */
  readonly counts: Float64Array;
  /** The energy calibration the file states (keV), if any, exactly as stated. */
  readonly calibration?: ChannelCalibration;
  /** Live time in seconds (time the detector could count). */
  readonly liveTimeS?: number;
  /** Real (clock) time in seconds. */
  readonly realTimeS?: number;
  /** Start of the acquisition, ISO 8601 (`2017-04-26T14:03:00` without zone when the file gives none). */
  readonly startTime?: string;
  /** Title / spectrum id / sample description as the file gives it. */
  readonly title?: string;
  /** Detector name within the instrument (N42 `Detector`, e.g. `Aa1`), for multi-detector files. */
  readonly detector?: string;
  /** Detector kind: `HPGe`, `NaI`, `CsI`, `LaBr3`, `CZT`, … when the file says. */
  readonly detectorType?: string;
  /** Instrument description: manufacturer, model, serial, as one string. */
  readonly instrument?: string;
  readonly measurementClass?: MeasurementClass;
  /** Index of the sample in a time series (N42 SampleNumber, spectrogram row). */
  readonly sampleNumber?: number;
  /** Any further scalar metadata (GPS `latitude`/`longitude`, `neutronCounts`, `remarks`, FWHM coefficients …). */
  readonly meta?: SpectrumMeta;
}

/**
 * Turns a reader's {@link GammaRecord} into a {@link Spectrum}:
 * - x = channel energies (keV) when the calibration is usable, else channel numbers with
 *   `meta.calibrationProblem` saying why (the calibration is still kept on the axis);
 * - y = counts;
 * - meta: `format`, `liveTimeS`, `realTimeS`, `startTime`, `title`, `detector`, `detectorType`,
 *   `instrument`, `measurementClass`, `sampleNumber`, plus the record's own `meta`.
 *
 * @param index position of the spectrum in the file (the id is `${fileName}#${index}`)
 * @param formatId the reader's format id, kept as `meta.format`
 */
export function toGammaSpectrum(record: GammaRecord, fileName: string, index: number, formatId: string): Spectrum {
  const n = record.counts.length;
  const meta: Record<string, string | number | boolean> = { format: formatId, channelCount: n };
  const put = (key: string, value: string | number | undefined): void => {
    if (value !== undefined && value !== '' && !(typeof value === 'number' && !Number.isFinite(value))) {
      meta[key] = value;
    }
  };
  put('liveTimeS', record.liveTimeS);
  put('realTimeS', record.realTimeS);
  put('startTime', record.startTime);
  put('title', record.title);
  put('detector', record.detector);
  put('detectorType', record.detectorType);
  put('instrument', record.instrument);
  put('measurementClass', record.measurementClass);
  put('sampleNumber', record.sampleNumber);
  Object.assign(meta, record.meta);

  const x = gammaAxis(record.calibration, n, meta);
  const label = [record.title, record.detector, record.measurementClass === 'Background' ? 'background' : undefined]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(', ');
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return {
    id: `${fileName}#${index}`,
    name: label === '' ? base : `${base} (${label})`,
    file: fileName,
    domain: 'gamma',
    x,
    y: { values: record.counts, unit: 'counts' },
    meta,
  };
}

function gammaAxis(
  calibration: ChannelCalibration | undefined,
  n: number,
  meta: Record<string, string | number | boolean>,
): Axis {
  const problem = calibration === undefined ? 'the file has no energy calibration' : calibrationProblem(calibration, n);
  if (calibration !== undefined && problem === undefined) {
    return { values: channelEnergies(calibration, n), unit: 'keV', quantity: 'energy', calibration };
  }
  meta.calibrationProblem = problem as string;
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = i;
  return calibration === undefined
    ? { values, unit: 'channel', quantity: 'channel' }
    : { values, unit: 'channel', quantity: 'channel', calibration };
}

/** Live time (s) of a gamma spectrum, falling back to the real time, or `undefined`. */
export function liveTimeOf(spectrum: Spectrum): number | undefined {
  const live = spectrum.meta.liveTimeS;
  if (typeof live === 'number' && live > 0) return live;
  const real = spectrum.meta.realTimeS;
  return typeof real === 'number' && real > 0 ? real : undefined;
}
