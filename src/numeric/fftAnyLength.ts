/** Real and imaginary parts of a complex sequence. */
export interface ComplexArrays {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * Discrete Fourier transform of any length N (not only powers of two), NumPy's conventions:
 * forward X[k] = Σₙ x[n]·e^(−2πi·kn/N); inverse (`inverse = true`) x[n] = (1/N)·Σₖ X[k]·e^(+2πi·kn/N),
 * so `fftAnyLength(fftAnyLength(x), true)` gives x back.
 *
 * A power of two runs an iterative radix-2 FFT; any other length runs Bluestein's chirp-z
 * algorithm (Bluestein 1970; Rabiner, Schafer & Rader 1969): with w[n] = e^(−iπn²/N),
 * X[k] = w[k]·Σₙ (x[n]·w[n])·conj(w[k−n]), a convolution done with two radix-2 FFTs of
 * length M ≥ 2N − 1. Cost O(N log N), error about 1e-13 relative for N in the thousands. The
 * chirp's phase πn²/N is reduced modulo 2N first (n² mod 2N), so it stays exact for large n.
 *
 * Used for LCModel basis sets whose NDATAB is not a power of two (4944 points in suspect's basis).
 */
export function fftAnyLength(re: Float64Array, im: Float64Array, inverse = false): ComplexArrays {
  const n = re.length;
  if (im.length !== n) throw new RangeError(`real (${n}) and imaginary (${im.length}) parts differ in length`);
  if (n === 0) return { re: new Float64Array(0), im: new Float64Array(0) };
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  if ((n & (n - 1)) === 0) {
    outRe.set(re);
    outIm.set(im);
    radix2InPlace(outRe, outIm, inverse);
  } else {
    bluestein(re, im, inverse, outRe, outIm);
  }
  if (inverse) {
    for (let k = 0; k < n; k++) {
      outRe[k] = (outRe[k] as number) / n;
      outIm[k] = (outIm[k] as number) / n;
    }
  }
  return { re: outRe, im: outIm };
}

/** In-place iterative radix-2 FFT (length a power of two), without the 1/N of the inverse. */
function radix2InPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i] as number;
      re[i] = re[j] as number;
      re[j] = tr;
      const ti = im[i] as number;
      im[i] = im[j] as number;
      im[j] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = (sign * 2 * Math.PI) / size;
    for (let k = 0; k < half; k++) {
      const wr = Math.cos(step * k);
      const wi = Math.sin(step * k);
      for (let start = k; start < n; start += size) {
        const a = start;
        const b = start + half;
        const br = re[b] as number;
        const bi = im[b] as number;
        const tr = wr * br - wi * bi;
        const ti = wr * bi + wi * br;
        re[b] = (re[a] as number) - tr;
        im[b] = (im[a] as number) - ti;
        re[a] = (re[a] as number) + tr;
        im[a] = (im[a] as number) + ti;
      }
    }
  }
}

/** Bluestein's chirp-z transform into `outRe`/`outIm` (no 1/N scaling). */
function bluestein(
  re: Float64Array,
  im: Float64Array,
  inverse: boolean,
  outRe: Float64Array,
  outIm: Float64Array,
): void {
  const n = re.length;
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const sign = inverse ? 1 : -1;
  // chirp w[k] = e^(sign·iπk²/N), with k² reduced modulo 2N so that the angle stays small
  const wRe = new Float64Array(n);
  const wIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const angle = (sign * Math.PI * ((k * k) % (2 * n))) / n;
    wRe[k] = Math.cos(angle);
    wIm[k] = Math.sin(angle);
  }
  const aRe = new Float64Array(m);
  const aIm = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    const xr = re[k] as number;
    const xi = im[k] as number;
    aRe[k] = xr * (wRe[k] as number) - xi * (wIm[k] as number);
    aIm[k] = xr * (wIm[k] as number) + xi * (wRe[k] as number);
  }
  const bRe = new Float64Array(m);
  const bIm = new Float64Array(m);
  bRe[0] = wRe[0] as number;
  bIm[0] = -(wIm[0] as number);
  for (let k = 1; k < n; k++) {
    bRe[k] = bRe[m - k] = wRe[k] as number;
    bIm[k] = bIm[m - k] = -(wIm[k] as number);
  }
  radix2InPlace(aRe, aIm, false);
  radix2InPlace(bRe, bIm, false);
  for (let k = 0; k < m; k++) {
    const ar = aRe[k] as number;
    const ai = aIm[k] as number;
    const br = bRe[k] as number;
    const bi = bIm[k] as number;
    aRe[k] = ar * br - ai * bi;
    aIm[k] = ar * bi + ai * br;
  }
  radix2InPlace(aRe, aIm, true);
  for (let k = 0; k < n; k++) {
    const cr = (aRe[k] as number) / m;
    const ci = (aIm[k] as number) / m;
    outRe[k] = cr * (wRe[k] as number) - ci * (wIm[k] as number);
    outIm[k] = cr * (wIm[k] as number) + ci * (wRe[k] as number);
  }
}
