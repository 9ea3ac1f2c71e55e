import { toErrorInfo } from '../../core/errors';
import { findPeaks } from '../../domains/gamma/peaks/findPeaks';
import { resolutionPrior } from '../../domains/gamma/peaks/resolutionPrior';
import { type CliCommand, EXIT_FAILURE, EXIT_OK, UsageError } from '../cliCommand';
import { errorJson, errorLine, readGammaSpectra, round } from './gammaInput';

const USAGE = `Usage: spectra peaks <files...> [--threshold S] [--json]

Searches and fits the peaks of every gamma spectrum in the files: Gaussian peaks on a local linear
continuum with a step, multiplets fitted together, resolution from the named detector or estimated
from the spectrum. Prints centroid (keV), FWHM (keV) and net area, each ± 1 σ.

Options:
  --threshold S  least significance of a peak, in σ (default 3)
  --json         print a JSON array, one entry per spectrum (or per file that could not be read)
  -h, --help     show this help
`;

/** One peak in `spectra peaks --json`. */
export interface PeakJson {
  readonly centroidKeV: number;
  readonly centroidSigmaKeV: number;
  readonly fwhmKeV: number;
  readonly fwhmSigmaKeV: number;
  readonly netArea: number;
  readonly netAreaSigma: number;
  readonly significance: number;
}

function parseArguments(args: readonly string[]) {
  let json = false;
  let help = false;
  let threshold = 3;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--threshold') {
      threshold = Number(args[++i]);
      if (!(threshold > 0 && threshold <= 100)) throw new UsageError('--threshold takes a number of σ in (0, 100]');
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
    else files.push(arg);
  }
  if (!help && files.length === 0) throw new UsageError('no files given');
  return { json, help, threshold, files };
}

/** `spectra peaks <files...>`. */
export const peaksCommand: CliCommand = {
  name: 'peaks',
  summary: 'find and fit the peaks of gamma spectra (centroid, FWHM, area ± σ)',
  usage: USAGE,
  async run(args, io) {
    const { json, help, threshold, files } = parseArguments(args);
    if (help) {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    const entries: unknown[] = [];
    let failed = false;
    for (const file of files) {
      const spectra = await readGammaSpectra(file, io);
      if (!spectra.ok) {
        failed = true;
        if (json) entries.push({ file, error: errorJson(spectra.error) });
        else io.stderr(errorLine(spectra.error));
        continue;
      }
      for (const spectrum of spectra.value) {
        try {
          const prior = resolutionPrior(spectrum);
          const peaks = findPeaks(
            spectrum,
            prior.fwhmAt === undefined ? { threshold } : { threshold, fwhmAt: prior.fwhmAt },
          );
          const unit = spectrum.x.unit === 'keV' ? 'keV' : 'channel';
          const list: PeakJson[] = peaks.map((p) => ({
            centroidKeV: round(p.centroidKeV),
            centroidSigmaKeV: round(p.centroidSigmaKeV, 3),
            fwhmKeV: round(p.fwhmKeV, 4),
            fwhmSigmaKeV: round(p.fwhmSigmaKeV, 3),
            netArea: round(p.netArea),
            netAreaSigma: round(p.netAreaSigma, 3),
            significance: round(p.significance, 3),
          }));
          if (json) {
            entries.push({
              file,
              spectrumId: spectrum.id,
              name: spectrum.name,
              unit,
              resolution: prior.reason,
              peaks: list,
            });
            continue;
          }
          io.stdout(
            `${file}  ${spectrum.name}: ${list.length} peaks (${prior.reason})${unit === 'channel' ? ', positions in channels (no calibration)' : ''}\n`,
          );
          for (const p of list) {
            io.stdout(
              `  ${p.centroidKeV.toFixed(2).padStart(9)} ± ${p.centroidSigmaKeV.toFixed(2)}  FWHM ${p.fwhmKeV.toFixed(2)} ± ${p.fwhmSigmaKeV.toFixed(2)}  area ${Math.round(p.netArea)} ± ${Math.round(p.netAreaSigma)}\n`,
            );
          }
        } catch (error) {
          failed = true;
          const info = toErrorInfo(error, file);
          if (json) entries.push({ file, spectrumId: spectrum.id, error: errorJson(info) });
          else io.stderr(errorLine(info));
        }
      }
    }
    if (json) io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
    return failed ? EXIT_FAILURE : EXIT_OK;
  },
};
