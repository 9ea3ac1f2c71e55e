import type { Spectrum, SpectrumMeta } from '../../core';

/** The water resonance at body temperature (ppm): the centre of a 1H MRS spectrum (FSL-MRS, NIfTI-MRS). */
export const WATER_PPM = 4.65;

/**
 * One time-domain FID as an MRS reader finds it, already in the NIfTI-MRS sign convention (Levitt:
 * ppm = centre − f/cf after spectrum = fftshift(fft(fid)), see mrs-notes §3.0). Every reader of
 * `domains/mrs/formats` fills one per transient (coil × dynamic × edit) and calls
 * {@link toMrsSpectrum}, so metadata keys are the same whatever the format.
 */
export interface MrsRecord {
  /** Real and imaginary parts of the FID, sample 0 first. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Spectrometer (Larmor) frequency of the observed nucleus, MHz. */
  readonly spectrometerFrequencyMHz: number;
  /** Time between samples, s (spectral width = 1 / dwell). */
  readonly dwellTimeS: number;
  /** Observed nucleus, `1H`, `31P`, … */
  readonly nucleus: string;
  /**
   * True when the reader conjugated the file's samples to reach the NIfTI-MRS convention (Philips
   * SDAT, jMRUI, …: a fixed rule of the format) — reported to the user.
   */
  readonly conjugatedByReader: boolean;
  readonly echoTimeS?: number;
  readonly repetitionTimeS?: number;
  /** Number of averages the FID holds (1 for a single transient). */
  readonly averages?: number;
  /** Voxel size (mm): [x/LR, y/AP, z/CC] as the file states; position and orientation go into `meta`. */
  readonly voxelSizeMm?: readonly [number, number, number];
  /** `metabolite` (water-suppressed) or `water` (unsuppressed reference), when the file says. */
  readonly role?: 'metabolite' | 'water';
  /** Position along the higher dimensions, e.g. { coil: 3, dynamic: 12 } (NIfTI-MRS DIM_COIL, DIM_DYN …). */
  readonly indices?: Readonly<Record<string, number>>;
  /** Chemical shift (ppm) at the centre of the spectral window (default {@link WATER_PPM}). */
  readonly centrePpm?: number;
  readonly title?: string;
  readonly instrument?: string;
  /** ISO 8601 start of the acquisition (no zone when the file gives none). */
  readonly startTime?: string;
  /** Any further scalar metadata (sequence, protocol, VOI geometry, header extension keys …). */
  readonly meta?: SpectrumMeta;
}

/**
 * Turns a reader's {@link MrsRecord} into a complex time-domain {@link Spectrum}: x = time (s) at
 * i·dwell, y = real part, `y.imaginary` = imaginary part; meta keys `format`, `spectrometerFrequencyMHz`,
 * `dwellTimeS`, `spectralWidthHz`, `nucleus`, `points`, `echoTimeS`, `repetitionTimeS`, `averages`,
 * `voxelSizeMm` (`x×y×z`), `role`, `centrePpm`, `conjugatedByReader`, `index.<dim>`, `title`,
 * `instrument`, `startTime`, plus the record's own meta.
 */
export function toMrsSpectrum(record: MrsRecord, fileName: string, index: number, formatId: string): Spectrum {
  const n = record.re.length;
  const meta: Record<string, string | number | boolean> = {
    format: formatId,
    spectrometerFrequencyMHz: record.spectrometerFrequencyMHz,
    dwellTimeS: record.dwellTimeS,
    spectralWidthHz: 1 / record.dwellTimeS,
    nucleus: record.nucleus,
    points: n,
    centrePpm: record.centrePpm ?? WATER_PPM,
    conjugatedByReader: record.conjugatedByReader,
  };
  const put = (key: string, value: string | number | undefined): void => {
    if (value !== undefined && value !== '' && !(typeof value === 'number' && !Number.isFinite(value)))
      meta[key] = value;
  };
  put('echoTimeS', record.echoTimeS);
  put('repetitionTimeS', record.repetitionTimeS);
  put('averages', record.averages);
  put('voxelSizeMm', record.voxelSizeMm?.join('×'));
  put('role', record.role);
  put('title', record.title);
  put('instrument', record.instrument);
  put('startTime', record.startTime);
  for (const [dim, at] of Object.entries(record.indices ?? {})) meta[`index.${dim}`] = at;
  Object.assign(meta, record.meta);
  const time = new Float64Array(n);
  for (let i = 0; i < n; i++) time[i] = i * record.dwellTimeS;
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const where = Object.entries(record.indices ?? {})
    .map(([dim, at]) => `${dim} ${at}`)
    .join(', ');
  const label = [record.role === 'water' ? 'water' : undefined, where || undefined]
    .filter((p) => p !== undefined)
    .join(', ');
  return {
    id: `${fileName}#${index}`,
    name: label === '' ? base : `${base} (${label})`,
    file: fileName,
    domain: 'mrs',
    x: { values: time, unit: 's', quantity: 'time' },
    y: { values: record.re, imaginary: record.im, unit: 'a.u.' },
    meta,
  };
}
