import type { SpectralDomain, Spectrum } from '../core';

/** Column delimiters a text-table reader understands; `' '` means any run of spaces and tabs. */
export type TextDelimiter = ',' | '\t' | ';' | ' ';

/** Decimal separators a text-table reader understands. */
export type DecimalSeparator = '.' | ',';

/**
 * Options handed to every parser. All are optional overrides of what the reader would detect on
 * its own; a reader ignores the ones that make no sense for its format.
 */
export interface ParseOptions {
  /** Column delimiter of a text table (default: detected from the data rows). */
  readonly delimiter?: TextDelimiter;
  /**
   * Decimal separator of a text table (default: detected). Set it for the one case detection
   * cannot decide: a single column of decimal-comma numbers (`1,5`) reads like two integer columns.
   */
  readonly decimalSeparator?: DecimalSeparator;
  /**
   * Other files dropped together with this one, by name → bytes: readers of formats split over two
   * files find their companion here (Philips .sdat + .spar of the same stem; LCModel .RAW/.H2O + the
   * .control whose FILRAW/FILH2O names it).
   */
  readonly companions?: ReadonlyMap<string, Uint8Array>;
  /** Dwell time and frequency for an MRS file that does not state them (LCModel .RAW without $SEQPAR). */
  readonly mrsAcquisition?: {
    readonly dwellTimeS: number;
    readonly spectrometerFrequencyMHz: number;
    readonly echoTimeS?: number;
  };
}

/**
 * Turns the bytes of one file into spectra. Throws a `WorkbenchError` (with `file` set) when the
 * bytes cannot be read; `parseFile` turns the throw into an error `Result`.
 * Every returned spectrum satisfies the `Spectrum` invariant (x strictly ascending, equal lengths).
 */
export type FormatParser = (
  bytes: Uint8Array,
  fileName: string,
  options?: ParseOptions,
) => Spectrum[] | Promise<Spectrum[]>;

/**
 * A file format, loaders.gl style: a small, eagerly imported descriptor that can recognise a file
 * (`sniff`), and a lazily imported parser (`load`), so that a worker only downloads the parsers
 * of the files it actually opens.
 */
export interface FormatDescriptor {
  /** Stable id, kebab-case, e.g. `delimited-text`, `gamma-spe`. Shown in the CLI's JSON. */
  readonly id: string;
  /** Human name, e.g. `Delimited text (CSV, TSV, XY)`. */
  readonly name: string;
  /** Domain of the spectra it reads; `generic` when the file alone cannot tell. */
  readonly domain: SpectralDomain;
  /** File name extensions, lower case, without the dot. Used as a tie-break only. */
  readonly extensions: readonly string[];
  /** True when the format is binary; a binary file only reaches binary formats' parsers. */
  readonly binary: boolean;
  /**
   * Confidence 0..1 that `head` (the first 64 KiB of the file, fewer for small files) is in this
   * format; 0 = certainly not. Must be fast, must not throw, must not rely on the rest of the file.
   * Scale: ≥ 0.8 for a format-specific signature (magic bytes, a keyword header), about 0.5 for a
   * generic structure (a numeric text table), ≤ 0.1 for "only the extension fits".
   */
  sniff(head: Uint8Array, fileName: string): number;
  /** Imports the parser (a dynamic `import()`, so bundlers split it into its own chunk). */
  load(): Promise<{ readonly parse: FormatParser }>;
}

/** Number of leading bytes passed to `sniff`. */
export const SNIFF_BYTES = 64 * 1024;

/** Lower-case extension of a file name without the dot (`''` when there is none). */
export function fileExtension(fileName: string): string {
  const base = baseName(fileName);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** Last path segment of a file name (handles `/` and `\` separators). */
export function baseName(fileName: string): string {
  const cut = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return cut < 0 ? fileName : fileName.slice(cut + 1);
}
