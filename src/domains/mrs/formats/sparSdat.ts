import { type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { baseName, fileExtension, type ParseOptions } from '../../../formats/formatDescriptor';
import { type MrsRecord, toMrsSpectrum } from '../mrsSpectrum';
import { readVaxFloats } from './vaxFloat';
import { conjugateInPlace, finishConjugation, roleFromFileName } from './vendorRecords';

/** Format id of the Philips SPAR/SDAT reader. */
export const SPAR_SDAT_FORMAT_ID = 'mrs-spar-sdat';

/**
 * Files dropped together with the one being parsed, by file name (proposed `ParseOptions.companions`):
 * a format that splits parameters and data over two files (Philips `.spar` + `.sdat`) finds its
 * other half here.
 */
export interface MrsCompanionOptions {
  readonly companions?: ReadonlyMap<string, Uint8Array>;
}

/** The `key : value` lines of a `.spar` file (`!` lines are comments; quotes around a value are dropped). */
export function readSpar(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trimStart().startsWith('!')) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const value = line.slice(colon + 1).trim();
    fields.set(line.slice(0, colon).trim().toLowerCase(), value.replace(/^"(.*)"$/, '$1').trim());
  }
  return fields;
}

/**
 * Reads a Philips `.sdat` with the text of its `.spar` (mrs-notes §3.3, spec2nii `Philips/philips.py`;
 * fixtures from Osprey): the `.spar` gives `samples`, `rows`, `synthesizer_frequency` (Hz),
 * `sample_frequency` (Hz; else `dim1_step`, s), `echo_time`/`repetition_time` (ms), `averages`,
 * `nucleus`, `lr/ap/cc_size` (mm), off-centres and angulations; the `.sdat` holds rows × samples
 * complex points, re/im interleaved, as 32-bit VAX F-floats ({@link readVaxFloats}), no header.
 *
 * - One spectrum per row (`indices.row` when there are several: pregame files store transients
 *   or conditions row-wise).
 * - Sign convention: SDAT is the conjugate of NIfTI-MRS (§3.0; spec2nii "Move to right handed
 *   frame"), so every FID is conjugated, then the FSL-MRS check runs ({@link finishConjugation}).
 * - Role from the file name (`_act` metabolite, `_ref`/`_w` water: Osprey's naming).
 *
 * @param fileName the `.sdat`'s name (errors and spectra name it).
 * @throws WorkbenchError INVALID_DATA (a missing or impossible samples, rows, frequency or
 *   sampling rate; more bytes than rows × samples × 8), TRUNCATED (fewer), each with `file` set.
 */
export function parseSparSdat(sdatBytes: Uint8Array, sparText: string, fileName: string): Spectrum[] {
  const fail = (code: 'INVALID_DATA' | 'TRUNCATED', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const spar = readSpar(sparText);
  const number = (key: string): number | undefined => sparNumber(spar.get(key));
  const samples = number('samples') ?? number('spec_num_col') ?? number('dim1_pnts');
  const rows = number('rows') ?? number('spec_num_row') ?? 1;
  if (samples === undefined || !Number.isInteger(samples) || samples < 1 || !Number.isInteger(rows) || rows < 1) {
    return fail(
      'INVALID_DATA',
      `the .spar's samples (${spar.get('samples') ?? 'missing'}) or rows is not a positive integer`,
    );
  }
  const synthesizerHz = number('synthesizer_frequency');
  if (synthesizerHz === undefined || !(synthesizerHz > 0)) {
    return fail(
      'INVALID_DATA',
      `the .spar's synthesizer_frequency (Hz) is ${spar.get('synthesizer_frequency') ?? 'missing'}`,
    );
  }
  const sampleHz = number('sample_frequency');
  const dwellTimeS = sampleHz !== undefined && sampleHz > 0 ? 1 / sampleHz : number('dim1_step');
  if (dwellTimeS === undefined || !(dwellTimeS > 0)) {
    return fail(
      'INVALID_DATA',
      `the .spar has no usable sample_frequency (${spar.get('sample_frequency') ?? 'missing'})`,
    );
  }
  const needed = rows * samples * 8;
  if (sdatBytes.length < needed) {
    return fail(
      'TRUNCATED',
      `the .sdat has ${sdatBytes.length} bytes; ${rows} row(s) × ${samples} complex VAX floats need ${needed}`,
    );
  }
  if (sdatBytes.length > needed) {
    return fail('INVALID_DATA', `the .sdat has ${sdatBytes.length} bytes, more than the ${needed} its .spar announces`);
  }
  const common = sparRecordFields(spar, synthesizerHz / 1e6, dwellTimeS, fileName);
  const records: MrsRecord[] = [];
  for (let row = 0; row < rows; row++) {
    const values = readVaxFloats(sdatBytes, row * samples * 8, 2 * samples, fileName);
    const re = new Float64Array(samples);
    const im = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      re[i] = values[2 * i] as number;
      im[i] = values[2 * i + 1] as number;
    }
    conjugateInPlace(im);
    records.push(rows > 1 ? { ...common, re, im, indices: { row } } : { ...common, re, im });
  }
  return finishConjugation(records, 'conjugate (Philips SDAT is the conjugate of NIfTI-MRS)').map((record, i) =>
    toMrsSpectrum(record, fileName, i, SPAR_SDAT_FORMAT_ID),
  );
}

