import { toErrorInfo } from '../../core/errors';
import type { Spectrum } from '../../core/spectrum';
import { analyseGammaSpectrum, type GammaAnalysis } from '../../domains/gamma/analyseGammaSpectrum';
import { type CnnNuclide, compareMethods } from '../../domains/gamma/identification/compareMethods';
import { type CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../cliCommand';
import { type CnnIdentifier, loadCnnIdentifier } from './cnnIdentifier';
import { errorJson, errorLine, readGammaSpectra, round } from './gammaInput';
import { identifyEmissionFile } from './identifyEmission';

const USAGE = `Usage: spectra identify <files...> [--background FILE] [--method classical|cnn|both] [--json]

Identifies the nuclides in every gamma spectrum of the files. Classical method: peaks are fitted,
the background's peaks (scaled by live time) subtracted, and the remaining peaks matched against
the nuclide library (LNHB/DDEP lines) with scores 0..1; natural background (K-40, U/Th series) is
flagged as such. CNN method: the shipped multi-label network gamma-nuclide-cnn gives each of its
15 nuclides a probability ± SD (Monte-Carlo dropout); it does not use the background file.
With both, the agreement is listed (named by both, by one only, outside the CNN's labels).
Emission spectra (x in nm) get element identification instead: baseline, peaks, and the elements
of the emission-line library that explain them, with scores, matched lines (library and observed
wavelength) and the axis offset found; --background and --method do not apply to them.

Options:
  --background FILE  a background measurement (its first gamma spectrum) to subtract
  --method M         classical (default), cnn or both
  --min-score S      least score reported, 0..1 (default 0.5)
  --json             print a JSON array, one entry per spectrum (or per file that could not be read)
  -h, --help         show this help
`;

type Method = 'classical' | 'cnn' | 'both';

function parseArguments(args: readonly string[]) {
  let json = false;
  let help = false;
  let background: string | undefined;
  let method: Method = 'classical';
  let minScore = 0.5;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--background') {
      background = args[++i];
      if (background === undefined) throw new UsageError('--background needs a file');
    } else if (arg === '--method') {
      const value = args[++i];
      if (value !== 'classical' && value !== 'cnn' && value !== 'both')
        throw new UsageError('--method takes classical, cnn or both');
      method = value;
    } else if (arg === '--min-score') {
      minScore = Number(args[++i]);
      if (!(minScore >= 0 && minScore <= 1)) throw new UsageError('--min-score takes a number in [0, 1]');
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
    else files.push(arg);
  }
  if (!help && files.length === 0) throw new UsageError('no files given');
  return { json, help, background, method, minScore, files };
}

/** The JSON of the classical analysis of one spectrum (see src/cli/README.md). */
function classicalJson(analysis: GammaAnalysis) {
  return {
    resolution: analysis.resolution,
    ...(analysis.backgroundId === undefined
      ? {}
      : { background: analysis.backgroundId, backgroundScale: analysis.backgroundScale }),
    peaks: analysis.netPeaks.length,
    nuclides: analysis.identification.candidates.map((c) => ({
      nuclide: c.nuclide,
      score: round(c.score, 3),
      naturalBackground: c.naturalBackground,
      category: c.category,
      matchedLines: c.matchedLines.map((line) => ({
        energyKeV: round(line.energyKeV),
        intensityPct: round(line.intensityPct, 4),
        peakEnergyKeV: round(line.peakEnergyKeV),
        zScore: round(line.zScore, 3),
        observedArea: round(line.observedArea),
        expectedArea: round(line.expectedArea),
      })),
      missingStrongLines: c.missingStrongLines.map((line) => round(line.energyKeV)),
      activityRatioHints: c.activityRatioHints,
    })),
    unexplainedPeaksKeV: analysis.identification.unexplainedPeaks.map((p) => round(p.centroidKeV)),
  };
}

function cnnJson(cnn: readonly CnnNuclide[], passes: number) {
  return {
    model: 'gamma-nuclide-cnn',
    passes,
    nuclides: cnn.filter((c) => c.probability >= 0.5).map((c) => c.nuclide),
    probabilities: cnn.map((c) => ({ nuclide: c.nuclide, probability: round(c.probability, 3), sd: round(c.sd, 3) })),
  };
}

function cnnText(cnn: readonly CnnNuclide[]): string {
  const named = cnn.filter((c) => c.probability >= 0.5).sort((a, b) => b.probability - a.probability);
  const list = named.map((c) => `${c.nuclide} ${c.probability.toFixed(2)} ± ${c.sd.toFixed(2)}`).join(', ');
  return `  CNN: ${named.length === 0 ? 'no nuclide at p ≥ 0.5' : list}\n`;
}

