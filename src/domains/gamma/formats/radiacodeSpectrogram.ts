import { type ChannelCalibration, type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { type GammaRecord, toGammaSpectrum } from '../gammaSpectrum';
import { compactMeta, compactRecord } from './compactRecord';
import { estimateRadiacodeLiveTime } from './radiacodeDeadTime';
import { readSpectrogramHeader, readSpectrogramHex } from './radiacodeSpectrogramHeader';

/** Format id of the RadiaCode spectrogram reader. */
export const RADIACODE_SPECTROGRAM_FORMAT_ID = 'gamma-radiacode-spectrogram';

/** Most values (rows × channels) a spectrogram may hold: 2^26, about 65 000 rows of 1024 channels. */
const MAX_VALUES = 1 << 26;

/** 100 ns ticks between the FILETIME epoch (1601-01-01) and the Unix epoch. */
const FILETIME_UNIX_OFFSET = 116444736000000000n;

/**
 * Reads a RadiaCode spectrogram (`.rcspg`; grs-notes §3.9, radiacode-tools rc_files.py `RcSpectrogram`):
 * - line 1, tab-separated `Key: value` fields: `Spectrogram` (name), `Time` (local), `Timestamp`
 *   (Windows FILETIME, UTC), `Accumulation time`, `Channels`, `Device serial`, `Flags`, `Comment`;
 * - line 2, `Spectrum:` hex bytes = uint32 accumulation time (s), 3 × float32 calibration
 *   (E = c0 + c1·ch + c2·ch²), channels × uint32 counts: the device's accumulated spectrum since its
 *   last reset, as it was when the recording started (radiacode-tools), not the sum of the rows;
 * - lines 3+: `<FILETIME>\t<duration s>\t<counts…>`, the counts of that interval, trailing zeros
 *   omitted. The FILETIME is the END of the interval (the first row is one duration after the
 *   header Timestamp; radiacode-tools writes the reading time with the time since the previous reading).
 *
 * Returns one spectrum per row (sample number = row index, start = FILETIME − duration in UTC,
 * `meta.endTime` = FILETIME, real time = duration; no live time, see `parseRadiacodeXml`) and
 * last the accumulated spectrum with `meta.cumulative = true` and its accumulation time as real time.
 * @throws WorkbenchError `NOT_A_SPECTRUM`, `TRUNCATED` (file ends in the header lines),
 *   `INVALID_DATA` (a field that is not a number, too many counts on a row), `TOO_LARGE`
 */
export function parseRadiacodeSpectrogram(bytes: Uint8Array, fileName: string): Spectrum[] {
  const decoded = decodeText(bytes);
  if (decoded === null || !decoded.text.startsWith('Spectrogram:')) {
    throw new WorkbenchError('NOT_A_SPECTRUM', 'a RadiaCode spectrogram starts with "Spectrogram:"', {
      file: fileName,
    });
  }
  const lines = decoded.text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = readSpectrogramHeader(lines[0] as string, fileName);
  if (lines.length < 2) {
    throw new WorkbenchError('TRUNCATED', 'the file ends after line 1, before the "Spectrum:" line', {
      file: fileName,
    });
  }
  const hex = readSpectrogramHex(lines[1] as string, header.channels, lines.length === 2, fileName);
  const channels = hex.counts.length;
  const rowCount = lines.length - 2;
  if (rowCount * channels > MAX_VALUES) {
    throw new WorkbenchError(
      'TOO_LARGE',
      `the spectrogram has ${rowCount} rows of ${channels} channels, more than the ${MAX_VALUES} values this reader holds`,
      { file: fileName },
    );
  }
  const calibration: ChannelCalibration = {
    model: 'polynomial',
    coefficients: hex.coefficients,
    channelCount: channels,
    unit: 'keV',
  };
  const model = /^RC-(\d+\w*)-/i.exec(header.serial ?? '');
  const device = model === null ? undefined : `RadiaCode-${model[1]}`;
  const common = {
    title: header.name,
    instrument: [device, header.serial].filter((part) => part !== undefined).join(' ') || undefined,
    detectorType: device === undefined ? undefined : /\dg$/i.test(device) ? 'GAGG' : 'CsI',
  };
  const records: GammaRecord[] = [];
  for (let row = 0; row < rowCount; row++) {
    const lineNumber = row + 3;
    const { filetime, duration, counts } = readRow(lines[row + 2] as string, channels, lineNumber, fileName);
    const total = counts.reduce((sum, value) => sum + value, 0);
    records.push(
      compactRecord<GammaRecord>({
        ...common,
        counts,
        calibration,
        realTimeS: duration,
        startTime: filetimeToIso(filetime - BigInt(Math.round(duration * 1e7)), lineNumber, fileName),
        measurementClass: 'Foreground',
        sampleNumber: row,
        meta: compactMeta({
          endTime: filetimeToIso(filetime, lineNumber, fileName),
          liveTimeEstimated: false,
          liveTimeEstimateS: estimateRadiacodeLiveTime(duration, total),
        }),
      }),
    );
  }
  records.push(
    compactRecord<GammaRecord>({
      ...common,
      counts: hex.counts,
      calibration,
      realTimeS: hex.accumulationTimeS,
      meta: compactMeta({
        cumulative: true,
        endTime: header.timestamp === undefined ? undefined : filetimeToIso(header.timestamp, 1, fileName),
        liveTimeEstimated: false,
      }),
    }),
  );
  const shared = compactMeta({
    spectrogramTime: header.time,
    accumulationTimeS: header.accumulationTimeS,
    flags: header.flags,
    comment: header.comment,
  });
  return records.map((record, index) =>
    toGammaSpectrum(
      { ...record, meta: { ...shared, ...record.meta } },
      fileName,
      index,
      RADIACODE_SPECTROGRAM_FORMAT_ID,
    ),
  );
}

/** Parses one row: FILETIME, duration, then at most `channels` counts (a scanner, for speed). */
function readRow(
  line: string,
  channels: number,
  lineNumber: number,
  fileName: string,
): { filetime: bigint; duration: number; counts: Float64Array } {
  const fields = line.trim().split(/[\t ]+/);
  const [first, second] = fields;
  if (first === undefined || second === undefined || first === '') {
    throw new WorkbenchError('TRUNCATED', `line ${lineNumber} ends before its duration`, { file: fileName });
  }
  if (!/^\d{1,20}$/.test(first)) throw invalid(`the timestamp "${first.slice(0, 30)}"`, lineNumber, fileName);
  const duration = Number(second);
  if (!/^\d+(?:\.\d+)?$/.test(second) || !Number.isFinite(duration)) {
    throw invalid(`the duration "${second.slice(0, 30)}"`, lineNumber, fileName);
  }
  if (fields.length - 2 > channels) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `line ${lineNumber} has ${fields.length - 2} counts for ${channels} channels`,
      {
        file: fileName,
      },
    );
  }
  const counts = new Float64Array(channels);
  for (let i = 2; i < fields.length; i++) {
    const token = fields[i] as string;
    let value = 0;
    let start = token.charCodeAt(0) === 45 ? 1 : 0; // '-': rows are differences of device readings
    if (start === token.length) start = -1;
    for (let k = start; k >= 0 && k < token.length; k++) {
      const digit = token.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) {
        start = -1;
        break;
      }
      value = value * 10 + digit;
    }
    if (start < 0) throw invalid(`count ${i - 1} ("${token.slice(0, 30)}")`, lineNumber, fileName);
    counts[i - 2] = start === 1 ? -value : value;
  }
  return { filetime: BigInt(first), duration, counts };
}

function invalid(what: string, lineNumber: number, fileName: string): WorkbenchError {
  return new WorkbenchError('INVALID_DATA', `${what} on line ${lineNumber} is not a number`, { file: fileName });
}

/** ISO 8601 UTC time (millisecond precision) of a Windows FILETIME (100 ns ticks since 1601-01-01 UTC). */
export function filetimeToIso(filetime: bigint, lineNumber: number, fileName: string): string {
  const ms = Number((filetime - FILETIME_UNIX_OFFSET) / 10000n);
  if (!(Math.abs(ms) <= 8.64e15)) {
    throw new WorkbenchError('INVALID_DATA', `the timestamp on line ${lineNumber} is outside the range of dates`, {
      file: fileName,
    });
  }
  return new Date(ms).toISOString();
}
