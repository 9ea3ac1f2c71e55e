import type { ChannelCalibration, ErrorInfo, Spectrum, SpectrumMeta } from '../../core';
import { parseFile } from '../../formats';
import { companionOnlyFiles } from '../../formats/companionFiles';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from '../cliCommand';
import { readInput } from '../readInput';

/** One spectrum in the JSON of `spectra inspect --json` (see src/cli/README.md: a stable contract). */
export interface InspectedSpectrum {
  readonly id: string;
  readonly name: string;
  readonly points: number;
  readonly x: { readonly unit: string; readonly quantity: string; readonly min: number; readonly max: number };
  readonly y: { readonly unit: string };
  readonly complex: boolean;
  /** The channel calibration the file states (gamma energy calibration), when it has one. */
  readonly calibration?: ChannelCalibration;
  readonly meta: SpectrumMeta;
}

/** One file in the JSON of `spectra inspect --json`: its spectra, or why it could not be read. */
export type InspectedFile =
  | {
      readonly file: string;
      readonly format: string;
      readonly domain: string;
      readonly spectra: readonly InspectedSpectrum[];
    }
  | {
      readonly file: string;
      readonly error: { readonly code: string; readonly message: string; readonly format?: string };
    };

const USAGE = `Usage: spectra inspect <files...> [--json]

Reads each file, detects its format and lists its spectra (points, x range and unit). Files split
over two (a Philips .sdat and its .spar) are read together when both are given.

Options:
  --json      print a JSON array, one entry per file, in argument order
  -h, --help  show this help
  --          treat every following argument as a file name

Exit code: 0 when every file was read, 1 when one or more could not be, 2 for a usage error.
`;

function describeSpectrum(spectrum: Spectrum): InspectedSpectrum {
  const x = spectrum.x.values;
  return {
    id: spectrum.id,
    name: spectrum.name,
    points: x.length,
    x: { unit: spectrum.x.unit, quantity: spectrum.x.quantity, min: x[0] ?? Number.NaN, max: x.at(-1) ?? Number.NaN },
    y: { unit: spectrum.y.unit },
    complex: spectrum.y.imaginary !== undefined,
    ...(spectrum.x.calibration === undefined ? {} : { calibration: spectrum.x.calibration }),
    meta: spectrum.meta,
  };
}

/**
 * Reads and parses one file into its JSON entry. `companions` are the other files given on the
 * same command line (a Philips .sdat finds its .spar there).
 */
export async function inspectFile(
  path: string,
  io: CliIo,
  companions?: ReadonlyMap<string, Uint8Array>,
): Promise<InspectedFile> {
  const input = companions?.has(path)
    ? { ok: true as const, value: companions.get(path) as Uint8Array }
    : await readInput(path, io);
  const result = input.ok ? await parseFile(input.value, path, companions ? { companions } : {}) : input;
  if (!result.ok) return { file: path, error: errorOf(result.error) };
  const { format, domain, spectra } = result.value;
  return { file: path, format, domain, spectra: spectra.map(describeSpectrum) };
}

