import { WorkbenchError } from '../../../core';
import type { EmissionLine } from '../lines/emissionLine';
import { lineLibrary } from '../lines/lineLibrary';
import { estimateOffset } from './estimateOffset';
import { type ExpectedFeature, expectedFeatures } from './expectedFeatures';
import { claimedFractions, type ElementScore, type ScoringPeak, scoreElement } from './scoreElement';

/** An observed emission peak: all identification needs (peak picking lives in `processing/`). */
export interface ObservedPeak {
  /** Position on the spectrum's axis (nm, as measured: the axis offset is estimated here). */
  readonly wavelengthNm: number;
  /** Height or area (any unit, the same for all peaks), > 0. */
  readonly intensity: number;
  /** Full width at half maximum (nm); default {@link IdentifyElementsOptions.resolutionNm}. */
  readonly fwhmNm?: number;
  /** Standard uncertainty of the position (nm); default 0. */
  readonly sigmaNm?: number;
}

/** Options of {@link identifyElements}. */
export interface IdentifyElementsOptions {
  /** Lines to identify with; default {@link lineLibrary}. */
  readonly library?: readonly EmissionLine[];
  /** Candidate elements; default every element of the library. */
  readonly elements?: readonly string[];
  /** Excitation temperature (K) of the expected line ratios; default 10 000 K (LIBS, notes §3.1). */
  readonly temperatureK?: number;
  /** Population ratio n(II)/n(I) for ion-stage-II lines; default 1 (see README: no Saha balance). */
  readonly ionRatio?: number;
  /** Instrument FWHM (nm) for peaks without one; default the median FWHM of the peaks, else 0.1 nm. */
  readonly resolutionNm?: number;
  /** Residual calibration error after the offset (nm, 1σ); default 0.03 nm. */
  readonly calibrationToleranceNm?: number;
  /** Search the constant axis offset in ±this (nm); default 0.3; 0 = no search. */
  readonly maxOffsetNm?: number;
  /** A known offset (nm, observed − true): no search. */
  readonly offsetNm?: number;
  /** Strongest features looked for per element; default 20. */
  readonly maxLinesPerElement?: number;
  /** Features weaker than this fraction of the element's strongest are not looked for; default 0.02. */
  readonly minRelativeIntensity?: number;
  /** Least score for an element to be accepted; default 0.4. */
  readonly minScore?: number;
  /** Library lines looked for (nm); default the peaks' range ± 1 nm. */
  readonly wavelengthRangeNm?: readonly [number, number];
}

/** A library line (feature) found at a peak. */
export interface MatchedEmissionLine {
  readonly libraryNm: number;
  readonly ion: 1 | 2;
  /** Peak position as given, and after removing the offset (nm). */
  readonly observedNm: number;
  readonly correctedNm: number;
  /** Index of the peak in the input list. */
  readonly peakIndex: number;
  /** Expected intensity relative to the element's strongest line in range. */
  readonly relativeExpected: number;
  readonly observedIntensity: number;
  /** (corrected − library) / match σ. */
  readonly z: number;
  /** Other accepted elements with a line at the same peak. */
  readonly sharedWith: readonly string[];
}

/** A strong library line without a peak. */
export interface MissingEmissionLine {
  readonly libraryNm: number;
  readonly ion: 1 | 2;
  readonly relativeExpected: number;
  /** Scaled expectation in the peaks' intensity unit; the weakest listed peak is the detection limit. */
  readonly expectedIntensity: number;
}

/** One candidate element. */
export interface ElementIdentification {
  readonly element: string;
  /** Accepted (explains peaks at score ≥ minScore) or only a candidate. */
  readonly accepted: boolean;
  /** Fit of expected to observed lines, 0–1 (see README). */
  readonly score: number;
  /** Ranking value (score × number-of-lines and intensity-share factors). */
  readonly rank: number;
  /** Share of the total peak intensity it explains, 0–1. */
  readonly evidence: number;
  readonly matched: readonly MatchedEmissionLine[];
  readonly missing: readonly MissingEmissionLine[];
}

/** What {@link identifyElements} found. */
export interface ElementIdentificationResult {
  /** Axis offset used (nm, observed − library); subtract from observed positions. */
  readonly offsetNm: number;
  /** Accepted elements in the order accepted, then the other candidates by rank. */
  readonly elements: readonly ElementIdentification[];
  /** Indices of peaks no accepted element explains (less than half claimed). */
  readonly unexplainedPeaks: readonly number[];
}

/**
 * Which elements explain a list of emission peaks. Each element's strongest lines in range are
 * weighted by their LTE emissivity g_k·A_ki·exp(−E_k/kT)/λ ({@link expectedFeatures}); a constant
 * axis offset is estimated first ({@link estimateOffset}); then, greedily, the best-ranked element
 * with score ≥ `minScore` is accepted and claims its peaks, the rest are re-scored against what
 * is left (explaining away), until no element reaches `minScore` ({@link scoreElement}).
 * @throws WorkbenchError INVALID_OPTION for an empty or invalid peak list or options.
 */
