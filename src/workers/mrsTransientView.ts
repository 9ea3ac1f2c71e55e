import { WorkbenchError } from '../core/errors';
import type { Spectrum } from '../core/spectrum';
import { alignTransients } from '../domains/mrs/processing/alignTransients';
import { autoPhase } from '../domains/mrs/processing/autoPhase';
import { coilCombine } from '../domains/mrs/processing/coilCombine';
import { groupTransients } from '../domains/mrs/processing/groupTransients';
import { referencePpm } from '../domains/mrs/processing/referencePpm';
import { rejectOutliers } from '../domains/mrs/processing/rejectOutliers';
import { fidToPpmSpectrum } from '../domains/mrs/processing/spectralTransform';
import {
  type Acquisition,
  acquisitionOf,
  complexMean,
  fidOf,
  indicesOf,
} from '../domains/mrs/processing/transientData';
import type { ComplexArrays } from '../numeric/fftAnyLength';

/**
 * Index names that count transients (repeated acquisitions), in order of preference: NIfTI-MRS
 * `DIM_DYN` and `DIM_MEAS`, Philips SDAT rows, jMRUI signals, DICOM frames.
 */
export const TRANSIENT_DIMENSIONS: readonly string[] = ['dynamic', 'meas', 'row', 'signal', 'frame'];

/** Settings of {@link mrsTransientView}. */
export interface MrsTransientViewOptions {
  /** Band registered by the alignment of water-suppressed data, ppm. Default [1.8, 4.2] (the `mrs-align` step's). */
  readonly alignPpm?: readonly [number, number];
  /** Band returned, ppm. Default [0.5, 4.5]; for a water reference 4.65 ± 1 ppm. */
  readonly shownPpm?: readonly [number, number];
  /** Most points per transient in the band (neighbours averaged to get there). Default 1024. */
  readonly maxPoints?: number;
}

/** The transients of one group (one role and edit condition …) before and after alignment. */
export interface MrsTransientGroupView {
  /** `metabolites`, `water`, with the other indices (`edit 1`). */
  readonly label: string;
  readonly water: boolean;
  /** The index the transients run along (`dynamic` …); null when the file names none. */
  readonly dimension: string | null;
  /** Each row's position along `dimension` (0… when none). */
  readonly positions: readonly number[];
  /** Chemical shift of each column, ppm, ascending (drawn reversed). */
  readonly ppm: Float64Array;
  /** Real part, rows × columns row-major: each transient before alignment, after alignment. */
  readonly before: Float32Array;
  readonly after: Float32Array;
  /** Mean of the rows, before and after alignment. */
  readonly meanBefore: Float32Array;
  readonly meanAfter: Float32Array;
  /** Frequency (Hz) and zero-order phase (°) correction found for each row (`alignTransients`). */
  readonly shiftsHz: Float64Array;
  readonly phasesDeg: Float64Array;
  /** Rows that outlier rejection (after alignment, the step's defaults) would drop. */
  readonly rejected: readonly number[];
  /** Band registered (`1.8–4.2 ppm`, `whole FID` for water, `none` for one transient). */
  readonly alignWindow: string;
  /** The one zero-order phase (°) and referencing shift (Hz) applied to every row, from the aligned mean. */
  readonly phaseDeg: number;
  readonly referenceShiftHz: number;
}

/** What {@link mrsTransientView} returns for the FIDs of one file. */
export interface MrsTransientView {
  readonly file: string;
  /** Transients in the largest group (after coil combination). */
  readonly transients: number;
  /** Coils combined (1 when the data held none). */
  readonly coils: number;
  readonly groups: readonly MrsTransientGroupView[];
  readonly notes: readonly string[];
  readonly totalMs: number;
}

const MAX_GROUPS = 8;

/**
 * The transients of one file as a spectroscopist inspects them before averaging: coils combined
 * first (`coilCombine`, weights from the data themselves), grouped by `groupTransients` along the
 * first transient dimension present ({@link TRANSIENT_DIMENSIONS}), each group aligned by spectral
 * registration (`alignTransients`, Near et al. 2015; metabolites within `alignPpm`, water on the
 * whole FID, as the `mrs-align` step) and tested by `rejectOutliers` (defaults of
 * `mrs-reject-outliers`). One zero-order phase (`autoPhase` of the aligned mean) and one
 * referencing shift (`referencePpm`, NAA/Cr/Cho pattern or water) are applied to every transient,
 * before and after alignment alike, so the rows differ only by what alignment corrects. Each row is
 * the real part in `shownPpm`, neighbours averaged down to `maxPoints`, as float32.
 * A group is water when its role says so, or when its mean spectrum is dominated by a line at
 * 4.65 ppm (an unlabelled water reference).
 * @throws WorkbenchError INVALID_DATA when there is no MRS FID or no group to show.
 */
