import type { ErrorInfo } from '../../core/errors';
import { toErrorInfo } from '../../core/errors';
import { parseFile } from '../../formats/parseFile';
import type { SpectrumPrediction } from '../../ml/inference/predictSpectra';
import { DEFAULT_MC_PASSES } from '../../ml/uncertainty/defaults';
import { type CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../cliCommand';
import { readInput } from '../readInput';

const USAGE = `Usage: spectra predict <model-id> <files...> [--passes N] [--json]

Runs a shipped model (see "spectra models") on every spectrum of the files. Each spectrum is fitted
to the model's input contract (cropped, resampled, normalised) or refused with CONTRACT_MISMATCH.
Every prediction carries its Monte-Carlo-dropout uncertainty (mean ± SD over N passes) and, for
classifiers, the predictive entropy.

Options:
  --passes N  Monte-Carlo passes (default ${DEFAULT_MC_PASSES})
  --json      print a JSON array, one entry per spectrum (or per file that could not be read)
  -h, --help  show this help
`;

/** One entry of `spectra predict --json`. */
export type PredictEntry =
  | ({ readonly file: string } & SpectrumPrediction)
  | {
      readonly file: string;
      readonly spectrumId?: string;
      readonly error: { readonly code: string; readonly message: string };
    };

function parseArguments(args: readonly string[]) {
  let json = false;
  let passes = DEFAULT_MC_PASSES;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--passes') {
      passes = Number(args[++i]);
      if (!Number.isInteger(passes) || passes < 1 || passes > 10_000)
        throw new UsageError('--passes takes an integer 1..10000');
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}"`);
    else positional.push(arg);
  }
  const [modelId, ...files] = positional;
  if (modelId === undefined || files.length === 0) throw new UsageError('give a model id and at least one file');
  return { json, passes, modelId, files };
}

const errorOf = (info: ErrorInfo) => ({ code: info.code, message: info.message });

function formatText(entry: PredictEntry): string {
  if ('error' in entry) return '';
  const values = entry.values.map(
    (v) => `${v.name} ${v.mean.toPrecision(4)} ± ${v.sd.toPrecision(2)}${v.unit ? ` ${v.unit}` : ''}`,
  );
  const head = entry.predictedClass ? `${entry.predictedClass} (entropy ${entry.entropy?.toFixed(3)} nats)  ` : '';
  return `${entry.file}  ${entry.spectrumName}: ${head}${values.join(', ')}  [${entry.passes} passes]\n`;
}

/** `spectra predict <model-id> <files...>`. */
export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'run a shipped model on spectra, with uncertainty',
  usage: USAGE,
  async run(args, io) {
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const { json, passes, modelId, files } = parseArguments(args);
    if (!io.models) throw new Error('no model source configured');
    // tfjs loads only for this command, so `inspect` and `models` start fast.
    const [{ initBackend }, { predictSpectra }, { loadShippedModel }, { tryCompileForInference }] = await Promise.all([
      import('../../ml/backend/initBackend'),
      import('../../ml/inference/predictSpectra'),
      import('../../ml/registry/modelRegistry'),
      import('../../ml/inference/compileForInference'),
    ]);
    await initBackend('wasm');
    let loaded: Awaited<ReturnType<typeof loadShippedModel>>;
    try {
      loaded = await loadShippedModel(io.models, modelId);
    } catch (error) {
      const info = toErrorInfo(error);
      io.stderr(`spectra predict: model '${modelId}': ${info.message} [${info.code}]\n`);
      return EXIT_FAILURE;
    }
    const entries: PredictEntry[] = [];
    const compiled = tryCompileForInference(loaded.model);
    try {
      for (const file of files) {
        const input = await readInput(file, io);
        const parsed = input.ok ? await parseFile(input.value, file) : input;
        if (!parsed.ok) {
          entries.push({ file, error: errorOf(parsed.error) });
          continue;
        }
        const results = await predictSpectra(loaded.model, loaded.card, parsed.value.spectra, {
          passes,
          ...(compiled ? { forward: compiled.predict } : {}),
        });
        results.forEach((result, i) => {
          const spectrumId = parsed.value.spectra[i]?.id ?? '';
          entries.push(result.ok ? { file, ...result.value } : { file, spectrumId, error: errorOf(result.error) });
        });
      }
    } finally {
      compiled?.dispose();
      loaded.model.dispose();
    }
    for (const entry of entries) {
      if (json) continue;
      if ('error' in entry)
        io.stderr(
          `${entry.file}${entry.spectrumId ? ` ${entry.spectrumId}` : ''}: ${entry.error.message} [${entry.error.code}]\n`,
        );
      else io.stdout(formatText(entry));
    }
    if (json) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return entries.every((e) => !('error' in e)) ? EXIT_OK : EXIT_FAILURE;
  },
};
