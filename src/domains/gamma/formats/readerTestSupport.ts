import { type Spectrum, WorkbenchError } from '../../../core';

/**
 * Test support for the text gamma readers (SPE, IEC 1455, gamma CSV): peak location on real
 * fixtures, a UTF-16 encoder, byte mutations and the "spectra or a WorkbenchError" outcome of a
 * fuzzed parse. Only tests import it.
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

/** One edit of a fuzzed file: set byte `at` to `value`, or flip its bit `value & 7`. */
export interface ByteEdit {
  readonly at: number;
  readonly value: number;
  readonly flip: boolean;
}

/** A copy of `bytes` with the edits applied. */
export function mutate(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  const copy = bytes.slice();
  for (const { at, value, flip } of edits) copy[at] = flip ? (copy[at] as number) ^ (1 << (value & 7)) : value;
  return copy;
}

/**
 * Runs a parser on fuzzed bytes: returns its spectra (after checking the `Spectrum` invariant) or
 * the `WorkbenchError` it threw for `fileName`; anything else is rethrown, failing the property.
 */
export function parseOutcome(
  parse: (bytes: Uint8Array, fileName: string) => Spectrum[],
  bytes: Uint8Array,
  fileName: string,
): Spectrum[] | WorkbenchError {
  let spectra: Spectrum[];
  try {
    spectra = parse(bytes, fileName);
  } catch (error) {
    if (error instanceof WorkbenchError && error.file === fileName) return error;
    throw error;
  }
  for (const s of spectra) {
    const x = s.x.values;
    if (x.length !== s.y.values.length) throw new Error(`${s.id}: x and y lengths differ`);
    for (let i = 1; i < x.length; i++) {
      if (!((x[i] as number) > (x[i - 1] as number))) throw new Error(`${s.id}: x not ascending at ${i}`);
    }
  }
  return spectra;
}
