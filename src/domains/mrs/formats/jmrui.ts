import { type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { fileExtension } from '../../../formats/formatDescriptor';
import { type MrsRecord, toMrsSpectrum } from '../mrsSpectrum';
import { fortranReal } from './namelist';
import { conjugateInPlace, finishConjugation, roleFromFileName } from './vendorRecords';

/** Format id of the jMRUI `.txt` / `.mrui` reader. */
export const JMRUI_FORMAT_ID = 'mrs-jmrui';

/** First line of a jMRUI text file. */
export const JMRUI_TEXT_SIGNATURE = 'jMRUI Data Textfile';
/** Byte offset of the data in a `.mrui` file (64 big-endian float64 header values). */
export const MRUI_HEADER_BYTES = 512;

const RULE = 'conjugate (jMRUI is the conjugate of NIfTI-MRS)';
type Fail = (code: 'NOT_A_SPECTRUM' | 'TRUNCATED' | 'INVALID_DATA', message: string) => never;

/**
 * Reads jMRUI exports (mrs-notes §3.6): the text format (`.txt`, first line `jMRUI Data Textfile`)
 * and the binary `.mrui`. jMRUI stores the conjugate of the NIfTI-MRS convention (the fitting
 * challenge's jMRUI files are the exact conjugates of its `.RAW`; spec2nii `jmrui.py` conjugates
 * both forms), so every FID is conjugated, then the FSL-MRS check runs ({@link finishConjugation}).
 * One spectrum per signal (`indices.signal` when there are several); role from the file name
 * (`_WS` metabolite, `_nWS` water, as the challenge names them).
 *
 * Text layout (spec2nii `readjMRUItxt`, FID-A `io_writejmrui.m`, challenge files): `Key: value`
 * lines — PointsInDataset, DatasetsInFile, SamplingInterval (ms), TransmitterFrequency (Hz; a
 * value below 10⁴ is taken as MHz), MagneticField (T), TypeOfNucleus, BeginTime, ZeroOrderPhase,
 * Spectrometer, AdditionalInfo, SignalNames — then `Signal k out of N in file` before each
 * signal's PointsInDataset rows of `re im [fft re fft im]` (the FFT columns are ignored).
 *
 * Binary layout (spec2nii `read_mrui`, and a MATLAB `read_mrui.m` reading 64 doubles): big-endian
 * float64 throughout; header values at 0: [0] type of signal, [1] points, [2] sampling interval
 * (ms), [3] begin time, [4] zero-order phase, [5] transmitter frequency (Hz), [6] magnetic field
 * (T), [7] type of nucleus, [8] reference frequency (Hz), [9] reference frequency (ppm), [10] FID
 * or echo, [13] number of frames; data at byte 512, frames × points × (re, im); a UTF-8 text after
 * the data. Frames = header[13] when it fits the file, else ⌊(size − 512) / (16 · points)⌋ (spec2nii).
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (neither form), TRUNCATED (fewer rows, signals or bytes
 *   than the header announces, checked before allocating), INVALID_DATA (a missing or impossible
 *   points, interval or frequency; a row that is not numbers), each with `file` set.
 */
export function parseJmrui(bytes: Uint8Array, fileName: string): Spectrum[] {
  const fail: Fail = (code, message) => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const text = decodeText(bytes)?.text;
  if (text?.trimStart().startsWith(JMRUI_TEXT_SIGNATURE)) {
    return finish(readText(text, fileName, fail), fileName);
  }
  if (text === undefined || fileExtension(fileName) === 'mrui')
    return finish(readBinary(bytes, fileName, fail), fileName);
  return fail(
    'NOT_A_SPECTRUM',
    `this is not a jMRUI file: it neither begins with "${JMRUI_TEXT_SIGNATURE}" nor is binary`,
  );
}

function finish(records: MrsRecord[], fileName: string): Spectrum[] {
  return finishConjugation(records, RULE).map((record, i) => toMrsSpectrum(record, fileName, i, JMRUI_FORMAT_ID));
}

function readText(text: string, fileName: string, fail: Fail): MrsRecord[] {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, string>();
  let i = 1;
  for (; i < lines.length && !/^\s*Signal \d+ out of \d+ in file/i.test(lines[i] as string); i++) {
    const match = /^\s*([A-Za-z][\w ]*?)\s*:(.*)$/.exec(lines[i] as string);
    if (match !== null) header.set((match[1] as string).toLowerCase(), (match[2] as string).trim());
  }
  const number = (key: string): number | undefined => {
    const value = fortranReal(header.get(key.toLowerCase()) ?? '');
    return Number.isFinite(value) ? value : undefined;
  };
  const points = number('PointsInDataset');
  const signals = number('DatasetsInFile') ?? 1;
  if (points === undefined || !Number.isInteger(points) || points < 1 || !Number.isInteger(signals) || signals < 1) {
    return fail(
      'INVALID_DATA',
      `PointsInDataset (${header.get('pointsindataset') ?? 'missing'}) or DatasetsInFile is not a positive integer`,
    );
  }
  if (points * signals > text.length / 3) {
    return fail('TRUNCATED', `the file is too short for ${signals} signal(s) of ${points} points`);
  }
  const common = commonFields(
    {
      intervalMs: number('SamplingInterval'),
      frequency: number('TransmitterFrequency'),
      fieldT: number('MagneticField'),
      nucleusCode: number('TypeOfNucleus'),
    },
    fileName,
    fail,
  );
  const meta: Record<string, string | number> = {};
  for (const [key, name] of [
    ['beginTimeMs', 'BeginTime'],
    ['zeroOrderPhaseDeg', 'ZeroOrderPhase'],
  ] as const) {
    const value = number(name);
    if (value !== undefined) meta[key] = value;
  }
  for (const [key, name] of [
    ['additionalInfo', 'additionalinfo'],
    ['signalNames', 'signalnames'],
    ['originalFile', 'filename'],
    ['dateOfExperiment', 'dateofexperiment'],
  ] as const) {
    const value = header.get(name);
    if (value !== undefined && value !== '') meta[key] = value.slice(0, 200);
  }
  const instrument = header.get('spectrometer');
  const records: MrsRecord[] = [];
  for (let s = 0; s < signals; s++) {
    while (i < lines.length && !/^\s*Signal \d+ out of \d+ in file/i.test(lines[i] as string)) i++;
    if (i >= lines.length) return fail('TRUNCATED', `the file holds ${s} of its ${signals} signals`);
    i++;
    const re = new Float64Array(points);
    const im = new Float64Array(points);
    for (let p = 0; p < points; p++, i++) {
      const line = lines[i];
      if (line === undefined || /^\s*Signal \d+ out of/i.test(line) || line.trim() === '') {
        return fail('TRUNCATED', `signal ${s + 1} ends after ${p} of its ${points} points (line ${i + 1})`);
      }
      const fields = line.trim().split(/\s+/).map(fortranReal);
      if (fields.length < 2 || !(Number.isFinite(fields[0]) && Number.isFinite(fields[1]))) {
        return fail('INVALID_DATA', `line ${i + 1} is not a row of numbers`);
      }
      re[p] = fields[0] as number;
      im[p] = fields[1] as number;
    }
    conjugateInPlace(im);
    records.push({
      ...common,
      re,
      im,
      ...(signals > 1 ? { indices: { signal: s } } : {}),
      ...(instrument !== undefined && instrument !== '' ? { instrument } : {}),
      meta: { ...common.meta, ...meta },
    });
  }
  return records;
}

function readBinary(bytes: Uint8Array, fileName: string, fail: Fail): MrsRecord[] {
  if (bytes.length < MRUI_HEADER_BYTES) {
    return fail('TRUNCATED', `a .mrui file has a ${MRUI_HEADER_BYTES}-byte header; this one has ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = (index: number): number => view.getFloat64(8 * index, false);
  const points = header(1);
  if (!(Number.isInteger(points) && points >= 1))
    return fail('INVALID_DATA', `the header's number of points is ${points}`);
  const fit = Math.floor((bytes.length - MRUI_HEADER_BYTES) / (16 * points));
  const stated = header(13);
  const frames = Number.isInteger(stated) && stated >= 1 && stated <= fit ? stated : fit;
  if (frames < 1) {
    return fail(
      'TRUNCATED',
      `the file ends before the first signal's ${points} points (${16 * points} bytes after the header)`,
    );
  }
  const common = commonFields(
    { intervalMs: header(2), frequency: header(5), fieldT: header(6), nucleusCode: header(7) },
    fileName,
    fail,
  );
  const meta: Record<string, string | number> = {};
  for (const [key, index] of [
    ['beginTimeMs', 3],
    ['zeroOrderPhaseDeg', 4],
    ['referenceFrequencyHz', 8],
    ['referenceFrequencyPpm', 9],
    ['fidOrEcho', 10],
  ] as const) {
    if (Number.isFinite(header(index))) meta[key] = header(index);
  }
  const infoStart = MRUI_HEADER_BYTES + frames * points * 16;
  const info = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(infoStart)).replace(/\0/g, '').trim();
  if (info !== '') meta.mruiInfo = info.slice(0, 200);
  const records: MrsRecord[] = [];
  for (let f = 0; f < frames; f++) {
    const re = new Float64Array(points);
    const im = new Float64Array(points);
    for (let p = 0; p < points; p++) {
      const at = MRUI_HEADER_BYTES + (f * points + p) * 16;
      re[p] = view.getFloat64(at, false);
      im[p] = view.getFloat64(at + 8, false);
      if (!(Number.isFinite(re[p]) && Number.isFinite(im[p]))) {
        return fail('INVALID_DATA', `sample ${p} of signal ${f + 1} is not a finite number (byte ${at})`);
      }
    }
    conjugateInPlace(im);
    records.push({
      ...common,
      re,
      im,
      ...(frames > 1 ? { indices: { signal: f } } : {}),
      meta: { ...common.meta, ...meta },
    });
  }
  return records;
}

/** Gyromagnetic ratios γ/2π (MHz/T) of the nuclei spec2nii recognises, to name one from frequency/field. */
const GAMMA_MHZ_PER_T: readonly (readonly [string, number])[] = [
  ['1H', 42.577],
  ['2H', 6.536],
  ['3H', 45.415],
  ['13C', 10.7084],
  ['23Na', 11.262],
  ['31P', 17.235],
  ['129Xe', -11.777],
];
/** jMRUI's TypeOfNucleus codes (spec2nii `default_nuc_index`). */
const NUCLEUS_CODES = [undefined, '1H', '31P', '13C', '19F', '23Na'] as const;

function commonFields(
  raw: {
    intervalMs: number | undefined;
    frequency: number | undefined;
    fieldT: number | undefined;
    nucleusCode: number | undefined;
  },
  fileName: string,
  fail: Fail,
): Omit<MrsRecord, 're' | 'im'> & { meta: Record<string, string | number> } {
  const { intervalMs, frequency, fieldT, nucleusCode } = raw;
  if (intervalMs === undefined || !(intervalMs > 0 && Number.isFinite(intervalMs))) {
    return fail('INVALID_DATA', `the sampling interval (ms) is ${intervalMs ?? 'missing'}`);
  }
  if (frequency === undefined || !(frequency > 0 && Number.isFinite(frequency))) {
    return fail('INVALID_DATA', `the transmitter frequency is ${frequency ?? 'missing'}`);
  }
  const frequencyMHz = frequency >= 1e4 ? frequency / 1e6 : frequency;
  const meta: Record<string, string | number> = {};
  if (fieldT !== undefined && fieldT > 0 && Number.isFinite(fieldT)) meta.fieldStrengthT = fieldT;
  const role = roleFromFileName(fileName);
  return {
    spectrometerFrequencyMHz: frequencyMHz,
    dwellTimeS: intervalMs / 1000,
    nucleus: nucleusOf(nucleusCode, frequencyMHz, fieldT),
    conjugatedByReader: true,
    ...(role === undefined ? {} : { role }),
    meta,
  };
}

/** Nucleus from TypeOfNucleus (1 = 1H, 2 = 31P …), else the closest γ to frequency/field (within 10 %), else 1H. */
function nucleusOf(code: number | undefined, frequencyMHz: number, fieldT: number | undefined): string {
  const named = code !== undefined && Number.isInteger(code) ? NUCLEUS_CODES[code] : undefined;
  if (named !== undefined) return named;
  if (fieldT === undefined || !(fieldT > 0)) return '1H';
  const ratio = frequencyMHz / fieldT;
  let best: readonly [string, number] = ['1H', Number.POSITIVE_INFINITY];
  for (const [nucleus, gamma] of GAMMA_MHZ_PER_T) {
    const error = Math.abs(Math.abs(gamma) - ratio) / Math.abs(gamma);
    if (error < best[1]) best = [nucleus, error];
  }
  return best[1] < 0.1 ? best[0] : '1H';
}
