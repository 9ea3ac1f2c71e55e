import { type ChannelCalibration, type Spectrum, WorkbenchError } from '../../../core';
import { CHN_HEADER_BYTES, CHN_TRAILER_BYTES, CHN_TRAILER_LINEAR, CHN_TRAILER_QUADRATIC } from './chnLayout';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Writes one gamma spectrum as an ORTEC `.chn` file (layout: see `parseChn`; the trailer as
 * SpecUtils' `write_integer_chn` and Battelle's SFChnFile.h describe it).
 *
 * - counts: rounded to the nearest integer, as uint32 (negative, non-finite or ≥ 2³² counts are refused);
 * - live/real time (`meta.liveTimeS`, `meta.realTimeS`): rounded to 20 ms ticks;
 * - start time (`meta.startTime`, ISO 8601): date, hours, minutes and whole seconds;
 * - energy calibration (`x.calibration`): a polynomial of up to 3 terms as float32, trailer type
 *   −101 when it is linear and −102 when it (or the width calibration) has a non-zero quadratic term; a full-range-fraction
 *   calibration without cubic and low-energy terms is converted exactly (c_k / N^k); other models
 *   and deviation pairs cannot be stored and are refused (INVALID_DATA) rather than dropped;
 * - `meta.fwhmCoefficients` (comma-separated) → width calibration;
 * - `meta.instrument` → detector description, `meta.title` → sample description (Latin-1, ≤ 63 characters).
 *
 * @throws WorkbenchError INVALID_DATA (with `file` = the spectrum's file) when the spectrum cannot be written.
 */
export function writeChn(spectrum: Spectrum): Uint8Array {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', `cannot write CHN: ${message}`, { file: spectrum.file });
  };
  const counts = spectrum.y.values;
  const n = counts.length;
  if (n < 1 || n > 65535) fail(`a CHN file holds 1 to 65535 channels, this spectrum has ${n}`);
  const bytes = new Uint8Array(CHN_HEADER_BYTES + 4 * n + CHN_TRAILER_BYTES);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string): void => {
    for (let i = 0; i < value.length; i++) bytes[offset + i] = latin1(value.charCodeAt(i));
  };

  view.setInt16(0, -1, true);
  view.setInt16(4, 1, true); // segment, 1 in UMCBI (SpecUtils)
  view.setUint32(8, ticks(spectrum.meta.realTimeS, 'real time', fail), true);
  view.setUint32(12, ticks(spectrum.meta.liveTimeS, 'live time', fail), true);
  writeStartTime(spectrum.meta.startTime, text);
  view.setUint16(30, n, true);
  for (let i = 0; i < n; i++) {
    const value = Math.round(counts[i] as number);
    if (!(value >= 0 && value <= 0xffffffff)) fail(`channel ${i} holds ${counts[i]}, not a count 0…2³²−1`);
    view.setUint32(CHN_HEADER_BYTES + 4 * i, value, true);
  }

  const t = CHN_HEADER_BYTES + 4 * n;
  const energy = polynomialTerms(spectrum.x.calibration, n, fail);
  const fwhm = fwhmTerms(spectrum.meta.fwhmCoefficients);
  const quadratic = energy[2] !== 0 || (fwhm[2] ?? 0) !== 0;
  view.setInt16(t, quadratic ? CHN_TRAILER_QUADRATIC : CHN_TRAILER_LINEAR, true);
  energy.forEach((value, k) => {
    view.setFloat32(t + 4 + 4 * k, value, true);
  });
  fwhm.forEach((value, k) => {
    view.setFloat32(t + 16 + 4 * k, value, true);
  });
  writeDescription(bytes, t + 256, spectrum.meta.instrument, text);
  writeDescription(bytes, t + 320, spectrum.meta.title, text);
  return bytes;
}

function latin1(code: number): number {
  return code < 0x20 || (code >= 0x7f && code < 0xa0) || code > 0xff ? 0x3f : code;
}

function ticks(value: unknown, what: string, fail: (message: string) => never): number {
  if (value === undefined) return 0;
  const count = typeof value === 'number' ? Math.round(value * 50) : Number.NaN;
  if (!(count >= 0 && count <= 0xffffffff)) fail(`the ${what} ${String(value)} s does not fit 20 ms ticks`);
  return count;
}

function writeStartTime(value: unknown, text: (offset: number, value: string) => void): void {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (match === null) return;
  const [, year, month, day, hour, minute, second] = match as unknown as string[];
  const monthName = MONTHS[Number(month) - 1];
  if (monthName === undefined) return;
  text(6, second as string);
  text(16, `${day}${monthName}${(year as string).slice(2)}${Number(year) >= 2000 ? '1' : '0'}`);
  text(24, `${hour}${minute}`);
}

/** The energy calibration as [c0, c1, c2] in float32 terms of the channel index. */
function polynomialTerms(
  calibration: ChannelCalibration | undefined,
  n: number,
  fail: (message: string) => never,
): [number, number, number] {
  if (calibration === undefined) return [0, 0, 0];
  if (calibration.deviationPairs !== undefined && calibration.deviationPairs.length > 0) {
    fail('the energy calibration has deviation pairs, which CHN cannot store');
  }
  const c = calibration.coefficients;
  let terms: number[];
  if (calibration.model === 'polynomial') {
    terms = [...c];
  } else if (calibration.model === 'fullRangeFraction' && (c[3] ?? 0) === 0 && (c[4] ?? 0) === 0) {
    const size = calibration.channelCount;
    terms = [c[0] ?? 0, (c[1] ?? 0) / size, (c[2] ?? 0) / (size * size)];
  } else {
    return fail(`a ${calibration.model} energy calibration cannot be stored in CHN`);
  }
  while (terms.length > 3 && terms[terms.length - 1] === 0) terms.pop();
  if (terms.length > 3) fail(`CHN stores at most a quadratic energy calibration, this one has ${terms.length} terms`);
  if (calibration.channelCount !== n && calibration.model !== 'polynomial') {
    fail(`the calibration is for ${calibration.channelCount} channels, the spectrum has ${n}`);
  }
  return [Math.fround(terms[0] ?? 0), Math.fround(terms[1] ?? 0), Math.fround(terms[2] ?? 0)];
}

function fwhmTerms(value: unknown): number[] {
  if (typeof value !== 'string') return [];
  const terms = value.split(',').map(Number);
  return terms.length <= 3 && terms.every(Number.isFinite) ? terms : [];
}

function writeDescription(
  bytes: Uint8Array,
  at: number,
  value: unknown,
  text: (offset: number, value: string) => void,
): void {
  if (typeof value !== 'string' || value.trim() === '') return;
  const cut = value.trim().slice(0, 63);
  bytes[at] = cut.length;
  text(at + 1, cut);
}
