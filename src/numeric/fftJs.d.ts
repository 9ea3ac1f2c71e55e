/** Types of `fft.js` 4.x (indutny/fft.js, MIT), which ships none: a radix-4 complex FFT on interleaved arrays. */
declare module 'fft.js' {
  export default class FFT {
    /** @param size - A power of two ≥ 2. */
    constructor(size: number);
    readonly size: number;
    createComplexArray(): number[];
    /** Forward transform, no scaling: out[k] = Σ data[n]·e^(−2πikn/N); arrays interleave re, im. */
    transform(out: ArrayLike<number> & { [index: number]: number }, data: ArrayLike<number>): void;
    /** Inverse transform, scaled by 1/N. */
    inverseTransform(out: ArrayLike<number> & { [index: number]: number }, data: ArrayLike<number>): void;
  }
}
