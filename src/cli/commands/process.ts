import packageJson from '../../../package.json' with { type: 'json' };
import { type ErrorInfo, type Spectrum, toErrorInfo } from '../../core';
import { parseFile } from '../../formats';
import { companionOnlyFiles } from '../../formats/companionFiles';
import { type PipelineGroupsOutput, runPipelineGroups } from '../../pipeline/runPipelineGroups';
import { validatePipeline } from '../../pipeline/validatePipeline';
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, UsageError } from '../cliCommand';
import { readInput } from '../readInput';
import { errorJson, errorLine, reportErrors } from './gammaInput';
import { type PlannedOutput, planOutputs } from './processOutputs';

/**
 * What `spectra process` needs beyond {@link CliIo}: writing files. `bin/spectra.mjs` does not
 * pass these yet, so the command falls back to `node:fs/promises`; tests pass in-memory ones.
 */
export interface ProcessIo extends CliIo {
  writeFile?(path: string, bytes: Uint8Array): Promise<void>;
  /** Creates a folder and its parents (no error when it exists). */
  makeDirectory?(path: string): Promise<void>;
}

/** One written file in the JSON of `spectra process --json` (see src/cli/README.md). */
export interface ProcessedFile {
  readonly file: string;
  readonly format: PlannedOutput['format'];
  readonly source: string;
  readonly role?: string;
  readonly spectra: number;
  readonly points: number;
  readonly fromFrequencyDomain: boolean;
  /** Meta of the first spectrum written (processing keys: coilCombination, averages, eddyCurrentCorrection …). */
  readonly meta: Spectrum['meta'];
}

const USAGE = `Usage: spectra process <files...> --pipeline FILE --out DIR [--water FILE]... [--json]

Reads the files (a Philips .sdat with its .spar, a NIfTI-MRS with all its coils and dynamics …),
runs the pipeline over all their spectra together (group steps such as mrs-coil-combine,
mrs-align, mrs-average and mrs-ecc see every spectrum of every file, so give the water reference
with the metabolite data) and writes the results into DIR: MRS spectra as NIfTI-MRS, one
<name>_processed.nii.gz per input file (results on a ppm axis are written as the FID they
transform back to), other spectra as CSV. Example pipeline: examples/pipelines/mrs-svs-preprocess.json.

Options:
  --pipeline FILE  pipeline JSON (schema spectralligence.pipeline)
  --out DIR        folder for the results (created when missing)
  --water FILE     a water reference whose file does not say so: its spectra get role water (repeatable)
  --json           print a JSON summary instead of one line per written file
  -h, --help       show this help
  --               treat every following argument as a file name

Exit code: 0 when everything was written, 1 when a file could not be read, the pipeline failed or
a result could not be written (nothing is processed when an input fails), 2 for a usage error.
`;

interface Arguments {
  readonly files: string[];
  readonly water: string[];
  readonly pipeline?: string;
  readonly out?: string;
  readonly json: boolean;
  readonly help: boolean;
}

function parseArguments(args: readonly string[]): Arguments {
  const files: string[] = [];
  const water: string[] = [];
  let pipeline: string | undefined;
  let out: string | undefined;
  let json = false;
  let help = false;
  let optionsEnded = false;
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] as string;
    const value = (): string => {
      const next = args[k + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      k += 1;
      return next;
    };
    if (optionsEnded || !arg.startsWith('-') || arg === '-') files.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--pipeline') pipeline = value();
    else if (arg === '--out') out = value();
    else if (arg === '--water') water.push(value());
    else throw new UsageError(`unknown option "${arg}"`);
  }
  if (!help) {
    if (files.length + water.length === 0) throw new UsageError('no files given');
    if (pipeline === undefined) throw new UsageError('--pipeline FILE is required');
    if (out === undefined) throw new UsageError('--out DIR is required');
  }
  return {
    files,
    water,
    json,
    help,
    ...(pipeline === undefined ? {} : { pipeline }),
    ...(out === undefined ? {} : { out }),
  };
}

/** Reads and parses every file (companions together); spectra of `water` files get `role: water`. */
export async function readSpectra(
  files: readonly string[],
  water: ReadonlySet<string>,
  io: CliIo,
  mrsAcquisition?: { dwellTimeS: number; spectrometerFrequencyMHz: number },
) {
  const errors: ErrorInfo[] = [];
  const bytes = new Map<string, Uint8Array>();
  for (const file of files) {
    const input = await readInput(file, io);
    if (input.ok) bytes.set(file, input.value);
    else errors.push(input.error);
  }
  const spectra: Spectrum[] = [];
  const consumed = companionOnlyFiles(files);
  for (const file of files) {
    const content = bytes.get(file);
    if (content === undefined || consumed.has(file)) continue;
    const parsed = await parseFile(content, file, { companions: bytes, ...(mrsAcquisition ? { mrsAcquisition } : {}) });
    if (!parsed.ok) errors.push(parsed.error);
    else if (water.has(file))
      spectra.push(...parsed.value.spectra.map((s) => ({ ...s, meta: { ...s.meta, role: 'water' } })));
    else spectra.push(...parsed.value.spectra);
  }
  return { spectra, errors };
}

