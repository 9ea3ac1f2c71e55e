import { WorkbenchError } from '../../../core';
import { BinaryReader } from '../../../formats/binaryReader';
import type { MeasurementClass } from '../gammaSpectrum';
import { isoDateTime } from './isoDateTime';
import { percentDecode } from './raddataEncoding';

/** RADDATA encoding option bits [V: SpecUtils SpecUtils/UriSpectrum.h `EncodeOptions`]. */
export const RADDATA_OPTION = {
  NoDeflate: 0x01,
  NoBaseXEncoding: 0x02,
  CsvChannelData: 0x04,
  NoZeroCompressCounts: 0x08,
  UseUrlSafeBase64: 0x10,
  AsMailToUri: 0x20,
} as const;

/** Most channels a spectrum may expand to (SpecUtils' limit for counted zeros). */
export const MAX_RADDATA_CHANNELS = 131_072;

/** One spectrum as a RADDATA payload states it. */
export interface RaddataSpectrum {
  measurementClass?: MeasurementClass;
  realTimeS: number;
  liveTimeS: number;
  coefficients?: number[];
  deviationPairs?: [number, number][];
  model?: string;
  startTime?: string;
  title?: string;
  latitude?: number;
  longitude?: number;
  neutronCounts?: number;
  counts: Float64Array;
}

const SOURCE_TYPES: Record<string, MeasurementClass> = {
  F: 'Foreground',
  B: 'Background',
  C: 'Calibration',
  I: 'IntrinsicActivity',
};
const SEPARATOR = ':0A:';

/**
 * Decodes the (inflated) payload of a RADDATA URI [V: SpecUtils src/UriSpectrum.cpp
 * `spectrum_decode_first_url`, `decode_stream_vbyte`, `zero_compress_expand`]: fields
 * `I:` source type, `T:real,live`, `C:` polynomial coefficients, `D:` deviation pairs, `M:` model,
 * `P:` start (`YYYYMMDDThhmmss`), `G:lat,lon`, `N:` neutron counts, `O:` title, each ended by the
 * next ` X:`; then ` S:` and the channel data: StreamVByte (uint16 count n, ⌈n/4⌉ control bytes of
 * 2-bit byte lengths − 1, then the value bytes, little-endian) or comma-separated integers with
 * option 0x04; `0, k` pairs mean k zero channels unless option 0x08. Further spectra follow after
 * `:0A:` and inherit the first one's model, calibration (same channel count) and position.
 *
 * @throws WorkbenchError INVALID_DATA / TRUNCATED naming the spectrum and field
 */
export function decodeRaddataPayload(payload: Uint8Array, options: number, fileName: string): RaddataSpectrum[] {
  const spectra: RaddataSpectrum[] = [];
  let at = 0;
  while (at < payload.length) {
    const { spectrum, next } = decodeOne(payload, at, options, spectra.length + 1, fileName);
    spectra.push(spectrum);
    if (next === undefined) break;
    at = next;
  }
  const first = spectra[0];
  for (const spectrum of spectra.slice(1)) {
    if (first === undefined) break;
    if (spectrum.model === undefined && first.model !== undefined) spectrum.model = first.model;
    const sameSize = spectrum.counts.length === first.counts.length;
    if (sameSize && spectrum.coefficients === undefined && first.coefficients !== undefined)
      spectrum.coefficients = first.coefficients;
    if (sameSize && spectrum.deviationPairs === undefined && first.deviationPairs !== undefined)
      spectrum.deviationPairs = first.deviationPairs;
    if (spectrum.latitude === undefined && first.latitude !== undefined) spectrum.latitude = first.latitude;
    if (spectrum.longitude === undefined && first.longitude !== undefined) spectrum.longitude = first.longitude;
  }
  return spectra;
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

function decodeOne(
  payload: Uint8Array,
  start: number,
  options: number,
  number: number,
  fileName: string,
): { spectrum: RaddataSpectrum; next: number | undefined } {
  const invalid = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', `spectrum ${number} of the RADDATA URI: ${message}`, { file: fileName });
  };
  const text = latin1(payload.subarray(start, Math.min(payload.length, start + 4096)));
  const marker = text.indexOf(' S:');
  if (marker < 0) invalid("no ' S:' field (the channel counts) was found");
  const fields = parseFields(` ${text.slice(0, marker)}`);
  if (text.slice(0, marker).includes(SEPARATOR)) invalid('a spectrum separator appears before the channel counts');
  const urlEncoded =
    (options & RADDATA_OPTION.NoDeflate) !== 0 &&
    (options & RADDATA_OPTION.NoBaseXEncoding) !== 0 &&
    (options & RADDATA_OPTION.CsvChannelData) !== 0;
  const textField = (key: string) => {
    const value = fields.get(key)?.trim();
    return value === undefined || value === '' ? undefined : urlEncoded ? percentDecode(value) : value;
  };
  const numbers = (key: string, what: string): number[] | undefined => {
    const value = fields.get(key);
    if (value === undefined) return undefined;
    const parts = value.replaceAll('$', ',').split(',');
    if (!parts.every((part) => part.trim() !== '' && Number.isFinite(Number(part)))) {
      invalid(`the ${what} (${key}:) are not a list of numbers`);
    }
    return parts.map(Number);
  };

  const times = numbers('T', 'real and live times') ?? invalid('the real and live times (T:) are missing');
  if (times.length !== 2) invalid(`T: should hold real and live time, it holds ${times.length} numbers`);
  const coefficients = numbers('C', 'energy calibration coefficients');
  if (coefficients !== undefined && coefficients.length < 2) invalid('C: holds fewer than 2 calibration coefficients');
  const pairs = numbers('D', 'deviation pairs');
  if (pairs !== undefined && pairs.length % 2 !== 0) invalid('D: holds an odd number of values');
  const gps = numbers('G', 'coordinates');
  if (gps !== undefined && gps.length !== 2) invalid('G: should hold latitude and longitude');
  const neutrons = numbers('N', 'neutron counts');
  const sourceType = fields.get('I')?.trim().charAt(0);
  if (sourceType !== undefined && SOURCE_TYPES[sourceType] === undefined)
    invalid(`unknown source type I:${sourceType}`);

  const dataStart = start + marker + 3;
  const { values, next } =
    (options & RADDATA_OPTION.CsvChannelData) !== 0
      ? csvChannels(payload, dataStart, invalid)
      : streamVByteChannels(payload, dataStart, fileName, invalid);
  const counts =
    (options & RADDATA_OPTION.NoZeroCompressCounts) !== 0 ? Float64Array.from(values) : expandZeros(values, invalid);

  const spectrum: RaddataSpectrum = { realTimeS: times[0] as number, liveTimeS: times[1] as number, counts };
  if (sourceType !== undefined) spectrum.measurementClass = SOURCE_TYPES[sourceType] as MeasurementClass;
  if (coefficients !== undefined) spectrum.coefficients = coefficients;
  if (pairs !== undefined)
    spectrum.deviationPairs = pairs.flatMap((v, i) =>
      i % 2 === 0 ? [[v, pairs[i + 1] as number] as [number, number]] : [],
    );
  const model = textField('M');
  if (model !== undefined) spectrum.model = model;
  const title = textField('O');
  if (title !== undefined) spectrum.title = title;
  const startTime = fields.get('P');
  if (startTime !== undefined)
    spectrum.startTime = isoStart(startTime.trim()) ?? invalid(`P:${startTime} is not a date-time`);
  if (gps !== undefined) [spectrum.latitude, spectrum.longitude] = gps as [number, number];
  if (neutrons !== undefined) spectrum.neutronCounts = neutrons[0] as number;
  return { spectrum, next };
}

