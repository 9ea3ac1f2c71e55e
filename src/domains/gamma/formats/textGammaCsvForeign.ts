import type { ChannelCalibration, Spectrum } from '../../../core';
import { type GammaRecord, toGammaSpectrum } from '../gammaSpectrum';
import {
  columnRole,
  csvDelimiter,
  csvFields,
  energyUnitFactor,
  isCsvComment,
  isNumericRow,
  RESERVED_META,
} from './textGammaCsvLayout';
import { gammaTextFail, numberToken } from './textGammaText';

/** Energies (keV) above which a unit-less energy column is taken to be in eV (SpecUtils: "above 20 MeV"). */
const EV_THRESHOLD_KEV = 20_000;

type Delimiter = '\t' | ';' | ',' | ' ';

/**
 * Reads a gamma spectrum from a CSV written by other programs, with the heuristics of SpecUtils
 * `SpecFile_csv.cpp` (grs-notes §3.7):
 * - comment lines (`#`, `//`, `%`) and blank lines are skipped; `key: value` or `key = value` lines
 *   before the table go to `meta` (`Live Time`/`Real Time` in seconds → live/real time);
 * - a header names the columns: `Channel`/`Ch`, `Energy`/`Energy (keV)`/`Energy[keV]`/`En` (MeV and
 *   eV are converted), `Counts`/`Data`/`Signal`; with two columns and one unnamed, that one is the counts;
 * - without a header: one column ⇒ counts; two ⇒ (channel, counts) when the first column holds
 *   whole numbers, else (energy, counts);
 * - an energy column is read as the lower edge of each channel (`lowerChannelEdges` calibration);
 *   a unit-less energy column starting above 20 MeV is taken to be in eV.
 * @throws WorkbenchError NOT_A_SPECTRUM (no table, no counts column), TRUNCATED (a cut last row),
 *   INVALID_DATA (a cell that is not a number, a row with too few cells, with its line number).
 */
export function readForeignGammaCsv(lines: readonly string[], fileName: string, formatId: string): Spectrum[] {
  const fail = (code: 'NOT_A_SPECTRUM' | 'TRUNCATED' | 'INVALID_DATA', message: string): never =>
    gammaTextFail(code, message, fileName);
  const meta: Record<string, string | number | boolean> = {};
  const fields: { -readonly [K in keyof GammaRecord]?: GammaRecord[K] } = {};
  let header: string[] | undefined;
  let delimiter: Delimiter = ',';
  let start = -1;
  for (let i = 0; i < lines.length && start < 0; i++) {
    const text = (lines[i] as string).trim();
    if (text === '' || isCsvComment(text)) continue;
    // `Live Time: 300` and `Energy calibration = 0 1` are preamble, not a header: a key without delimiters.
    const pair = /^([^:=,;\t]+?)\s*[:=]\s*(.+)$/.exec(text);
    delimiter = csvDelimiter(text);
    const cells = csvFields(text, delimiter);
    if (isNumericRow(cells, delimiter)) {
      start = i;
      break;
    }
    if (pair === null && cells.some((cell) => columnRole(cell) !== 'other')) {
      header = cells;
      start = i + 1;
      break;
    }
    if (pair !== null) putPreamble(pair[1] as string, pair[2] as string, fields, meta);
  }
  if (start < 0)
    return fail('NOT_A_SPECTRUM', 'no table of counts was found (no numeric rows, no Channel/Energy/Counts header)');

  const roles = columnRoles(header, lines, start, delimiter, fail);
  const width = Math.max(roles.counts, roles.channel, roles.energy) + 1;
  const counts: number[] = [];
  const energies: number[] = [];
  let firstChannel: number | undefined;
  for (let i = start; i < lines.length; i++) {
    const text = (lines[i] as string).trim();
    if (text === '' || isCsvComment(text)) continue;
    const cells = csvFields(text, delimiter);
    // The last line of a file without a final line end may be cut: a fault there is TRUNCATED.
    const code = i === lines.length - 1 ? 'TRUNCATED' : 'INVALID_DATA';
    if (cells.length < width) fail(code, `line ${i + 1}: expected ${width} values, found ${cells.length}`);
    const cell = (column: number, what: string): number => {
      const raw = cells[column] as string;
      return (
        numberToken(delimiter === ',' ? raw : raw.replace(',', '.')) ??
        fail(code, `line ${i + 1}: the ${what} "${raw.slice(0, 40)}" is not a number`)
      );
    };
    counts.push(cell(roles.counts, 'count'));
    if (roles.energy >= 0) energies.push(cell(roles.energy, 'energy'));
    if (roles.channel >= 0 && firstChannel === undefined) firstChannel = cell(roles.channel, 'channel');
  }
  if (counts.length < 2) return fail('NOT_A_SPECTRUM', `the table has ${counts.length} row(s), too few for a spectrum`);
  if (firstChannel !== undefined && firstChannel !== 0) meta.firstChannel = firstChannel;
  if (header !== undefined) meta.columns = header.join(', ');
  if (roles.energy >= 0) fields.calibration = lowerEdges(energies, header?.[roles.energy], meta);
  const record: GammaRecord = { ...fields, counts: Float64Array.from(counts), meta };
  return [toGammaSpectrum(record, fileName, 0, formatId)];
}

