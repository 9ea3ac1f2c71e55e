import { WorkbenchError } from '../../../core';

/** Line 1 of a RadiaCode spectrogram (grs-notes §3.9). */
export interface SpectrogramHeader {
  readonly name: string | undefined;
  /** `Time:` as written (the device's local time, no zone). */
  readonly time: string | undefined;
  /** `Timestamp:` Windows FILETIME (UTC). */
  readonly timestamp: bigint | undefined;
  readonly accumulationTimeS: number | undefined;
  readonly channels: number | undefined;
  readonly serial: string | undefined;
  readonly flags: string | undefined;
  readonly comment: string | undefined;
}

/** Most channels a spectrogram may declare (the devices have 1024). */
const MAX_CHANNELS = 65536;

/**
 * Reads the tab-separated `Key: value` fields of line 1.
 * @throws WorkbenchError `INVALID_DATA` for a `Channels` or `Timestamp` that is not a whole number in range
 */
export function readSpectrogramHeader(line: string, fileName: string): SpectrogramHeader {
  const fields = new Map<string, string>();
  for (const field of line.split('\t')) {
    const colon = field.indexOf(':');
    if (colon > 0) fields.set(field.slice(0, colon).trim().toLowerCase(), field.slice(colon + 1).trim());
  }
  const get = (key: string): string | undefined => {
    const value = fields.get(key);
    return value === undefined || value === '' ? undefined : value;
  };
  const channelsText = get('channels');
  const channels = channelsText === undefined ? undefined : Number(channelsText);
  if (channels !== undefined && !(Number.isInteger(channels) && channels >= 1 && channels <= MAX_CHANNELS)) {
    throw new WorkbenchError('INVALID_DATA', `line 1 gives ${channelsText} channels (expected 1…${MAX_CHANNELS})`, {
      file: fileName,
    });
  }
  const stamp = get('timestamp');
  if (stamp !== undefined && !/^\d{1,20}$/.test(stamp)) {
    throw new WorkbenchError('INVALID_DATA', `the Timestamp "${stamp.slice(0, 30)}" on line 1 is not a whole number`, {
      file: fileName,
    });
  }
  const accumulation = Number(get('accumulation time'));
  return {
    name: get('spectrogram'),
    time: get('time'),
    timestamp: stamp === undefined ? undefined : BigInt(stamp),
    accumulationTimeS: Number.isFinite(accumulation) ? accumulation : undefined,
    channels,
    serial: get('device serial'),
    flags: get('flags'),
    comment: get('comment'),
  };
}

/** The decoded `Spectrum:` line. */
export interface SpectrogramHex {
  readonly accumulationTimeS: number;
  /** The three float32 calibration coefficients, as doubles (exact). */
  readonly coefficients: readonly number[];
  readonly counts: Float64Array;
}

/**
 * Decodes line 2: `Spectrum:` then space-separated hex bytes, little-endian uint32 accumulation
 * time, 3 × float32 calibration, one uint32 count per channel.
 * @param channels the header's channel count (the line must hold exactly that many); without one,
 *   the line's length decides
 * @param lastLine whether the file ends with this line (a short line is then TRUNCATED, else INVALID_DATA)
 */
export function readSpectrogramHex(
  line: string,
  channels: number | undefined,
  lastLine: boolean,
  fileName: string,
): SpectrogramHex {
  if (!line.startsWith('Spectrum:')) {
    throw new WorkbenchError('INVALID_DATA', 'line 2 does not start with "Spectrum:"', { file: fileName });
  }
  const tokens = line
    .slice('Spectrum:'.length)
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  const bytes = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const value = Number.parseInt(token, 16);
    if (!/^[0-9A-Fa-f]{2}$/.test(token)) {
      if (lastLine && i === tokens.length - 1 && /^[0-9A-Fa-f]$/.test(token)) {
        throw new WorkbenchError('TRUNCATED', `the file ends in the middle of byte ${i} of the "Spectrum:" line`, {
          file: fileName,
        });
      }
      throw new WorkbenchError(
        'INVALID_DATA',
        `byte ${i} of the "Spectrum:" line is "${token.slice(0, 10)}", not two hex digits`,
        {
          file: fileName,
        },
      );
    }
    bytes[i] = value;
  }
  const expected = channels === undefined ? undefined : 16 + 4 * channels;
  const fits = expected === undefined ? bytes.length >= 20 && (bytes.length - 16) % 4 === 0 : bytes.length === expected;
  if (!fits) {
    const need =
      expected === undefined
        ? 'at least 20 bytes, 16 plus 4 per channel'
        : `${expected} bytes for ${channels} channels`;
    throw new WorkbenchError(
      lastLine && (expected === undefined || bytes.length < expected) ? 'TRUNCATED' : 'INVALID_DATA',
      `the "Spectrum:" line holds ${bytes.length} bytes, expected ${need}`,
      { file: fileName },
    );
  }
  const view = new DataView(bytes.buffer);
  const n = (bytes.length - 16) / 4;
  const counts = new Float64Array(n);
  for (let i = 0; i < n; i++) counts[i] = view.getUint32(16 + 4 * i, true);
  return {
    accumulationTimeS: view.getUint32(0, true),
    coefficients: [view.getFloat32(4, true), view.getFloat32(8, true), view.getFloat32(12, true)],
    counts,
  };
}
