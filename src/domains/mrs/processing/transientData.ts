import { type Spectrum, type SpectrumMeta, WorkbenchError } from '../../../core';
import { type ComplexArrays, fftAnyLength } from '../../../numeric/fftAnyLength';
import { WATER_PPM } from '../mrsSpectrum';

/**
 * Shared plumbing of the multi-transient steps (coil combination, alignment, outlier rejection,
 * averaging, ECC, water removal): reading an MRS FID spectrum (`mrsSpectrum.ts`), its acquisition
 * parameters, the NIfTI-MRS frequency ↔ ppm mapping, and building the output spectrum.
 */

/** What the multi-transient steps need to know of an FID. */
export interface Acquisition {
  readonly points: number;
  /** s */
  readonly dwellTimeS: number;
  /** MHz */
  readonly spectrometerFrequencyMHz: number;
  /** ppm at the centre of the spectral window (f = 0). */
  readonly centrePpm: number;
}

/** The complex FID of an MRS spectrum (imaginary part zero when the spectrum has none). */
export function fidOf(spectrum: Spectrum): ComplexArrays {
  const re = spectrum.y.values;
  return { re, im: spectrum.y.imaginary ?? new Float64Array(re.length) };
}

/**
 * Acquisition parameters from the meta keys `toMrsSpectrum` writes (`dwellTimeS`,
 * `spectrometerFrequencyMHz`, `centrePpm`); the dwell falls back to the time axis step.
 * @throws WorkbenchError INVALID_DATA when the spectrum is not a time-domain FID or lacks a frequency.
 */
export function acquisitionOf(spectrum: Spectrum): Acquisition {
  const fail = (what: string): never => {
    throw new WorkbenchError('INVALID_DATA', `${spectrum.name}: ${what}`, { file: spectrum.file });
  };
  if (spectrum.x.unit !== 's') fail(`expected a time-domain FID (x in s), got x in ${spectrum.x.unit}`);
  const points = spectrum.y.values.length;
  if (points < 8) fail(`an FID needs at least 8 points (got ${points})`);
  const meta = spectrum.meta;
  const axisStep = (spectrum.x.values[1] as number) - (spectrum.x.values[0] as number);
  const dwell = typeof meta.dwellTimeS === 'number' ? meta.dwellTimeS : axisStep;
  if (!(dwell > 0 && Number.isFinite(dwell))) fail(`dwell time must be > 0 s (got ${dwell})`);
  const sf = meta.spectrometerFrequencyMHz;
  if (typeof sf !== 'number' || !(sf > 0)) fail('no spectrometer frequency (meta.spectrometerFrequencyMHz)');
  const centre = typeof meta.centrePpm === 'number' ? meta.centrePpm : WATER_PPM;
  return { points, dwellTimeS: dwell, spectrometerFrequencyMHz: sf as number, centrePpm: centre };
}

/**
 * The acquisition shared by every spectrum of a list (same points and dwell time within 1e-9).
 * @throws WorkbenchError INVALID_OPTION for an empty list, INVALID_DATA when they differ.
 */
export function sharedAcquisition(spectra: readonly Spectrum[], what: string): Acquisition {
  const first = spectra[0];
  if (first === undefined) throw new WorkbenchError('INVALID_OPTION', `${what}: no spectrum given`);
  const acquisition = acquisitionOf(first);
  for (const spectrum of spectra) {
    const other = acquisitionOf(spectrum);
    const sameDwell = Math.abs(other.dwellTimeS - acquisition.dwellTimeS) <= 1e-9 * acquisition.dwellTimeS;
    if (other.points !== acquisition.points || !sameDwell) {
      throw new WorkbenchError(
        'INVALID_DATA',
        `${what}: ${spectrum.name} has ${other.points} points at ${other.dwellTimeS} s, ` +
          `${first.name} ${acquisition.points} at ${acquisition.dwellTimeS} s`,
        { file: spectrum.file },
      );
    }
  }
  return acquisition;
}

/** Frequency (Hz, positive = FID rotating counter-clockwise) of a chemical shift: f = (centre − ppm)·SF. */
export function ppmToHz(ppm: number, acquisition: Acquisition): number {
  return (acquisition.centrePpm - ppm) * acquisition.spectrometerFrequencyMHz;
}

/** Chemical shift (ppm) of a frequency (Hz): ppm = centre − f/SF (NIfTI-MRS convention). */
export function hzToPpm(hz: number, acquisition: Acquisition): number {
  return acquisition.centrePpm - hz / acquisition.spectrometerFrequencyMHz;
}

/**
 * Which bins of the unshifted DFT of an n-point FID fall in [low, high] ppm: bin k has
 * f = k/(n·dwell) for k < n/2, else (k − n)/(n·dwell).
 */