/** Fields ` X:value` of the meta text (X an upper-case letter), each value up to the next ` Y:`. */
function parseFields(meta: string): Map<string, string> {
  const fields = new Map<string, string>();
  const keys = [...meta.matchAll(/ ([A-Z]):/g)];
  keys.forEach((match, k) => {
    const from = (match.index as number) + 3;
    const to = k + 1 < keys.length ? (keys[k + 1]?.index as number) : meta.length;
    if (!fields.has(match[1] as string)) fields.set(match[1] as string, meta.slice(from, to));
  });
  return fields;
}

/** `20131226T211500` (SpecUtils `to_iso_string`, fraction cut) or extended ISO → ISO local time. */
function isoStart(text: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2}(?:\.\d+)?)$/.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as number[];
  return isoDateTime(
    year as number,
    month as number,
    day as number,
    hour as number,
    minute as number,
    second as number,
  );
}

function streamVByteChannels(
  payload: Uint8Array,
  at: number,
  fileName: string,
  invalid: (message: string) => never,
): { values: number[]; next: number | undefined } {
  const r = new BinaryReader(payload, fileName);
  const n = r.uint16(at, 'the channel count of the decoded URI payload');
  const control = at + 2;
  let data = control + Math.ceil(n / 4);
  r.require(control, Math.ceil(n / 4), `the ${Math.ceil(n / 4)} StreamVByte control bytes of the decoded URI payload`);
  const values = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const length = ((r.uint8(control + (i >> 2), 'a control byte') >> (2 * (i & 3))) & 3) + 1;
    r.require(data, length, `the value of channel entry ${i} in the decoded URI payload`);
    let value = 0;
    for (let k = length - 1; k >= 0; k--) value = value * 256 + r.uint8(data + k, 'a channel value');
    values[i] = value;
    data += length;
  }
  const rest = payload.length - data;
  if (rest > 4) {
    if (latin1(payload.subarray(data, data + 4)) !== SEPARATOR) invalid(`${rest} bytes follow the channel data`);
    return { values, next: data + 4 };
  }
  if (payload.subarray(data).some((byte) => byte !== 0)) invalid(`${rest} non-zero bytes follow the channel data`);
  return { values, next: undefined };
}

function csvChannels(
  payload: Uint8Array,
  at: number,
  invalid: (message: string) => never,
): { values: number[]; next: number | undefined } {
  const text = latin1(payload.subarray(at));
  const end = text.indexOf(SEPARATOR);
  const list = (end < 0 ? text : text.slice(0, end)).replaceAll('$', ',').trim();
  const parts = list.split(',');
  if (parts.length > MAX_RADDATA_CHANNELS) invalid(`more than ${MAX_RADDATA_CHANNELS} channel values`);
  const values = parts.map((part) =>
    /^\s*\d+\s*$/.test(part) ? Number(part) : invalid(`channel value '${part.slice(0, 20)}' is not a count`),
  );
  return { values, next: end < 0 ? undefined : at + end + SEPARATOR.length };
}

/** Counted zeros: a 0 followed by k stands for k zero channels (a final lone 0 is one zero). */
function expandZeros(values: readonly number[], invalid: (message: string) => never): Float64Array {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0 && i + 1 < values.length) {
      const run = values[++i] as number;
      if (run === 0) invalid(`a zero-run at entry ${i} counts 0 zeros`);
      total += run;
    } else total += 1;
    if (total > MAX_RADDATA_CHANNELS) invalid(`the counted zeros expand to more than ${MAX_RADDATA_CHANNELS} channels`);
  }
  const out = new Float64Array(total);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0 && i + 1 < values.length) at += values[++i] as number;
    else out[at++] = values[i] as number;
  }
  return out;
}
