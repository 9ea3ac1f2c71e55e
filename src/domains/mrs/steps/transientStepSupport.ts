import type { Spectrum } from '../../../core';
import { groupTransients, type TransientGroup } from '../processing/groupTransients';
import { mrsSignal } from '../processing/mrsSignal';
import { baseName } from '../processing/transientData';

/**
 * Shared plumbing of the MRS group steps (`mrs-coil-combine`, `mrs-align`, `mrs-reject-outliers`,
 * `mrs-average`, `mrs-ecc`): which spectra of a run they act on, how a water reference is matched
 * to metabolite data, and how processed groups go back into the run's list in input order.
 */

/** True for an MRS spectrum (either domain); other domains pass the MRS group steps untouched. */
export const isMrs = (spectrum: Spectrum): boolean => spectrum.domain === 'mrs';

/** True for a spectrum whose meta says it is an unsuppressed water reference (`role: water`). */
export const isWater = (spectrum: Spectrum): boolean => spectrum.meta.role === 'water';

/**
 * The MRS spectra of a run, each checked to be a complex time-domain FID: a group step works on
 * FIDs, so a spectrum already transformed is refused (INVALID_OPTION naming the file, "apply it
 * before the FFT").
 */
export function mrsFids(spectra: readonly Spectrum[], operation: string): Spectrum[] {
  const fids = spectra.filter(isMrs);
  for (const spectrum of fids) mrsSignal(spectrum, operation, 'time');
  return fids;
}

/**
 * The list with each group replaced by its processed spectra, placed where the group's first
 * member stood; spectra outside every group keep their place. `results[g]` belongs to `groups[g]`.
 */
export function replaceGroups(
  spectra: readonly Spectrum[],
  groups: readonly (readonly Spectrum[])[],
  results: readonly (readonly Spectrum[])[],
): Spectrum[] {
  const groupOf = new Map<Spectrum, number>();
  groups.forEach((members, g) => {
    for (const member of members) groupOf.set(member, g);
  });
  const placed = new Set<number>();
  const out: Spectrum[] = [];
  for (const spectrum of spectra) {
    const g = groupOf.get(spectrum);
    if (g === undefined) out.push(spectrum);
    else if (!placed.has(g)) {
      placed.add(g);
      out.push(...(results[g] ?? []));
    }
  }
  return out;
}

/**
 * Applies `process` to every group of `groupTransients(selected, along)` and puts the results back
 * into the run's list (see {@link replaceGroups}); spectra not selected pass through.
 */
export function mapTransientGroups(
  spectra: readonly Spectrum[],
  selected: readonly Spectrum[],
  along: string,
  process: (group: TransientGroup) => readonly Spectrum[],
): Spectrum[] {
  if (selected.length === 0) return [...spectra];
  const groups = groupTransients(selected, along);
  return replaceGroups(
    spectra,
    groups.map((group) => group.members),
    groups.map(process),
  );
}

/** The spectra of each file (and role), in order of first appearance: one acquisition each. */
export function byAcquisition(spectra: readonly Spectrum[]): Spectrum[][] {
  const map = new Map<string, Spectrum[]>();
  for (const spectrum of spectra) {
    const key = JSON.stringify([spectrum.file, isWater(spectrum)]);
    const list = map.get(key);
    if (list === undefined) map.set(key, [spectrum]);
    else list.push(spectrum);
  }
  return [...map.values()];
}

/**
 * The water reference that belongs to metabolite data from `file`, among `candidates` (each a
 * water acquisition): the one whose file name shares the longest start with `file`'s (so
 * `sub-01_PRESS_act.sdat` takes `sub-01_PRESS_ref.sdat` over `sub-02_…`), the first on a tie;
 * undefined when there is none.
 */
export function matchWater<T extends { readonly file: string }>(file: string, candidates: readonly T[]): T | undefined {
  const name = baseName(file).toLowerCase();
  let best: T | undefined;
  let bestLength = -1;
  for (const candidate of candidates) {
    const other = baseName(candidate.file).toLowerCase();
    let length = 0;
    while (length < name.length && name[length] === other[length]) length++;
    if (length > bestLength) {
      best = candidate;
      bestLength = length;
    }
  }
  return best;
}

/** A number rounded to `digits` significant digits (meta stays readable). */
export const round = (value: number, digits = 4): number => Number(value.toPrecision(digits));