function errorOf(info: ErrorInfo): { code: string; message: string; format?: string } {
  return info.format === undefined
    ? { code: info.code, message: info.message }
    : { code: info.code, message: info.message, format: info.format };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function formatText(entry: InspectedFile): string {
  if ('error' in entry) return '';
  const count = `${entry.spectra.length} spectr${entry.spectra.length === 1 ? 'um' : 'a'}`;
  const lines = [`${entry.file}  ${entry.format}  ${entry.domain}  ${count}`];
  for (const s of entry.spectra) {
    const range = `x ${formatNumber(s.x.min)} … ${formatNumber(s.x.max)} ${s.x.unit}`;
    lines.push(`  ${s.name}  ${s.points} points  ${range}  y ${s.y.unit}${s.complex ? '  complex' : ''}`);
    const times = [
      typeof s.meta.liveTimeS === 'number' ? `live ${formatNumber(s.meta.liveTimeS)} s` : undefined,
      typeof s.meta.realTimeS === 'number' ? `real ${formatNumber(s.meta.realTimeS)} s` : undefined,
      typeof s.meta.startTime === 'string' ? `start ${s.meta.startTime}` : undefined,
    ].filter((part) => part !== undefined);
    if (times.length > 0) lines.push(`    ${times.join('  ')}`);
    const mrs = mrsLine(s.meta);
    if (mrs !== undefined) lines.push(`    ${mrs}`);
    if (s.calibration !== undefined) lines.push(`    calibration ${calibrationText(s.calibration)}`);
    if (typeof s.meta.calibrationProblem === 'string')
      lines.push(`    calibration not used: ${s.meta.calibrationProblem}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The acquisition of an MRS spectrum in one line: nucleus, frequency, spectral width, TE/TR, averages, sign handling. */
function mrsLine(meta: SpectrumMeta): string | undefined {
  if (typeof meta.spectrometerFrequencyMHz !== 'number') return undefined;
  const n = (key: string, scale = 1, unit = '') =>
    typeof meta[key] === 'number' ? `${formatNumber((meta[key] as number) * scale)}${unit}` : undefined;
  const parts = [
    `${meta.nucleus ?? ''} ${n('spectrometerFrequencyMHz')} MHz`.trim(),
    n('spectralWidthHz', 1, ' Hz') && `SW ${n('spectralWidthHz', 1, ' Hz')}`,
    n('echoTimeS', 1000, ' ms') && `TE ${n('echoTimeS', 1000, ' ms')}`,
    n('repetitionTimeS', 1000, ' ms') && `TR ${n('repetitionTimeS', 1000, ' ms')}`,
    n('averages') && `${n('averages')} averages`,
    typeof meta.role === 'string' ? meta.role : undefined,
    meta.conjugatedByReader === true ? 'conjugated by reader' : undefined,
    typeof meta.conjugationCheck === 'string' ? `check: ${meta.conjugationCheck}` : undefined,
  ].filter((p) => p !== undefined);
  return parts.join('  ');
}

function calibrationText(calibration: ChannelCalibration): string {
  const pairs = calibration.deviationPairs?.length ?? 0;
  const coefficients = calibration.coefficients.map(formatNumber);
  const shown =
    coefficients.length > 6
      ? `${coefficients.slice(0, 3).join(', ')}, … (${coefficients.length} values)`
      : coefficients.join(', ');
  return `${calibration.model} [${shown}] ${calibration.unit}${pairs > 0 ? ` + ${pairs} deviation pairs` : ''}`;
}

function parseArguments(args: readonly string[]): { json: boolean; help: boolean; files: string[] } {
  let json = false;
  let help = false;
  let optionsEnded = false;
  const files: string[] = [];
  for (const arg of args) {
    if (optionsEnded || !arg.startsWith('-') || arg === '-') files.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else throw new UsageError(`unknown option "${arg}"`);
  }
  if (!help && files.length === 0) throw new UsageError('no files given');
  return { json, help, files };
}

/** `spectra inspect <files...> [--json]`. */
export const inspectCommand: CliCommand = {
  name: 'inspect',
  summary: 'detect the format of files and list their spectra',
  usage: USAGE,
  async run(args, io) {
    const { json, help, files } = parseArguments(args);
    if (help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const entries: InspectedFile[] = [];
    // Several files: read them all first, so that a file split over two (.sdat + .spar) finds its partner.
    const companions = new Map<string, Uint8Array>();
    if (files.length > 1) {
      for (const file of files) {
        const input = await readInput(file, io);
        if (input.ok) companions.set(file, input.value);
      }
    }
    const consumed = companionOnlyFiles(files);
    for (const file of files) {
      if (consumed.has(file)) continue;
      const entry = await inspectFile(file, io, files.length > 1 ? companions : undefined);
      entries.push(entry);
      if (json) continue;
      if ('error' in entry) {
        const format = entry.error.format === undefined ? '' : `${entry.error.format}: `;
        io.stderr(`${entry.file}: ${format}${entry.error.message} [${entry.error.code}]\n`);
      } else io.stdout(formatText(entry));
    }
    if (json) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return entries.every((entry) => !('error' in entry)) ? EXIT_OK : EXIT_FAILURE;
  },
};
