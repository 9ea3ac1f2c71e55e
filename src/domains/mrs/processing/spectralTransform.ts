import { fftAnyLength } from '../../../numeric/fftAnyLength';

/** A complex spectrum on an ascending ppm axis. */
export interface PpmSpectrum {
  /** Chemical shift of every point, ppm, strictly ascending. */
  readonly ppm: Float64Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * FID → spectrum on an ascending ppm axis, in the NIfTI-MRS convention (mrs-notes §3.0, Levitt):
 * S = fftshift(fft(fid)) with numpy's `fft` (unnormalised, e^(−2πikn/N)), f_k = (k − ⌊N/2⌋)/(N·dwell) Hz
 * for shifted index k, ppm = centre − f/cf; then reversed so that ppm ascends (point j holds shifted
 * index N−1−j). Any length N (`fftAnyLength`: radix-2 or Bluestein).
 *
 * The first FID point is halved before the transform, as FSL-MRS's `FIDToSpec` does
 * (`fsl_mrs/utils/misc.py`): the discrete transform otherwise counts the t = 0 sample twice as
 * much as the continuous integral would, which adds a constant offset of fid[0]/2 to every point
 * (a baseline offset; the standard first-point correction). {@link ppmSpectrumToFid} doubles it back,
 * so the pair is an exact inverse.
 */
export function fidToPpmSpectrum(
  re: Float64Array,
  im: Float64Array,
  spectrometerFrequencyMHz: number,
  dwellTimeS: number,
  centrePpm: number,
): PpmSpectrum {
  const n = re.length;
  const fidRe = Float64Array.from(re);
  const fidIm = Float64Array.from(im);
  if (n > 0) {
    fidRe[0] = (fidRe[0] as number) / 2;
    fidIm[0] = (fidIm[0] as number) / 2;
  }
  const spectrum = fftAnyLength(fidRe, fidIm);
  const half = Math.floor(n / 2);
  const ppm = new Float64Array(n);
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const k = n - 1 - j; // shifted index (frequency ascending), so ppm ascends with j
    const source = (k - half + n) % n;
    const f = (k - half) / (n * dwellTimeS);
    ppm[j] = centrePpm - f / spectrometerFrequencyMHz;
    outRe[j] = spectrum.re[source] as number;
    outIm[j] = spectrum.im[source] as number;
  }
  return { ppm, re: outRe, im: outIm };
}

/** The inverse of {@link fidToPpmSpectrum}: ascending-ppm samples → FID (first point doubled back). */
export function ppmSpectrumToFid(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const half = Math.floor(n / 2);
  const unshiftedRe = new Float64Array(n);
  const unshiftedIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const k = n - 1 - j;
    const source = (k - half + n) % n;
    unshiftedRe[source] = re[j] as number;
    unshiftedIm[source] = im[j] as number;
  }
  const fid = fftAnyLength(unshiftedRe, unshiftedIm, true);
  if (n > 0) {
    fid.re[0] = (fid.re[0] as number) * 2;
    fid.im[0] = (fid.im[0] as number) * 2;
  }
  return { re: fid.re, im: fid.im };
}
