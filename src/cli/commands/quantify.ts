import { readFileSync } from 'node:fs';
import packageJson from '../../../package.json' with { type: 'json' };
import { type ErrorInfo, toErrorInfo } from '../../core';
import { type MrsQuantifyResult, quantifyMrs } from '../../domains/mrs/fitting/quantifyMrs';
import { mrsReportHtml } from '../../domains/mrs/report/mrsReportHtml';
import { qualityMetrics } from '../../domains/mrs/report/qualityMetrics';
import { runPipelineGroups } from '../../pipeline/runPipelineGroups';
import { validatePipeline } from '../../pipeline/validatePipeline';
import { type CliCommand, type CliIo, EXIT_OK, UsageError } from '../cliCommand';
import { reportErrors } from './gammaInput';
import { type ProcessIo, readSpectra } from './process';

const DEFAULT_PIPELINE = new URL('../../../examples/pipelines/mrs-svs-preprocess.json', import.meta.url);

const USAGE = `Usage: spectra quantify <files...> --basis FILE... [--water FILE] [options] [--json]

Preprocesses the MRS data with its water reference, or when it holds several transients (the pipeline of
examples/pipelines/mrs-svs-preprocess.json: coil combination, alignment, outlier rejection,
averaging, ECC with the water reference, residual-water removal; --pipeline to use another), then
references the spectrum and fits it with the basis set by linear combination (Voigt lines, phases,
spline baseline; macromolecule/lipid components added when the basis has none). Prints amplitudes,
CRLBs (%SD), ratios to tCr, and with a water reference water-scaled concentrations (mM).

Options:
  --basis FILE       an LCModel .BASIS, or .RAW basis files (repeatable)
  --water FILE       the unsuppressed water reference (repeatable for multi-file references)
  --pipeline FILE    preprocessing pipeline JSON instead of the default
  --te MS --tr MS    echo/repetition time when the files do not state them (ms)
  --dwell S --frequency MHZ   acquisition of LCModel .RAW files without one (s, MHz)
  --gm F --wm F --csf F       tissue volume fractions of the voxel (default 0.6/0.4/0)
  --report FILE      also write a one-page HTML report (spectrum, fit, components, concentrations,
                     QA metrics; self-contained, prints to one A4 page)
  --json             print the JSON report (schema in src/cli/README.md)
  -h, --help         show this help

Exit code: 0 when the fit ran, 1 when a file could not be read or the data cannot be fitted, 2 for a usage error.
`;

interface Arguments {
  files: string[];
  basis: string[];
  water: string[];
  numbers: Record<string, number>;
  pipeline?: string;
  report?: string;
  json: boolean;
  help: boolean;
}

const NUMBER_OPTIONS = ['--te', '--tr', '--dwell', '--frequency', '--gm', '--wm', '--csf'];