interface Roles {
  readonly channel: number;
  readonly energy: number;
  readonly counts: number;
}

function columnRoles(
  header: readonly string[] | undefined,
  lines: readonly string[],
  start: number,
  delimiter: Delimiter,
  fail: (code: 'NOT_A_SPECTRUM', message: string) => never,
): Roles {
  if (header !== undefined) {
    const roles = header.map(columnRole);
    const channel = roles.indexOf('channel');
    const energy = roles.indexOf('energy');
    let counts = roles.indexOf('counts');
    if (counts < 0 && header.length === 2) counts = roles.indexOf('other');
    if (counts < 0) {
      return fail('NOT_A_SPECTRUM', `no column of counts (Counts, Data, Signal) among "${header.join(', ')}"`);
    }
    return { channel, energy, counts };
  }
  const first = csvFields((lines[start] as string).trim(), delimiter);
  if (first.length === 1) return { channel: -1, energy: -1, counts: 0 };
  if (first.length > 2) {
    return fail(
      'NOT_A_SPECTRUM',
      `without a header it is unclear which of the ${first.length} columns holds the counts`,
    );
  }
  const whole = /^[+-]?\d+$/.test(first[0] as string);
  return whole ? { channel: 0, energy: -1, counts: 1 } : { channel: -1, energy: 0, counts: 1 };
}

/** The energy column as lower channel edges in keV (converted from MeV/eV when the header or the values say so). */
function lowerEdges(
  energies: readonly number[],
  name: string | undefined,
  meta: Record<string, string | number | boolean>,
): ChannelCalibration {
  let factor = name === undefined ? undefined : energyUnitFactor(name);
  if (factor === undefined && (energies[0] as number) > EV_THRESHOLD_KEV) {
    factor = 0.001;
    meta.energyUnitGuess = 'eV';
  }
  const coefficients = factor === undefined || factor === 1 ? [...energies] : energies.map((e) => e * factor);
  return { model: 'lowerChannelEdges', coefficients, channelCount: energies.length, unit: 'keV' };
}

/** A `key: value` line before the table: live/real time (s) into the record, the rest into meta. */
function putPreamble(
  key: string,
  value: string,
  fields: { liveTimeS?: number; realTimeS?: number },
  meta: Record<string, string | number | boolean>,
): void {
  const k = key.toLowerCase().replace(/[\s_]+/g, '');
  const seconds = numberToken(value.trim().replace(/\s*(s|sec|seconds)$/i, ''));
  if (/^live(time)?(\(s\))?$/.test(k) && seconds !== undefined) fields.liveTimeS = seconds;
  else if (/^real(time)?(\(s\))?$/.test(k) && seconds !== undefined) fields.realTimeS = seconds;
  else if (key.length <= 60 && value.length <= 200 && !RESERVED_META.has(key.trim())) {
    meta[key.trim()] = numberToken(value.trim()) ?? value.trim();
  }
}
