import FFT from 'fft.js';
import { WorkbenchError } from '../core/errors';
import { fftAnyLength } from './fftAnyLength';

/** A forward complex FFT of one fixed length, planned once and run many times without allocation. */
export interface ComplexFft {
  readonly size: number;
  /**
   * X[k] = Σₙ x[n]·e^(−2πi·kn/N) (NumPy's `fft`, unscaled) of (`re`, `im`) into (`outRe`, `outIm`).
   * Inputs and outputs may not alias each other.
   */
  forward(re: ArrayLike<number>, im: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void;
}

/**
 * Plans a forward complex FFT of length `size` for hot loops (a fitter transforms thousands of
 * model columns per spectrum). Powers of two ≥ 4 run `fft.js` (indutny, MIT: a radix-4 transform
 * with precomputed tables, about 3× faster than our plain radix-2 in `fftAnyLength` at N = 2048:
 * 19 vs 61 µs in Node 20), through two reused interleaved buffers; other lengths fall back to
 * {@link fftAnyLength} (Bluestein), which allocates.
 *
 * @throws WorkbenchError `INVALID_OPTION` when `size` is not an integer ≥ 1.
 */
export function complexFft(size: number): ComplexFft {
  if (!(Number.isInteger(size) && size >= 1)) {
    throw new WorkbenchError('INVALID_OPTION', `complexFft: size must be an integer ≥ 1 (got ${size})`);
  }
  if (size < 4 || (size & (size - 1)) !== 0) {
    return {
      size,
      forward(re, im, outRe, outIm) {
        const out = fftAnyLength(Float64Array.from(re), Float64Array.from(im));
        outRe.set(out.re);
        outIm.set(out.im);
      },
    };
  }
  const plan = new FFT(size);
  const input = plan.createComplexArray();
  const output = plan.createComplexArray();
  return {
    size,
    forward(re, im, outRe, outIm) {
      for (let k = 0; k < size; k++) {
        input[2 * k] = re[k] as number;
        input[2 * k + 1] = im[k] as number;
      }
      plan.transform(output, input);
      for (let k = 0; k < size; k++) {
        outRe[k] = output[2 * k] as number;
        outIm[k] = output[2 * k + 1] as number;
      }
    },
  };
}
