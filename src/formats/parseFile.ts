import { err, ok, type Result, type SpectralDomain, type Spectrum, toErrorInfo, WorkbenchError } from '../core';
import { detectFormat } from './detectFormat';
import type { FormatDescriptor, ParseOptions } from './formatDescriptor';

/** What `parseFile` makes of one file. */
export interface ParsedFile {
  /** The file name as given to `parseFile`. */
  readonly file: string;
  /** Id of the format that read it, e.g. `delimited-text`. */
  readonly format: string;
  /** Domain of its spectra (the format's domain when the spectra disagree). */
  readonly domain: SpectralDomain;
  readonly spectra: Spectrum[];
}

export interface ParseFileOptions extends ParseOptions {
  /** Largest file accepted, in bytes (default {@link DEFAULT_MAX_BYTES}). */
  readonly maxBytes?: number;
  /** Formats to choose from (default: the registry). */
  readonly formats?: readonly FormatDescriptor[];
}

/** Default size limit of `parseFile`: 256 MiB. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

/**
 * Throws `TOO_LARGE` when a file of `sizeBytes` exceeds `maxBytes` (default {@link DEFAULT_MAX_BYTES}).
 * Callers that can see the size before reading (a browser `File`, `fs.stat`) call it first, so a
 * huge file is refused without being read into memory.
 */
export function checkFileSize(sizeBytes: number, fileName: string, maxBytes = DEFAULT_MAX_BYTES): void {
  if (!(maxBytes > 0) || !Number.isFinite(maxBytes)) {
    throw new WorkbenchError('INVALID_OPTION', `maxBytes must be a positive number of bytes, got ${maxBytes}`, {
      file: fileName,
    });
  }
  if (sizeBytes > maxBytes) {
    throw new WorkbenchError(
      'TOO_LARGE',
      `the file is ${formatSize(sizeBytes)}, larger than the limit of ${formatSize(maxBytes)}`,
      { file: fileName },
    );
  }
}

/**
 * Detects the format of a file and reads its spectra. Never throws (nor rejects): every failure is
 * an error `Result` whose `ErrorInfo` names the file (and the format, once detected) and carries a code of `WorkbenchErrorCode`
 * (EMPTY_FILE, TOO_LARGE, BINARY_FILE, UNKNOWN_FORMAT, NOT_A_SPECTRUM, TRUNCATED, INVALID_DATA,
 * INVALID_OPTION, or INTERNAL for a reader bug).
 */
export async function parseFile(
  bytes: Uint8Array,
  fileName: string,
  options: ParseFileOptions = {},
): Promise<Result<ParsedFile>> {
  let formatName: string | undefined;
  try {
    checkFileSize(bytes.length, fileName, options.maxBytes);
    const format = detectFormat(bytes, fileName, options.formats);
    formatName = format.name;
    const { parse } = await format.load();
    const spectra = await parse(bytes, fileName, options);
    if (spectra.length === 0) {
      throw new WorkbenchError('NOT_A_SPECTRUM', `the file holds no spectrum`, { file: fileName });
    }
    for (const spectrum of spectra) checkSpectrum(spectrum, format.id, fileName);
    const domains = new Set(spectra.map((spectrum) => spectrum.domain));
    const domain = domains.size === 1 ? (spectra[0] as Spectrum).domain : format.domain;
    return ok({ file: fileName, format: format.id, domain, spectra });
  } catch (error) {
    const info = toErrorInfo(error, fileName);
    return err(formatName === undefined ? info : { ...info, format: formatName });
  }
}

/** A reader that breaks the `Spectrum` invariant has a bug: report it as INTERNAL, not as the user's fault. */
function checkSpectrum(spectrum: Spectrum, formatId: string, fileName: string): void {
  const x = spectrum.x.values;
  const problem =
    x.length !== spectrum.y.values.length
      ? `x has ${x.length} points but y has ${spectrum.y.values.length}`
      : spectrum.y.imaginary !== undefined && spectrum.y.imaginary.length !== x.length
        ? 'the imaginary part has another length than x'
        : firstNonAscending(x) >= 0
          ? `x is not strictly ascending at index ${firstNonAscending(x)}`
          : undefined;
  if (problem !== undefined) {
    const message = `reader "${formatId}" returned an invalid spectrum ${spectrum.id}: ${problem}`;
    throw new WorkbenchError('INTERNAL', message, { file: fileName });
  }
}

function firstNonAscending(x: Float64Array): number {
  for (let i = 1; i < x.length; i++) if (!((x[i] as number) > (x[i - 1] as number))) return i;
  return -1;
}
