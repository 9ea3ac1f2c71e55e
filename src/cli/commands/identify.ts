import { toErrorInfo } from '../../core/errors';
import type { Spectrum } from '../../core/spectrum';
import { analyseGammaSpectrum, type GammaAnalysis } from '../../domains/gamma/analyseGammaSpectrum';
import { type CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../cliCommand';
import { errorJson, errorLine, readGammaSpectra, round } from './gammaInput';

const USAGE = `Usage: spectra identify <files...> [--background FILE] [--method classical|cnn|both] [--json]

Identifies the nuclides in every gamma spectrum of the files. Classical method: peaks are fitted,
the background's peaks (scaled by live time) subtracted, and the remaining peaks matched against
the nuclide library (LNHB/DDEP lines) with scores 0..1; natural background (K-40, U/Th series) is
flagged as such.

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

/** The JSON of one analysed spectrum (see src/cli/README.md). */
function analysisJson(file: string, spectrum: Spectrum, analysis: GammaAnalysis) {
  return {
    file,
    spectrumId: spectrum.id,
    name: spectrum.name,
    method: 'classical',
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

/** `spectra identify <files...>`. */
export const identifyCommand: CliCommand = {
  name: 'identify',
  summary: 'identify the nuclides in gamma spectra (classical; --background to subtract one)',
  usage: USAGE,
  async run(args, io) {
    const options = parseArguments(args);
    if (options.help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (options.method !== 'classical') {
      io.stderr(
        `spectra identify: no CNN nuclide identifier is shipped yet (see "spectra models"); use --method classical\n`,
      );
      return EXIT_FAILURE;
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
          const analysis = analyseGammaSpectrum(spectrum, {
            minScore: options.minScore,
            ...(background === undefined ? {} : { background }),
          });
          if (options.json) entries.push(analysisJson(file, spectrum, analysis));
          else io.stdout(analysisText(file, spectrum, analysis));
        } catch (error) {
          failed = true;
          const info = toErrorInfo(error, file);
          if (options.json) entries.push({ file, spectrumId: spectrum.id, error: errorJson(info) });
          else io.stderr(errorLine(info));
        }
      }
    }
    if (options.json) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};
