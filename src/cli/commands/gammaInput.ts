import type { ErrorInfo, Spectrum } from '../../core';
import { err, ok, type Result } from '../../core/result';
import { parseFile } from '../../formats/parseFile';
import { type CliIo, EXIT_FAILURE } from '../cliCommand';
import { readInput } from '../readInput';

/** The spectra of one file for the gamma commands, or why they cannot be had. */
export async function readGammaSpectra(path: string, io: CliIo): Promise<Result<Spectrum[]>> {
  const input = await readInput(path, io);
  if (!input.ok) return input;
  const parsed = await parseFile(input.value, path);
  if (!parsed.ok) return parsed;
  const gamma = parsed.value.spectra.filter((s) => s.domain === 'gamma' || s.x.unit === 'keV');
  if (gamma.length === 0) {
    return err({
      code: 'NOT_A_SPECTRUM',
      message: `the file holds ${parsed.value.domain} spectra, not gamma spectra`,
      file: path,
    });
  }
  return ok(gamma);
}

/** The JSON form of an error (code, message, format when known). */
export function errorJson(info: ErrorInfo): { code: string; message: string; format?: string } {
  return info.format === undefined
    ? { code: info.code, message: info.message }
    : { code: info.code, message: info.message, format: info.format };
}

/** Human form of an error for stderr. */
export function errorLine(info: ErrorInfo): string {
  return `${info.file ?? ''}: ${info.format === undefined ? '' : `${info.format}: `}${info.message} [${info.code}]\n`;
}

/** Reports errors (as `{ errors: [...] }` JSON on stdout, or one line each on stderr) and returns exit code 1. */
export function reportErrors(io: CliIo, json: boolean, errors: readonly ErrorInfo[]): number {
  if (json)
    io.stdout(`${JSON.stringify({ errors: errors.map((e) => ({ file: e.file, ...errorJson(e) })) }, null, 2)}\n`);
  else for (const error of errors) io.stderr(errorLine(error));
  return EXIT_FAILURE;
}

/** A number with at most `digits` significant digits, without trailing zeros. */
export function round(value: number, digits = 6): number {
  return Number(value.toPrecision(digits));
}
