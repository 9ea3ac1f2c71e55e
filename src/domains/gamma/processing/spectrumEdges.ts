import type { Spectrum } from '../../../core';
import { calibrationProblem, channelEdges } from '../calibration/energyCalibration';

/**
 * Bin edges of a spectrum's channels in its x unit (length = points + 1): from the axis
 * calibration when it is usable (exact), else half-way between neighbouring x values, with the
 * outer edges half a step beyond the first and last value.
 */
export function spectrumEdges(spectrum: Spectrum): Float64Array {
  const x = spectrum.x.values;
  const n = x.length;
  const calibration = spectrum.x.calibration;
  if (
    calibration !== undefined &&
    spectrum.x.unit === calibration.unit &&
    calibrationProblem(calibration, n) === undefined
  ) {
    return channelEdges(calibration, n);
  }
  const edges = new Float64Array(n + 1);
  if (n === 1) {
    edges[0] = (x[0] as number) - 0.5;
    edges[1] = (x[0] as number) + 0.5;
    return edges;
  }
  for (let i = 1; i < n; i++) edges[i] = ((x[i - 1] as number) + (x[i] as number)) / 2;
  edges[0] = (x[0] as number) - ((edges[1] as number) - (x[0] as number));
  edges[n] = (x[n - 1] as number) + ((x[n - 1] as number) - (edges[n - 1] as number));
  return edges;
}

/** Per-channel variance: the spectrum's propagated σ² when it has one, else Poisson (the counts, floored at 0). */
export function countVariance(spectrum: Spectrum): Float64Array {
  const sigma = spectrum.y.sigma;
  const y = spectrum.y.values;
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    out[i] = sigma !== undefined ? (sigma[i] as number) ** 2 : Math.max(y[i] as number, 0);
  }
  return out;
}
