import fc from 'fast-check';
import { type Spectrum, WorkbenchError } from '../core';
import { thrownWorkbenchError } from '../core/thrownWorkbenchError';

/**
 * Test support for every reader (all domains): the WorkbenchError a bad file gives, byte mutations,
 * the "spectra or a WorkbenchError" outcome of a fuzzed parse and the fast-check harness every
 * reader runs ({@link fuzzReader}). Only tests import it.
 */

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
  options: { readonly complex?: boolean } = {},
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
    const imaginary = s.y.imaginary;
    if (options.complex === true && imaginary === undefined) throw new Error(`${s.id}: no imaginary part`);
    if (imaginary !== undefined && imaginary.length !== x.length) throw new Error(`${s.id}: imaginary length differs`);
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
  /** Every spectrum must be complex (MRS FIDs). */
  readonly complex?: boolean;
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
  const outcome = (bytes: Uint8Array): Spectrum[] | WorkbenchError =>
    parseOutcome(parse, bytes, fileName, { complex: options.complex === true });
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
