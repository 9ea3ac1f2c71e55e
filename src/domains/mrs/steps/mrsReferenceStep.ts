import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { REFERENCE_SEARCH_PPM } from '../processing/findReferenceShift';
import type { ReferenceTarget } from '../processing/referenceLines';
import { referencePpm } from '../processing/referencePpm';

const TARGETS: readonly ReferenceTarget[] = ['auto', 'NAA', 'Cr', 'Cho', 'water'];

/**
 * Chemical-shift referencing of an MRS spectrum (either domain): finds NAA (2.008), Cr (3.027),
 * Cho (3.185), water (4.65 ppm) or, with `auto`, the NAA/Cr/Cho pattern, and shifts the spectrum
 * so they land there; meta `referenceShiftHz` holds the shift (`processing/referencePpm.ts`).
 * Refuses a non-MRS spectrum (INVALID_OPTION naming the file).
 */
export const mrsReferenceStep: StepDefinition = {
  id: 'mrs-reference',
  version: 1,
  label: 'Reference ppm (MRS)',
  description: 'Shifts the spectrum so the reference peak(s) sit at their chemical shift (auto: NAA + Cr + Cho).',
  params: [
    {
      key: 'to',
      label: 'Reference',
      kind: 'choice',
      default: 'auto',
      choices: TARGETS,
      help: 'auto: NAA/Cr/Cho pattern (robust when one is weak); or one singlet; water for unsuppressed data.',
    },
    {
      key: 'searchPpm',
      label: 'Search',
      kind: 'number',
      default: REFERENCE_SEARCH_PPM,
      min: 0.02,
      max: 2,
      step: 0.05,
      unit: 'ppm',
      help: 'How far the reference may sit from its chemical shift.',
    },
  ],
  apply: (input, params) =>
    referencePpm(input, {
      to: TARGETS.find((t) => t === params.to) ?? 'auto',
      searchPpm: params.searchPpm as number,
    }),
};
