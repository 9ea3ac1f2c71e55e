import type { Spectrum } from '../../../core';
import { polynomialCalibration } from '../calibration/energyCalibration';
import { type GammaRecord, toGammaSpectrum } from '../gammaSpectrum';
import {
  detectorTypeOf,
  gammaTextFail,
  gammaTextLines,
  lineTokens,
  monthFirstDateToIso,
  numberToken,
  splitTouchingExponents,
} from './textGammaText';

/** Format id of the IEC 1455 reader. */
export const IEC1455_FORMAT_ID = 'gamma-iec1455';

/** First record of the spectral data (records are numbered from 1). */
const FIRST_DATA_RECORD = 59;

interface IecRecord {
  /** The record without its `A004` prefix. */
  readonly text: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

/**
 * Reads an IEC 1455 spectrum (`.iec`, InterWinner and others), layout after grs-notes §3.10 and
 * becquerel `parsers/iec1455.py`: lines ("records") of up to 70 characters that start with `A004`;
 * records are numbered from 1 in file order.
 *
 * | record | content |
 * | ------ | ------- |
 * | 1      | system id, sub-system id (detector kind), ADC number, segment, digital offset |
 * | 2      | live time (s), real time (s), number of channels |
 * | 3      | acquisition start `mm/dd/yy hh:mm:ss` (month first, as the fixture's 08/25/21 shows), then the sample collection date/time |
 * | 4      | energy calibration coefficients c0 c1 c2 c3 (keV, polynomial in the channel number) |
 * | 5      | FWHM calibration coefficients → `meta.fwhmCoefficients` |
 * | 6–9    | sample description → title (non-blank records joined by ` / `) |
 * | 11–22, 23–34, 35–46 | energy/channel, energy/resolution, energy/efficiency pairs (non-zero pairs → meta) |
 * | 59+    | spectral data: the channel number of the first value, then 5 counts |
 *
 * E-format fields may touch (`8.00000000E-01-2.97939000E-08`) and are split after each exponent.
 * Lines without the `A004` prefix are skipped, as becquerel does (`meta.ignoredLines`). Counts
 * beyond the channel count of record 2 are dropped (the last record is padded to 5 values).
 *
 * @throws WorkbenchError BINARY_FILE; NOT_A_SPECTRUM (no `A004` records); TRUNCATED (the file ends
 *   before record 2 or the data, or holds fewer counts than record 2 announces; checked before
 *   allocating); INVALID_DATA (a time, channel count, data channel number or count that makes no
 *   sense, with its line number), each with `file` set.
 */
export function parseIec1455(bytes: Uint8Array, fileName: string): Spectrum[] {
  const lines = gammaTextLines(bytes, fileName);
  const records: IecRecord[] = [];
  let ignoredLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/^\uFEFF/, '');
    if (line.startsWith('A004')) records.push({ text: line.slice(4), line: i + 1 });
    else if (line.trim() !== '') ignoredLines++;
  }
  if (records.length === 0) {
    return gammaTextFail('NOT_A_SPECTRUM', 'this is not an IEC 1455 file: no line starts with "A004"', fileName);
  }
  const fail = (code: 'TRUNCATED' | 'INVALID_DATA', message: string): never => gammaTextFail(code, message, fileName);
  const record = (n: number, what: string): IecRecord =>
    records[n - 1] ?? fail('TRUNCATED', `the file ends after record ${records.length}, before record ${n} (${what})`);

  const times = record(2, 'live time, real time and number of channels');
  const [live, real, channels] = lineTokens(times.text).map(numberToken);
  if (live === undefined || real === undefined || !(live >= 0) || !(real >= 0)) {
    fail('INVALID_DATA', `line ${times.line}: record 2 must start with the live and real time in seconds`);
  }
  if (channels === undefined || !Number.isInteger(channels) || channels < 1) {
    fail('INVALID_DATA', `line ${times.line}: record 2 must give the number of channels as a positive integer`);
  }
  const channelCount = channels as number;
  record(FIRST_DATA_RECORD, 'the spectral data');
  const counts = readCounts(records, channelCount, fail);

  const meta: Record<string, string | number | boolean> = {};
  const fields: { -readonly [K in keyof GammaRecord]?: GammaRecord[K] } = {
    liveTimeS: live as number,
    realTimeS: real as number,
  };
  // Record 1: system and sub-system names (becquerel: the system name may be missing), then numbers.
  const ids = lineTokens(records[0]?.text ?? '');
  const names: string[] = [];
  for (const id of ids.slice(0, 2)) {
    if (numberToken(id) !== undefined) break;
    names.push(id);
  }
  if (names.length > 0) fields.instrument = names.join(' ');
  const type = detectorTypeOf(names.at(-1) ?? '');
  if (type !== undefined) fields.detectorType = type;
  const adc = ids[names.length];
  if (adc !== undefined) meta.adcNumber = numberToken(adc) ?? adc;
  const dates = lineTokens(records[2]?.text ?? '');
  const start = dates.length >= 2 ? monthFirstDateToIso(`${dates[0]} ${dates[1]}`) : undefined;
  if (start !== undefined) fields.startTime = start;
  else if (dates.length > 0) meta.startTimeText = dates.slice(0, 2).join(' ');
  const collected = dates.length >= 4 ? monthFirstDateToIso(`${dates[2]} ${dates[3]}`) : undefined;
  if (collected !== undefined) meta.sampleCollectionTime = collected;

  const coefficients = numbersOf(records[3]);
  if (coefficients !== undefined && coefficients.length > 0) {
    fields.calibration = polynomialCalibration(coefficients, channelCount);
  }
  const fwhm = numbersOf(records[4]);
  if (fwhm !== undefined && fwhm.length > 0) meta.fwhmCoefficients = fwhm.map(String).join(',');
  const description = records
    .slice(5, 9)
    .map((r) => r.text.trim())
    .filter((t) => t !== '');
  if (description.length > 0) fields.title = description.join(' / ');
  putPairs(meta, 'energyChannelPairs', records.slice(10, 22));
  putPairs(meta, 'energyResolutionPairs', records.slice(22, 34));
  putPairs(meta, 'energyEfficiencyPairs', records.slice(34, 46));
  if (ignoredLines > 0) meta.ignoredLines = ignoredLines;
  return [toGammaSpectrum({ ...fields, counts, meta }, fileName, 0, IEC1455_FORMAT_ID)];
}

