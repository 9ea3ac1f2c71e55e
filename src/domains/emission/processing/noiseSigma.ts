import { xMedian } from 'ml-spectra-processing';

/**
 * Robust estimate of the white-noise SD of a spectrum from its first differences:
 * σ = 1.4826·MAD(Δy)/√2 (MAD scaled to a normal SD, Rousseeuw & Croux 1993, JASA 88:1273; Δ of
 * independent noise has variance 2σ²). A smooth baseline or a few peaks barely move the median of
 * |Δy − median Δy|, so no baseline removal is needed first; the estimate is biased high for an
 * oversampled spectrum whose slopes are steep everywhere, and is 0 for a noise-free one.
 * Returns NaN for fewer than 3 points.
 */
export function noiseSigma(y: ArrayLike<number>): number {
  const n = y.length;
  if (n < 3) return Number.NaN;
  const differences = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) differences[i - 1] = (y[i] as number) - (y[i - 1] as number);
  const centre = xMedian(differences, { exact: true });
  for (let i = 0; i < differences.length; i++) differences[i] = Math.abs((differences[i] as number) - centre);
  return (1.4826 * xMedian(differences, { exact: true })) / Math.SQRT2;
}