function analysisText(file: string, spectrum: Spectrum, analysis: GammaAnalysis): string {
  const lines = [`${file}  ${spectrum.name}: ${analysis.netPeaks.length} peaks, classical identification`];
  if (analysis.backgroundId !== undefined)
    lines.push(`  background ${analysis.backgroundId} × ${analysis.backgroundScale?.toPrecision(4)}`);
  if (analysis.identification.candidates.length === 0) lines.push('  no nuclide above the score threshold');
  for (const c of analysis.identification.candidates) {
    const matched = c.matchedLines.map((l) => l.energyKeV.toFixed(1)).join(', ');
    lines.push(
      `  ${c.nuclide.padEnd(16)} score ${c.score.toFixed(2)}${c.naturalBackground ? '  (natural background)' : ''}  lines ${matched} keV`,
    );
  }
  const unexplained = analysis.identification.unexplainedPeaks.map((p) => p.centroidKeV.toFixed(1));
  if (unexplained.length > 0) lines.push(`  unexplained peaks: ${unexplained.join(', ')} keV`);
  return `${lines.join('\n')}\n`;
}

function agreementText(a: ReturnType<typeof compareMethods>): string {
  const parts = [
    a.both.length > 0 ? `both: ${a.both.join(', ')}` : undefined,
    a.classicalOnly.length > 0 ? `classical only: ${a.classicalOnly.join(', ')}` : undefined,
    a.cnnOnly.length > 0 ? `CNN only: ${a.cnnOnly.join(', ')}` : undefined,
    a.outsideCnnLabels.length > 0 ? `not a CNN label: ${a.outsideCnnLabels.join(', ')}` : undefined,
  ].filter((part) => part !== undefined);
  return `  agreement: ${parts.length === 0 ? 'both name nothing' : parts.join('; ')}\n`;
}

/** `spectra identify <files...>`. */
export const identifyCommand: CliCommand = {
  name: 'identify',
  summary: 'identify the nuclides in gamma spectra (--background to subtract one) or the elements in emission spectra',
  usage: USAGE,
  async run(args, io) {
    const options = parseArguments(args);
    if (options.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    let cnnModel: CnnIdentifier | undefined;
    if (options.method !== 'classical') {
      const loaded = await loadCnnIdentifier(io);
      if (!loaded.ok) {
        io.stderr(`spectra identify: ${loaded.error.message} [${loaded.error.code}]\n`);
        return EXIT_FAILURE;
      }
      cnnModel = loaded.value;
    }
    let background: Spectrum | undefined;
    if (options.background !== undefined) {
      const read = await readGammaSpectra(options.background, io);
      if (!read.ok) {
        io.stderr(errorLine(read.error));
        return EXIT_FAILURE;
      }
      background = read.value[0];
    }
    const entries: unknown[] = [];
    let failed = false;
    for (const file of options.files) {
      const emission = await identifyEmissionFile(file, io, options);
      if (emission !== null) {
        entries.push(...emission.entries);
        failed ||= emission.failed;
        continue;
      }
      const spectra = await readGammaSpectra(file, io);
      if (!spectra.ok) {
        failed = true;
        if (options.json) entries.push({ file, error: errorJson(spectra.error) });
        else io.stderr(errorLine(spectra.error));
        continue;
      }
      for (const spectrum of spectra.value.filter(
        (s) => s.meta.measurementClass !== 'Background' || spectra.value.length === 1,
      )) {
        try {
          const analysis =
            options.method === 'cnn'
              ? undefined
              : analyseGammaSpectrum(spectrum, {
                  minScore: options.minScore,
                  ...(background === undefined ? {} : { background }),
                });
          const cnn = cnnModel === undefined ? undefined : await cnnModel.identify(spectrum);
          const entry = {
            file,
            spectrumId: spectrum.id,
            name: spectrum.name,
            method: options.method,
            ...(analysis === undefined ? {} : { classical: classicalJson(analysis) }),
            ...(cnn === undefined ? {} : { cnn: cnnJson(cnn, cnnModel?.passes ?? 0) }),
            ...(analysis !== undefined && cnn !== undefined
              ? { agreement: compareMethods(analysis.identification, cnn) }
              : {}),
          };
          if (options.json) entries.push(entry);
          else {
            io.stdout(analysis === undefined ? `${file}  ${spectrum.name}:\n` : analysisText(file, spectrum, analysis));
            if (cnn !== undefined) io.stdout(cnnText(cnn));
            if (entry.agreement !== undefined) io.stdout(agreementText(entry.agreement));
          }
        } catch (error) {
          failed = true;
          const info = toErrorInfo(error, file);
          if (options.json) entries.push({ file, spectrumId: spectrum.id, error: errorJson(info) });
          else io.stderr(errorLine(info));
        }
      }
    }
    cnnModel?.dispose();
    if (options.json) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};