export function mrsTransientView(
  spectra: readonly Spectrum[],
  options: MrsTransientViewOptions = {},
  check: (fraction: number, label: string) => void = () => undefined,
): MrsTransientView {
  const started = performance.now();
  const fids = spectra.filter((s) => s.domain === 'mrs' && s.x.unit === 's' && s.meta.basisSet !== true);
  const file = fids[0]?.file ?? spectra[0]?.file ?? '';
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', message, file === '' ? {} : { file });
  };
  if (fids.length === 0) fail('no MRS FID (time-domain transient) to show');
  const notes: string[] = [];
  const withCoils = fids.filter((s) => typeof s.meta['index.coil'] === 'number');
  let combined: readonly Spectrum[] = fids;
  let coils = 1;
  if (withCoils.length > 0) {
    check(0, 'Combining coils');
    const result = coilCombine(withCoils);
    coils = result.coils.length;
    combined = [...fids.filter((s) => typeof s.meta['index.coil'] !== 'number'), ...result.spectra];
    notes.push(`${coils} coils combined (whitened SVD, weights from these data)`);
  }
  const present = new Set(combined.flatMap((s) => Object.keys(indicesOf(s))));
  const dimension = TRANSIENT_DIMENSIONS.find((d) => present.has(d)) ?? null;
  let groups = groupTransients(combined, dimension ?? 'dynamic');
  if (groups.length > 1 && groups.every((g) => g.members.length < 2))
    fail(`no repeated transients: ${groups.length} separate spectra (voxels?) of one each`);
  if (groups.length > MAX_GROUPS) {
    notes.push(`${groups.length} groups of transients: the first ${MAX_GROUPS} are shown`);
    groups = groups.slice(0, MAX_GROUPS);
  }
  const views = groups.map((group, g) => {
    check(0.1 + (0.9 * g) / groups.length, `Aligning ${group.members.length} transients`);
    return groupView(group.members, group.positions, group.indices, dimension, options, notes);
  });
  check(1, 'done');
  return {
    file,
    transients: Math.max(...views.map((v) => v.positions.length)),
    coils,
    groups: views,
    notes,
    totalMs: performance.now() - started,
  };
}

function groupView(
  members: readonly Spectrum[],
  positions: readonly number[],
  indices: Readonly<Record<string, number>>,
  dimension: string | null,
  options: MrsTransientViewOptions,
  notes: string[],
): MrsTransientGroupView {
  const first = members[0] as Spectrum;
  const acquisition = acquisitionOf(first);
  const before = members.map(fidOf);
  const water = first.meta.role === 'water' || waterDominated(complexMean(before), acquisition);
  const label = [water ? 'water' : 'metabolites', ...Object.entries(indices).map(([d, at]) => `${d} ${at}`)].join(', ');
  const alignPpm = options.alignPpm ?? ([1.8, 4.2] as const);
  let after: readonly ComplexArrays[] = before;
  let shiftsHz: Float64Array = new Float64Array(members.length);
  let phasesDeg: Float64Array = new Float64Array(members.length);
  let rejected: number[] = [];
  let alignWindow = 'none';
  if (members.length > 1) {
    const aligned = alignTransients(members, water ? {} : { ppmRange: alignPpm });
    after = aligned.spectra.map(fidOf);
    shiftsHz = aligned.shiftsHz;
    phasesDeg = aligned.phasesDeg;
    alignWindow = water ? 'whole FID' : `${alignPpm[0]}–${alignPpm[1]} ppm`;
    if (!water && members.length >= 3) rejected = rejectOutliers(aligned.spectra).rejectedIndices;
  } else {
    notes.push(`${label}: one transient, nothing to align`);
  }
  const common = commonCorrection(first, complexMean(after), water, label, notes);
  const shown = options.shownPpm ?? (water ? ([3.65, 5.65] as const) : ([0.5, 4.5] as const));
  const rows = (fids: readonly ComplexArrays[]) =>
    fids.map((fid) => {
      const n = fid.re.length;
      const re = new Float64Array(n);
      const im = new Float64Array(n);
      // e^{iφ} (FSL-MRS applyPhase) · e^{−2πi·Δf·t} (shiftFrequency: +Δf towards higher ppm)
      for (let t = 0; t < n; t++) {
        const angle = common.phaseRad - 2 * Math.PI * common.shiftHz * t * acquisition.dwellTimeS;
        const c = Math.cos(angle);
        const s = Math.sin(angle);
        re[t] = (fid.re[t] as number) * c - (fid.im[t] as number) * s;
        im[t] = (fid.re[t] as number) * s + (fid.im[t] as number) * c;
      }
      return fidToPpmSpectrum(
        re,
        im,
        acquisition.spectrometerFrequencyMHz,
        acquisition.dwellTimeS,
        acquisition.centrePpm,
      );
    });
  const beforeRows = rows(before);
  const band = shownBand(beforeRows[0]?.ppm ?? new Float64Array(0), shown, options.maxPoints ?? 1024);
  const decimatedBefore = decimateRows(beforeRows, band);
  const decimatedAfter = decimateRows(rows(after), band);
  return {
    label,
    water,
    dimension,
    positions: [...positions],
    ppm: band.ppm,
    before: decimatedBefore.rows,
    after: decimatedAfter.rows,
    meanBefore: decimatedBefore.mean,
    meanAfter: decimatedAfter.mean,
    shiftsHz,
    phasesDeg,
    rejected,
    alignWindow,
    phaseDeg: (common.phaseRad * 180) / Math.PI,
    referenceShiftHz: common.shiftHz,
  };
}

