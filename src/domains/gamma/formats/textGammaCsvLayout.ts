/**
 * Layout facts of gamma CSV files shared by the writer, the reader and the (eagerly loaded) sniffer:
 * the workbench's own signature and header, and the column names other programs use
 * (grs-notes §3.7, after SpecUtils `SpecFile_csv.cpp`).
 */

/** First line of every block the workbench writes: the format's signature. */
export const GAMMA_CSV_SIGNATURE = '# Spectralligence gamma spectrum';

/** Version written in `# version:`; a reader refuses a higher one. */
export const GAMMA_CSV_VERSION = 1;

/** Column header of the workbench's own blocks. */
export const GAMMA_CSV_HEADER = 'channel,energy_keV,counts';

/** Metadata written on their own `# key: value` lines when their value has this type. */
export const GAMMA_CSV_TEXT_KEYS = [
  'title',
  'startTime',
  'detector',
  'detectorType',
  'instrument',
  'measurementClass',
  'sourceFormat',
] as const;
/** Numeric metadata written on their own `# key: value` lines. */
export const GAMMA_CSV_NUMBER_KEYS = ['liveTimeS', 'realTimeS', 'sampleNumber'] as const;

/** Metadata keys `toGammaSpectrum` sets itself; a file's own keys of these names are not copied into `meta`. */
export const RESERVED_META: ReadonlySet<string> = new Set(['format', 'channelCount', 'calibrationProblem']);

/** What a column of a foreign gamma CSV holds. */
export type GammaCsvColumn = 'channel' | 'energy' | 'counts' | 'other';

/** keV per unit of an energy column, from its header (`Energy (MeV)` → 1000); `undefined` when the header names none. */
export function energyUnitFactor(name: string): number | undefined {
  const n = name.toLowerCase();
  if (/mev/.test(n)) return 1000;
  if (/kev/.test(n)) return 1;
  if (/(^|[^a-z])ev([^a-z]|$)/.test(n)) return 0.001;
  return undefined;
}

/**
 * The role of a column from its header: `Channel`/`Ch`/`Chan`/`Bin` → channel; `Energy`,
 * `Energy (keV)`, `Energy[keV]`, `Energy(KeV)` (Theremino), `En`, `energy_keV` → energy;
 * `Counts`/`Count`/`Cts`/`Data`/`Signal` → counts (SpecUtils' names, grs-notes §3.7).
 */
export function columnRole(name: string): GammaCsvColumn {
  const n = name
    .trim()
    .replace(/^"|"$/g, '')
    .toLowerCase()
    .replace(/[\s_]+/g, '');
  if (/^(channel|channels|chan|ch|channelnumber|channel#|bin)$/.test(n)) return 'channel';
  if (/^(energy|en)([([]?(k|m)?ev[)\]]?)?$/.test(n)) return 'energy';
  if (/^(counts?|cts|data|signal)$/.test(n)) return 'counts';
  return 'other';
}

/** True for a comment line of a foreign CSV (`#`, `//`, `%`), given its trimmed text. */
export function isCsvComment(trimmed: string): boolean {
  return trimmed.startsWith('#') || trimmed.startsWith('//') || trimmed.startsWith('%');
}

/** Delimiter of a table line: tab, then `;`, then `,`, else runs of spaces (`' '`). */
export function csvDelimiter(line: string): '\t' | ';' | ',' | ' ' {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  if (line.includes(',')) return ',';
  return ' ';
}

/** The trimmed, unquoted fields of a table line (a trailing empty field after a delimiter is dropped). */
export function csvFields(line: string, delimiter: '\t' | ';' | ',' | ' '): string[] {
  const trimmed = line.trim();
  const fields = (delimiter === ' ' ? trimmed.split(/\s+/) : trimmed.split(delimiter)).map((f) =>
    f.trim().replace(/^"(.*)"$/, '$1'),
  );
  if (fields.length > 1 && fields.at(-1) === '') fields.pop();
  return fields;
}

/** True when every field is a decimal number (a decimal comma is accepted unless `,` delimits). */
export function isNumericRow(fields: readonly string[], delimiter: string): boolean {
  const re =
    delimiter === ',' ? /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/ : /^[+-]?(\d+[.,]?\d*|[.,]\d+)([eE][+-]?\d+)?$/;
  return fields.length > 0 && fields.every((f) => re.test(f));
}