/** Reads records 59+: each starts with the channel number of its first count, then up to 5 counts. */
function readCounts(
  records: readonly IecRecord[],
  channelCount: number,
  fail: (code: 'TRUNCATED' | 'INVALID_DATA', message: string) => never,
): Float64Array {
  // A growable list bounded by the file size; the announced channel count is checked against it before allocating.
  const values: number[] = [];
  let firstChannel: number | undefined;
  for (let r = FIRST_DATA_RECORD - 1; r < records.length; r++) {
    const { text, line } = records[r] as IecRecord;
    const tokens = lineTokens(text);
    if (tokens.length === 0) continue;
    const channel = numberToken(tokens[0] as string);
    if (channel === undefined || !Number.isInteger(channel) || channel < 0) {
      fail('INVALID_DATA', `line ${line}: a data record must start with a channel number, found "${tokens[0]}"`);
    }
    firstChannel ??= channel as number;
    const expected = (firstChannel as number) + values.length;
    if (channel !== expected) {
      fail('INVALID_DATA', `line ${line}: the data record starts at channel ${channel}, expected ${expected}`);
    }
    for (let k = 1; k < tokens.length; k++) {
      const value = numberToken(tokens[k] as string);
      if (value === undefined) fail('INVALID_DATA', `line ${line}: the count "${tokens[k]}" is not a number`);
      values.push(value as number);
    }
  }
  if (values.length < channelCount) {
    fail(
      'TRUNCATED',
      `record 2 announces ${channelCount} channels but the data records hold only ${values.length} counts (the file ends at line ${records.at(-1)?.line})`,
    );
  }
  const counts = new Float64Array(channelCount);
  for (let i = 0; i < channelCount; i++) counts[i] = values[i] as number;
  return counts;
}

/** The numbers of a record whose E-format fields may touch; `undefined` when one is not a number. */
function numbersOf(record: IecRecord | undefined): number[] | undefined {
  if (record === undefined) return undefined;
  const values = splitTouchingExponents(record.text).map(numberToken);
  return values.some((v) => v === undefined) ? undefined : (values as number[]);
}

/** Non-zero (a, b) pairs of a block of records → `meta[key]` as `a b; a b; …` (becquerel `_read_nonzero_number_pairs`). */
function putPairs(meta: Record<string, string | number | boolean>, key: string, records: readonly IecRecord[]): void {
  const pairs: string[] = [];
  for (const record of records) {
    const values = numbersOf(record);
    if (values === undefined || values.length % 2 !== 0) continue;
    for (let k = 0; k < values.length; k += 2) {
      const a = values[k] as number;
      const b = values[k + 1] as number;
      if (a !== 0 || b !== 0) pairs.push(`${a} ${b}`);
    }
  }
  if (pairs.length > 0) meta[key] = pairs.join('; ');
}
