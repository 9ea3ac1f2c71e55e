import type { Spectrum } from '../../core/spectrum';
import type { LoadedFile } from '../store/spectraSlice';

/**
 * Index names that count transients, in the engine's order of preference (the same list as
 * `workers/mrsTransientView.ts`'s `TRANSIENT_DIMENSIONS`; a test keeps them equal): NIfTI-MRS
 * `DIM_DYN` and `DIM_MEAS`, Philips SDAT rows, jMRUI signals, DICOM frames.
 */
export const TRANSIENT_DIMENSIONS: readonly string[] = ['dynamic', 'meas', 'row', 'signal', 'frame'];

/** How many transients and coils the FIDs of one file hold. */
export interface TransientCount {
  /** Distinct positions along the first transient dimension present (1 when none). */
  readonly transients: number;
  /** Distinct `index.coil` values (1 when none). */
  readonly coils: number;
}

/** Transients and coils among the FIDs of a file, read from their `index.*` meta. Pure. */
export function transientCount(fids: readonly Spectrum[]): TransientCount {
  const dimension = TRANSIENT_DIMENSIONS.find((d) => fids.some((s) => typeof s.meta[`index.${d}`] === 'number'));
  const distinct = (key: string) => new Set(fids.map((s) => s.meta[key]).filter((v) => typeof v === 'number')).size;
  return {
    transients: dimension === undefined ? 1 : Math.max(1, distinct(`index.${dimension}`)),
    coils: Math.max(1, distinct('index.coil')),
  };
}

/** The MRS FIDs a file was read into (views made in the app left out, basis spectra left out). */
export function fileFids(
  files: readonly LoadedFile[],
  spectra: Readonly<Record<string, Spectrum>>,
  derivedIds: readonly string[],
  file: string,
): Spectrum[] {
  const entry = files.find((f) => f.file === file);
  if (!entry) return [];
  return entry.spectrumIds
    .filter((id) => !derivedIds.includes(id))
    .map((id) => spectra[id])
    .filter(
      (s): s is Spectrum => s !== undefined && s.domain === 'mrs' && s.x.unit === 's' && s.meta.basisSet !== true,
    );
}
