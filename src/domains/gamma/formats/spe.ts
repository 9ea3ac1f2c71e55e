import type { Spectrum } from '../../../core';
import { toGammaSpectrum } from '../gammaSpectrum';
import { type SpeSection, speRecordFields } from './textGammaSpeFields';
import { gammaTextFail, gammaTextLines, lineTokens, numberToken } from './textGammaText';

/** Format id of the IAEA / ORTEC Maestro `.spe` reader. */
export const SPE_FORMAT_ID = 'gamma-spe';

/**
 * Highest channel number accepted in `$DATA:` (2^20 − 1). Maestro writes at most 65 536 channels;
 * the bound keeps a corrupt first channel from allocating zero padding of gigabytes.
 */
const MAX_CHANNEL = 2 ** 20 - 1;

/**
 * Reads an IAEA / ORTEC Maestro ASCII spectrum (`.spe`), layout after grs-notes §3.1
 * (SpecUtils `SpecFile_spe.cpp`, becquerel `parsers/spe.py`): sections start with a line
 * `$KEY:`, their values follow on the next lines until the next `$` line.
 *
 * - `$DATA:` `first last`, then `last − first + 1` counts, one or several per line. A first
 *   channel above 0 is padded with zero counts so that index = channel number (the calibration
 *   is a function of the channel number); `meta.firstChannel` says so.
 * - `$MEAS_TIM:` live time then real time (s); `$DATE_MEA:` `mm/dd/yyyy hh:mm:ss` → ISO 8601.
 * - `$MCA_CAL:` (preferred) or `$ENER_FIT:` → polynomial calibration in keV; `$SHAPE_CAL:`,
 *   `$SPEC_ID:`, `$SPEC_REM:`, `$GPS:`, `$NEUTRONS:`, `$DOSE_RATE:` and short unknown keys → metadata
 *   (see `textGammaSpeFields.ts`).
 * - `$ENDRECORD:` ends one spectrum; a file may hold several.
 *
 * @throws WorkbenchError BINARY_FILE, NOT_A_SPECTRUM (no `$` sections, or no `$DATA:`),
 *   TRUNCATED (fewer counts than the channel range, checked before allocating), INVALID_DATA
 *   (a count or a time that is not a number, with its line number), each with `file` set.
 */
export function parseSpe(bytes: Uint8Array, fileName: string): Spectrum[] {
  const lines = gammaTextLines(bytes, fileName);
  const records = speRecords(lines);
  if (records.length === 0) {
    return gammaTextFail('NOT_A_SPECTRUM', 'this is not an SPE file: it has no `$KEY:` section line', fileName);
  }
  const spectra: Spectrum[] = [];
  for (const sections of records) {
    const data = sections.find((section) => section.key === 'DATA');
    if (data === undefined) continue;
    const { counts, firstChannel, ignoredValues } = readSpeData(lines, data, fileName);
    const fields = speRecordFields(lines, sections, counts.length, fileName);
    const meta = { ...fields.meta };
    if (firstChannel > 0) meta.firstChannel = firstChannel;
    if (ignoredValues > 0) meta.ignoredDataValues = ignoredValues;
    spectra.push(toGammaSpectrum({ ...fields, counts, meta }, fileName, spectra.length, SPE_FORMAT_ID));
  }
  if (spectra.length === 0) {
    return gammaTextFail('NOT_A_SPECTRUM', 'the SPE file has no `$DATA:` section (the channel counts)', fileName);
  }
  return spectra;
}

/** The sections of the file grouped into records (split at `$ENDRECORD:`); records without sections are dropped. */
function speRecords(lines: readonly string[]): SpeSection[][] {
  const records: SpeSection[][] = [];
  let current: SpeSection[] = [];
  let open: { key: string; headerLine: number } | undefined;
  const close = (end: number): void => {
    if (open === undefined) return;
    if (open.key === 'ENDRECORD') {
      if (current.length > 0) records.push(current);
      current = [];
    } else {
      current.push({ key: open.key, headerLine: open.headerLine, start: open.headerLine + 1, end });
    }
    open = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim().replace(/^\uFEFF/, '');
    if (line.charCodeAt(0) !== 36 /* $ */) continue;
    close(i);
    const colon = line.indexOf(':');
    open = { key: (colon < 0 ? line.slice(1) : line.slice(1, colon)).trim().toUpperCase(), headerLine: i };
  }
  close(lines.length);
  if (current.length > 0) records.push(current);
  return records;
}

interface SpeData {
  readonly counts: Float64Array;
  readonly firstChannel: number;
  /** Values after the last announced channel (ignored). */
  readonly ignoredValues: number;
}

/** Reads a `$DATA:` section: the `first last` line, then the counts (any number per line). */
function readSpeData(lines: readonly string[], section: SpeSection, fileName: string): SpeData {
  const header = section.headerLine + 1;
  let rangeIndex = section.start;
  while (rangeIndex < section.end && (lines[rangeIndex] as string).trim() === '') rangeIndex++;
  if (rangeIndex >= section.end) {
    const atEnd = section.end >= lines.length;
    return gammaTextFail(
      atEnd ? 'TRUNCATED' : 'INVALID_DATA',
      atEnd
        ? `the file ends after the $DATA: line (line ${header}), before its channel range`
        : `the $DATA: section (line ${header}) has no channel range line "first last"`,
      fileName,
    );
  }
  const range = lineTokens(lines[rangeIndex] as string).map(numberToken);
  const [first, last] = range;
  if (
    range.length !== 2 ||
    first === undefined ||
    last === undefined ||
    !Number.isInteger(first) ||
    !Number.isInteger(last) ||
    first < 0 ||
    last < first
  ) {
    return gammaTextFail(
      'INVALID_DATA',
      `line ${rangeIndex + 1}: the $DATA: channel range must be two channel numbers "first last" with first ≤ last, found "${clip(lines[rangeIndex] as string)}"`,
      fileName,
    );
  }
  const expected = last - first + 1;
  // Parse into a growable list first: its size is bounded by the file, not by the range line.
  const values: number[] = [];
  let ignoredValues = 0;
  for (let i = rangeIndex + 1; i < section.end; i++) {
    const line = lines[i] as string;
    for (const token of lineTokens(line)) {
      if (values.length >= expected) {
        ignoredValues++;
        continue;
      }
      const value = numberToken(token);
      if (value === undefined) {
        return gammaTextFail('INVALID_DATA', `line ${i + 1}: the count "${clip(token)}" is not a number`, fileName);
      }
      values.push(value);
    }
  }
  if (values.length < expected) {
    const where = section.end >= lines.length ? 'the file ends' : `the next section starts at line ${section.end + 1}`;
    return gammaTextFail(
      'TRUNCATED',
      `the $DATA: section announces channels ${first}…${last} (${expected} counts) but ${where} after ${values.length} counts`,
      fileName,
    );
  }
  if (last > MAX_CHANNEL) {
    return gammaTextFail(
      'INVALID_DATA',
      `line ${rangeIndex + 1}: the $DATA: channel range ends at channel ${last}, beyond the largest supported channel ${MAX_CHANNEL}`,
      fileName,
    );
  }
  const counts = new Float64Array(last + 1);
  counts.set(values, first);
  return { counts, firstChannel: first, ignoredValues };
}

/** A line or token shortened for an error message. */
function clip(text: string): string {
  const t = text.trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
