import type { ChannelCalibration } from '../../../core';

/**
 * Energy calibrations of gamma spectra: evaluation of the three models gamma files use
 * (polynomial, GADRAS full-range fraction, lower channel edges) with deviation pairs on top.
 *
 * Convention (documented in domains/gamma/README.md): the energy of channel i is the energy of its
 * centre. With `channelReference: 'centre'` (the default: ORTEC, Canberra, RadiaCode, whose
 * calibrations are fitted to peak centroids in channel numbers) that is the equation at i, and
 * channel i spans E(i − ½) … E(i + ½). With `'lowerEdge'` (SpecUtils/InterSpec N42, GADRAS PCF)
 * the equation at i is the lower edge, so the centre is E(i + ½) and the channel spans
 * E(i) … E(i + 1). For `lowerChannelEdges` the file gives the edges themselves; the channel's
 * energy is then the middle of its edges.
 */

/** Why a calibration cannot give an energy axis, or `undefined` when it can. */
export function calibrationProblem(calibration: ChannelCalibration, channelCount: number): string | undefined {
  const c = calibration.coefficients;
  if (c.length === 0) return 'the energy calibration has no coefficients';
  if (!c.every(Number.isFinite)) return 'the energy calibration has a coefficient that is not a finite number';
  if (calibration.model !== 'lowerChannelEdges' && c.every((value) => value === 0)) {
    return 'all energy calibration coefficients are zero';
  }
  if (calibration.model === 'polynomial' && c.slice(1).every((value) => value === 0)) {
    return 'the energy calibration has no gain (only an offset)';
  }
  if (calibration.model === 'lowerChannelEdges' && c.length < channelCount) {
    return `the calibration lists ${c.length} channel edges for ${channelCount} channels`;
  }
  const edges = channelEdgesUnchecked(calibration, channelCount);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as number;
    if (!Number.isFinite(e)) return `the energy calibration gives no finite energy at channel ${i - 0.5}`;
    if (i > 0 && !(e > (edges[i - 1] as number))) {
      return `the energy calibration is not increasing at channel ${i - 1} (${formatKeV(edges[i - 1] as number)} → ${formatKeV(e)} keV)`;
    }
  }
  return undefined;
}

function formatKeV(value: number): string {
  return Number(value.toPrecision(6)).toString();
}

/**
 * The energy of every channel (keV), length `channelCount`.
 * @throws RangeError when the calibration cannot give an energy axis (see {@link calibrationProblem}).
 */
export function channelEnergies(calibration: ChannelCalibration, channelCount: number): Float64Array {
  assertUsable(calibration, channelCount);
  if (calibration.model === 'lowerChannelEdges') {
    const edges = edgesFromList(calibration, channelCount);
    const out = new Float64Array(channelCount);
    for (let i = 0; i < channelCount; i++) out[i] = ((edges[i] as number) + (edges[i + 1] as number)) / 2;
    return out;
  }
  const shift = referenceShift(calibration);
  const out = new Float64Array(channelCount);
  for (let i = 0; i < channelCount; i++) out[i] = energyAtChannel(calibration, i + shift);
  return out;
}

/** Channel-number offset of a channel's centre in the equation: 0 for `centre`, ½ for `lowerEdge`. */
function referenceShift(calibration: ChannelCalibration): number {
  return calibration.channelReference === 'lowerEdge' ? 0.5 : 0;
}

/**
 * The channel edges (keV), length `channelCount + 1`: channel i spans edges[i] … edges[i + 1].
 * @throws RangeError when the calibration cannot give an energy axis.
 */
export function channelEdges(calibration: ChannelCalibration, channelCount: number): Float64Array {
  assertUsable(calibration, channelCount);
  return channelEdgesUnchecked(calibration, channelCount);
}

function assertUsable(calibration: ChannelCalibration, channelCount: number): void {
  if (!Number.isInteger(channelCount) || channelCount < 1) {
    throw new RangeError(`channelCount must be a positive integer, got ${channelCount}`);
  }
  const problem = calibrationProblem(calibration, channelCount);
  if (problem !== undefined) throw new RangeError(problem);
}

function channelEdgesUnchecked(calibration: ChannelCalibration, channelCount: number): Float64Array {
  if (calibration.model === 'lowerChannelEdges') return edgesFromList(calibration, channelCount);
  const shift = referenceShift(calibration);
  const out = new Float64Array(channelCount + 1);
  for (let i = 0; i <= channelCount; i++) out[i] = energyAtChannel(calibration, i - 0.5 + shift);
  return out;
}

/** Edges from an explicit list; a missing last upper edge continues the last channel's width. */
function edgesFromList(calibration: ChannelCalibration, channelCount: number): Float64Array {
  const c = calibration.coefficients;
  const out = new Float64Array(channelCount + 1);
  for (let i = 0; i < channelCount && i < c.length; i++) out[i] = c[i] as number;
  out[channelCount] =
    c.length > channelCount
      ? (c[channelCount] as number)
      : 2 * (out[channelCount - 1] as number) - (channelCount > 1 ? (out[channelCount - 2] as number) : 0);
  return out;
}

/**
 * The equation's value (keV) at a fractional channel number, deviation pairs included — as the
 * file defines it, without the centre/lower-edge shift (see {@link channelEnergies} for channel
 * centres). For `lowerChannelEdges` it interpolates linearly between the listed edges.
 */
