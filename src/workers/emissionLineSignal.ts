import { WorkbenchError } from '../core/errors';
import type { Spectrum } from '../core/spectrum';
import { noiseSigma } from '../domains/emission/processing/noiseSigma';

/** The emission line a calibration measures: its position on the spectra's axis and the window integrated. */
export interface CalibrationLine {
  /** Centre of the window on the spectra's axis (nm as measured, i.e. library λ + axis offset). */
  readonly wavelengthNm: number;
  /** Full width of the window (nm). */
  readonly windowNm: number;
  /** How the UI names it, e.g. `Ca I 422.673 nm`. */
  readonly label?: string;
}

/** The net signal of a line in one spectrum. */
export interface LineSignal {
  /** Net integrated intensity ∫(y − b)dx over the window (intensity unit × nm). */
  readonly area: number;
  /** Standard uncertainty of the area from the white noise alone: σ_y·Δx·√N (N points). */
  readonly areaSigma: number;
  /** Largest net value in the window (intensity units) and where it is (nm). */
  readonly height: number;
  readonly peakNm: number;
  /** The window actually integrated (first and last point inside it, nm) and its points. */
  readonly fromNm: number;
  readonly toNm: number;
  readonly points: number;
}

/** Points averaged at each window edge for the background line (as `processing/normalise` does). */
const EDGE_POINTS = 3;

/**
 * Net signal of an emission line: the window centre ± width/2 is integrated by trapezoids above a
 * straight background through the means of the first and last {@link EDGE_POINTS} points of the
 * window — the internal-standard window of `processing/normalise` (the classical net line
 * intensity of LIBS/AES calibration: background taken beside the line, on both sides). Works on
 * each spectrum's own axis, so standards need not share a grid. σ from `processing/noiseSigma`.
 * @throws WorkbenchError INVALID_OPTION when the spectrum is not on a nm axis, the window is not
 *   inside its axis, or holds fewer than 2·EDGE_POINTS + 1 points.
 */
export function lineSignal(spectrum: Spectrum, line: CalibrationLine): LineSignal {
  const file = spectrum.file;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `line signal of ${spectrum.name}: ${message}`, { file });
  };
  if (spectrum.x.unit !== 'nm') fail(`the axis is in ${spectrum.x.unit}, not nm`);
  if (!(line.windowNm > 0) || !Number.isFinite(line.wavelengthNm)) fail('give a line position and a window > 0 nm');
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const low = line.wavelengthNm - line.windowNm / 2;
  const high = line.wavelengthNm + line.windowNm / 2;
  const first = x[0] as number;
  const last = x[x.length - 1] as number;
  if (low < first || high > last) {
    fail(`the window ${low.toFixed(3)}–${high.toFixed(3)} nm is not inside the axis (${first}–${last} nm)`);
  }
  let from = 0;
  while ((x[from] as number) < low) from++;
  let to = x.length - 1;
  while ((x[to] as number) > high) to--;
  const points = to - from + 1;
  if (points < 2 * EDGE_POINTS + 1) {
    fail(`the window holds ${points} points; it needs ${2 * EDGE_POINTS + 1} (widen it)`);
  }
  const mean = (a: number, b: number): [number, number] => {
    let sx = 0;
    let sy = 0;
    for (let i = a; i <= b; i++) {
      sx += x[i] as number;
      sy += y[i] as number;
    }
    return [sx / (b - a + 1), sy / (b - a + 1)];
  };
  const [xl, yl] = mean(from, from + EDGE_POINTS - 1);
  const [xr, yr] = mean(to - EDGE_POINTS + 1, to);
  const net = (i: number) => (y[i] as number) - (yl + ((yr - yl) * ((x[i] as number) - xl)) / (xr - xl));
  let area = 0;
  let height = Number.NEGATIVE_INFINITY;
  let peak = from;
  for (let i = from; i <= to; i++) {
    if (i < to) area += (((x[i + 1] as number) - (x[i] as number)) * (net(i) + net(i + 1))) / 2;
    if (net(i) > height) {
      height = net(i);
      peak = i;
    }
  }
  if (!Number.isFinite(area)) {
    throw new WorkbenchError('INVALID_DATA', `line signal of ${spectrum.name}: the window holds non-finite values`, {
      file,
    });
  }
  const step = ((x[to] as number) - (x[from] as number)) / (points - 1);
  return {
    area,
    areaSigma: noiseSigma(y) * step * Math.sqrt(points),
    height,
    peakNm: x[peak] as number,
    fromNm: x[from] as number,
    toNm: x[to] as number,
    points,
  };
}
