import { xyInterpolateLinear } from 'ml-spectra-processing';
import { type Spectrum, WorkbenchError } from '../../../core';
import { round, unitSuffix } from './opticalSupport';

/**
 * The intensities of a companion spectrum (a dark or a reference measurement) on the x grid of
 * `sample`: taken as they are when both have the same points (equal x within 10⁻⁶ of a step),
 * otherwise linearly interpolated (ml-spectra-processing `xyInterpolateLinear`). A companion must
 * cover the whole sample range (to half a step): extrapolating a dark or a lamp spectrum would
 * invent data, so a companion that misses part of it is refused.
 * @param role - What the companion is (`dark`, `reference`), for messages.
 * @throws WorkbenchError INVALID_OPTION (naming the companion's file) for another x unit, ranges
 *   that do not overlap, or a companion that covers only part of the sample.
 */
export function companionOnGrid(companion: Spectrum, sample: Spectrum, role: string): Float64Array {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', message, { file: companion.file });
  };
  if (companion.x.unit !== sample.x.unit) {
    fail(`the ${role} spectrum's x axis is in ${companion.x.unit}, the sample's in ${sample.x.unit}`);
  }
  const xs = sample.x.values;
  const xc = companion.x.values;
  const n = xs.length;
  if (n === 0 || xc.length === 0) return fail(`the ${role} spectrum or the sample holds no points`);
  const step = n > 1 ? ((xs[n - 1] as number) - (xs[0] as number)) / (n - 1) : 1;
  if (xc.length === n) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = Math.abs((xc[i] as number) - (xs[i] as number)) <= 1e-6 * Math.abs(step);
    if (same) return Float64Array.from(companion.y.values);
  }
  const [s0, s1] = [xs[0] as number, xs[n - 1] as number];
  const [c0, c1] = [xc[0] as number, xc[xc.length - 1] as number];
  const unit = unitSuffix(sample);
  const ranges = `the ${role} spectrum covers ${round(c0)}–${round(c1)}${unit}, the sample ${round(s0)}–${round(s1)}${unit}`;
  if (c1 < s0 || c0 > s1) fail(`${ranges}: they do not overlap`);
  const slack = Math.abs(step) / 2;
  if (c0 > s0 + slack || c1 < s1 - slack) {
    fail(`${ranges}: the ${role} must cover the whole sample range (measure it over the same range as the sample)`);
  }
  return xyInterpolateLinear({ x: xc, y: companion.y.values }, xs);
}
