import { type Spectrum, WorkbenchError } from '../../../core';
import type { GroupStepDefinition } from '../../../pipeline/stepDefinition';
import { eddyCurrentCorrection } from '../processing/eddyCurrentCorrection';
import { byAcquisition, isWater, matchWater, mrsFids, replaceGroups } from './transientStepSupport';

/** What the error says when the water reference is missing: what to drop in, or how to go on without. */
export const MISSING_WATER_MESSAGE =
  'eddy-current correction needs the unsuppressed water reference of the acquisition, and none is among the ' +
  'inputs: give its file together with the metabolite data (a file the reader marks as water: a Philips, ' +
  'Siemens or jMRUI file named …_ref or …_water, an LCModel .H2O, a NIfTI-MRS with WaterSuppressed false; ' +
  'on the command line `--water FILE` marks one), or set the step parameter `required` to false to pass the ' +
  'data through uncorrected';

/**
 * Eddy-current correction as a pipeline group step (`processing/eddyCurrentCorrection.ts`: Klose,
 * MRM 14:26, 1990; FSL-MRS `ecc`, Osprey `op_eccKlose`): every metabolite FID of the run is
 * multiplied by e^{−iφ_w(t)}, φ_w the phase of its water reference: the `role: water` FID among the
 * inputs, the one whose file name is closest when there are several (`matchWater`), preferring one
 * with the same dwell time. Each water reference is corrected by its own phase and stays in the
 * list (`role: water`). A reference must be one FID: a water file still holding several
 * (coils, dynamics) is refused with INVALID_OPTION asking for `mrs-coil-combine` and `mrs-average`
 * first. No water reference: INVALID_OPTION ({@link MISSING_WATER_MESSAGE}) when `required`,
 * otherwise the data pass through with meta `eddyCurrentCorrection: 'none'` and
 * `eddyCurrentNote`. Meta when corrected: `eddyCurrentCorrection: 'klose'`, `eddyCurrentReference`,
 * `eddyCurrentTrustedS`. Run it before referencing (the water's offset is removed too).
 */
export const mrsEccStep: GroupStepDefinition = {
  kind: 'group',
  id: 'mrs-ecc',
  version: 1,
  label: 'Eddy-current correction (MRS)',
  description: "Removes the eddy-current phase from the metabolite FIDs using the water reference's phase (Klose).",
  params: [
    {
      key: 'required',
      label: 'Water reference required',
      kind: 'boolean',
      default: true,
      help: 'Without a water reference: stop with an error (on) or pass the data through uncorrected (off).',
    },
    {
      key: 'minimumSnr',
      label: 'Trust water phase above',
      kind: 'number',
      default: 5,
      min: 0,
      max: 1000,
      step: 1,
      unit: 'noise SD',
      help: 'Past the first water point below this SNR, the phase is continued by a straight line.',
    },
  ],
  applyGroup(spectra, params) {
    const fids = mrsFids(spectra, 'eddy-current correction');
    const metabolites = fids.filter((s) => !isWater(s));
    const references = byAcquisition(fids.filter(isWater)).map((members) => {
      const first = members[0] as Spectrum;
      if (members.length > 1) {
        throw new WorkbenchError(
          'INVALID_OPTION',
          `eddy-current correction needs one water FID per reference; this one holds ${members.length} ` +
            '(coils or dynamics): put mrs-coil-combine and mrs-average before mrs-ecc',
          { file: first.file },
        );
      }
      return { file: first.file, water: first, dwell: first.meta.dwellTimeS };
    });
    if (references.length === 0) {
      if (metabolites.length === 0) return [...spectra];
      if (params.required !== false) {
        throw new WorkbenchError('INVALID_OPTION', MISSING_WATER_MESSAGE, { file: (metabolites[0] as Spectrum).file });
      }
      const note = { eddyCurrentCorrection: 'none', eddyCurrentNote: 'no water reference among the inputs' };
      return spectra.map((s) => (metabolites.includes(s) ? { ...s, meta: { ...s.meta, ...note } } : s));
    }
    const options = { minimumSnr: params.minimumSnr as number };
    const assigned = new Map<Spectrum, Spectrum[]>(references.map((r) => [r.water, []]));
    for (const spectrum of metabolites) {
      const sameDwell = references.filter((r) => r.dwell === spectrum.meta.dwellTimeS);
      const reference = matchWater(spectrum.file, sameDwell.length > 0 ? sameDwell : references);
      assigned.get(reference?.water as Spectrum)?.push(spectrum);
    }
    const groups: Spectrum[][] = [];
    const results: Spectrum[][] = [];
    for (const [water, members] of assigned) {
      const corrected = eddyCurrentCorrection(members, water, options);
      groups.push([water], ...members.map((m) => [m]));
      results.push([corrected.water], ...corrected.spectra.map((s) => [s]));
    }
    return replaceGroups(spectra, groups, results);
  },
};
