import type { DataSet } from 'dicom-parser';
import { WorkbenchError } from '../../../core';
import type { MrsRecord } from '../mrsSpectrum';
import { textOf } from './dicomDataSet';

/** An MRS record before the conjugation check of `parseDicomMrs` (its samples follow the format rule only). */
export type DicomMrsRecord = MrsRecord & { readonly meta: Record<string, string | number | boolean> };

/** Scalar metadata under construction: `put` skips undefined, empty and non-finite values. */
export class MetaBag {
  readonly meta: Record<string, string | number | boolean> = {};
  put(key: string, value: string | number | boolean | undefined): void {
    if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return;
    this.meta[key] = value;
  }
}

/**
 * ISO 8601 of a DICOM DT value `YYYYMMDDHHMMSS.FFFFFF&ZZXX` (PS3.5 Table 6.2-1), or of a DA value
 * plus a TM value `HHMMSS.FFFFFF`; `undefined` when the digits do not parse. The zone is kept when given.
 */
export function dicomDateTime(dateTime: string | undefined): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?(\.\d{1,6})?([+-]\d{4})?$/.exec(dateTime?.trim() ?? '');
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  if (h === undefined) return `${y}-${mo}-${d}`;
  const decimals = (fraction ?? '').replace(/0+$/, '');
  const time = `${h}:${mi ?? '00'}:${s ?? '00'}${decimals === '.' ? '' : decimals}`;
  const offset = zone === undefined ? '' : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${y}-${mo}-${d}T${time}${offset}`;
}

/** {@link dicomDateTime} of a DA and a TM element (e.g. AcquisitionDate (0008,0022) + AcquisitionTime (0008,0032)). */
export function dicomDateAndTime(dataSet: DataSet, dateKey: string, timeKey: string): string | undefined {
  const date = textOf(dataSet, dateKey);
  if (date === undefined) return undefined;
  return dicomDateTime(`${date}${(textOf(dataSet, timeKey) ?? '').replace(/:/g, '')}`);
}

/** Values of a multi-valued string element (DS backslash-separated) joined by commas, or `undefined`. */
export function joinedValues(dataSet: DataSet | undefined, key: string): string | undefined {
  const text = textOf(dataSet, key);
  return text
    ?.split('\\')
    .map((part) => part.trim())
    .join(',');
}

/**
 * Checks the parameters every MRS record needs: spectrometer frequency (MHz), dwell (s), points.
 * Plausible ranges: 0 < SF ≤ 2000 MHz (47 T for 1H), 10 ns ≤ dwell ≤ 1 s, points ≥ 2.
 *
 * @throws WorkbenchError INVALID_DATA naming the value and where it comes from, with `file` set.
 */
export function checkAcquisition(
  values: {
    readonly frequencyMHz: number | undefined;
    readonly dwellS: number | undefined;
    readonly points: number | undefined;
  },
  sources: { readonly frequency: string; readonly dwell: string; readonly points: string },
  fileName: string,
): { frequencyMHz: number; dwellS: number; points: number } {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', message, { file: fileName });
  };
  const { frequencyMHz, dwellS, points } = values;
  if (frequencyMHz === undefined || !(frequencyMHz > 0 && frequencyMHz <= 2000)) {
    fail(`the spectrometer frequency ${sources.frequency} is ${frequencyMHz ?? 'missing'} (expected 0–2000 MHz)`);
  }
  if (dwellS === undefined || !(dwellS >= 1e-8 && dwellS <= 1)) {
    fail(`the dwell time from ${sources.dwell} is ${dwellS ?? 'missing'} s (expected 10 ns – 1 s)`);
  }
  if (points === undefined || !(Number.isInteger(points) && points >= 2)) {
    fail(`the number of points ${sources.points} is ${points ?? 'missing'} (expected an integer ≥ 2)`);
  }
  return { frequencyMHz: frequencyMHz as number, dwellS: dwellS as number, points: points as number };
}

/** Title (SeriesDescription, else ProtocolName) and instrument (Manufacturer + ManufacturerModelName). */
export function titleAndInstrument(dataSet: DataSet): { title?: string; instrument?: string } {
  const title = textOf(dataSet, 'x0008103e') ?? textOf(dataSet, 'x00181030');
  const instrument = [textOf(dataSet, 'x00080070'), textOf(dataSet, 'x00081090')]
    .filter((p) => p !== undefined)
    .join(' ');
  return { ...(title === undefined ? {} : { title }), ...(instrument === '' ? {} : { instrument }) };
}
