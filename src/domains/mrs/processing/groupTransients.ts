import { type Spectrum, WorkbenchError } from '../../../core';
import { indicesOf, sharedAcquisition } from './transientData';

/** Spectra of one acquisition that differ only along one dimension (coil, dynamic, edit …). */
export interface TransientGroup {
  /** Stable key: file, role and the other `index.*` values. */
  readonly key: string;
  /** The `index.*` values the members share (every dimension but the grouped one). */
  readonly indices: Readonly<Record<string, number>>;
  /** Members ordered by their position along the dimension. */
  readonly members: readonly Spectrum[];
  /** Each member's `index.<along>` (0 for a spectrum without one). */
  readonly positions: readonly number[];
}

/**
 * Groups MRS FID spectra (`mrsSpectrum.ts`) along one NIfTI-MRS dimension: every group holds the
 * spectra of one file and role whose `index.*` meta agree on every dimension but `along`, ordered
 * by `index.<along>`. `groupTransients(spectra, 'coil')` gives one group of coils per dynamic/edit
 * (what coil combination needs); `groupTransients(spectra, 'dynamic')` one group of transients per
 * coil/edit condition (alignment, outlier rejection, averaging). A spectrum without `index.<along>`
 * is a member at position 0. Groups come in the order of their first member in the input.
 *
 * @throws WorkbenchError INVALID_OPTION for an empty `along`; INVALID_DATA when a group holds the
 *   same position twice or members of different length or dwell time.
 */
export function groupTransients(spectra: readonly Spectrum[], along: string): TransientGroup[] {
  if (along === '') throw new WorkbenchError('INVALID_OPTION', 'groupTransients: along must name a dimension');
  const groups = new Map<string, { indices: Record<string, number>; members: [number, Spectrum][] }>();
  for (const spectrum of spectra) {
    const all = indicesOf(spectrum);
    const position = all[along] ?? 0;
    const indices: Record<string, number> = {};
    for (const dim of Object.keys(all).sort()) if (dim !== along) indices[dim] = all[dim] as number;
    const role = typeof spectrum.meta.role === 'string' ? spectrum.meta.role : '';
    const key = JSON.stringify([spectrum.file, role, indices]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { indices, members: [] };
      groups.set(key, group);
    }
    group.members.push([position, spectrum]);
  }
  const out: TransientGroup[] = [];
  for (const [key, group] of groups) {
    group.members.sort((a, b) => a[0] - b[0]);
    group.members.forEach(([position, spectrum], k) => {
      if (k > 0 && position === group.members[k - 1]?.[0]) {
        throw new WorkbenchError('INVALID_DATA', `${spectrum.name}: two spectra at ${along} ${position}`, {
          file: spectrum.file,
        });
      }
    });
    const members = group.members.map(([, spectrum]) => spectrum);
    sharedAcquisition(members, `grouping along ${along}`);
    out.push({ key, indices: group.indices, members, positions: group.members.map(([position]) => position) });
  }
  return out;
}
