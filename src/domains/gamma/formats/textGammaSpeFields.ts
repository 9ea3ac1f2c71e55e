import type { ChannelCalibration, SpectrumMeta } from '../../../core';
import { polynomialCalibration } from '../calibration/energyCalibration';
import type { GammaRecord } from '../gammaSpectrum';
import { gammaTextFail, lineTokens, monthFirstDateToIso, numberToken } from './textGammaText';

/** One `$KEY:` section of an SPE file: its value lines are `lines[start, end)` (0-based indices). */
export interface SpeSection {
  /** Upper-case key without `$` and `:` (`DATA`, `MCA_CAL` …). */
  readonly key: string;
  readonly headerLine: number;
  readonly start: number;
  readonly end: number;
}

/** What the SPE sections other than `$DATA:` give: times, title, calibration, metadata. */
export type SpeFields = Omit<GammaRecord, 'counts' | 'meta'> & { readonly meta: SpectrumMeta };

interface ValueLine {
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
}

/** Sections read into fixed fields, or deliberately skipped (multi-line tables without a scalar meaning). */
const HANDLED = new Set(['DATA', 'ROI', 'PRESETS', 'ENER_DATA', 'MCA_CAL_DATA', 'ENER_TABLE', 'ROI_INFO']);

/** Longest single value line of an unknown section that is kept in `meta`. */
const MAX_SCALAR_LENGTH = 80;

/**
 * Reads the sections of one SPE record other than `$DATA:` (grs-notes §3.1; section meanings from
 * SpecUtils `SpecFile_spe.cpp`):
 * - `$MEAS_TIM:` live then real time (s); `$DATE_MEA:` → `startTime` (raw text in
 *   `meta.startTimeText` when it is not a date);
 * - `$SPEC_ID:` → title; `$SPEC_REM:` → `meta.remarks`, its `DETDESC#` → instrument, `DET#` →
 *   `meta.detectorNumber`, `AP#` → `meta.software`;
 * - `$MCA_CAL:` (count line, coefficients, maybe a unit) preferred over `$ENER_FIT:` (offset, gain)
 *   unless it is all zero; `$NON_LINEAR_DEVIATIONS:` → deviation pairs; a malformed calibration
 *   section is skipped with `meta.calibrationWarning` rather than refusing the counts;
 * - `$SHAPE_CAL:` → `meta.fwhmCoefficients`; `$GPS:` `Lat=`/`Lon=`/`Speed=` → `latitude`/
 *   `longitude`/`speed`; `$NEUTRONS:` → `neutronCounts`; `$DOSE_RATE:` → `doseRate` (RadEagle: µSv/h);
 * - any other section (`$RT:`, `$DT:`, vendor keys) with a single short value line → `meta['spe.KEY']`.
 * The first occurrence of a key in the record wins.
 * @throws WorkbenchError INVALID_DATA when `$MEAS_TIM:` does not start with a time in seconds.
 */
export function speRecordFields(
  lines: readonly string[],
  sections: readonly SpeSection[],
  channelCount: number,
  fileName: string,
): SpeFields {
  const meta: Record<string, string | number | boolean> = {};
  const fields: { -readonly [K in keyof SpeFields]?: SpeFields[K] } = {};
  const seen = new Set<string>();
  const byKey = new Map<string, ValueLine[]>();
  for (const section of sections) {
    if (section.key === '' || seen.has(section.key)) continue;
    seen.add(section.key);
    if (section.key === 'DATA') continue;
    const values = valueLines(lines, section);
    byKey.set(section.key, values);
    const first = values[0];
    switch (section.key) {
      case 'MEAS_TIM': {
        if (first === undefined) break;
        const times = leadingNumbers(first.text);
        if (times.length === 0 || times.some((t) => t < 0)) {
          gammaTextFail(
            'INVALID_DATA',
            `line ${first.line}: $MEAS_TIM: must hold the live and real time in seconds, found "${first.text.slice(0, 40)}"`,
            fileName,
          );
        }
        fields.liveTimeS = times[0] as number;
        if (times.length > 1) fields.realTimeS = times[1] as number;
        break;
      }
      case 'DATE_MEA': {
        if (first === undefined) break;
        const iso = monthFirstDateToIso(first.text);
        if (iso === undefined) meta.startTimeText = first.text;
        else fields.startTime = iso;
        break;
      }
      case 'SPEC_ID':
        if (values.length > 0) fields.title = values.map((v) => v.text).join(' ');
        break;
      case 'SPEC_REM':
        readRemarks(values, fields, meta);
        break;
      case 'SHAPE_CAL': {
        const coefficients = countedCoefficients(values);
        if (coefficients !== undefined) meta.fwhmCoefficients = coefficients.values.map(String).join(',');
        break;
      }
      case 'GPS':
        readGps(values, meta);
        break;
      case 'NEUTRONS':
      case 'DOSE_RATE': {
        const value = first === undefined ? undefined : leadingNumbers(first.text)[0];
        if (value !== undefined) meta[section.key === 'NEUTRONS' ? 'neutronCounts' : 'doseRate'] = value;
        break;
      }
      case 'MCA_CAL':
      case 'ENER_FIT':
      case 'NON_LINEAR_DEVIATIONS':
        break;
      default:
        if (!HANDLED.has(section.key) && values.length === 1 && (first as ValueLine).text.length <= MAX_SCALAR_LENGTH) {
          const text = (first as ValueLine).text;
          meta[`spe.${section.key}`] = numberToken(text) ?? text;
        }
    }
  }
  const calibration = speCalibration(byKey, channelCount, meta);
  if (calibration !== undefined) fields.calibration = calibration;
  return { ...fields, meta };
}

