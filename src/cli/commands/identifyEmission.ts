import { toErrorInfo } from '../../core/errors';
import type { Spectrum } from '../../core/spectrum';
import {
  analyseEmissionSpectrum,
  type EmissionAnalysis,
} from '../../domains/emission/identification/analyseEmissionSpectrum';
import type { ElementIdentification } from '../../domains/emission/identification/identifyElements';
import { speciesName } from '../../domains/emission/lines/emissionLine';
import { detectFormat } from '../../formats/detectFormat';
import { parseFile } from '../../formats/parseFile';
import type { CliIo } from '../cliCommand';
import { readInput } from '../readInput';
import { errorJson, errorLine, round } from './gammaInput';

/** What `spectra identify` passes on for an emission file. */
export interface EmissionIdentifyArguments {
  readonly json: boolean;
  /** `cnn` and `both` have no emission network yet: the classical identification runs, with a note. */
  readonly method: 'classical' | 'cnn' | 'both';
  readonly background?: string | undefined;
}

/** The entries of one emission file (JSON mode) and whether any spectrum failed. */
export interface EmissionFileOutcome {
  readonly entries: unknown[];
  readonly failed: boolean;
}

/** Candidates below this score, or with one line only, are left out of the text listing (JSON lists every element). */
const TEXT_MIN_SCORE = 0.2;
/** Most unexplained peaks listed in text (the strongest; JSON lists them all). */
const TEXT_MAX_UNEXPLAINED = 20;

/** The JSON of one element (see src/cli/README.md, `spectra identify`, emission). */
function elementJson(e: ElementIdentification) {
  return {
    element: e.element,
    accepted: e.accepted,
    score: round(e.score, 3),
    rank: round(e.rank, 3),
    evidence: round(e.evidence, 3),
    matchedLines: e.matched.map((m) => ({
      species: speciesName(e.element, m.ion),
      libraryNm: round(m.libraryNm),
      observedNm: round(m.observedNm),
      correctedNm: round(m.correctedNm),
      z: round(m.z, 3),
      relativeExpected: round(m.relativeExpected, 3),
      observedIntensity: round(m.observedIntensity),
      sharedWith: m.sharedWith,
    })),
    missingLines: e.missing.map((m) => round(m.libraryNm)),
  };
}

/** The JSON entry of one identified emission spectrum. */
export function emissionIdentificationJson(file: string, spectrum: Spectrum, found: EmissionAnalysis) {
  return {
    file,
    spectrumId: spectrum.id,
    name: spectrum.name,
    domain: 'emission' as const,
    method: 'classical' as const,
    baseline: found.baseline,
    peaks: found.peaks.length,
    offsetNm: round(found.result.offsetNm, 4),
    elements: found.result.elements.filter((e) => e.accepted || e.matched.length > 0).map(elementJson),
    unexplainedPeaksNm: found.result.unexplainedPeaks.map((i) => round(found.peaks[i]?.wavelengthNm ?? Number.NaN)),
  };
}

/** The readable form: one line per spectrum, one per element worth reading, the unexplained peaks. */
function identificationText(file: string, spectrum: Spectrum, found: EmissionAnalysis): string {
  const { offsetNm, elements, unexplainedPeaks } = found.result;
  const sign = offsetNm >= 0 ? '+' : '−';
  const lines = [
    `${file}  ${spectrum.name}: ${found.peaks.length} peaks, axis offset ${sign}${Math.abs(offsetNm).toFixed(3)} nm (observed − library), baseline ${found.baseline}`,
  ];
  const shown = elements.filter((e) => e.accepted || (e.score >= TEXT_MIN_SCORE && e.matched.length >= 2));
  if (!elements.some((e) => e.accepted)) lines.push('  no element accepted');
  for (const e of shown) {
    const matched = e.matched.map((m) => `${m.libraryNm.toFixed(2)}→${m.observedNm.toFixed(2)}`).join(', ');
    lines.push(
      `  ${e.element.padEnd(3)} ${e.accepted ? 'accepted ' : 'candidate'}  score ${e.score.toFixed(2)}  lines (library→observed nm) ${matched}`,
    );
  }
  const unexplained = unexplainedPeaks
    .flatMap((i) => found.peaks[i] ?? [])
    .sort((a, b) => b.height - a.height)
    .slice(0, TEXT_MAX_UNEXPLAINED)
    .sort((a, b) => a.wavelengthNm - b.wavelengthNm)
    .map((p) => p.wavelengthNm.toFixed(2));
  const of =
    unexplainedPeaks.length > unexplained.length
      ? ` (the ${unexplained.length} strongest of ${unexplainedPeaks.length})`
      : '';
  if (unexplained.length > 0) lines.push(`  unexplained peaks${of}: ${unexplained.join(', ')} nm`);
  return `${lines.join('\n')}\n`;
}

/**
 * The emission branch of `spectra identify`: reads the file and, when its detected format is of
 * the emission domain, identifies the elements in each of its spectra (`analyseEmissionSpectrum`,
 * as the app's engine does: baseline, peaks, `identifyElements` against the shipped line library),
 * printing text or returning JSON entries. Resolves to null for any other file (unreadable,
 * unknown format, another domain), which the gamma path then reads and reports as before.
 */
export async function identifyEmissionFile(
  file: string,
  io: CliIo,
  args: EmissionIdentifyArguments,
): Promise<EmissionFileOutcome | null> {
  const input = await readInput(file, io);
  if (!input.ok) return null;
  try {
    if (detectFormat(input.value, file).domain !== 'emission') return null;
  } catch {
    return null;
  }
  if (args.method !== 'classical')
    io.stderr(`${file}: no network identifies emission spectra yet; the classical identification runs\n`);
  if (args.background !== undefined) io.stderr(`${file}: --background applies to gamma spectra; not used here\n`);
  const parsed = await parseFile(input.value, file);
  if (!parsed.ok) {
    if (args.json) return { entries: [{ file, error: errorJson(parsed.error) }], failed: true };
    io.stderr(errorLine(parsed.error));
    return { entries: [], failed: true };
  }
  const entries: unknown[] = [];
  let failed = false;
  for (const spectrum of parsed.value.spectra) {
    try {
      const found = analyseEmissionSpectrum(spectrum);
      if (args.json) entries.push(emissionIdentificationJson(file, spectrum, found));
      else io.stdout(identificationText(file, spectrum, found));
    } catch (error) {
      failed = true;
      const info = toErrorInfo(error, file);
      if (args.json) entries.push({ file, spectrumId: spectrum.id, error: errorJson(info) });
      else io.stderr(errorLine(info));
    }
  }
  return { entries, failed };
}
