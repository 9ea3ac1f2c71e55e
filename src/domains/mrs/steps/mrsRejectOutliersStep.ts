import type { Spectrum } from '../../../core';
import type { GroupStepDefinition } from '../../../pipeline/stepDefinition';
import { rejectOutliers } from '../processing/rejectOutliers';
import { isWater, mapTransientGroups, mrsFids, round } from './transientStepSupport';

/**
 * Outlier rejection as a pipeline group step (`processing/rejectOutliers.ts`: residual to the
 * median transient in a ppm band above median + k·robust SD; FSL-MRS `unlike` does the same job).
 * The run's metabolite FIDs are grouped along `dynamic` (`groupTransients`); in each group of
 * three or more the outliers are dropped from the list. Water references pass through (their
 * signal lies outside the metabolite band), as do smaller groups and non-MRS spectra. Run it after
 * `mrs-align` (a drift is an outlier otherwise). Meta on every kept transient: `outlierResidual`
 * (its own) and, for the group, `outliers.rejected` (count), `outliers.rejectedPositions`
 * (`index.dynamic` of the dropped ones, e.g. `9,23`), `outliers.cutoff`; the group keys survive
 * averaging.
 */
export const mrsRejectOutliersStep: GroupStepDefinition = {
  kind: 'group',
  id: 'mrs-reject-outliers',
  version: 1,
  label: 'Reject outlier transients (MRS)',
  description: 'Drops transients (motion, lipids, spikes) that differ from the median transient in a ppm band.',
  params: [
    { key: 'fromPpm', label: 'Band from', kind: 'number', default: 0.2, min: -10, max: 20, step: 0.05, unit: 'ppm' },
    { key: 'toPpm', label: 'Band to', kind: 'number', default: 4.2, min: -10, max: 20, step: 0.05, unit: 'ppm' },
    {
      key: 'threshold',
      label: 'Cut-off k',
      kind: 'number',
      default: 4,
      min: 1,
      max: 20,
      step: 0.5,
      help: 'A transient is dropped when its residual exceeds the median residual + k robust SDs.',
    },
    {
      key: 'iterations',
      label: 'Passes',
      kind: 'integer',
      default: 2,
      min: 1,
      max: 10,
      help: 'Each pass recomputes the median transient from the transients kept so far.',
    },
  ],
  validate: (params) =>
    (params.toPpm as number) <= (params.fromPpm as number) ? 'the band must end above where it starts' : null,
  applyGroup(spectra, params) {
    const selected = mrsFids(spectra, 'outlier rejection').filter((s) => !isWater(s));
    return mapTransientGroups(spectra, selected, 'dynamic', ({ members, positions }) => {
      if (members.length < 3) return members;
      const result = rejectOutliers(members, {
        ppmRange: [params.fromPpm as number, params.toPpm as number],
        threshold: params.threshold as number,
        iterations: params.iterations as number,
      });
      const meta = {
        'outliers.rejected': result.rejected.length,
        'outliers.rejectedPositions': result.rejectedIndices.map((i) => positions[i]).join(','),
        'outliers.cutoff': round(result.cutoff),
      };
      return result.kept.map((spectrum: Spectrum) => ({ ...spectrum, meta: { ...spectrum.meta, ...meta } }));
    });
  },
};
