import { type Spectrum, WorkbenchError } from '../../../core';
import { findReferenceShift, REFERENCE_SEARCH_PPM } from './findReferenceShift';
import { mrsSignal } from './mrsSignal';
import { ppmSpectrumOf } from './ppmView';
import type { ReferenceTarget } from './referenceLines';
import { shiftFrequency } from './shiftFrequency';

/** Options of {@link referencePpm}. */
export interface ReferencePpmOptions {
  /** The reference: one singlet (`NAA` 2.008, `Cr` 3.027, `Cho` 3.185, `water` 4.65 ppm) or `auto` (NAA+Cr+Cho pattern). */
  readonly to: ReferenceTarget;
  /** How far the reference may sit from its shift, ppm (default {@link REFERENCE_SEARCH_PPM}, 0.02 … 2). */
  readonly searchPpm?: number;
}

/**
 * Chemical-shift referencing: finds the reference line(s) (`findReferenceShift.ts`) and moves the
 * spectrum by `shiftFrequency` (sub-point exact, the ppm grid unchanged) so that they land on their
 * shift. Either domain, returned in the input's domain.
 *
 * Meta: `referenceShiftHz` (the shift applied, Hz towards higher ppm), `referenceTarget`,
 * `referenceMethod` (`fit` or `peak`), `reference<Line>Ppm` (`referenceNAAPpm`, `referenceCrPpm`, `referenceChoPpm`, `referenceWaterPpm`) where each reference line was found
 * before the shift, and `referenceWarning` when the shift is within 10 % of the search limit (a
 * sign that something else was taken for the reference, e.g. in a phantom without NAA). Throws INVALID_OPTION (naming the file) for a non-MRS input or a bad search
 * width, INVALID_DATA when no reference line is found.
 */
export function referencePpm(spectrum: Spectrum, options: ReferencePpmOptions): Spectrum {
  const signal = mrsSignal(spectrum, 'referencing');
  const search = options.searchPpm ?? REFERENCE_SEARCH_PPM;
  if (!(search >= 0.02 && search <= 2)) {
    throw new WorkbenchError('INVALID_OPTION', `referencing: searchPpm must be within 0.02…2 ppm (got ${search})`, {
      file: spectrum.file,
    });
  }
  const view = ppmSpectrumOf(spectrum, signal);
  const found = findReferenceShift(view, signal.spectrometerFrequencyMHz, options.to, search);
  if (!Number.isFinite(found.shiftHz)) {
    throw new WorkbenchError('INVALID_DATA', `referencing: no ${options.to} reference peak found`, {
      file: spectrum.file,
    });
  }
  const shifted = shiftFrequency(spectrum, found.shiftHz);
  const lineMeta: Record<string, number | string> = {};
  if (Math.abs(found.shiftPpm) > 0.9 * search) {
    lineMeta.referenceWarning = `the shift (${found.shiftPpm.toFixed(3)} ppm) is near the search limit: the reference may be misidentified`;
  }
  for (const line of found.lines)
    lineMeta[`reference${line.name.charAt(0).toUpperCase()}${line.name.slice(1)}Ppm`] = line.ppm;
  return {
    ...shifted,
    id: `${spectrum.id}/referenced`,
    name: `${spectrum.name} (referenced)`,
    meta: {
      ...shifted.meta,
      referenceShiftHz: found.shiftHz,
      referenceTarget: options.to,
      referenceMethod: found.method,
      ...lineMeta,
    },
  };
}
