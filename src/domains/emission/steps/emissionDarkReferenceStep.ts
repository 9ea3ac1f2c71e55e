import { type Spectrum, WorkbenchError } from '../../../core';
import type { GroupStepDefinition } from '../../../pipeline/stepDefinition';
import { type DarkReferenceOutput, darkReferenceCorrection } from '../processing/darkReferenceCorrection';

/** Roles a reader or the user gives companion spectra (`meta.role`), as the MRS water reference. */
export const DARK_ROLE = 'dark';
export const REFERENCE_ROLE = 'reference';

/** What the error says when a companion is missing: what to drop in, or how to go on without. */
export const missingCompanionMessage = (role: string, output: string): string =>
  `${output === 'counts' ? 'dark correction' : `${output} (dark/reference correction)`} needs a ${role} spectrum ` +
  `among the inputs, and none is marked: give its file together with the sample (a spectrum whose meta.role is ` +
  `'${role}': a vendor file's ${role} column, or on the command line --${role} FILE), or set the step ` +
  `parameter 'required' to false to pass the data through uncorrected`;

const isOptical = (s: Spectrum): boolean => s.domain === 'emission' || s.domain === 'generic';

/**
 * The companion of `sample` among `candidates`: one from the same file first (Jaz and AvaSoft files
 * hold sample, dark and reference columns together), otherwise the one whose file name shares the
 * longest start with the sample's (`run1_sample.txt` takes `run1_dark.txt` over `run2_dark.txt`),
 * the first on a tie; undefined when there is none.
 */
export function companionFor(sample: Spectrum, candidates: readonly Spectrum[]): Spectrum | undefined {
  const sameFile = candidates.find((c) => c.file === sample.file);
  if (sameFile !== undefined) return sameFile;
  const name = sample.file.toLowerCase();
  let best: Spectrum | undefined;
  let shared = -1;
  for (const candidate of candidates) {
    const other = candidate.file.toLowerCase();
    let k = 0;
    while (k < name.length && name.charCodeAt(k) === other.charCodeAt(k)) k++;
    if (k > shared) [best, shared] = [candidate, k];
  }
  return best;
}

/**
 * Dark and reference correction as a pipeline group step (`processing/darkReferenceCorrection.ts`):
 * the spectra of the run whose `meta.role` is `dark` or `reference` are the companions; every other
 * optical spectrum is corrected with the dark and (for transmittance, reflectance, absorbance) the
 * reference that belong to it ({@link companionFor}), interpolated onto its grid when needed, the
 * dark scaled by integration time. Companions leave the list unless `keepCompanions`; gamma and MRS
 * spectra pass untouched. A missing companion: INVALID_OPTION ({@link missingCompanionMessage}) when
 * `required`, otherwise the samples pass through with meta `darkCorrection: 'none'` and `darkNote`.
 */
export const emissionDarkReferenceStep: GroupStepDefinition = {
  kind: 'group',
  id: 'emission-dark-reference',
  version: 1,
  label: 'Dark / reference correction',
  description:
    'Subtracts the dark and divides by the reference (marked meta.role dark / reference): counts, transmittance, reflectance or absorbance.',
  params: [
    {
      key: 'output',
      label: 'Result',
      kind: 'choice',
      default: 'counts',
      choices: ['counts', 'transmittance', 'reflectance', 'absorbance'],
      help: 'counts: sample − dark; transmittance/reflectance: 100·(S − D)/(R − D) %; absorbance: −log10 of that ratio.',
    },
    {
      key: 'scaleIntegrationTime',
      label: 'Scale by integration time',
      kind: 'boolean',
      default: true,
      help: 'Scale the dark to each spectrum’s integration time, and compare sample and reference per second.',
    },
    {
      key: 'saturationCounts',
      label: 'Detector maximum',
      kind: 'number',
      default: 0,
      min: 0,
      max: 1e12,
      unit: 'counts',
      help: 'Raw counts at which a pixel is saturated (16383 for a 14-bit detector); 0 takes meta.detectorMaximumCounts.',
    },
    {
      key: 'required',
      label: 'Companions required',
      kind: 'boolean',
      default: true,
      help: 'Without the dark (or reference) it needs: stop with an error (on) or pass the data through (off).',
    },
    {
      key: 'keepCompanions',
      label: 'Keep dark and reference',
      kind: 'boolean',
      default: false,
      help: 'Keep the dark and reference spectra in the output list (unchanged).',
    },
  ],
  applyGroup(spectra, params) {
    const output = params.output as DarkReferenceOutput;
    const darks = spectra.filter((s) => s.meta.role === DARK_ROLE);
    const references = spectra.filter((s) => s.meta.role === REFERENCE_ROLE);
    const samples = spectra.filter((s) => isOptical(s) && !darks.includes(s) && !references.includes(s));
    const needed: string[] = [];
    if (output === 'counts' && darks.length === 0) needed.push(DARK_ROLE);
    if (output !== 'counts' && references.length === 0) needed.push(REFERENCE_ROLE);
    const keep = (s: Spectrum): boolean =>
      params.keepCompanions === true || !(darks.includes(s) || references.includes(s));
    if (needed.length > 0 && samples.length > 0) {
      if (params.required !== false) {
        throw new WorkbenchError('INVALID_OPTION', missingCompanionMessage(needed[0] as string, output), {
          file: (samples[0] as Spectrum).file,
        });
      }
      const note = { darkCorrection: 'none', darkNote: `no ${needed.join(' or ')} spectrum among the inputs` };
      return spectra.filter(keep).map((s) => (samples.includes(s) ? { ...s, meta: { ...s.meta, ...note } } : s));
    }
    const maximum = (params.saturationCounts as number) > 0 ? (params.saturationCounts as number) : undefined;
    return spectra.filter(keep).map((s) => {
      if (!samples.includes(s)) return s;
      const dark = companionFor(s, darks);
      const reference = output === 'counts' ? undefined : companionFor(s, references);
      return darkReferenceCorrection(s, {
        output,
        scaleIntegrationTime: params.scaleIntegrationTime !== false,
        ...(dark === undefined ? {} : { dark }),
        ...(reference === undefined ? {} : { reference }),
        ...(maximum === undefined ? {} : { detectorMaximum: maximum }),
      }).spectrum;
    });
  },
};