function parseArguments(args: readonly string[]): Arguments {
  const parsed: Arguments = { files: [], basis: [], water: [], numbers: {}, json: false, help: false };
  for (let k = 0; k < args.length; k++) {
    const arg = args[k] as string;
    const value = (): string => {
      const next = args[k + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      k += 1;
      return next;
    };
    if (!arg.startsWith('-')) parsed.files.push(arg);
    else if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--basis') parsed.basis.push(value());
    else if (arg === '--water') parsed.water.push(value());
    else if (arg === '--pipeline') parsed.pipeline = value();
    else if (arg === '--report') parsed.report = value();
    else if (NUMBER_OPTIONS.includes(arg)) {
      const number = Number(value());
      if (!(Number.isFinite(number) && number >= 0)) throw new UsageError(`${arg} needs a number ≥ 0`);
      parsed.numbers[arg.slice(2)] = number;
    } else throw new UsageError(`unknown option "${arg}"`);
  }
  if (!parsed.help) {
    if (parsed.files.length === 0) throw new UsageError('no data file given');
    if (parsed.basis.length === 0) throw new UsageError('--basis FILE is required');
  }
  return parsed;
}

/** The QA block of the JSON report: S/N, linewidths, residual water, CRLB flags and verdicts (no per-transient arrays). */
function qaJson(metrics: ReturnType<typeof qualityMetrics>) {
  const { alignment: _alignment, ...rest } = metrics;
  return rest;
}

/** The JSON report of `spectra quantify --json`. */
export function quantifyReport(result: MrsQuantifyResult, pipeline: readonly string[]) {
  const { fit, quantification } = result;
  return {
    pipeline,
    metabolites: quantification.metabolites.map((m) => ({
      name: m.name,
      amplitude: m.amplitude,
      crlbPercent: m.crlbPercent,
      ratioToTCr: m.ratioToTCr,
      ...(m.concentrationMM === undefined
        ? {}
        : { concentrationMM: m.concentrationMM, concentrationSdMM: m.concentrationSdMM }),
    })),
    quality: {
      snr: fit.snr,
      fwhmPpm: fit.fwhmPpm,
      fwhmOf: fit.fwhmOf,
      fitQuality: fit.fitQuality,
      noiseSd: fit.noiseSd,
      ...(result.water === undefined ? {} : { waterFwhmPpm: result.water.fwhmPpm }),
    },
    fit: {
      phase0Deg: fit.phase0Deg,
      phase1DegPerPpm: fit.phase1DegPerPpm,
      groups: fit.groups,
      iterations: fit.iterations,
      converged: fit.converged,
      referenceShiftHz: result.referenceShiftHz,
      milliseconds: result.timings,
    },
    ...(quantification.waterConcentrationMM === undefined
      ? {}
      : { waterConcentrationMM: quantification.waterConcentrationMM }),
    notes: result.notes,
  };
}

function table(result: MrsQuantifyResult): string {
  const rows = result.quantification.metabolites.map((m) => {
    const conc = m.concentrationMM === undefined ? '' : `${m.concentrationMM.toFixed(2).padStart(8)} mM`;
    return `${m.name.padEnd(8)} ${m.amplitude.toPrecision(4).padStart(10)} ${`${m.crlbPercent.toFixed(0)}%`.padStart(6)} ${m.ratioToTCr.toFixed(3).padStart(7)}${conc}`;
  });
  const f = result.fit;
  return `${'name'.padEnd(8)} ${'amplitude'.padStart(10)} ${'%SD'.padStart(6)} ${'/tCr'.padStart(7)}${result.quantification.waterConcentrationMM === undefined ? '' : '      conc'}\n${rows.join('\n')}\nS/N ${f.snr.toFixed(1)}  FWHM ${f.fwhmPpm.toFixed(3)} ppm (${f.fwhmOf})  fit quality ${f.fitQuality.toFixed(2)}  phase ${f.phase0Deg.toFixed(1)}° ${f.phase1DegPerPpm.toFixed(1)}°/ppm\n${result.notes.map((n) => `note: ${n}`).join('\n')}\n`;
}

/** `spectra quantify <files...> --basis FILE... [--water FILE] [--json]`. */
export const quantifyCommand: CliCommand = {
  name: 'quantify',
  summary: 'fit MRS data with a basis set: concentrations, CRLBs, S/N, FWHM',
  usage: USAGE,
  async run(args, io: CliIo) {
    const options = parseArguments(args);
    if (options.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const fail = (errors: readonly ErrorInfo[]): number => reportErrors(io, options.json, errors);
    const n = options.numbers;
    const acquisition =
      n.dwell !== undefined && n.frequency !== undefined
        ? { dwellTimeS: n.dwell, spectrometerFrequencyMHz: n.frequency }
        : undefined;
    const data = await readSpectra([...options.files, ...options.water], new Set(options.water), io, acquisition);
    const basis = await readSpectra(options.basis, new Set(), io, acquisition);
    const errors = [...data.errors, ...basis.errors];
    if (errors.length > 0) return fail(errors);
    try {
      const mrs = data.spectra.filter((s) => s.domain === 'mrs');
      const text =
        options.pipeline === undefined
          ? readFileSync(DEFAULT_PIPELINE, 'utf8')
          : new TextDecoder().decode(await io.readFile(options.pipeline));
      const document = validatePipeline(JSON.parse(text));
      const needsPreprocessing = mrs.length > 1;
      const ready = needsPreprocessing ? (await runPipelineGroups(mrs, document)).outputs : mrs;
      const metabolite = ready.find((s) => s.meta.role !== 'water');
      const water = ready.find((s) => s.meta.role === 'water');
      if (metabolite === undefined)
        return fail([
          {
            code: 'NOT_A_SPECTRUM',
            message: 'no water-suppressed MRS spectrum among the files',
            file: options.files[0] as string,
          },
        ]);
      const tissue =
        n.gm !== undefined || n.wm !== undefined || n.csf !== undefined
          ? { gm: n.gm ?? 0, wm: n.wm ?? 0, csf: n.csf ?? 0 }
          : undefined;
      const result = quantifyMrs(metabolite, basis.spectra, water, {
        ...(n.te === undefined ? {} : { echoTimeS: n.te / 1000 }),
        ...(n.tr === undefined ? {} : { repetitionTimeS: n.tr / 1000 }),
        ...(tissue === undefined ? {} : { tissueFractions: tissue }),
      });
      const pipeline = needsPreprocessing ? document.steps.filter((s) => s.enabled !== false).map((s) => s.step) : [];
      const steps = [...pipeline, 'reference (auto)', 'lcm fit'];
      const metrics = qualityMetrics(result, metabolite);
      if (options.report !== undefined) {
        const html = mrsReportHtml({
          result,
          metrics,
          metabolite,
          ...(water === undefined ? {} : { water }),
          basisFiles: options.basis,
          pipeline: steps,
          ...(n.te === undefined ? {} : { echoTimeS: n.te / 1000 }),
          ...(n.tr === undefined ? {} : { repetitionTimeS: n.tr / 1000 }),
          software: { name: 'Spectralligence Workbench', version: packageJson.version },
          date: new Date().toISOString(),
        });
        try {
          await writeReport(io, options.report, new TextEncoder().encode(html));
        } catch (error) {
          return fail([toErrorInfo(error, options.report)]);
        }
      }
      const reportKey = options.report === undefined ? {} : { report: options.report };
      io.stdout(
        options.json
          ? `${JSON.stringify({ ...quantifyReport(result, steps), qa: qaJson(metrics), ...reportKey }, null, 2)}\n`
          : `${table(result)}${options.report === undefined ? '' : `report: ${options.report}\n`}`,
      );
      return EXIT_OK;
    } catch (error) {
      return fail([toErrorInfo(error, options.files[0])]);
    }
  },
};

/** Writes through `io` when it can write (tests), through node:fs otherwise (the real CLI), as `process` does. */
async function writeReport(io: ProcessIo, path: string, bytes: Uint8Array): Promise<void> {
  if (io.writeFile !== undefined) return io.writeFile(path, bytes);
  const fs = await import('node:fs/promises');
  await fs.writeFile(path, bytes);
}
