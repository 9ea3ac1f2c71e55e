import { type Spectrum, WorkbenchError } from '../../../core';
import { fitLorentzians } from './fitLorentzians';
import { magnitudePeaks } from './magnitudePeaks';
import { mrsSignal } from './mrsSignal';
import { phase } from './phase';
import { ppmSpectrumOf } from './ppmView';

/** Default window of {@link autoPhase}: NAA (2.01), Cr (3.03) and Cho (3.2), clear of residual water. */
export const AUTO_PHASE_RANGE: readonly [number, number] = [1.8, 3.4];

/** Options of {@link autoPhase}. */
export interface AutoPhaseOptions {
  /** Chemical-shift window whose peaks set the phase, ppm (default {@link AUTO_PHASE_RANGE}). */
  readonly range?: readonly [number, number];
  /** Also fit a first-order phase (default false: zero-order only). */
  readonly firstOrder?: boolean;
  /** Pivot of the first-order term, ppm (default the middle of `range`). */
  readonly pivotPpm?: number;
}

/**
 * Automatic phasing of an MRS spectrum (either domain; returned in the input's domain).
 *
 * Criterion: the phase that makes the peaks in `range` absorptive, found by a least-squares fit of
 * absorption-mode Lorentzians (one per local maximum of |S| of at least 10 % of the tallest, up to
 * 8) with a common zero- (and optionally first-) order phase and a complex linear baseline, real and
 * imaginary parts together (`fitLorentzians.ts`): LCM programs (LCModel, FSL-MRS) also treat φ0/φ1
 * as fitted parameters. It is started from, and falls back to, FSL-MRS's rule (`phaseCorrect` in
 * `fsl_mrs/utils/preproc/phasing.py`): the phase of the tallest |S| point, which FSL-MRS looks for
 * in 2.8–3.2 ppm (Cr). The fit removes that rule's biases: a peak top off the sampling grid
 * (atan(δ/HWHM), ≈10° for half a point on a 3 Hz line) and the dispersion tail of a neighbour
 * (Cho at Cr, several degrees). ACME (Chen et al., JMR 2002;158:164) is the usual alternative for
 * high-resolution NMR; it needs no line model but weighs the whole spectrum, residual water included.
 *
 * The correction applied is the negative of the fitted phase; meta `autoPhaseZeroDeg`,
 * `autoPhaseFirstDegPerPpm`, `autoPhasePivotPpm`, `autoPhaseMethod` (`lorentzian fit` or
 * `tallest peak`) record it, besides `phase`'s own keys. Throws INVALID_OPTION (naming the file)
 * for a non-MRS input or a bad range, INVALID_DATA when the range holds no peak.
 */
export function autoPhase(spectrum: Spectrum, options: AutoPhaseOptions = {}): Spectrum {
  const signal = mrsSignal(spectrum, 'automatic phasing');
  const [low, high] = options.range ?? AUTO_PHASE_RANGE;
  const pivot = options.pivotPpm ?? (low + high) / 2;
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high && Number.isFinite(pivot))) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `automatic phasing: the range must be two finite ppm values, low < high (got ${low}–${high})`,
      { file: spectrum.file },
    );
  }
  const view = ppmSpectrumOf(spectrum, signal);
  const cf = signal.spectrometerFrequencyMHz;
  const peaks = magnitudePeaks(view, low, high, { minFraction: 0.1, maxPeaks: 8 });
  const tallest = peaks[0];
  if (tallest === undefined) {
    throw new WorkbenchError('INVALID_DATA', `automatic phasing: no peak within ${low}–${high} ppm`, {
      file: spectrum.file,
    });
  }
  const fit = fitLorentzians(view, {
    lowPpm: low,
    highPpm: high,
    lines: peaks.map((p) => ({
      ppm: p.ppm,
      halfWidthHz: Number.isFinite(p.halfWidthPpm) ? (p.halfWidthPpm * cf) / Math.sqrt(3) : 2,
    })),
    spectrometerFrequencyMHz: cf,
    pivotPpm: pivot,
    firstOrder: options.firstOrder ?? false,
  });
  const fitted = Number.isFinite(fit.zeroRad) && fit.lines.length > 0;
  const zeroRad = fitted ? fit.zeroRad : Math.atan2(view.im[tallest.index] as number, view.re[tallest.index] as number);
  const zeroDeg = round((-zeroRad * 180) / Math.PI);
  const firstDeg = fitted ? round((-fit.firstRadPerPpm * 180) / Math.PI) : 0;
  const phased = phase(spectrum, zeroDeg, firstDeg, pivot);
  return {
    ...phased,
    id: `${spectrum.id}/auto-phased`,
    name: `${spectrum.name} (auto-phased)`,
    meta: {
      ...phased.meta,
      autoPhaseZeroDeg: zeroDeg,
      autoPhaseFirstDegPerPpm: firstDeg,
      autoPhasePivotPpm: pivot,
      autoPhaseMethod: fitted ? 'lorentzian fit' : 'tallest peak',
    },
  };
}

/** Degrees to 1e-6, so that meta reads cleanly (far below any phase that matters). */
function round(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6 + 0;
}
