import { xMedian } from 'ml-spectra-processing';
import { type Spectrum, WorkbenchError } from '../../../core';
import { derivedSpectrum, maskedRanges, requireOptical } from './opticalSupport';

/** Options of {@link despike}. */
export interface DespikeOptions {
  /** Modified z-score (of the second difference) above which a point is a candidate. Default 6. */
  readonly threshold?: number;
  /** Widest spike replaced (points). Default 3. */
  readonly maxWidth?: number;
  /**
   * Least −Δ²y / (y − local base) of a spike: 2 for a one-point spike on a flat line, 1 for wider
   * ones, ≤ 0.62 at the top of a Gaussian or Lorentzian of FWHM ≥ 3 points. Default 0.85.
   */
  readonly sharpness?: number;
  /**
   * Largest step |y(edge − 1) − y(edge)| just outside a spike, as a fraction of the spike's height
   * above the line joining its neighbours: the flanks of a real line rise towards it, a spike
   * stands on flat ground. Default 0.35.
   */
  readonly flank?: number;
}

/** The despiked spectrum and which points were replaced. */
export interface DespikeResult {
  readonly spectrum: Spectrum;
  /** 1 where a point was replaced by interpolation. */
  readonly replaced: Uint8Array;
}

/**
 * Removes cosmic-ray spikes (CCD Raman and emission spectra). Detection follows Whitaker & Hayes
 * 2018 (Chemom. Intell. Lab. Syst. 179:82, doi:10.1016/j.chemolab.2018.06.009): a modified
 * z-score z = 0.6745·(d − median d)/MAD(d) (Iglewicz & Hoaglin) flags points whose local
 * difference is an outlier. They difference once; we use the second difference d = Δ²y, which a
 * spike makes −2S (one point) or −S (wider), and add a shape test, because a strong real line of
 * 2–4 points also gives outlying differences: a candidate is a spike only if −Δ²y ≥ `sharpness`·
 * (y − base), base the lower of the points `maxWidth` + 1 away on either side. A Gaussian or
 * Lorentzian of FWHM ≥ 3 points gives at most 0.62 there and survives; a spike gives 1–2. Flagged
 * points within `maxWidth` of each other form one spike (its middle points may not be flagged);
 * spikes wider than `maxWidth` are left alone, and so is one whose flanks are not flat (`flank`:
 * the neighbours of an undersampled line rise towards it, e.g. the 1295 cm⁻¹ band of the HDPE
 * Raman fixture, 1.8 points wide; interleaved detectors in merged spectra zigzag), or whose
 * neighbours differ by more than its height (a step, e.g. where a zero-padded range ends). Each spike is replaced by the straight line between
 * its neighbours, repeated (up to 3 passes) for spikes side by side. Only positive spikes (dead
 * pixels are not cosmic rays). Lines narrower than about 2.5 points (undersampled spectra) can be
 * taken for spikes: do not despike those. Meta: `despiked` (points replaced), `despikedRanges`.
 * @throws WorkbenchError INVALID_OPTION for bad options or a non-optical spectrum; INVALID_DATA for NaN.
 */
export function despike(spectrum: Spectrum, options: DespikeOptions = {}): DespikeResult {
  requireOptical(spectrum, 'despiking');
  const { threshold = 6, maxWidth = 3, sharpness = 0.85, flank = 0.35 } = options;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `despiking: ${message}`, { file: spectrum.file });
  };
  if (!(threshold > 0)) fail(`threshold must be > 0 (got ${threshold})`);
  if (!(Number.isInteger(maxWidth) && maxWidth >= 1 && maxWidth <= 20))
    fail(`maxWidth must be an integer 1–20 (got ${maxWidth})`);
  if (!(sharpness > 0)) fail(`sharpness must be > 0 (got ${sharpness})`);
  if (!(flank > 0)) fail(`flank must be > 0 (got ${flank})`);
  const y = Float64Array.from(spectrum.y.values);
  const replaced = new Uint8Array(y.length);
  for (let pass = 0; pass < 3; pass++) {
    if (removeSpikes(y, replaced, threshold, maxWidth, sharpness, flank) === 0) break;
  }
  const count = replaced.reduce((s, f) => s + f, 0);
  const meta = count > 0 ? { despiked: count, despikedRanges: maskedRanges(spectrum, replaced) } : { despiked: 0 };
  return { spectrum: derivedSpectrum(spectrum, y, 'despiked', meta), replaced };
}

/** One detection and replacement pass over `y` (in place); returns the number of spikes replaced. */
function removeSpikes(
  y: Float64Array,
  replaced: Uint8Array,
  threshold: number,
  maxWidth: number,
  sharpness: number,
  flank: number,
): number {
  const n = y.length;
  if (n < 2 * maxWidth + 3) return 0;
  const d2 = new Float64Array(n - 2);
  for (let i = 1; i < n - 1; i++) d2[i - 1] = (y[i - 1] as number) - 2 * (y[i] as number) + (y[i + 1] as number);
  const centre = xMedian(d2, { exact: true });
  const mad = xMedian(
    d2.map((v) => Math.abs(v - centre)),
    { exact: true },
  );
  if (!(mad > 0)) return 0;
  const flagged: number[] = [];
  for (let i = 1; i < n - 1; i++) {
    const d = d2[i - 1] as number;
    if ((0.6745 * (d - centre)) / mad > -threshold) continue;
    const left = y[Math.max(0, i - maxWidth - 1)] as number;
    const right = y[Math.min(n - 1, i + maxWidth + 1)] as number;
    const height = (y[i] as number) - Math.min(left, right);
    if (height > 0 && -d >= sharpness * height) flagged.push(i);
  }
  let spikes = 0;
  let k = 0;
  while (k < flagged.length) {
    const first = flagged[k] as number;
    let last = first;
    while (k + 1 < flagged.length && (flagged[k + 1] as number) - last <= maxWidth - 1) last = flagged[++k] as number;
    k++;
    if (last - first + 1 > maxWidth || first < 2 || last > n - 3) continue;
    const before = first - 1;
    const after = last + 1;
    const ya = y[before] as number;
    const yb = y[after] as number;
    let height = 0;
    for (let i = first; i <= last; i++)
      height += (y[i] as number) - (ya + ((yb - ya) * (i - before)) / (after - before));
    height /= last - first + 1;
    // flank test: outside the spike the signal is flat (a line's flank rises, interleaved detectors zigzag)
    const flankLeft = Math.abs(ya - (y[before - 1] as number));
    const flankRight = Math.abs(yb - (y[after + 1] as number));
    // a spike returns to the same level on both sides (not the edge of a zero-padded range)
    if (!(height > Math.abs(yb - ya)) || Math.max(flankLeft, flankRight) > flank * height) continue;
    for (let i = first; i <= last; i++) {
      y[i] = ya + ((yb - ya) * (i - before)) / (after - before);
      replaced[i] = 1;
    }
    spikes++;
  }
  return spikes;
}
