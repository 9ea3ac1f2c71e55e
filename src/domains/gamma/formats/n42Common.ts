import { WorkbenchError } from '../../../core';
import type { MeasurementClass } from '../gammaSpectrum';
import { describeCountedZeroesProblem, expandCountedZeroes } from './countedZeroes';
import { parseIsoDuration } from './isoDuration';
import { parseNumberList } from './numberList';
import { attribute, textOf, type XmlNode } from './xmlTree';

/** Format id of the N42 reader (both the 2006 and the 2011/2012 schema). */
export const N42_FORMAT_ID = 'gamma-n42';

/**
 * Most channels a spectrum may have (2^20). Real N42 spectra have up to 65536; the limit stops a
 * CountedZeroes run such as `0 1e9` from allocating gigabytes out of a few bytes.
 */
export const MAX_N42_CHANNELS = 1 << 20;

/**
 * The numbers in an element's text (`CoefficientValues`, `Coefficients`, …).
 * @param what names the element for the error message, e.g. `EnergyCalibration "EnergyCal0"`
 * @throws WorkbenchError `INVALID_DATA` naming the element and the token that is not a number
 */
export function numbersOf(node: XmlNode | undefined, what: string, fileName: string): number[] {
  const parsed = parseNumberList(textOf(node));
  if (!Array.isArray(parsed)) {
    throw new WorkbenchError('INVALID_DATA', `${what} holds "${truncate(parsed.bad)}", which is not a number`, {
      file: fileName,
    });
  }
  return parsed;
}

/**
 * Counts of a `ChannelData` element, expanded when its `Compression` (N42-2006) or
 * `compressionCode` (N42-2012) attribute says CountedZeroes. SpecUtils accepts either attribute
 * name in both versions, and any value containing "Counted" (one file writes `CountedZeros`).
 * @throws WorkbenchError `INVALID_DATA` for a value that is not a number or a malformed run
 */
export function channelCounts(channelData: XmlNode, what: string, fileName: string): Float64Array {
  const values = numbersOf(channelData, what, fileName);
  const compression = attribute(channelData, 'compressionCode') ?? attribute(channelData, 'Compression') ?? '';
  if (!/counted/i.test(compression)) {
    if (values.length > MAX_N42_CHANNELS) {
      throw new WorkbenchError('INVALID_DATA', `${what} has ${values.length} channels, more than ${MAX_N42_CHANNELS}`, {
        file: fileName,
      });
    }
    return Float64Array.from(values);
  }
  const expanded = expandCountedZeroes(values, MAX_N42_CHANNELS);
  if (!(expanded instanceof Float64Array)) {
    throw new WorkbenchError('INVALID_DATA', `${what}: ${describeCountedZeroesProblem(expanded)}`, { file: fileName });
  }
  return expanded;
}

/**
 * Seconds in a duration element (`PT639.920S`), `undefined` when the element is absent or empty.
 * @throws WorkbenchError `INVALID_DATA` when the text is not a duration
 */
export function durationOf(node: XmlNode | undefined, what: string, fileName: string): number | undefined {
  if (node === undefined) return undefined;
  const text = textOf(node);
  if (text === '') return undefined;
  const seconds = parseIsoDuration(text);
  if (seconds === undefined || !Number.isFinite(seconds)) {
    throw new WorkbenchError('INVALID_DATA', `${what} is "${truncate(text)}", which is not a duration`, {
      file: fileName,
    });
  }
  return seconds;
}

/**
 * The N42 measurement class of a 2012 `MeasurementClassCode` or a 2006 `SourceType`
 * (`Item` = foreground). Unknown values give `NotSpecified`.
 */
export function measurementClassOf(text: string | undefined): MeasurementClass | undefined {
  if (text === undefined) return undefined;
  switch (text.trim().toLowerCase()) {
    case 'foreground':
    case 'item':
      return 'Foreground';
    case 'background':
      return 'Background';
    case 'intrinsicactivity':
      return 'IntrinsicActivity';
    case 'calibration':
      return 'Calibration';
    default:
      return 'NotSpecified';
  }
}

/** Latitude and longitude (degrees) from text such as `30.448 -91.236 [altitude]`, if both are finite and in range. */
export function coordinatesOf(text: string | undefined): { latitude: number; longitude: number } | undefined {
  if (text === undefined) return undefined;
  const parsed = parseNumberList(text);
  if (!Array.isArray(parsed) || parsed.length < 2) return undefined;
  const [latitude, longitude] = parsed as [number, number];
  return Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 ? { latitude, longitude } : undefined;
}

/** Keeps error messages short when a file holds a huge bad token. */
export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
