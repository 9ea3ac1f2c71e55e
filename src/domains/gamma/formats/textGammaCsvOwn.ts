import type { Spectrum } from '../../../core';
import { type GammaRecord, type MeasurementClass, toGammaSpectrum } from '../gammaSpectrum';
import { calibrationFromJson } from './calibrationJson';
import {
  GAMMA_CSV_NUMBER_KEYS,
  GAMMA_CSV_SIGNATURE,
  GAMMA_CSV_TEXT_KEYS,
  GAMMA_CSV_VERSION,
  RESERVED_META,
} from './textGammaCsvLayout';
import { gammaTextFail, numberToken } from './textGammaText';

const CLASSES: Record<MeasurementClass, true> = {
  Foreground: true,
  Background: true,
  IntrinsicActivity: true,
  Calibration: true,
  NotSpecified: true,
};
const TEXT_KEYS = new Set<string>(GAMMA_CSV_TEXT_KEYS);
const NUMBER_KEYS = new Set<string>(GAMMA_CSV_NUMBER_KEYS);

type Fail = (code: 'TRUNCATED' | 'INVALID_DATA', message: string) => never;

/**
 * Reads the blocks of a file written by `writeGammaCsv` (see there for the layout): one spectrum per
 * block, counts and calibration bit-exact. The energy column, when every row has one and it rises
 * strictly, is the x axis as written (so x round-trips too, calibrated or not); otherwise x comes
 * from the calibration via `toGammaSpectrum`. Unknown `# key: value` lines go to `meta`.
 */
export function readOwnGammaCsv(lines: readonly string[], fileName: string, formatId: string): Spectrum[] {
  const fail: Fail = (code, message) => gammaTextFail(code, message, fileName);
  const spectra: Spectrum[] = [];
  const blank = (i: number): boolean => (lines[i] as string).trim() === '';
  /** True when nothing but blank lines follows from line index `from`: the file ended there. */
  const atEnd = (from: number): boolean => lines.slice(from).every((line) => line.trim() === '');
  let i = 0;
  for (;;) {
    while (i < lines.length && blank(i)) i++;
    if (i >= lines.length) break;
    if ((lines[i] as string).trim() !== GAMMA_CSV_SIGNATURE) {
      fail('INVALID_DATA', `line ${i + 1}: a new spectrum must start with "${GAMMA_CSV_SIGNATURE}"`);
    }
    const start = i + 1;
    i++;
    const block = new BlockFields(fail);
    while (i < lines.length && (lines[i] as string).trimStart().startsWith('#')) {
      block.comment(lines[i] as string, i + 1);
      i++;
    }
    if (i >= lines.length || blank(i)) {
      fail(atEnd(i) ? 'TRUNCATED' : 'INVALID_DATA', `the block at line ${start} has no column header`);
    }
    const header = (lines[i] as string).trim().toLowerCase();
    const columns = header === 'channel,energy_kev,counts' ? 3 : header === 'channel,counts' ? 2 : 0;
    if (columns === 0) fail('INVALID_DATA', `line ${i + 1}: expected the column header "channel,energy_keV,counts"`);
    i++;
    const counts: number[] = [];
    const energies: number[] = [];
    for (; i < lines.length && !blank(i) && !(lines[i] as string).trimStart().startsWith('#'); i++) {
      const cells = (lines[i] as string).trim().split(',');
      // The last line of a file without a final line end may be cut: any fault there is TRUNCATED.
      const rowFail: Fail = (code, message) => fail(i === lines.length - 1 ? 'TRUNCATED' : code, message);
      if (cells.length !== columns)
        rowFail('INVALID_DATA', `line ${i + 1}: expected ${columns} values, found ${cells.length}`);
      if (numberToken(cells[0] as string) !== counts.length) {
        rowFail('INVALID_DATA', `line ${i + 1}: expected channel ${counts.length}, found "${cells[0]}"`);
      }
      const energy = columns === 3 ? (cells[1] as string) : '';
      if (energy !== '') {
        const value = numberToken(energy);
        if (value === undefined) rowFail('INVALID_DATA', `line ${i + 1}: the energy "${energy}" is not a number`);
        energies.push(value as number);
      }
      const count = countValue(cells[columns - 1] as string);
      if (count === undefined)
        rowFail('INVALID_DATA', `line ${i + 1}: the count "${cells[columns - 1]}" is not a number`);
      counts.push(count as number);
    }
    const announced = block.channels ?? counts.length;
    if (counts.length < announced || counts.length === 0) {
      fail(
        atEnd(i) ? 'TRUNCATED' : 'INVALID_DATA',
        `the block at line ${start} announces ${announced} channels but holds ${counts.length} rows`,
      );
    }
    if (counts.length > announced) {
      fail(
        'INVALID_DATA',
        `the block at line ${start} announces ${announced} channels but holds ${counts.length} rows`,
      );
    }
    const record: GammaRecord = { ...block.fields, counts: Float64Array.from(counts), meta: block.meta };
    const spectrum = toGammaSpectrum(record, fileName, spectra.length, formatId);
    spectra.push(energies.length === counts.length ? withEnergyAxis(spectrum, energies) : spectrum);
  }
  return spectra;
}

