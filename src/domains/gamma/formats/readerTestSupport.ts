import fc from 'fast-check';
import { type Spectrum, WorkbenchError } from '../../../core';
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

/**
 * The WorkbenchError that `run` throws, after checking that it names `fileName` in `file` and that
 * its message does not repeat it (the name travels in `file` only).
 */
export function errorFor(fileName: string, run: () => unknown): WorkbenchError {
  const error = thrownWorkbenchError(run);
  if (error.file !== fileName) throw new Error(`the error names file ${String(error.file)}, not ${fileName}`);
  if (error.message.includes(fileName)) throw new Error(`the message repeats the file name: ${error.message}`);
  return error;
}

/** One edit of a fuzzed file: set byte `at` to `value`, or flip its bit `value & 7`. */
export interface ByteEdit {
  readonly at: number;
  readonly value: number;
  readonly flip: boolean;
}

/** A copy of `bytes` with the edits applied (edits past its end are skipped). */
export function mutate(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  const copy = bytes.slice();
  for (const { at, value, flip } of edits) {
    if (at < copy.length) copy[at] = flip ? (copy[at] as number) ^ (1 << (value & 7)) : value;
  }
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

/** Options of {@link fuzzReader}. */
export interface FuzzReaderOptions {
  /** The reader under test. */
  readonly parse: (bytes: Uint8Array, fileName: string) => Spectrum[];
  /** File name handed to the reader: every WorkbenchError must carry it in `file`. */
  readonly fileName: string;
  /** A real (or written) file of the format, cut at random offsets and mutated. */
  readonly fixture: Uint8Array;
  /** Seed of the random-input property; the truncations use seed + 1, the mutations seed + 2. */
  readonly seed: number;
  /** Runs of each property. Default 200. */
  readonly numRuns?: number;
  /** Longest random input, bytes. */
  readonly maxLength: number;
  /** Offsets the mutations hit (where the reader looks). Default: anywhere in the fixture. */
  readonly hotOffsets?: fc.Arbitrary<number>;
  /** Values the mutations write (e.g. printable ASCII for a text payload). Default: any byte, or one bit flipped. */
  readonly byteValues?: fc.Arbitrary<number>;
  /** Random inputs are also read after each of these valid beginnings (a header, a signature). */
  readonly prefixes?: readonly Uint8Array[];
  /** A further check of the outcome of the fixture cut to its first `cut` bytes. */
  readonly onTruncation?: (cut: number, outcome: Spectrum[] | WorkbenchError) => void;
}

/**
 * The robustness properties every reader passes (fast-check, fixed seeds): random bytes (alone and
 * after `prefixes`), the fixture truncated at random offsets from 0 to its full length, and 1–8
 * byte mutations or bit flips of it. Every outcome must be spectra that keep the `Spectrum`
 * invariant or a WorkbenchError naming `fileName` ({@link parseOutcome}); anything else fails.
 */
export function fuzzReader(options: FuzzReaderOptions): void {
  const { parse, fileName, fixture, seed, numRuns = 200, maxLength, prefixes = [], onTruncation } = options;
  const outcome = (bytes: Uint8Array): Spectrum[] | WorkbenchError => parseOutcome(parse, bytes, fileName);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength }), (bytes) => {
      outcome(bytes);
      for (const prefix of prefixes) {
        const joined = new Uint8Array(prefix.length + bytes.length);
        joined.set(prefix);
        joined.set(bytes, prefix.length);
        outcome(joined);
      }
    }),
    { seed, numRuns },
  );
  fc.assert(
    fc.property(fc.integer({ min: 0, max: fixture.length }), (cut) => {
      const result = outcome(fixture.subarray(0, cut));
      onTruncation?.(cut, result);
    }),
    { seed: seed + 1, numRuns },
  );
  const { byteValues } = options;
  const edit: fc.Arbitrary<ByteEdit> = fc.record({
    at: options.hotOffsets ?? fc.nat(fixture.length - 1),
    value: byteValues ?? fc.nat(255),
    flip: byteValues === undefined ? fc.boolean() : fc.constant(false),
  });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      outcome(mutate(fixture, edits));
    }),
    { seed: seed + 2, numRuns },
  );
}
