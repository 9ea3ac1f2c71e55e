import { type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { baseName, type ParseOptions } from '../../../formats/formatDescriptor';
import { type MrsRecord, toMrsSpectrum } from '../mrsSpectrum';
import {
  fortranFieldWidth,
  type NamelistGroup,
  namelistNumber,
  namelistString,
  readFortranReals,
  readNamelistGroup,
} from './namelist';
import type { MrsCompanionOptions } from './sparSdat';
import { finishConjugation, roleFromFileName } from './vendorRecords';

/** Format id of the LCModel `.RAW` / `.H2O` reader. */
export const LCMODEL_RAW_FORMAT_ID = 'mrs-lcmodel-raw';

/** Acquisition parameters an LCModel `.RAW` may lack (LCModel itself takes them from its control file). */
export interface MrsAcquisition {
  readonly dwellTimeS: number;
  readonly spectrometerFrequencyMHz: number;
  readonly echoTimeS?: number;
}

/** Proposed `ParseOptions.mrsAcquisition`: dwell time and frequency for a file that does not state them. */
export interface MrsAcquisitionOptions {
  readonly mrsAcquisition?: MrsAcquisition;
}

const RULE = 'none (LCModel .RAW as the fitting challenge and LCModel use it; FSL-MRS assumes the conjugate)';

/**
 * The registered parser of `mrs-lcmodel-raw`: {@link parseLcmodelRawWith}, taking a missing dwell
 * time or frequency from `options.mrsAcquisition`, else from a dropped LCModel control file whose
 * `FILRAW`/`FILH2O` names this file ({@link acquisitionFromControl}).
 */
export function parseLcmodelRaw(
  bytes: Uint8Array,
  fileName: string,
  options?: ParseOptions & MrsCompanionOptions & MrsAcquisitionOptions,
): Spectrum[] {
  let acquisition = options?.mrsAcquisition;
  for (const [name, companion] of options?.companions ?? []) {
    if (acquisition !== undefined) break;
    const text = decodeText(companion)?.text;
    const control = text === undefined ? undefined : safeControl(text, name);
    if (control?.files.some((file) => baseName(file).toLowerCase() === baseName(fileName).toLowerCase())) {
      acquisition = control.acquisition;
    }
  }
  return parseLcmodelRawWith(bytes, fileName, acquisition);
}

/**
 * Reads an LCModel `.RAW` or `.H2O` time-domain file (mrs-notes §3.5; LCModel manual §5; FSL-MRS
 * `lcm_io.py`; FID-A `io_writelcm.m`): optional namelists (`$SEQPAR` with `HZPPPM` MHz, `ECHOT` ms,
 * `SEQ`, and the `dwellTime` (s) and `NumberOfPoints` that FID-A and FSL-MRS add), then
 * `$NMID` (`ID`, `FMTDAT`, `TRAMP`, `VOLUME`), then re/im pairs in the `FMTDAT` layout.
 *
 * - The fitting-challenge files have no `$SEQPAR`: LCModel takes `DELTAT` and `HZPPPM` from its
 *   control file. Without them in the file, `acquisition` must give them, otherwise INVALID_DATA
 *   says so; no default is guessed (a wrong dwell time silently rescales the ppm axis).
 * - `NumberOfPoints` smaller than the data: consecutive voxels (LCModel CSI layout), one spectrum each.
 * - Sign convention: kept as stored (the challenge `.RAW` follow NIfTI-MRS, and are the conjugates of
 *   its jMRUI files; FSL-MRS conjugates every `.RAW` on reading and relies on its check), then the
 *   FSL-MRS check decides for a metabolite file ({@link finishConjugation}). `.H2O` is water.
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (not text, no `$NMID`, a control or basis file),
 *   TRUNCATED (a namelist without `$END`, no data, an odd count of numbers), INVALID_DATA (no dwell
 *   time or frequency, a field that is not a number, points that do not divide the data), with `file` set.
 */
export function parseLcmodelRawWith(bytes: Uint8Array, fileName: string, acquisition?: MrsAcquisition): Spectrum[] {
  const fail = (code: 'NOT_A_SPECTRUM' | 'TRUNCATED' | 'INVALID_DATA', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const text = decodeText(bytes)?.text;
  if (text === undefined) return fail('NOT_A_SPECTRUM', 'this is not an LCModel .RAW file: it is not text');
  const groups = new Map<string, NamelistGroup>();
  let at = 0;
  let nmid: NamelistGroup | undefined;
  while (nmid === undefined) {
    const group = readNamelistGroup(text, at, fileName);
    if (group === undefined)
      return fail('NOT_A_SPECTRUM', 'this is not an LCModel .RAW file: it has no $NMID namelist');
    if (group.name === 'LCMODL') return fail('NOT_A_SPECTRUM', 'this is an LCModel control file ($LCMODL), not data');
    if (group.name === 'BASIS1')
      return fail('NOT_A_SPECTRUM', 'this is an LCModel basis set ($BASIS1), not a .RAW file');
    if (group.name === 'NMID') nmid = group;
    else groups.set(group.name, group);
    at = group.end;
  }
  const seqpar = groups.get('SEQPAR');
  const format = namelistString(nmid, 'FMTDAT');
  const { values } = readFortranReals(
    text,
    nmid.end,
    { width: fortranFieldWidth(format), what: 'the data after $NMID' },
    fileName,
  );
  if (values.length === 0) return fail('TRUNCATED', 'the file ends after its $NMID namelist: it holds no data');
  if (values.length % 2 !== 0) {
    return fail(
      'TRUNCATED',
      `the data hold ${values.length} numbers, an odd count: the last imaginary part is missing`,
    );
  }
  const fileFrequency = positive(namelistNumber(seqpar, 'HZPPPM'));
  const fileDwell = positive(
    namelistNumber(seqpar, 'DWELLTIME') ?? namelistNumber(seqpar, 'DELTAT') ?? namelistNumber(nmid, 'DELTAT'),
  );
  const frequency = fileFrequency ?? positive(acquisition?.spectrometerFrequencyMHz);
  const dwell = fileDwell ?? positive(acquisition?.dwellTimeS);
  if (frequency === undefined || dwell === undefined) {
    const missing = [dwell === undefined ? 'dwell time' : '', frequency === undefined ? 'spectrometer frequency' : '']
      .filter((m) => m !== '')
      .join(' and ');
    throw new WorkbenchError(
      'INVALID_DATA',
      `the file states no ${missing} ($SEQPAR dwellTime / HZPPPM): LCModel takes DELTAT and HZPPPM from its control file, so drop the .control with it or give them`,
      { file: fileName, needs: 'mrsAcquisition' },
    );
  }
  const total = values.length / 2;
  const stated = namelistNumber(seqpar, 'NUMBEROFPOINTS');
  const points = stated !== undefined && Number.isInteger(stated) && stated > 0 ? stated : total;
  if (total % points !== 0) {
    return fail(
      'INVALID_DATA',
      `$SEQPAR NumberOfPoints ${points} does not divide the ${total} complex points of the data`,
    );
  }
  const echoMs = positive(namelistNumber(seqpar, 'ECHOT'));
  const echoTimeS = echoMs === undefined ? acquisition?.echoTimeS : echoMs / 1000;
  const meta: Record<string, string | number> = {};
  const put = (key: string, value: string | number | undefined): void => {
    if (value !== undefined) meta[key] = value;
  };
  put('sequence', namelistString(seqpar, 'SEQ'));
  put('lcmodelId', namelistString(nmid, 'ID'));
  put('fmtdat', format);
  put('tramp', namelistNumber(nmid, 'TRAMP'));
  put('volume', namelistNumber(nmid, 'VOLUME'));
  if (fileFrequency === undefined || fileDwell === undefined) meta.acquisitionSource = 'given with the file';
  const role = roleFromFileName(fileName);
  const title = namelistString(nmid, 'ID');
  const voxels = total / points;
  const records: MrsRecord[] = [];
  for (let v = 0; v < voxels; v++) {
    const re = new Float64Array(points);
    const im = new Float64Array(points);
    for (let i = 0; i < points; i++) {
      re[i] = values[2 * (v * points + i)] as number;
      im[i] = values[2 * (v * points + i) + 1] as number;
    }
    records.push({
      re,
      im,
      spectrometerFrequencyMHz: frequency,
      dwellTimeS: dwell,
      nucleus: '1H',
      conjugatedByReader: false,
      ...(echoTimeS === undefined ? {} : { echoTimeS }),
      ...(role === undefined ? {} : { role }),
      ...(title === undefined ? {} : { title }),
      ...(voxels > 1 ? { indices: { voxel: v } } : {}),
      meta,
    });
  }
  return finishConjugation(records, RULE).map((record, i) => toMrsSpectrum(record, fileName, i, LCMODEL_RAW_FORMAT_ID));
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 && Number.isFinite(value) ? value : undefined;
}

/** What an LCModel control file says about the data it fits. */
export interface LcmodelControl {
  /** `DELTAT` (s), `HZPPPM` (MHz), `ECHOT` (ms → s), when both of the first two are there. */
  readonly acquisition?: MrsAcquisition;
  /** `FILRAW` and `FILH2O`: the data files it names. */
  readonly files: readonly string[];
}

/**
 * Reads the `$LCMODL` namelist of an LCModel control file (LCModel manual §5.2; fixtures
 * `basis_siemens_steam5.control`): `DELTAT`, `HZPPPM`, `ECHOT` and the `FILRAW`/`FILH2O` it names;
 * undefined when the text has no `$LCMODL`.
 *
 * @throws WorkbenchError TRUNCATED or INVALID_DATA for a malformed namelist (see readNamelistGroup).
 */
export function acquisitionFromControl(text: string, fileName: string): LcmodelControl | undefined {
  let at = 0;
  for (;;) {
    const group = readNamelistGroup(text, at, fileName);
    if (group === undefined) return undefined;
    at = group.end;
    if (group.name !== 'LCMODL') continue;
    const dwellTimeS = positive(namelistNumber(group, 'DELTAT'));
    const spectrometerFrequencyMHz = positive(namelistNumber(group, 'HZPPPM'));
    const echo = positive(namelistNumber(group, 'ECHOT'));
    const files = ['FILRAW', 'FILH2O'].map((key) => namelistString(group, key)).filter((f) => f !== undefined);
    if (dwellTimeS === undefined || spectrometerFrequencyMHz === undefined) return { files };
    const acquisition =
      echo === undefined
        ? { dwellTimeS, spectrometerFrequencyMHz }
        : { dwellTimeS, spectrometerFrequencyMHz, echoTimeS: echo / 1000 };
    return { acquisition, files };
  }
}

function safeControl(text: string, name: string): LcmodelControl | undefined {
  try {
    return acquisitionFromControl(text, name);
  } catch {
    return undefined; // a malformed companion is not this file's error
  }
}