export function energyAtChannel(calibration: ChannelCalibration, channel: number): number {
  const c = calibration.coefficients;
  let energy: number;
  switch (calibration.model) {
    case 'polynomial': {
      energy = 0;
      for (let k = c.length - 1; k >= 0; k--) energy = energy * channel + (c[k] as number);
      break;
    }
    case 'fullRangeFraction': {
      const x = channel / calibration.channelCount;
      energy =
        (c[0] ?? 0) + (c[1] ?? 0) * x + (c[2] ?? 0) * x * x + (c[3] ?? 0) * x * x * x + (c[4] ?? 0) / (1 + 60 * x);
      break;
    }
    case 'lowerChannelEdges': {
      const last = c.length - 1;
      const i = Math.min(Math.max(Math.floor(channel + 0.5), 0), Math.max(last - 1, 0));
      const lo = c[i] as number;
      const hi = (c[i + 1] ?? lo) as number;
      return lo + (hi - lo) * (channel + 0.5 - i);
    }
    default: {
      const exhaustive: never = calibration.model;
      return exhaustive;
    }
  }
  const pairs = calibration.deviationPairs;
  return pairs !== undefined && pairs.length > 0 ? energy + deviationOffset(pairs, energy) : energy;
}

/**
 * The deviation-pair offset (keV) to add to an equation energy, SpecUtils' definition
 * (EnergyCalibration.cpp `create_cubic_spline_for_dev_pairs`): a pair (E, d) says a line of true
 * energy E appears at E − d before correction, so the spline nodes are (E − d, d); pairs are
 * sorted, pairs under 0.01 keV apart dropped, a lone pair gets a (0, 0) partner, and a lone pair
 * below 0.1 keV means no correction. Natural cubic spline between the nodes, constant beyond them.
 */
export function deviationOffset(pairs: readonly (readonly [number, number])[], energy: number): number {
  return deviationSpline(pairs)(energy);
}

const splineCache = new WeakMap<readonly (readonly [number, number])[], (energy: number) => number>();

/** The offset function of a list of pairs, built once per list (calibrations are immutable). */
function deviationSpline(pairs: readonly (readonly [number, number])[]): (energy: number) => number {
  let spline = splineCache.get(pairs);
  if (spline === undefined) {
    spline = buildDeviationSpline(pairs);
    splineCache.set(pairs, spline);
  }
  return spline;
}

function buildDeviationSpline(pairs: readonly (readonly [number, number])[]): (energy: number) => number {
  const zero = () => 0;
  if (pairs.length === 0) return zero;
  if (pairs.length === 1 && (pairs[0] as readonly [number, number])[0] < 0.1) return zero;
  let sorted = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (sorted.length < 2) sorted.unshift([0, 0]);
  // SpecUtils drops the earlier of two pairs closer than 0.01 keV, then starts over.
  for (let i = 0; i < sorted.length - 1; i++) {
    if (
      Math.abs((sorted[i] as readonly [number, number])[0] - (sorted[i + 1] as readonly [number, number])[0]) < 0.01
    ) {
      sorted = [...sorted.slice(0, i), ...sorted.slice(i + 1)];
      i = -1;
    }
  }
  const nodes = sorted.map(([e, d]) => [e - d, d] as const);
  const n = nodes.length;
  const first = nodes[0] as readonly [number, number];
  const last = nodes[n - 1] as readonly [number, number];
  if (n === 1) return () => first[1];
  const m = splineSecondDerivatives(nodes);
  return (energy) => {
    if (energy <= first[0]) return first[1];
    if (energy >= last[0]) return last[1];
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if ((nodes[mid] as readonly [number, number])[0] > energy) hi = mid;
      else lo = mid;
    }
    const [x0, y0] = nodes[lo] as readonly [number, number];
    const [x1, y1] = nodes[hi] as readonly [number, number];
    const h = x1 - x0;
    const a = (x1 - energy) / h;
    const b = (energy - x0) / h;
    return a * y0 + b * y1 + (((a * a * a - a) * (m[lo] as number) + (b * b * b - b) * (m[hi] as number)) * h * h) / 6;
  };
}

/** Second derivatives of the natural cubic spline through the nodes (tridiagonal solve). */
function splineSecondDerivatives(pairs: readonly (readonly [number, number])[]): Float64Array {
  const n = pairs.length;
  const m = new Float64Array(n);
  const u = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    const [xp, yp] = pairs[i - 1] as readonly [number, number];
    const [x, y] = pairs[i] as readonly [number, number];
    const [xn, yn] = pairs[i + 1] as readonly [number, number];
    const sig = (x - xp) / (xn - xp);
    const p = sig * (m[i - 1] as number) + 2;
    m[i] = (sig - 1) / p;
    const slope = (yn - y) / (xn - x) - (y - yp) / (x - xp);
    u[i] = ((6 * slope) / (xn - xp) - sig * (u[i - 1] as number)) / p;
  }
  for (let i = n - 2; i >= 0; i--) m[i] = (m[i] as number) * (m[i + 1] as number) + (u[i] as number);
  return m;
}

/** A polynomial energy calibration in keV (the most common case). */
export function polynomialCalibration(
  coefficients: readonly number[],
  channelCount: number,
  deviationPairs?: readonly (readonly [number, number])[],
): ChannelCalibration {
  return deviationPairs !== undefined && deviationPairs.length > 0
    ? { model: 'polynomial', coefficients: [...coefficients], deviationPairs, channelCount, unit: 'keV' }
    : { model: 'polynomial', coefficients: [...coefficients], channelCount, unit: 'keV' };
}
