import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';

/**
 * Test support for the gamma readers: peak location on real fixtures, a UTF-16 encoder, the
 * WorkbenchError a bad file gives, byte mutations, the "spectra or a WorkbenchError" outcome of a
 * fuzzed parse and the fast-check harness every reader runs ({@link fuzzReader}). Only tests import it.
 */

/** UTF-16LE with a byte-order mark, encoded by hand (TextEncoder only writes UTF-8). */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + 2 * text.length);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[2 + 2 * i] = code & 0xff;
    out[3 + 2 * i] = code >> 8;
  }
  return out;
}

/** Moving average over `width` (odd) channels, for broad low-statistics scintillator peaks. */
export function boxcar(values: Float64Array, width: number): Float64Array {
  const h = (width - 1) / 2;
  return values.map((_, i) => {
    const part = values.subarray(Math.max(0, i - h), i + h + 1);
    return part.reduce((a, b) => a + b, 0) / part.length;
  });
}

/**
 * The strongest peak within ±halfWidth (x units) of `expected`: its centroid over the channels
 * around the maximum that stand above half its height over the window's edge level (mean of the
 * two outermost channels on each side), weighted by their net counts; and how many standard
 * deviations (√level) the maximum stands above that level. `smooth` > 1 averages the counts first.
 */
export function peakNear(
  spectrum: Spectrum,
  expected: number,
  halfWidth: number,
  smooth = 1,
): { centroid: number; sigmas: number } {
  const x = spectrum.x.values;
  const y = boxcar(spectrum.y.values, smooth);
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < x.length; i++) {
    if (Math.abs((x[i] as number) - expected) > halfWidth) continue;
    if (lo < 0) lo = i;
    hi = i;
  }
  if (lo < 0 || hi - lo < 4) throw new Error(`no channels within ${halfWidth} of ${expected}`);
  let best = lo;
  for (let i = lo; i <= hi; i++) if ((y[i] as number) > (y[best] as number)) best = i;
  const edge = ((y[lo] as number) + (y[lo + 1] as number) + (y[hi] as number) + (y[hi - 1] as number)) / 4;
  const half = (edge + (y[best] as number)) / 2;
  let left = best;
  let right = best;
  while (left > lo && (y[left - 1] as number) > half) left--;
  while (right < hi && (y[right + 1] as number) > half) right++;
  let sum = 0;
  let weighted = 0;
  for (let i = left; i <= right; i++) {
    const w = Math.max(0, (y[i] as number) - edge);
    sum += w;
    weighted += w * (x[i] as number);
  }
  return { centroid: weighted / sum, sigmas: ((y[best] as number) - edge) / Math.sqrt(edge + 1) };
}

/** Index of the fullest channel whose x lies in [lo, hi] (the first of equal ones; −1 when none lies there). */
export function fullestChannel(spectrum: Spectrum, lo: number, hi: number): number {
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  let best = -1;
  for (let i = 0; i < x.length; i++) {
    if ((x[i] as number) >= lo && (x[i] as number) <= hi && (best < 0 || (y[i] as number) > (y[best] as number)))
      best = i;
  }
  return best;
}

/** Energy (keV) of the fullest channel within [lo, hi] keV, refined by a 5-channel count-weighted mean. */
export function peakKeV(spectrum: Spectrum, lo: number, hi: number): number {
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const best = fullestChannel(spectrum, lo, hi);
  let sum = 0;
  let weighted = 0;
  for (let i = best - 2; i <= best + 2; i++) {
    sum += y[i] as number;
    weighted += (y[i] as number) * (x[i] as number);
  }
  return weighted / sum;
}

/** Channel energies and counts: a {@link Spectrum}, or counts summed over several on one axis. */
export interface ChannelData {
  readonly x: { readonly values: ArrayLike<number> };
  readonly y: { readonly values: ArrayLike<number> };
}

/**
 * Energy (keV) of the channel in [lo, hi] keV whose moving sum over ±`half` channels is largest,
 * for broad scintillator (CsI, NaI) peaks; NaN when no channel with a full window lies there.
 */
export function smoothedPeakKeV(data: ChannelData, lo: number, hi: number, half: number): number {
  const x = data.x.values;
  const y = data.y.values;
  let best = -1;
  let at = Number.NaN;
  for (let i = half; i < x.length - half; i++) {
    const energy = x[i] as number;
    if (energy < lo || energy > hi) continue;
    let sum = 0;
    for (let k = -half; k <= half; k++) sum += y[i + k] as number;
    if (sum > best) [best, at] = [sum, energy];
  }
  return at;
}

/** Code and file of the WorkbenchError that `run` throws; fails when it throws nothing or something else. */
export function codeOf(run: () => unknown): { code: string; file: string | undefined } {
  const { code, file } = thrownWorkbenchError(run);
  return { code, file };
}

export {
  type ByteEdit,
  errorFor,
  type FuzzReaderOptions,
  fuzzReader,
  mutate,
  parseOutcome,
} from '../../../formats/readerTestSupport';