export function identifyElements(
  peaks: readonly ObservedPeak[],
  options: IdentifyElementsOptions = {},
): ElementIdentificationResult {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `element identification: ${message}`);
  };
  if (peaks.length === 0) fail('no peaks');
  peaks.forEach((p, i) => {
    if (!(p.wavelengthNm > 0) || !(p.intensity > 0) || !Number.isFinite(p.intensity))
      fail(`peak ${i} has no positive wavelength and intensity`);
  });
  const library = options.library ?? lineLibrary();
  const {
    temperatureK = 10_000,
    ionRatio = 1,
    calibrationToleranceNm = 0.03,
    maxOffsetNm = 0.3,
    maxLinesPerElement = 20,
    minRelativeIntensity = 0.02,
    minScore = 0.4,
  } = options;
  if (!(temperatureK > 0) || !(ionRatio >= 0) || !(calibrationToleranceNm >= 0) || !(maxOffsetNm >= 0))
    fail('temperature, ion ratio, tolerance and offset range must be positive');
  const widths = peaks.map((p) => p.fwhmNm).filter((w): w is number => w !== undefined && w > 0);
  widths.sort((a, b) => a - b);
  const resolutionNm = options.resolutionNm ?? widths[Math.floor(widths.length / 2)] ?? 0.1;
  const xs = peaks.map((p) => p.wavelengthNm);
  const rangeNm = options.wavelengthRangeNm ?? [Math.min(...xs) - 1, Math.max(...xs) + 1];
  const elements = options.elements ?? [...new Set(library.map((l) => l.element))];
  const featureOptions = {
    temperatureK,
    ionRatio,
    blendNm: resolutionNm / 2,
    rangeNm,
    maxFeatures: maxLinesPerElement,
    minWeight: minRelativeIntensity,
  };
  const featuresOf = new Map<string, ExpectedFeature[]>(
    elements.map((e) => [e, expectedFeatures(e, library, featureOptions)]),
  );
  // An accepted element claims the peaks of all its lines down to a quarter of the looked-for cut.
  const claimFeatures = (e: string) =>
    expectedFeatures(e, library, { ...featureOptions, maxFeatures: 1000, minWeight: minRelativeIntensity / 4 });

  const maxIntensity = Math.max(...peaks.map((p) => p.intensity));
  const offsetNm =
    options.offsetNm ??
    (maxOffsetNm > 0
      ? estimateOffset(
          [...featuresOf.values()].flatMap((f) => f.slice(0, 8)),
          peaks.map((p) => ({ wavelengthNm: p.wavelengthNm, relative: p.intensity / maxIntensity })),
          { maxNm: maxOffsetNm, stepNm: Math.max(0.002, resolutionNm / 20), sigmaNm: Math.max(0.01, resolutionNm / 3) },
        ).offsetNm
      : 0);

  const scoringPeaks: ScoringPeak[] = peaks.map((p, index) => {
    const width = (p.fwhmNm ?? resolutionNm) / 2.355;
    return {
      index,
      wavelengthNm: p.wavelengthNm - offsetNm,
      intensity: p.intensity,
      sigmaNm: Math.sqrt(width * width + calibrationToleranceNm ** 2 + (p.sigmaNm ?? 0) ** 2),
    };
  });
  const total = peaks.reduce((s, p) => s + p.intensity, 0);
  const detectionLimit = Math.min(...peaks.map((p) => p.intensity));
  const available = peaks.map(() => 1);
  const claims = peaks.map(() => [] as string[]);
  const accepted: ElementScore[] = [];
  const remaining = new Set(elements.filter((e) => (featuresOf.get(e) ?? []).length > 0));
  const scoreAll = () =>
    [...remaining].map((e) => scoreElement(e, featuresOf.get(e) ?? [], scoringPeaks, available, total, detectionLimit));
  for (;;) {
    const best = scoreAll()
      .filter((s) => s.score >= minScore && s.matches.length >= 2)
      .sort((a, b) => b.rank - a.rank || a.element.localeCompare(b.element, 'en'))[0];
    if (!best) break;
    accepted.push(best);
    remaining.delete(best.element);
    const claim = scoreElement(
      best.element,
      claimFeatures(best.element),
      scoringPeaks,
      available,
      total,
      detectionLimit,
    );
    for (const [index, fraction] of claimedFractions(claim)) {
      available[index] = Math.max(0, (available[index] ?? 0) - fraction);
      claims[index]?.push(best.element);
    }
  }
  const others = scoreAll().sort((a, b) => b.rank - a.rank || a.element.localeCompare(b.element, 'en'));
  const toResult = (s: ElementScore, isAccepted: boolean): ElementIdentification => ({
    element: s.element,
    accepted: isAccepted,
    score: s.score,
    rank: s.rank,
    evidence: s.evidence,
    matched: s.matches.map((m) => ({
      libraryNm: m.feature.strongestNm,
      ion: m.feature.ion,
      observedNm: peaks[m.peak.index]?.wavelengthNm ?? Number.NaN,
      correctedNm: m.peak.wavelengthNm,
      peakIndex: m.peak.index,
      relativeExpected: m.feature.weight,
      observedIntensity: m.peak.intensity,
      z: m.z,
      sharedWith: (claims[m.peak.index] ?? []).filter((e) => e !== s.element),
    })),
    missing: s.missing.map((m) => ({
      libraryNm: m.feature.strongestNm,
      ion: m.feature.ion,
      relativeExpected: m.feature.weight,
      expectedIntensity: m.expectedIntensity,
    })),
  });
  return {
    offsetNm,
    elements: [...accepted.map((s) => toResult(s, true)), ...others.map((s) => toResult(s, false))],
    unexplainedPeaks: available.flatMap((a, i) => (a > 0.5 ? [i] : [])),
  };
}
