import { type Spectrum, WorkbenchError } from '../../../core';
import { groupTransients } from './groupTransients';
import { complexMean, fidOf, groupName, withFid } from './transientData';

/** Options of {@link averageTransients}. */
export interface AverageTransientsOptions {
  /** Dimension averaged over (`index.<along>`). Default `dynamic`. */
  readonly along?: string;
}

/** Meta of one transient that means nothing for their average. */
const PER_TRANSIENT_KEYS = ['alignedShiftHz', 'alignedPhaseDeg', 'outlierResidual', 'rejectedAsOutlier'];

/**
 * Averages the (aligned, kept) transients of each acquisition: the per-point complex mean of every
 * group of `groupTransients(spectra, along)` (same file, role and other `index.*`, e.g. one average
 * per edit condition). Meta of the group's first transient is kept, except `index.<along>` and the
 * per-transient alignment/outlier keys; `averages` becomes the sum of the members' `averages`
 * (1 each when absent), `averagedTransients` their number and `averagedPositions` which
 * positions went in (`0-4,6-31`). The mean keeps the amplitude scale of one transient, so SNR
 * grows by √N.
 * @throws WorkbenchError INVALID_OPTION for an empty list, INVALID_DATA for mismatched transients.
 */
export function averageTransients(spectra: readonly Spectrum[], options: AverageTransientsOptions = {}): Spectrum[] {
  const along = options.along ?? 'dynamic';
  if (spectra.length === 0) throw new WorkbenchError('INVALID_OPTION', 'averageTransients: no spectrum given');
  return groupTransients(spectra, along).map((group) => {
    const first = group.members[0] as Spectrum;
    const mean = complexMean(group.members.map(fidOf));
    let averages = 0;
    for (const member of group.members) {
      const value = member.meta.averages;
      averages += typeof value === 'number' && value > 0 ? value : 1;
    }
    const meta: Record<string, string | number | undefined> = {
      [`index.${along}`]: undefined,
      averages,
      averagedTransients: group.members.length,
      averagedPositions: ranges(group.positions),
    };
    for (const key of PER_TRANSIENT_KEYS) meta[key] = undefined;
    const name = groupName(first, group.indices, `mean of ${group.members.length} transients`);
    return withFid(first, mean, meta, `mean${group.members.length}`, name);
  });
}

/** `0-4,6,8-31` from ascending integers. */
function ranges(positions: readonly number[]): string {
  const parts: string[] = [];
  let start = positions[0];
  let previous = start;
  for (const position of [...positions.slice(1), Number.NaN]) {
    if (position === (previous as number) + 1) {
      previous = position;
      continue;
    }
    if (start !== undefined) parts.push(start === previous ? `${start}` : `${start}-${previous}`);
    start = position;
    previous = position;
  }
  return parts.join(',');
}
