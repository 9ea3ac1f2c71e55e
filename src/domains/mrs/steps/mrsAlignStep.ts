import type { Spectrum } from '../../../core';
import type { GroupStepDefinition } from '../../../pipeline/stepDefinition';
import { alignTransients } from '../processing/alignTransients';
import { isWater, mapTransientGroups, mrsFids, round } from './transientStepSupport';

/**
 * Frequency-and-phase alignment of transients as a pipeline group step
 * (`processing/alignTransients.ts`: spectral registration, Near et al., MRM 73:44, 2015, with a
 * leave-one-out target; FSL-MRS `align`, Osprey `op_alignAverages`). The run's MRS FIDs are grouped
 * along `dynamic` by `groupTransients` (one group per file, role and other `index.*`), and each
 * group of two or more is aligned: metabolite data within the ppm window (the frequency-restricted
 * variant, residual water and lipids left out), water references on their whole FID (their one
 * line is all the signal; `alignWater` false leaves them alone). Single transients and non-MRS
 * spectra pass through. Meta on every aligned transient: `alignedShiftHz`, `alignedPhaseDeg`
 * (its own, dropped by averaging) and, for the group, `align.meanAbsShiftHz`, `align.maxAbsShiftHz`,
 * `align.meanAbsPhaseDeg`, `align.passes`, `align.window`, and each transient's correction as
 * comma-joined lists in group order (they survive averaging, for the QA report):
 * `align.positions` (`index.dynamic`), `align.shiftsHz`, `align.phasesDeg`.
 */
export const mrsAlignStep: GroupStepDefinition = {
  kind: 'group',
  id: 'mrs-align',
  version: 1,
  label: 'Align transients (MRS)',
  description: 'Corrects the frequency drift and phase of each transient by spectral registration.',
  params: [
    { key: 'fromPpm', label: 'Window from', kind: 'number', default: 1.8, min: -10, max: 20, step: 0.05, unit: 'ppm' },
    {
      key: 'toPpm',
      label: 'Window to',
      kind: 'number',
      default: 4.2,
      min: -10,
      max: 20,
      step: 0.05,
      unit: 'ppm',
      help: 'Band of the metabolite spectra that is registered (keep residual water, 4.65 ppm, out).',
    },
    {
      key: 'fitTimeS',
      label: 'Fit length',
      kind: 'number',
      default: 0.2,
      min: 0.01,
      max: 2,
      step: 0.01,
      unit: 's',
      help: 'Length of the FID start that is fitted (Near et al. 2015: 0.2 s).',
    },
    {
      key: 'maxShiftHz',
      label: 'Search ±',
      kind: 'number',
      default: 20,
      min: 0,
      max: 200,
      step: 1,
      unit: 'Hz',
      help: 'Frequency range searched for each transient.',
    },
    {
      key: 'alignWater',
      label: 'Align water references',
      kind: 'boolean',
      default: true,
      help: 'Also align the transients of water references (on the whole FID).',
    },
  ],
  validate: (params) =>
    (params.toPpm as number) <= (params.fromPpm as number) ? 'the window must end above where it starts' : null,
  applyGroup(spectra, params) {
    const window = [params.fromPpm as number, params.toPpm as number] as const;
    const selected = mrsFids(spectra, 'alignment').filter((s) => params.alignWater === true || !isWater(s));
    return mapTransientGroups(spectra, selected, 'dynamic', ({ members, positions }) => {
      if (members.length < 2) return members;
      const water = isWater(members[0] as Spectrum);
      const result = alignTransients(members, {
        fitTimeS: params.fitTimeS as number,
        maxShiftHz: params.maxShiftHz as number,
        ...(water ? {} : { ppmRange: window }),
      });
      const abs = (values: Float64Array) => Array.from(values, Math.abs);
      const shifts = abs(result.shiftsHz);
      const meta = {
        'align.meanAbsShiftHz': round(shifts.reduce((a, b) => a + b, 0) / shifts.length),
        'align.maxAbsShiftHz': round(Math.max(...shifts)),
        'align.meanAbsPhaseDeg': round(abs(result.phasesDeg).reduce((a, b) => a + b, 0) / shifts.length),
        'align.passes': result.passes,
        'align.window': water ? 'whole FID' : `${window[0]}–${window[1]} ppm`,
        'align.positions': positions.join(','),
        'align.shiftsHz': Array.from(result.shiftsHz, (v) => round(v)).join(','),
        'align.phasesDeg': Array.from(result.phasesDeg, (v) => round(v)).join(','),
      };
      return result.spectra.map((spectrum) => ({ ...spectrum, meta: { ...spectrum.meta, ...meta } }));
    });
  },
};