export function ppmBins(n: number, acquisition: Acquisition, range: readonly [number, number]): Uint8Array {
  const low = Math.min(range[0], range[1]);
  const high = Math.max(range[0], range[1]);
  const mask = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const f = (k < n / 2 ? k : k - n) / (n * acquisition.dwellTimeS);
    const ppm = hzToPpm(f, acquisition);
    if (ppm >= low && ppm <= high) mask[k] = 1;
  }
  return mask;
}

/** Forward DFT of an FID (unshifted, NumPy convention; any length). */
export function spectrumOfFid(fid: ComplexArrays): ComplexArrays {
  return fftAnyLength(fid.re, fid.im);
}

/** Per-point median of the real and of the imaginary parts of several FIDs (a robust reference transient). */
export function complexMedian(fids: readonly ComplexArrays[]): ComplexArrays {
  const n = fids[0]?.re.length ?? 0;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const column = new Float64Array(fids.length);
  const median = (): number => {
    column.sort();
    const m = column.length >> 1;
    return column.length % 2 === 1 ? (column[m] as number) : ((column[m - 1] as number) + (column[m] as number)) / 2;
  };
  for (let i = 0; i < n; i++) {
    fids.forEach((fid, k) => {
      column[k] = fid.re[i] as number;
    });
    re[i] = median();
    fids.forEach((fid, k) => {
      column[k] = fid.im[i] as number;
    });
    im[i] = median();
  }
  return { re, im };
}

/** Per-point mean of several FIDs. */
export function complexMean(fids: readonly ComplexArrays[]): ComplexArrays {
  const n = fids[0]?.re.length ?? 0;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const fid of fids) {
    for (let i = 0; i < n; i++) {
      re[i] = (re[i] as number) + (fid.re[i] as number);
      im[i] = (im[i] as number) + (fid.im[i] as number);
    }
  }
  for (let i = 0; i < n; i++) {
    re[i] = (re[i] as number) / fids.length;
    im[i] = (im[i] as number) / fids.length;
  }
  return { re, im };
}

/**
 * A copy of an FID spectrum with new complex samples and extra meta (keys set to `undefined` are
 * removed); id gets `/<suffix>`, the name ` (<suffix>)` unless `name` is given.
 */
export function withFid(
  spectrum: Spectrum,
  fid: ComplexArrays,
  meta: Readonly<Record<string, string | number | boolean | undefined>>,
  suffix: string,
  name?: string,
): Spectrum {
  const merged: SpectrumMeta = { ...spectrum.meta };
  for (const [key, value] of Object.entries(meta)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  return {
    ...spectrum,
    id: `${spectrum.id}/${suffix}`,
    name: name ?? `${spectrum.name} (${suffix})`,
    y: { values: fid.re, imaginary: fid.im, unit: spectrum.y.unit },
    meta: merged,
  };
}

/** File name without folders. */
export function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}

/** `index.<dim>` values of a spectrum's meta, e.g. { coil: 3, dynamic: 12 }. */
export function indicesOf(spectrum: Spectrum): Record<string, number> {
  const indices: Record<string, number> = {};
  for (const [key, value] of Object.entries(spectrum.meta)) {
    if (key.startsWith('index.') && typeof value === 'number') indices[key.slice(6)] = value;
  }
  return indices;
}

/** Display name of a spectrum that stands for a group: file, role and the indices it still has. */
export function groupName(spectrum: Spectrum, indices: Readonly<Record<string, number>>, what: string): string {
  const parts = [spectrum.meta.role === 'water' ? 'water' : undefined];
  for (const [dim, at] of Object.entries(indices)) parts.push(`${dim} ${at}`);
  parts.push(what);
  return `${baseName(spectrum.file)} (${parts.filter((p) => p !== undefined).join(', ')})`;
}

/**
 * Median of the values (a copy is partially sorted by quickselect, O(n); the mean of the two middle
 * values for an even count). NaN for none.
 */
export function medianOf(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const a = Float64Array.from(values);
  const select = (k: number): number => {
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const pivot = a[(low + high) >> 1] as number;
      let i = low;
      let j = high;
      while (i <= j) {
        while ((a[i] as number) < pivot) i++;
        while ((a[j] as number) > pivot) j--;
        if (i <= j) {
          const swap = a[i] as number;
          a[i] = a[j] as number;
          a[j] = swap;
          i++;
          j--;
        }
      }
      if (k <= j) high = j;
      else if (k >= i) low = i;
      else return a[k] as number;
    }
    return a[k] as number;
  };
  const upper = select(n >> 1);
  if (n % 2 === 1) return upper;
  let lower = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n >> 1; i++) lower = Math.max(lower, a[i] as number); // after select, a[0..n/2) ≤ a[n/2]
  return (lower + upper) / 2;
}
