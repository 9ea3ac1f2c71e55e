import type { Spectrum } from '../../core/spectrum';
import type { LoadedFile } from '../store/spectraSlice';

/** Spectra of one detector in one file, in file order: a time history worth a heatmap. */
export interface TimeSeries {
  readonly file: string;
  /** Detector (or instrument) name, '' when the file names none. */
  readonly detector: string;
  readonly ids: readonly string[];
}

/** Least number of spectra of one detector that makes a file a time series. */
export const MIN_TIME_SERIES = 8;

function detectorOf(spectrum: Spectrum): string {
  const { detector, instrument } = spectrum.meta;
  return String(detector ?? instrument ?? '');
}

/**
 * The time series among the loaded gamma files: per file, the spectra of each detector (N42 time
 * histories, RadiaCode spectrograms), when there are at least `minCount` of them with the same
 * axis unit and channel count. Background measurements, cumulative totals (`meta.cumulative`, the
 * spectrogram's running sum) and spectra made in the app (`derived`) are left out. Pure.
 */
export function findTimeSeries(
  files: readonly LoadedFile[],
  spectra: Readonly<Record<string, Spectrum>>,
  derived: readonly string[] = [],
  minCount = MIN_TIME_SERIES,
): TimeSeries[] {
  const skip = new Set(derived);
  const out: TimeSeries[] = [];
  for (const file of files) {
    if (file.domain !== 'gamma' || file.spectrumIds.length < minCount) continue;
    const groups = new Map<string, string[]>();
    for (const id of file.spectrumIds) {
      const spectrum = spectra[id];
      if (!spectrum || skip.has(id) || spectrum.domain !== 'gamma') continue;
      if (spectrum.meta.measurementClass === 'Background' || spectrum.meta.cumulative === true) continue;
      const key = `${detectorOf(spectrum)}\u0000${spectrum.x.unit}\u0000${spectrum.y.values.length}`;
      const group = groups.get(key);
      if (group) group.push(id);
      else groups.set(key, [id]);
    }
    for (const [key, ids] of groups) {
      if (ids.length >= minCount) out.push({ file: file.file, detector: key.split('\u0000')[0] as string, ids });
    }
  }
  return out;
}
