import { describe, expect, it } from 'vitest';
import { compareMethods } from './compareMethods';
import type { IdentificationResult, NuclideCandidate } from './identificationResult';

const candidate = (nuclide: string, naturalBackground = false): NuclideCandidate => ({
  nuclide,
  category: naturalBackground ? 'natural' : 'industrial',
  score: 0.9,
  naturalBackground,
  matchedLines: [],
  missingStrongLines: [],
  activityRatioHints: [],
});

const classical = (names: NuclideCandidate[]): IdentificationResult => ({
  candidates: names,
  unexplainedPeaks: [],
  backgroundPeaks: [],
  efficiencyCorrection: { slope: 0, curvature: 0, spanKeV: [300, 300] },
});

describe('compareMethods', () => {
  it('splits names into agreed, one-sided and outside the CNN labels; natural background is left out', () => {
    const result = compareMethods(
      classical([candidate('Cs-137'), candidate('Sc-46'), candidate('Co-60'), candidate('K-40', true)]),
      [
        { nuclide: 'Cs-137', probability: 0.97, sd: 0.02 },
        { nuclide: 'Co-60', probability: 0.3, sd: 0.1 },
        { nuclide: 'Am-241', probability: 0.85, sd: 0.25 },
        { nuclide: 'Ba-133', probability: 0.01, sd: 0.01 },
      ],
    );
    expect(result).toEqual({
      both: ['Cs-137'],
      classicalOnly: ['Co-60'],
      cnnOnly: ['Am-241'],
      outsideCnnLabels: ['Sc-46'],
      cnnUnsure: ['Co-60', 'Am-241'],
    });
  });
});