/** Counts as written by the writer: decimal numbers, `-0`, and `NaN`/`Infinity`/`-Infinity`. */
function countValue(token: string): number | undefined {
  if (token === 'NaN' || token === 'Infinity' || token === '-Infinity') return Number(token);
  return numberToken(token);
}

/** The written energies as the x axis when they rise strictly (the calibration stays on the axis). */
function withEnergyAxis(spectrum: Spectrum, energies: readonly number[]): Spectrum {
  for (let k = 1; k < energies.length; k++)
    if (!((energies[k] as number) > (energies[k - 1] as number))) return spectrum;
  if (!energies.every(Number.isFinite)) return spectrum;
  const values = Float64Array.from(energies);
  const { calibrationProblem: _, ...meta } = spectrum.meta;
  const calibration = spectrum.x.calibration;
  return {
    ...spectrum,
    x:
      calibration === undefined
        ? { values, unit: 'keV', quantity: 'energy' }
        : { values, unit: 'keV', quantity: 'energy', calibration },
    meta,
  };
}

/** The `# key: value` lines of one block. */
class BlockFields {
  readonly fields: { -readonly [K in keyof GammaRecord]?: GammaRecord[K] } = {};
  readonly meta: Record<string, string | number | boolean> = {};
  channels: number | undefined;

  constructor(private readonly fail: Fail) {}

  comment(line: string, lineNumber: number): void {
    const match = /^\s*#\s*([^:]+?)\s*:(.*)$/.exec(line);
    if (match === null) return;
    const key = match[1] as string;
    const raw = (match[2] as string).trim();
    const bad = (what: string): never => this.fail('INVALID_DATA', `line ${lineNumber}: ${what}`);
    if (key === 'version') {
      const version = numberToken(raw);
      if (version === undefined || version > GAMMA_CSV_VERSION) bad(`unsupported gamma CSV version "${raw}"`);
    } else if (key === 'channels') {
      const n = numberToken(raw);
      if (n === undefined || !Number.isInteger(n) || n < 0) bad(`the channel count "${raw}" is not a whole number`);
      this.channels = n;
    } else if (key === 'calibration') {
      this.fields.calibration = calibrationFromJson(raw) ?? bad('the calibration is not valid JSON of a calibration');
    } else if (key === 'meta') {
      const value = parseJson(raw);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('the metadata is not a JSON object');
      for (const [k, v] of Object.entries(value as object)) {
        const scalar = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
        if (scalar && !RESERVED_META.has(k)) this.meta[k] = v;
      }
    } else if (NUMBER_KEYS.has(key)) {
      const value = numberToken(raw) ?? bad(`${key} "${raw}" is not a number`);
      (this.fields as Record<string, unknown>)[key] = value;
    } else {
      const text = raw.startsWith('"') ? parseJson(raw) : raw;
      if (typeof text !== 'string') bad(`the value of ${key} is not a valid JSON string`);
      const value = text as string;
      if (key === 'measurementClass' && !Object.hasOwn(CLASSES, value)) this.meta[key] = value;
      else if (TEXT_KEYS.has(key) && key !== 'sourceFormat') (this.fields as Record<string, unknown>)[key] = value;
      else if (!RESERVED_META.has(key)) this.meta[key] = value;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