function sparRecordFields(
  spar: ReadonlyMap<string, string>,
  frequencyMHz: number,
  dwellTimeS: number,
  fileName: string,
): Omit<MrsRecord, 're' | 'im'> {
  const text = (key: string): string | undefined => {
    const value = spar.get(key)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const number = (key: string): number | undefined => sparNumber(spar.get(key));
  const vector = (...keys: string[]): string | undefined => {
    const values = keys.map(number);
    return values.every((v) => v !== undefined) ? values.join(',') : undefined;
  };
  const meta: Record<string, string | number | boolean> = { manufacturer: 'Philips' };
  const put = (key: string, value: string | number | undefined): void => {
    if (value !== undefined) meta[key] = value;
  };
  put('protocol', text('scan_id'));
  put('software', text('equipment_sw_verions') ?? text('equipment_sw_versions'));
  put('offsetFrequencyHz', number('offset_frequency'));
  put('mixNumber', number('mix_number'));
  put('voxelOffCentreMm', vector('lr_off_center', 'ap_off_center', 'cc_off_center'));
  put('voxelAngulationDeg', vector('lr_angulation', 'ap_angulation', 'cc_angulation'));
  put('patientPosition', text('patient_position'));
  put('patientOrientation', text('patient_orientation'));
  put('echoAcquisition', text('echo_acquisition'));
  const size = [number('lr_size'), number('ap_size'), number('cc_size')];
  const te = number('echo_time') ?? number('spectrum_echo_time');
  const tr = number('repetition_time');
  const role = roleFromFileName(fileName);
  const date = /^(\d{4})\.(\d{2})\.(\d{2})(?:\s+(\d{2}):(\d{2}):(\d{2}))?/.exec(text('scan_date') ?? '');
  const startTime =
    date === null
      ? undefined
      : `${date[1]}-${date[2]}-${date[3]}${date[4] === undefined ? '' : `T${date[4]}:${date[5]}:${date[6]}`}`;
  const title = text('scan_id');
  const averages = number('averages');
  return {
    spectrometerFrequencyMHz: frequencyMHz,
    dwellTimeS,
    nucleus: text('nucleus') ?? '1H',
    conjugatedByReader: true,
    ...(te === undefined ? {} : { echoTimeS: te / 1000 }),
    ...(tr === undefined ? {} : { repetitionTimeS: tr / 1000 }),
    ...(averages === undefined ? {} : { averages }),
    ...(size.every((s) => s !== undefined && s > 0) ? { voxelSizeMm: size as [number, number, number] } : {}),
    ...(role === undefined ? {} : { role }),
    ...(title === undefined ? {} : { title }),
    ...(startTime === undefined ? {} : { startTime }),
    instrument: 'Philips',
    meta,
  };
}

/** A `.spar` number (`127750896`, `0.0005000000237`, `-4.347770214`), undefined when not one. */
function sparNumber(value: string | undefined): number | undefined {
  const text = value?.trim() ?? '';
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/** The companion of `fileName` with extension `extension` (same stem, any letter case), if it was dropped too. */
export function companionOf(
  fileName: string,
  extension: string,
  companions: ReadonlyMap<string, Uint8Array> | undefined,
): { name: string; bytes: Uint8Array } | undefined {
  const stem = stemOf(fileName).toLowerCase();
  for (const [name, bytes] of companions ?? []) {
    if (fileExtension(name) === extension && stemOf(name).toLowerCase() === stem) return { name, bytes };
  }
  return undefined;
}

function stemOf(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/**
 * The registered parser of `mrs-spar-sdat`, which sees one file at a time. A `.sdat` is read with
 * its `.spar` from `options.companions` ({@link parseSparSdat}); without it, NOT_A_SPECTRUM says to
 * drop both. A `.spar` alone holds no data: NOT_A_SPECTRUM (naming the `.sdat` that reads it, when
 * that one was dropped too, so the engine can leave the `.spar` silent).
 */
export function parseSparSdatFile(
  bytes: Uint8Array,
  fileName: string,
  options?: ParseOptions & MrsCompanionOptions,
): Spectrum[] {
  const fail = (message: string): never => {
    throw new WorkbenchError('NOT_A_SPECTRUM', message, { file: fileName });
  };
  const text = fileExtension(fileName) === 'sdat' ? undefined : decodeText(bytes)?.text;
  if (text !== undefined && readSpar(text).has('samples')) {
    const sdat = companionOf(fileName, 'sdat', options?.companions);
    return sdat === undefined
      ? fail('a Philips .spar holds only the parameters: drop its .sdat (the data) together with it')
      : fail(`this .spar holds the parameters of ${baseName(sdat.name)}, which is read with it`);
  }
  const spar = companionOf(fileName, 'spar', options?.companions);
  if (spar === undefined) return fail('a Philips .sdat needs its .spar (drop both files together)');
  const sparText = decodeText(spar.bytes)?.text;
  if (sparText === undefined) return fail(`its companion ${baseName(spar.name)} is not a text .spar file`);
  return parseSparSdat(bytes, sparText, fileName);
}
