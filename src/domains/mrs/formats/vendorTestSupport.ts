import fc from 'fast-check';
import { type Spectrum, WorkbenchError } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { magnitudeSpectrum } from '../conjugation';

/**
 * Test support for the MRS vendor readers (RDA, SPAR/SDAT, LCModel, jMRUI): where the tallest peak
 * of a (summed) FID lies on the NIfTI-MRS ppm axis, the WorkbenchError a bad file gives, and the
 * fast-check robustness harness ({@link fuzzReader}). Only tests import it.
 */

/** Sum of the complex FIDs of `spectra` (all of the same length). */
export function summedFid(spectra: readonly Spectrum[]): { re: Float64Array; im: Float64Array } {
  const first = spectra[0];
  if (first === undefined) throw new Error('no spectra to sum');
  const n = first.y.values.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const s of spectra) {
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) + (s.y.values[i] as number);
      im[i] = (im[i] as number) + ((s.y.imaginary?.[i] ?? 0) as number);
    }
  }
  return { re, im };
}

/**
 * Ppm of the tallest point of |spectrum| within [lo, hi] ppm, for the sum of `spectra` on the
 * NIfTI-MRS axis (`magnitudeSpectrum`: centre − f/cf, centre = meta.centrePpm); `conjugate` takes
 * the conjugate FID instead (where the other sign convention would put the peaks).
 */
export function tallestPeakPpm(spectra: readonly Spectrum[], lo: number, hi: number, conjugate = false): number {
  const first = spectra[0] as Spectrum;
  const { re, im } = summedFid(spectra);
  const imag = conjugate ? im.map((v) => -v) : im;
  const { ppm, magnitude } = magnitudeSpectrum(
    re,
    imag,
    Number(first.meta.spectrometerFrequencyMHz),
    Number(first.meta.dwellTimeS),
    Number(first.meta.centrePpm),
  );
  let best = -1;
  for (let k = 0; k < ppm.length; k++) {
    const p = ppm[k] as number;
    if (p < lo || p > hi) continue;
    if (best < 0 || (magnitude[k] as number) > (magnitude[best] as number)) best = k;
  }
  if (best < 0) throw new Error(`no point within ${lo}–${hi} ppm`);
  return ppm[best] as number;
}

/** Largest |a − b| over two arrays of the same length. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} and ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
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

/**
 * Runs a parser on fuzzed bytes: returns its spectra (after checking the `Spectrum` invariant and
 * finite sample values) or the `WorkbenchError` it threw for `fileName`; anything else is rethrown.
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
    if (x.length !== s.y.values.length || x.length !== s.y.imaginary?.length)
      throw new Error(`${s.id}: lengths differ`);
    for (let i = 1; i < x.length; i++) {
      if (!((x[i] as number) > (x[i - 1] as number))) throw new Error(`${s.id}: x not ascending at ${i}`);
    }
  }
  return spectra;
}

/** Options of {@link fuzzReader}. */
export interface FuzzReaderOptions {
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
  /** Offsets the mutations hit. Default: anywhere in the fixture. */
  readonly hotOffsets?: fc.Arbitrary<number>;
  /** Values the mutations write. Default: any byte, or one bit flipped. */
  readonly byteValues?: fc.Arbitrary<number>;
  /** Random inputs are also read after each of these valid beginnings (a header, a signature). */
  readonly prefixes?: readonly Uint8Array[];
}

/**
 * The robustness properties every reader passes (fast-check, fixed seeds): random bytes (alone and
 * after `prefixes`), the fixture truncated at random offsets, and 1–8 byte mutations or bit flips
 * of it. Every outcome must be spectra that keep the `Spectrum` invariant or a WorkbenchError
 * naming `fileName` ({@link parseOutcome}); anything else fails.
 */
export function fuzzReader(options: FuzzReaderOptions): void {
  const { parse, fileName, fixture, seed, numRuns = 200, maxLength, prefixes = [] } = options;
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
      outcome(fixture.subarray(0, cut));
    }),
    { seed: seed + 1, numRuns },
  );
  const { byteValues } = options;
  const edit = fc.record({
    at: options.hotOffsets ?? fc.nat(fixture.length - 1),
    value: byteValues ?? fc.nat(255),
    flip: byteValues === undefined ? fc.boolean() : fc.constant(false),
  });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
      const copy = fixture.slice();
      for (const { at, value, flip } of edits) {
        if (at < copy.length) copy[at] = flip ? (copy[at] as number) ^ (1 << (value & 7)) : value;
      }
      outcome(copy);
    }),
    { seed: seed + 2, numRuns },
  );
}