/**
 * The phase (rad) and referencing shift (Hz) of the aligned mean: `autoPhase` (zero order, NAA/Cr/Cho
 * window, or 4.3–5.0 ppm for water) then `referencePpm`; 0 with a note when either finds no line.
 */
function commonCorrection(
  first: Spectrum,
  mean: ComplexArrays,
  water: boolean,
  label: string,
  notes: string[],
): { phaseRad: number; shiftHz: number } {
  let spectrum: Spectrum = { ...first, y: { values: mean.re, imaginary: mean.im, unit: first.y.unit } };
  let phaseRad = 0;
  let shiftHz = 0;
  try {
    spectrum = autoPhase(spectrum, water ? { range: [4.3, 5.0] } : {});
    phaseRad = (((spectrum.meta.autoPhaseZeroDeg as number) ?? 0) * Math.PI) / 180;
  } catch (error) {
    if (!(error instanceof WorkbenchError)) throw error;
    notes.push(`${label}: no phase found (${error.message}); shown unphased`);
  }
  try {
    shiftHz = referencePpm(spectrum, { to: water ? 'water' : 'auto' }).meta.referenceShiftHz as number;
  } catch (error) {
    if (!(error instanceof WorkbenchError)) throw error;
    notes.push(`${label}: no reference line found (${error.message}); ppm as acquired`);
  }
  return { phaseRad, shiftHz };
}

/** Columns of the shown band: the first point, how many, and how many are averaged into one. */
interface Band {
  readonly from: number;
  readonly factor: number;
  readonly ppm: Float64Array;
}

/** The points of an ascending ppm axis in [low, high], grouped by `factor` so that at most `maxPoints` remain. */
function shownBand(ppm: Float64Array, range: readonly [number, number], maxPoints: number): Band {
  const low = Math.min(range[0], range[1]);
  const high = Math.max(range[0], range[1]);
  let from = 0;
  while (from < ppm.length && (ppm[from] as number) < low) from++;
  let to = from;
  while (to < ppm.length && (ppm[to] as number) <= high) to++;
  const factor = Math.max(1, Math.ceil((to - from) / Math.max(1, Math.floor(maxPoints))));
  const columns = Math.floor((to - from) / factor);
  const out = new Float64Array(columns);
  for (let c = 0; c < columns; c++) {
    let sum = 0;
    for (let k = 0; k < factor; k++) sum += ppm[from + c * factor + k] as number;
    out[c] = sum / factor;
  }
  return { from, factor, ppm: out };
}

/** Real parts of the rows in the band (neighbours averaged), row-major float32, and their mean. */
function decimateRows(
  rows: readonly { readonly re: Float64Array }[],
  band: Band,
): { rows: Float32Array; mean: Float32Array } {
  const columns = band.ppm.length;
  const out = new Float32Array(rows.length * columns);
  const mean = new Float64Array(columns);
  rows.forEach((row, r) => {
    for (let c = 0; c < columns; c++) {
      let sum = 0;
      for (let k = 0; k < band.factor; k++) sum += row.re[band.from + c * band.factor + k] as number;
      const value = sum / band.factor;
      out[r * columns + c] = value;
      mean[c] = (mean[c] as number) + value / rows.length;
    }
  });
  return { rows: out, mean: Float32Array.from(mean) };
}

/**
 * True when the tallest |S| within 4.2–5.1 ppm is over 20× the tallest in 1.8–3.4 ppm (NAA, Cr, Cho,
 * clear of the water line's wings): an unsuppressed water reference, whose metabolites vanish
 * under artefacts (the real 7 T reference of the tests: 47×); residual water in suppressed data is
 * a few × NAA, rarely 20×. A wrong call only changes the alignment window and the shown band.
 */
function waterDominated(mean: ComplexArrays, acquisition: Acquisition): boolean {
  const { ppm, re, im } = fidToPpmSpectrum(
    mean.re,
    mean.im,
    acquisition.spectrometerFrequencyMHz,
    acquisition.dwellTimeS,
    acquisition.centrePpm,
  );
  let waterPeak = 0;
  let metabolitePeak = 0;
  ppm.forEach((p, k) => {
    const magnitude = Math.hypot(re[k] as number, im[k] as number);
    if (p >= 4.2 && p <= 5.1) waterPeak = Math.max(waterPeak, magnitude);
    else if (p >= 1.8 && p <= 3.4) metabolitePeak = Math.max(metabolitePeak, magnitude);
  });
  return waterPeak > 20 * metabolitePeak;
}