/** The pipeline document from its JSON file, validated against the registry. */
async function readPipeline(path: string, io: CliIo) {
  const input = await readInput(path, io);
  if (!input.ok) return input;
  try {
    return { ok: true as const, value: validatePipeline(JSON.parse(new TextDecoder().decode(input.value))) };
  } catch (error) {
    const info =
      error instanceof SyntaxError
        ? { code: 'INVALID_OPTION' as const, message: `not JSON: ${error.message}` }
        : toErrorInfo(error);
    return { ok: false as const, error: { ...info, file: path } };
  }
}

/** Writes through `io`, or through node:fs when the io has no writer (the real CLI). */
async function writer(io: ProcessIo) {
  if (io.writeFile !== undefined) {
    const write = io.writeFile.bind(io);
    return { write, mkdir: io.makeDirectory?.bind(io) ?? (async () => undefined) };
  }
  const fs = await import('node:fs/promises');
  return {
    write: (path: string, bytes: Uint8Array) => fs.writeFile(path, bytes),
    mkdir: async (path: string) => {
      await fs.mkdir(path, { recursive: true });
    },
  };
}

/** NIfTI-MRS provenance (`ProcessingApplied`, FSL-MRS's keys) of the steps that ran. */
function provenance(run: PipelineGroupsOutput, document: ReturnType<typeof validatePipeline>) {
  const time = new Date().toISOString();
  const enabled = document.steps.filter((s) => s.enabled !== false);
  return {
    ProcessingApplied: run.trace.map((step, k) => ({
      Time: time,
      Program: 'Spectralligence Workbench',
      Version: packageJson.version,
      Method: step.label,
      Details: `${step.step} v${enabled[k]?.version} ${JSON.stringify(enabled[k]?.params ?? {})}: ${step.inputs} → ${step.outputs} spectra`,
    })),
  };
}

function summaryLine(entry: ProcessedFile): string {
  const count = `${entry.spectra} spectr${entry.spectra === 1 ? 'um' : 'a'}`;
  const m = entry.meta;
  const facts = [
    entry.role,
    typeof m.coils === 'number' ? `${m.coils} coils combined` : undefined,
    typeof m.averages === 'number' ? `${m.averages} averages` : undefined,
    typeof m['outliers.rejected'] === 'number' ? `${m['outliers.rejected']} rejected` : undefined,
    typeof m.eddyCurrentCorrection === 'string' ? `ECC ${m.eddyCurrentCorrection}` : undefined,
    typeof m.waterRemoval === 'string' ? `water removal ${m.waterRemoval}` : undefined,
    entry.fromFrequencyDomain ? 'written as FID (inverse FFT)' : undefined,
  ].filter((f) => f !== undefined);
  return `${entry.file}  ${entry.format}  ${count}  ${entry.points} points  from ${entry.source}${facts.length > 0 ? `  ${facts.join(', ')}` : ''}\n`;
}

/** `spectra process <files...> --pipeline FILE --out DIR [--water FILE]... [--json]`. */
export const processCommand: CliCommand = {
  name: 'process',
  summary: 'run a pipeline (with MRS coil combination, alignment, averaging, ECC …) and write the results',
  usage: USAGE,
  async run(args, io: ProcessIo) {
    const options = parseArguments(args);
    if (options.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const fail = (errors: readonly ErrorInfo[]): number => reportErrors(io, options.json, errors);
    const document = await readPipeline(options.pipeline as string, io);
    if (!document.ok) return fail([document.error]);
    const files = [...options.files, ...options.water.filter((w) => !options.files.includes(w))];
    const { spectra, errors } = await readSpectra(files, new Set(options.water), io);
    if (errors.length > 0) return fail(errors);
    let run: PipelineGroupsOutput;
    let planned: PlannedOutput[];
    try {
      run = await runPipelineGroups(spectra, document.value);
      planned = planOutputs(run.outputs, options.out as string, provenance(run, document.value));
    } catch (error) {
      return fail([toErrorInfo(error)]);
    }
    const { write, mkdir } = await writer(io);
    const written: ProcessedFile[] = [];
    const writeErrors: ErrorInfo[] = [];
    await mkdir(options.out as string);
    for (const output of planned) {
      try {
        await write(output.path, output.bytes());
      } catch (error) {
        writeErrors.push(toErrorInfo(error, output.path));
        continue;
      }
      const entry: ProcessedFile = {
        file: output.path,
        format: output.format,
        source: output.source,
        ...(output.role === undefined ? {} : { role: output.role }),
        spectra: output.spectra.length,
        points: output.spectra[0]?.y.values.length ?? 0,
        fromFrequencyDomain: output.fromFrequencyDomain,
        meta: output.spectra[0]?.meta ?? {},
      };
      written.push(entry);
      if (!options.json) io.stdout(summaryLine(entry));
    }
    if (options.json) {
      const report = {
        pipeline: options.pipeline,
        steps: run.trace,
        outputs: written,
        errors: writeErrors.map((e) => ({ file: e.file, ...errorJson(e) })),
      };
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    } else for (const error of writeErrors) io.stderr(errorLine(error));
    return writeErrors.length === 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
