import { type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { type MrsRecord, toMrsSpectrum } from '../mrsSpectrum';
import { finishConjugation, roleFromFileName } from './vendorRecords';

/** Format id of the Siemens `.rda` reader. */
export const RDA_FORMAT_ID = 'mrs-rda';

const BEGIN = '>>> Begin of header <<<';
const END = '>>> End of header <<<';
/** Longest header searched for the end marker (real headers are 2–8 KiB). */
const MAX_HEADER_BYTES = 1024 * 1024;

/**
 * Reads a Siemens `.rda` spectroscopy export (mrs-notes §3.2, spec2nii `Siemens/rda.py`; fixture
 * `SVS_30.rda`): an ASCII header of `Key: value` lines between `>>> Begin of header <<<` and
 * `>>> End of header <<<` (CRLF; UTF-8 or Windows-1252/Latin-1; decimals may use a comma), then
 * float64 little-endian re/im pairs: VectorSize points per voxel, voxels in MRSI order [z][y][x]
 * (CSIMatrixSize[0] = x varies fastest).
 *
 * - One spectrum per voxel (`indices` x, y, z when the grid has more than one voxel).
 * - MRFrequency (MHz), DwellTime (µs → s), TE/TR/TI/TM (ms → s), NumberOfAverages, Nucleus; voxel
 *   size = PixelSpacingRow × PixelSpacingCol × SliceThickness (mm, as spec2nii), VOI and slice
 *   vectors as comma-joined strings, model, software, sequence, protocol, series date and time.
 * - Sign convention: RDA already follows NIfTI-MRS (§3.0 table; spec2nii `no_conj=True`), then the
 *   FSL-MRS check runs ({@link finishConjugation}). Patient name, ID and birth date are not kept.
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (no `>>> Begin of header <<<` first), TRUNCATED (no end of
 *   header, or fewer data bytes than VectorSize × voxels × 16, checked before allocating),
 *   INVALID_DATA (a missing or impossible VectorSize, DwellTime, MRFrequency or matrix size; more
 *   data bytes than the header announces; a NaN or infinite sample), each with `file` set.
 */
export function parseRda(bytes: Uint8Array, fileName: string): Spectrum[] {
  const fail = (code: 'NOT_A_SPECTRUM' | 'TRUNCATED' | 'INVALID_DATA', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (latin1(bytes, start, BEGIN.length) !== BEGIN) {
    return fail('NOT_A_SPECTRUM', `this is not a Siemens RDA file: it does not begin with "${BEGIN}"`);
  }
  const endAt = indexOfAscii(bytes, END, start, Math.min(bytes.length, MAX_HEADER_BYTES));
  if (endAt < 0) return fail('TRUNCATED', `the header has no "${END}" line`);
  let dataStart = endAt + END.length;
  if (bytes[dataStart] === 0x0d) dataStart++;
  if (bytes[dataStart] === 0x0a) dataStart++;
  const headerText = decodeText(bytes.subarray(start, endAt))?.text;
  if (headerText === undefined) return fail('INVALID_DATA', 'the header holds binary bytes');
  const header = readHeader(headerText);
  const number = (key: string): number | undefined => rdaNumber(header.get(key));
  const required = (key: string, unit: string): number => {
    const value = number(key);
    if (value === undefined || !(value > 0)) {
      return fail('INVALID_DATA', `the header's ${key} (${unit}) is ${header.get(key) ?? 'missing'}`);
    }
    return value;
  };
  const points = required('VectorSize', 'points');
  const dwellUs = required('DwellTime', 'µs');
  const frequency = required('MRFrequency', 'MHz');
  const grid = [0, 1, 2].map((axis) => number(`CSIMatrixSize[${axis}]`) ?? 1) as [number, number, number];
  if (![points, ...grid].every((n) => Number.isInteger(n) && n >= 1)) {
    return fail('INVALID_DATA', `VectorSize ${points} or CSIMatrixSize ${grid.join('×')} is not a positive integer`);
  }
  const voxels = grid[0] * grid[1] * grid[2];
  const needed = voxels * points * 16;
  const present = bytes.length - dataStart;
  if (present < needed) {
    return fail(
      'TRUNCATED',
      `the data end at byte ${bytes.length}: ${voxels} voxel(s) × ${points} points need ${needed} bytes after the header, there are ${present}`,
    );
  }
  if (present > needed) {
    return fail(
      'INVALID_DATA',
      `the header announces ${voxels} voxel(s) × ${points} points (${needed} bytes) but ${present} data bytes follow it`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, needed);
  const common = recordFields(header, frequency, dwellUs / 1e6, fileName);
  const records: MrsRecord[] = [];
  for (let v = 0; v < voxels; v++) {
    const re = new Float64Array(points);
    const im = new Float64Array(points);
    for (let i = 0; i < points; i++) {
      re[i] = view.getFloat64((v * points + i) * 16, true);
      im[i] = view.getFloat64((v * points + i) * 16 + 8, true);
      if (!(Number.isFinite(re[i]) && Number.isFinite(im[i]))) {
        fail(
          'INVALID_DATA',
          `sample ${i} of voxel ${v} is not a finite number (byte ${dataStart + (v * points + i) * 16})`,
        );
      }
    }
    const x = v % grid[0];
    const y = Math.floor(v / grid[0]) % grid[1];
    const z = Math.floor(v / (grid[0] * grid[1]));
    records.push(voxels > 1 ? { ...common, re, im, indices: { x, y, z } } : { ...common, re, im });
  }
  return finishConjugation(records, 'none (Siemens RDA follows NIfTI-MRS)').map((record, i) =>
    toMrsSpectrum(record, fileName, i, RDA_FORMAT_ID),
  );
}

function recordFields(
  header: ReadonlyMap<string, string>,
  frequencyMHz: number,
  dwellTimeS: number,
  fileName: string,
): Omit<MrsRecord, 're' | 'im'> {
  const text = (key: string): string | undefined => {
    const value = header.get(key)?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const number = (key: string): number | undefined => rdaNumber(header.get(key));
  const seconds = (key: string): number | undefined => {
    const ms = number(key);
    return ms === undefined ? undefined : ms / 1000;
  };
  const vector = (...keys: string[]): string | undefined => {
    const values = keys.map(number);
    return values.every((v) => v !== undefined) ? values.join(',') : undefined;
  };
  const meta: Record<string, string | number | boolean> = {};
  const put = (key: string, value: string | number | undefined): void => {
    if (value !== undefined) meta[key] = value;
  };
  put('manufacturer', 'Siemens');
  put('software', text('SoftwareVersion[0]'));
  put('sequence', text('SequenceName'));
  put('protocol', text('ProtocolName'));
  put('fieldStrengthT', number('MagneticFieldStrength'));
  put('flipAngleDeg', number('FlipAngle'));
  const positive = (value: number | undefined): number | undefined =>
    value !== undefined && value > 0 ? value : undefined;
  put('inversionTimeS', positive(seconds('TI')));
  put('mixingTimeS', positive(seconds('TM')));
  put('transmitCoil', text('TransmitCoil'));
  put('patientPosition', text('PatientPosition'));
  put('positionVectorMm', vector('PositionVector[0]', 'PositionVector[1]', 'PositionVector[2]'));
  put('rowVector', vector('RowVector[0]', 'RowVector[1]', 'RowVector[2]'));
  put('columnVector', vector('ColumnVector[0]', 'ColumnVector[1]', 'ColumnVector[2]'));
  put('voiPositionMm', vector('VOIPositionSag', 'VOIPositionCor', 'VOIPositionTra'));
  put('voiNormal', vector('VOINormalSag', 'VOINormalCor', 'VOINormalTra'));
  put('voiSizeMm', vector('VOIReadoutFOV', 'VOIPhaseFOV', 'VOIThickness'));
  put('voiRotationInPlaneRad', number('VOIRotationInPlane'));
  const grid = [0, 1, 2].map((axis) => number(`CSIMatrixSize[${axis}]`) ?? 1);
  if (grid.some((n) => n !== 1)) put('csiMatrixSize', grid.join(','));
  const size = [number('PixelSpacingRow'), number('PixelSpacingCol'), number('SliceThickness')];
  const role = roleFromFileName(fileName);
  const instrument = text('ModelName');
  const title = text('SeriesDescription') ?? text('ProtocolName');
  const startTime = dicomDateTime(text('SeriesDate') ?? text('StudyDate'), text('SeriesTime') ?? text('StudyTime'));
  return {
    spectrometerFrequencyMHz: frequencyMHz,
    dwellTimeS,
    nucleus: text('Nucleus') ?? '1H',
    conjugatedByReader: false,
    ...optional('echoTimeS', seconds('TE')),
    ...optional('repetitionTimeS', seconds('TR')),
    ...optional('averages', number('NumberOfAverages')),
    ...(size.every((s) => s !== undefined && s > 0) ? { voxelSizeMm: size as [number, number, number] } : {}),
    ...optional('role', role),
    ...optional('title', title),
    ...optional('instrument', instrument === undefined ? undefined : `Siemens ${instrument}`),
    ...optional('startTime', startTime),
    meta,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `Key: value` lines of the header (the first `:` splits; a key may hold brackets, `SoftwareVersion[0]`). */
function readHeader(text: string): Map<string, string> {
  const header = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    header.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return header;
}

/** A header number; a decimal comma (`123,234655`, German locale) is read as a point. */
export function rdaNumber(value: string | undefined): number | undefined {
  const text = value?.trim().replace(/^([+-]?\d+),(\d+(?:[eE][+-]?\d+)?)$/, '$1.$2');
  if (text === undefined || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/** `20160429` + `121513.552000` → `2016-04-29T12:15:13.552`; undefined when either is malformed. */
function dicomDateTime(date: string | undefined, time: string | undefined): string | undefined {
  const d = /^(\d{4})(\d{2})(\d{2})$/.exec(date ?? '');
  const t = /^(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3}))?/.exec(time ?? '');
  if (d === null) return undefined;
  const day = `${d[1]}-${d[2]}-${d[3]}`;
  if (t === null) return day;
  return `${day}T${t[1]}:${t[2]}:${t[3]}${t[4] === undefined ? '' : `.${t[4].padEnd(3, '0')}`}`;
}

function latin1(bytes: Uint8Array, start: number, length: number): string {
  let text = '';
  for (let i = start; i < start + length && i < bytes.length; i++) text += String.fromCharCode(bytes[i] as number);
  return text;
}

function indexOfAscii(bytes: Uint8Array, needle: string, from: number, to: number): number {
  const first = needle.charCodeAt(0);
  outer: for (let i = from; i + needle.length <= to; i++) {
    if (bytes[i] !== first) continue;
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}
