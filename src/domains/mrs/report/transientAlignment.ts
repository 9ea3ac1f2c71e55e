import type { SpectrumMeta } from '../../../core';

/** What the preprocessing recorded about the alignment of the transients of one acquisition. */
export interface TransientAlignment {
  /** `index.dynamic` of each aligned transient (empty when only the summary was recorded). */
  readonly positions: readonly number[];
  /** Frequency correction applied to each transient, Hz (same order as `positions`). */
  readonly shiftsHz: readonly number[];
  /** Zero-order phase correction applied to each transient, degrees. */
  readonly phasesDeg: readonly number[];
  /** `index.dynamic` of the transients that `mrs-reject-outliers` dropped afterwards. */
  readonly rejectedPositions: readonly number[];
  readonly meanAbsShiftHz?: number;
  readonly maxAbsShiftHz?: number;
  readonly meanAbsPhaseDeg?: number;
  /** Band registered (`1.8–4.2 ppm`, or `whole FID` for a water reference). */
  readonly window?: string;
}

/**
 * The per-transient alignment that the `mrs-align` group step left in a spectrum's meta (it
 * survives averaging): `align.positions`, `align.shiftsHz`, `align.phasesDeg` (comma-joined, one
 * value per transient), the summary keys `align.meanAbsShiftHz`, `align.maxAbsShiftHz`,
 * `align.meanAbsPhaseDeg`, `align.window`, and `outliers.rejectedPositions` of
 * `mrs-reject-outliers`. `undefined` when no alignment ran; empty lists when the lists are missing
 * or do not have one value per transient.
 */
export function transientAlignment(meta: SpectrumMeta): TransientAlignment | undefined {
  if (!Object.keys(meta).some((key) => key.startsWith('align.'))) return undefined;
  const positions = numberList(meta['align.positions']);
  const shiftsHz = numberList(meta['align.shiftsHz']);
  const phasesDeg = numberList(meta['align.phasesDeg']);
  const consistent =
    positions.length > 0 && shiftsHz.length === positions.length && phasesDeg.length === positions.length;
  const number = (key: string) => (typeof meta[key] === 'number' ? { [key.slice(6)]: meta[key] as number } : {});
  return {
    positions: consistent ? positions : [],
    shiftsHz: consistent ? shiftsHz : [],
    phasesDeg: consistent ? phasesDeg : [],
    rejectedPositions: numberList(meta['outliers.rejectedPositions']),
    ...number('align.meanAbsShiftHz'),
    ...number('align.maxAbsShiftHz'),
    ...number('align.meanAbsPhaseDeg'),
    ...(typeof meta['align.window'] === 'string' ? { window: meta['align.window'] } : {}),
  };
}

/** `1,2.5,-3` → [1, 2.5, −3]; a number alone → [it]; anything unreadable → []. */
function numberList(value: SpectrumMeta[string] | undefined): number[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [value] : [];
  if (typeof value !== 'string' || value.trim() === '') return [];
  const values = value.split(',').map((part) => Number(part.trim()));
  return values.every(Number.isFinite) ? values : [];
}
