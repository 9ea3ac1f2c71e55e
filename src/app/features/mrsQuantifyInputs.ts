import type { Spectrum } from '../../core/spectrum';
import type { LoadedFile } from '../store/spectraSlice';

/** A loaded MRS file the user may pick as basis set or water reference. */
export interface MrsFileChoice {
  readonly file: string;
  /** Its FIDs (spectra made in the app, such as a ppm view, left out). */
  readonly ids: readonly string[];
  /** Every spectrum of the file is marked `meta.basisSet` (an LCModel `.BASIS`). */
  readonly basisSet: boolean;
  /** Every spectrum of the file is marked `meta.role: water`. */
  readonly water: boolean;
}

/** What the quantify form offers for one measurement, and what it preselects. */
export interface MrsQuantifyChoices {
  readonly dataFile: string;
  readonly dataIds: readonly string[];
  /** The measurement's own file holds water frames (DICOM, NIfTI-MRS): they serve as the reference. */
  readonly dataHasWater: boolean;
  /** Other MRS files, in load order. */
  readonly others: readonly MrsFileChoice[];
  readonly defaultBasisFiles: readonly string[];
  readonly defaultWaterFile: string | null;
  /** Echo and repetition time the data state, ms (absent: not stated). */
  readonly echoTimeMs?: number;
  readonly repetitionTimeMs?: number;
}

const isFid = (s: Spectrum | undefined): s is Spectrum => s !== undefined && s.domain === 'mrs' && s.x.unit === 's';

function positiveMs(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value * 1e6) / 1e3 : undefined;
}

/**
 * The choices of the quantify form for the measurement in `dataFile`: the other loaded MRS files as
 * basis or water candidates, the basis sets (`meta.basisSet`) preselected as basis, the first file of
 * water references (`meta.role: water`) preselected as water unless the data hold their own water
 * frames, and TE/TR from the data's metadata. Pure: the form and its test call it.
 */
export function mrsQuantifyChoices(
  files: readonly LoadedFile[],
  spectra: Readonly<Record<string, Spectrum>>,
  derivedIds: readonly string[],
  dataFile: string,
): MrsQuantifyChoices {
  const fidsOf = (file: LoadedFile): Spectrum[] =>
    file.spectrumIds
      .filter((id) => !derivedIds.includes(id))
      .map((id) => spectra[id])
      .filter(isFid);
  const data = files.find((f) => f.file === dataFile);
  const dataSpectra = data === undefined ? [] : fidsOf(data);
  const others: MrsFileChoice[] = [];
  for (const file of files) {
    if (file.file === dataFile || file.domain !== 'mrs') continue;
    const fids = fidsOf(file);
    if (fids.length === 0) continue;
    others.push({
      file: file.file,
      ids: fids.map((s) => s.id),
      basisSet: fids.every((s) => s.meta.basisSet === true),
      water: fids.every((s) => s.meta.role === 'water'),
    });
  }
  const dataHasWater = dataSpectra.some((s) => s.meta.role === 'water');
  const first = dataSpectra.find((s) => s.meta.role !== 'water') ?? dataSpectra[0];
  const echoTimeMs = positiveMs(first?.meta.echoTimeS);
  const repetitionTimeMs = positiveMs(first?.meta.repetitionTimeS);
  return {
    dataFile,
    dataIds: dataSpectra.map((s) => s.id),
    dataHasWater,
    others,
    defaultBasisFiles: others.filter((o) => o.basisSet).map((o) => o.file),
    defaultWaterFile: dataHasWater ? null : (others.find((o) => o.water && !o.basisSet)?.file ?? null),
    ...(echoTimeMs === undefined ? {} : { echoTimeMs }),
    ...(repetitionTimeMs === undefined ? {} : { repetitionTimeMs }),
  };
}
