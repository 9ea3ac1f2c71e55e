import type { Spectrum, WorkbenchError } from '../../../core';
import {
  type FuzzReaderOptions,
  fuzzReader as sharedFuzzReader,
  parseOutcome as sharedParseOutcome,
} from '../../../formats/readerTestSupport';
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

/** The outcome of a fuzzed parse of an MRS reader: spectra must be complex FIDs (see the shared harness). */
export function parseOutcome(
  parse: (bytes: Uint8Array, fileName: string) => Spectrum[],
  bytes: Uint8Array,
  fileName: string,
): Spectrum[] | WorkbenchError {
  return sharedParseOutcome(parse, bytes, fileName, { complex: true });
}

/** The shared robustness harness, with every spectrum required to be complex. */
export function fuzzReader(options: FuzzReaderOptions): void {
  sharedFuzzReader({ ...options, complex: true });
}

export { errorFor, type FuzzReaderOptions } from '../../../formats/readerTestSupport';
