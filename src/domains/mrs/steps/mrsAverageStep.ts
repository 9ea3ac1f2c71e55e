import type { GroupStepDefinition } from '../../../pipeline/stepDefinition';
import { averageTransients } from '../processing/averageTransients';
import { mapTransientGroups, mrsFids } from './transientStepSupport';

/**
 * Averaging of transients as a pipeline group step (`processing/averageTransients.ts`): the run's
 * MRS FIDs are grouped along `dynamic` (`groupTransients`: one group per file, role and other
 * `index.*`, so edit conditions and water references are averaged on their own) and each group
 * becomes its complex mean. A spectrum without `index.dynamic` that is alone in its group (already
 * averaged) passes through unchanged, as do non-MRS spectra. Meta (from `averageTransients`):
 * `averages` (sum of the members'), `averagedTransients`, `averagedPositions`; the per-transient
 * alignment and outlier keys are dropped, the group keys of earlier steps kept.
 */
export const mrsAverageStep: GroupStepDefinition = {
  kind: 'group',
  id: 'mrs-average',
  version: 1,
  label: 'Average transients (MRS)',
  description: 'Averages the transients (dynamics) of each acquisition into one FID.',
  params: [],
  applyGroup(spectra) {
    const selected = mrsFids(spectra, 'averaging');
    return mapTransientGroups(spectra, selected, 'dynamic', ({ members }) => {
      const alone = members.length === 1 && members[0]?.meta['index.dynamic'] === undefined;
      return alone ? members : averageTransients(members);
    });
  },
};
