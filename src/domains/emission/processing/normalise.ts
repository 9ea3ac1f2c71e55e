import { type Spectrum, type SpectrumMeta, WorkbenchError } from '../../../core';
import { noiseSigma } from './noiseSigma';
import { derivedSpectrum, requireOptical, round, unitSuffix } from './opticalSupport';

/** The normalisations of {@link normalise}. */
export type NormalisationMethod = 'area' | 'max' | 'snv' | 'internal-standard';

/** Options of {@link normalise}. */
export interface NormaliseOptions {
  readonly method: NormalisationMethod;
  /** Internal standard: centre of the line window (axis units, e.g. 656.28 nm for H α). */
  readonly centre?: number;
  /** Internal standard: half-width of the window (axis units). */
  readonly halfWidth?: number;
  /** Internal standard: points averaged at each window edge for the background line. Default 3. */
  readonly edgePoints?: number;
}

/**
 * Normalises the intensities:
 * - `area`: divides by the total area ∫y dx (trapezoids over the whole axis; x units), so spectra of
 *   different total light compare (LIBS "total emission" normalisation);
 * - `max`: divides by the largest value;
 * - `snv`: standard normal variate (Barnes, Dhanoa & Lister 1989, Appl. Spectrosc. 43:772,
 *   doi:10.1366/0003702894202201): (y − mean)/SD (sample SD, n − 1), per spectrum;
 * - `internal-standard`: divides by the net integrated intensity of one line (the internal standard
 *   of LIBS/AES: H α 656.28 nm in water plasmas, Ar 763.5 nm in argon, a matrix line; Erbetta et
 *   al. 2024 used the H line for Li in brines, notes §6): ∫(y − b)dx over centre ± halfWidth, b the
 *   straight line through the means of the `edgePoints` first and last points of the window.
 * Meta: `normalisation` (method, and the window), `normalisationFactor` (what y was divided by;
 * for SNV also `normalisationMean`).
 * @throws WorkbenchError INVALID_OPTION for a window outside the axis or holding fewer than
 *   2·edgePoints + 1 points; INVALID_DATA for a divisor ≤ 0 (no light, a flat spectrum, or a
 *   window with no line above its background).
 */
export function normalise(spectrum: Spectrum, options: NormaliseOptions): Spectrum {
  requireOptical(spectrum, 'normalisation');
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const n = y.length;
  const method = options.method;
  const invalid = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', `normalisation (${method}): ${message}`, { file: spectrum.file });
  };
  let factor: number;
  let offset = 0;
  let least = 0;
  const meta: SpectrumMeta = { normalisation: method };
  switch (method) {
    case 'area':
      factor = trapezoid(x, y, 0, n - 1, () => 0);
      break;
    case 'max':
      factor = y.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);
      break;
    case 'snv': {
      offset = y.reduce((s, v) => s + v, 0) / n;
      factor = Math.sqrt(y.reduce((s, v) => s + (v - offset) ** 2, 0) / Math.max(1, n - 1));
      meta.normalisationMean = round(offset, 6);
      break;
    }
    case 'internal-standard': {
      const window = lineWindow(spectrum, options);
      factor = window.net;
      least = window.least;
      meta.normalisation = `internal standard ${window.description}`;
      break;
    }
    default: {
      const exhaustive: never = method;
      throw new WorkbenchError('INVALID_OPTION', `unknown normalisation ${String(exhaustive)}`, {
        file: spectrum.file,
      });
    }
  }
  if (method === 'internal-standard' && !(factor > least)) {
    invalid(
      `the line window holds no significant intensity above its background (net ${round(factor)}, ` +
        `3σ ${round(least)}): is the line there?`,
    );
  }
  if (!(factor > 0) || !Number.isFinite(factor)) invalid(`nothing to divide by (${round(factor)})`);
  meta.normalisationFactor = round(factor, 6);
  const values = Float64Array.from(y, (v) => (v - offset) / factor);
  return derivedSpectrum(spectrum, values, 'normalised', meta, { unit: 'a.u.' });
}

/**
 * Net integrated intensity of the internal-standard window, the least net that counts as a line
 * (3·σ_y·Δx·√points, σ_y from {@link noiseSigma}; 10⁻⁹ of the gross area for noise-free data), and
 * the window in words.
 */
function lineWindow(
  spectrum: Spectrum,
  options: NormaliseOptions,
): { net: number; least: number; description: string } {
  const { centre, halfWidth, edgePoints = 3 } = options;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `internal-standard normalisation: ${message}`, { file: spectrum.file });
  };
  if (centre === undefined || halfWidth === undefined)
    return fail('give the line centre and the half-width of its window');
  if (!(halfWidth > 0)) fail(`the half-width must be > 0 (got ${halfWidth})`);
  if (!(Number.isInteger(edgePoints) && edgePoints >= 1)) fail(`edgePoints must be an integer ≥ 1 (got ${edgePoints})`);
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const [low, high] = [centre - halfWidth, centre + halfWidth];
  const unit = unitSuffix(spectrum);
  if (low < (x[0] as number) || high > (x[x.length - 1] as number)) {
    fail(`the window ${round(low)}–${round(high)}${unit} is not inside the axis (${x[0]}–${x[x.length - 1]}${unit})`);
  }
  let from = 0;
  while ((x[from] as number) < low) from++;
  let to = x.length - 1;
  while ((x[to] as number) > high) to--;
  if (to - from + 1 < 2 * edgePoints + 1) {
    fail(
      `the window ${round(low)}–${round(high)}${unit} holds ${to - from + 1} points; it needs ${2 * edgePoints + 1}`,
    );
  }
  const mean = (a: number, b: number) => {
    let sx = 0;
    let sy = 0;
    for (let i = a; i <= b; i++) {
      sx += x[i] as number;
      sy += y[i] as number;
    }
    return [sx / (b - a + 1), sy / (b - a + 1)] as const;
  };
  const [xl, yl] = mean(from, from + edgePoints - 1);
  const [xr, yr] = mean(to - edgePoints + 1, to);
  const background = (i: number) => yl + ((yr - yl) * ((x[i] as number) - xl)) / (xr - xl);
  const points = to - from + 1;
  const step = ((x[to] as number) - (x[from] as number)) / (points - 1);
  const gross = Math.abs(trapezoid(x, y, from, to, () => 0));
  return {
    net: trapezoid(x, y, from, to, background),
    least: Math.max(3 * noiseSigma(y) * step * Math.sqrt(points), 1e-9 * gross),
    description: `${round(centre)}${unit} ± ${round(halfWidth)}`,
  };
}

/** ∫(y − b)dx by trapezoids from point a to point b. */
function trapezoid(x: Float64Array, y: Float64Array, a: number, b: number, base: (i: number) => number): number {
  let sum = 0;
  for (let i = a; i < b; i++) {
    const h = (x[i + 1] as number) - (x[i] as number);
    sum += (h * ((y[i] as number) - base(i) + (y[i + 1] as number) - base(i + 1))) / 2;
  }
  return sum;
}