function valueLines(lines: readonly string[], section: SpeSection): ValueLine[] {
  const out: ValueLine[] = [];
  for (let i = section.start; i < section.end; i++) {
    const text = (lines[i] as string).trim();
    if (text !== '') out.push({ text, line: i + 1 });
  }
  return out;
}

/** The numbers at the start of a line, up to the first token that is not one (`0.0 (total)` → [0]). */
function leadingNumbers(text: string): number[] {
  const out: number[] = [];
  for (const token of lineTokens(text)) {
    const value = numberToken(token);
    if (value === undefined) break;
    out.push(value);
  }
  return out;
}

function readRemarks(
  values: readonly ValueLine[],
  fields: { instrument?: string },
  meta: Record<string, string | number | boolean>,
): void {
  if (values.length === 0) return;
  meta.remarks = values.map((v) => v.text).join('\n');
  for (const { text } of values) {
    const tagged = /^(DETDESC|DET|AP)#\s*(.*)$/i.exec(text);
    if (tagged === null || tagged[2] === '') continue;
    const tag = (tagged[1] as string).toUpperCase();
    const value = tagged[2] as string;
    if (tag === 'DETDESC') fields.instrument = value;
    else if (tag === 'DET') meta.detectorNumber = value;
    else meta.software = value;
  }
}

function readGps(values: readonly ValueLine[], meta: Record<string, string | number | boolean>): void {
  const names: Record<string, string> = { lat: 'latitude', lon: 'longitude', speed: 'speed' };
  for (const { text } of values) {
    const match = /^([A-Za-z_]+)\s*=\s*(.+)$/.exec(text);
    if (match === null) continue;
    const key = (match[1] as string).toLowerCase();
    const raw = (match[2] as string).trim();
    const value = numberToken(raw);
    const name = names[key] ?? `gps${(match[1] as string).charAt(0).toUpperCase()}${(match[1] as string).slice(1)}`;
    if (value !== undefined) meta[name] = value;
    else if (names[key] === undefined) meta[name] = raw;
  }
}

interface Counted {
  readonly values: number[];
  readonly unit?: string;
  /** The count line announced another number of coefficients than the file lists (SpecUtils accepts it too). */
  readonly countMismatch: boolean;
}

/** `n` on the first line, then the numbers on the following line(s), maybe ending in a unit (`keV`). */
function countedCoefficients(values: readonly ValueLine[]): Counted | undefined {
  const n = values[0] === undefined ? undefined : numberToken(values[0].text);
  if (n === undefined || !Number.isInteger(n) || n < 1) return undefined;
  const tokens = values.slice(1).flatMap((v) => lineTokens(v.text));
  const last = tokens.at(-1);
  const unit = last !== undefined && /^(k|M)?eV$/i.test(last) ? last : undefined;
  if (unit !== undefined) tokens.pop();
  const numbers = tokens.map(numberToken);
  if (numbers.length === 0 || numbers.some((v) => v === undefined)) return undefined;
  const countMismatch = numbers.length !== n;
  return unit === undefined
    ? { values: numbers as number[], countMismatch }
    : { values: numbers as number[], unit, countMismatch };
}

/** The energy calibration: `$MCA_CAL:` unless it is all zero and `$ENER_FIT:` is not (grs-notes §3.1). */
function speCalibration(
  byKey: ReadonlyMap<string, ValueLine[]>,
  channelCount: number,
  meta: Record<string, string | number | boolean>,
): ChannelCalibration | undefined {
  const warnings: string[] = [];
  let mca: number[] | undefined;
  const mcaLines = byKey.get('MCA_CAL');
  if (mcaLines !== undefined) {
    const read = countedCoefficients(mcaLines);
    if (read === undefined) warnings.push('the $MCA_CAL: section is malformed and was ignored');
    else {
      if (read.countMismatch) warnings.push('$MCA_CAL: lists another number of coefficients than its count line');
      const unit = read.unit?.toLowerCase();
      const scale = unit === 'mev' ? 1000 : unit === 'ev' ? 0.001 : 1;
      if (scale !== 1) meta.calibrationUnitInFile = read.unit as string;
      mca = scale === 1 ? read.values : read.values.map((c) => c * scale);
    }
  }
  let fit: number[] | undefined;
  const fitLine = byKey.get('ENER_FIT')?.[0];
  if (fitLine !== undefined) {
    const tokens = lineTokens(fitLine.text).map(numberToken);
    if (tokens.length === 0 || tokens.some((v) => v === undefined)) {
      warnings.push('the $ENER_FIT: section is malformed and was ignored');
    } else fit = tokens as number[];
  }
  if (warnings.length > 0) meta.calibrationWarning = warnings.join('; ');
  const nonZero = (c: number[] | undefined): c is number[] => c?.some((v) => v !== 0) === true;
  const coefficients = nonZero(mca) ? mca : nonZero(fit) ? fit : (mca ?? fit);
  if (coefficients === undefined) return undefined;
  meta.calibrationSource = coefficients === mca ? '$MCA_CAL' : '$ENER_FIT';
  return polynomialCalibration(coefficients, channelCount, deviationPairs(byKey.get('NON_LINEAR_DEVIATIONS')));
}

/** `$NON_LINEAR_DEVIATIONS:`: a count, then `energy deviation` lines (SpecUtils); unused when malformed. */
function deviationPairs(values: readonly ValueLine[] | undefined): [number, number][] | undefined {
  if (values === undefined || values.length < 2) return undefined;
  const n = numberToken((values[0] as ValueLine).text);
  const pairs = values.slice(1).map((v) => leadingNumbers(v.text));
  if (n !== pairs.length || pairs.some((p) => p.length !== 2)) return undefined;
  return pairs.map((p) => [p[0] as number, p[1] as number]);
}
