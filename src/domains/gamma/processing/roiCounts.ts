import { type Spectrum, WorkbenchError } from '../../../core';
import { countVariance, spectrumEdges } from './spectrumEdges';

/** Result of {@link roiCounts}; all counts with one-σ uncertainties. */
export interface RoiCounts {
  readonly lowKeV: number;
  readonly highKeV: number;
  /** Counts between the limits (fractional channels at the limits pro rata). */
  readonly gross: number;
  readonly grossSigma: number;
  /** Continuum under the region: a straight line through the mean of the side bands. */
  readonly continuum: number;
  readonly continuumSigma: number;
  readonly net: number;
  readonly netSigma: number;
  /** Net counts per second of live time, when the spectrum has a live time. */
  readonly netRate?: number;
  readonly netRateSigma?: number;
}

/**
 * Counts in a region of interest with a linear continuum from side bands of `sideChannels`
 * channels on each side (the classical trapezoid ROI of Maestro / Genie). With `sideChannels` 0
 * the continuum is zero and net = gross. Limits are in the x unit of the spectrum.
 * @throws WorkbenchError INVALID_OPTION when the region is empty or outside the spectrum.
 */
export function roiCounts(spectrum: Spectrum, lowKeV: number, highKeV: number, sideChannels = 3): RoiCounts {
  const edges = spectrumEdges(spectrum);
  const n = spectrum.y.values.length;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', message, { file: spectrum.file });
  };
  if (!(highKeV > lowKeV)) fail(`the region's upper limit (${highKeV}) must be above its lower limit (${lowKeV})`);
  if (lowKeV < (edges[0] as number) || highKeV > (edges[n] as number)) {
    fail(`the region ${lowKeV}…${highKeV} is outside the spectrum (${edges[0]}…${edges[n]})`);
  }
  const variance = countVariance(spectrum);
  const y = spectrum.y.values;
  let gross = 0;
  let grossVariance = 0;
  let firstChannel = n;
  let lastChannel = -1;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(edges[i] as number, lowKeV);
    const hi = Math.min(edges[i + 1] as number, highKeV);
    if (hi <= lo) continue;
    const f = (hi - lo) / ((edges[i + 1] as number) - (edges[i] as number));
    gross += f * (y[i] as number);
    grossVariance += f * f * (variance[i] as number);
    firstChannel = Math.min(firstChannel, i);
    lastChannel = Math.max(lastChannel, i);
  }
  let continuum = 0;
  let continuumVariance = 0;
  if (sideChannels > 0) {
    const left = band(y, variance, firstChannel - sideChannels, firstChannel);
    const right = band(y, variance, lastChannel + 1, lastChannel + 1 + sideChannels);
    if (left === undefined || right === undefined)
      fail(`no room for ${sideChannels} side channels on both sides of the region`);
    const width = (highKeV - lowKeV) / ((edges[lastChannel + 1] as number) - (edges[firstChannel] as number));
    const channelsInRoi = (lastChannel - firstChannel + 1) * width;
    const l = left as { mean: number; varianceOfMean: number };
    const r = right as { mean: number; varianceOfMean: number };
    continuum = ((l.mean + r.mean) / 2) * channelsInRoi;
    continuumVariance = ((l.varianceOfMean + r.varianceOfMean) / 4) * channelsInRoi * channelsInRoi;
  }
  const net = gross - continuum;
  const netSigma = Math.sqrt(grossVariance + continuumVariance);
  const live = typeof spectrum.meta.liveTimeS === 'number' ? spectrum.meta.liveTimeS : undefined;
  const result: RoiCounts = {
    lowKeV,
    highKeV,
    gross,
    grossSigma: Math.sqrt(grossVariance),
    continuum,
    continuumSigma: Math.sqrt(continuumVariance),
    net,
    netSigma,
  };
  return live !== undefined && live > 0 ? { ...result, netRate: net / live, netRateSigma: netSigma / live } : result;
}

function band(
  y: Float64Array,
  variance: Float64Array,
  from: number,
  to: number,
): { mean: number; varianceOfMean: number } | undefined {
  if (from < 0 || to > y.length || to <= from) return undefined;
  let sum = 0;
  let v = 0;
  for (let i = from; i < to; i++) {
    sum += y[i] as number;
    v += variance[i] as number;
  }
  const count = to - from;
  return { mean: sum / count, varianceOfMean: v / (count * count) };
}
