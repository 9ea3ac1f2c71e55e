import type { Spectrum } from '../../../core';
import { polynomialFit } from '../../../numeric/polynomialFit';
import { type CalibrationPair, calibrateWavelength, type WavelengthCalibrationResult } from './calibrateWavelength';
import { findWavelengthShift, type LineMatch, medianStep } from './findWavelengthShift';
import { pickPeaks } from './pickPeaks';

/** Options of {@link calibrateFromLines}. */
export interface LineCalibrationOptions {
  /** Polynomial degree 1–3; default as {@link calibrateWavelength} chooses from the number of matches. */
  readonly order?: number;
  /** Largest offset of the current axis searched first, ± (axis units). Default 2. */
  readonly maxShift?: number;
  /** Largest |fitted peak − line| of a match (axis units). Default 2 median axis steps. */
  readonly tolerance?: number;
  /** Least SNR of the peaks considered. Default 10. */
  readonly minSnr?: number;
}

/**
 * Automatic calibration from a lamp spectrum (Hg, Ar, Hg-Ar: `calibrationLines.ts`) on an
 * approximately right axis: peaks are picked (SNR ≥ `minSnr`), the constant offset is found
 * against the lines ({@link findWavelengthShift}, the 30 strongest peaks), then twice the matched
 * pairs are fitted (a line for 2–3 pairs, a quadratic from 4) and every picked peak is re-matched
 * through that fit within the tolerance, so lines far from the centre join once the dispersion is
 * right; the final pairs go to {@link calibrateWavelength}. Meta as there, plus
 * `wavelengthCalibration.lines` (`observed→reference, …`).
 * @throws WorkbenchError INVALID_OPTION when fewer lines match than the order needs (message from
 *   the shift search or the calibration).
 */
export function calibrateFromLines(
  spectrum: Spectrum,
  lines: readonly number[],
  options: LineCalibrationOptions = {},
): WavelengthCalibrationResult {
  const tolerance = options.tolerance ?? 2 * medianStep(spectrum.x.values);
  const peaks = pickPeaks(spectrum, { minSnr: options.minSnr ?? 10 }).peaks;
  const shift = findWavelengthShift(spectrum, lines, {
    maxShift: options.maxShift ?? 2,
    tolerance,
    strongest: 30,
    peaks,
  });
  const sorted = [...lines].sort((a, b) => a - b);
  let matches: LineMatch[] = shift.matches;
  for (let pass = 0; pass < 2 && matches.length >= 2; pass++) {
    const degree = matches.length >= 4 ? 2 : 1;
    const fit = polynomialFit(
      matches.map((m) => m.observed),
      matches.map((m) => m.reference),
      Math.min(degree, matches.length - 1),
    );
    const next = new Map<number, { observed: number; distance: number }>();
    for (const peak of peaks) {
      const mapped = fit.evaluate(peak.x);
      const line = sorted.reduce((best, l) => (Math.abs(l - mapped) < Math.abs(best - mapped) ? l : best));
      const distance = Math.abs(line - mapped);
      const held = next.get(line);
      if (distance <= tolerance && (held === undefined || distance < held.distance)) {
        next.set(line, { observed: peak.x, distance });
      }
    }
    if (next.size < matches.length) break;
    matches = [...next]
      .map(([reference, m]) => ({ observed: m.observed, reference }))
      .sort((a, b) => a.reference - b.reference);
  }
  const pairs: CalibrationPair[] = matches.map((m) => ({ observed: m.observed, reference: m.reference }));
  const result = calibrateWavelength(spectrum, pairs, options.order === undefined ? {} : { order: options.order });
  const described = matches.map((m) => `${m.observed.toFixed(3)}→${m.reference}`).join(', ');
  return {
    ...result,
    spectrum: { ...result.spectrum, meta: { ...result.spectrum.meta, 'wavelengthCalibration.lines': described } },
  };
}
