import { type Spectrum, WorkbenchError } from '../../../core';
import { mrsSignal, timeAxis, withSignal } from './mrsSignal';

/** Most points a zero-filled FID may have (2^22, 64 MiB of samples): a guard against a typo. */
export const MAX_ZERO_FILLED_POINTS = 4_194_304;

/** How far to zero-fill: a whole factor of the current length, or a total number of points. */
export type ZeroFillOptions = { readonly factor: number } | { readonly points: number };

/**
 * Appends zeros to an MRS FID (time domain only): N → factor·N or → `points`. Interpolates the
 * spectrum (spacing 1/(N′·dwell) Hz) without adding information; do it after apodisation when the
 * FID is truncated, to avoid sinc ringing. Peak heights stay the same (the transform is
 * unnormalised). Meta `points` becomes the new length; `acquiredPoints` keeps the original one.
 *
 * Throws INVALID_OPTION (naming the file) for a non-MRS or frequency-domain input, a factor that is
 * not an integer ≥ 1, or a point count below the current length or above {@link MAX_ZERO_FILLED_POINTS}.
 */
export function zeroFill(spectrum: Spectrum, options: ZeroFillOptions): Spectrum {
  const signal = mrsSignal(spectrum, 'zero-filling', 'time');
  const n = signal.re.length;
  const bad = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `zero-filling: ${message}`, { file: spectrum.file });
  };
  let target: number;
  if ('factor' in options) {
    if (!(Number.isInteger(options.factor) && options.factor >= 1))
      bad(`factor must be an integer ≥ 1 (got ${options.factor})`);
    target = n * options.factor;
  } else {
    if (!(Number.isInteger(options.points) && options.points >= n)) {
      bad(`points must be an integer ≥ the current ${n} (got ${options.points})`);
    }
    target = options.points;
  }
  if (target > MAX_ZERO_FILLED_POINTS) bad(`${target} points is more than the limit of ${MAX_ZERO_FILLED_POINTS}`);
  const re = new Float64Array(target);
  const im = new Float64Array(target);
  re.set(signal.re);
  im.set(signal.im);
  const acquired = spectrum.meta.acquiredPoints ?? n;
  return withSignal(
    spectrum,
    { re, im, x: { ...spectrum.x, values: timeAxis(target, signal.dwellTimeS) } },
    'zero-filled',
    { points: target, acquiredPoints: acquired },
  );
}
