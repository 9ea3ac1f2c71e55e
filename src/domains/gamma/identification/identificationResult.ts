import type { NuclideCategory } from '../nuclides/nuclide';
import type { GammaPeak } from '../peaks/gammaPeak';
import type { EfficiencyCorrection } from './efficiencyCorrection';

export interface MatchedLine {
  /** Library energy (intensity-weighted mean when unresolved lines are grouped), keV. */
  readonly energyKeV: number;
  /** Summed intensity of the grouped lines, photons per 100 decays of the parent. */
  readonly intensityPct: number;
  /** Emitter(s) in a chain, e.g. `Bi-214`; absent for the parent's own lines. */
  readonly emitters?: readonly string[];
  readonly peakEnergyKeV: number;
  /** Index of the peak in the list given to {@link identifyNuclides}. */
  readonly peakIndex: number;
  /** |peak − line| in combined σ. */
  readonly zScore: number;
  readonly observedArea: number;
  /** Area expected from the nuclide's scale (fitted on its matched lines) and the efficiency prior. */
  readonly expectedArea: number;
  /** Other reported candidates matched to the same peak (by acceptance time). */
  readonly sharedWith: readonly string[];
  /** The line sits at a background energy (511 keV, Pb X-ray): shown, but not part of the score. */
  readonly atBackgroundLine: boolean;
}

export interface MissingLine {
  readonly energyKeV: number;
  readonly intensityPct: number;
  readonly expectedArea: number;
  /** Chance (0..1) that a peak of the expected area would have been found. */
  readonly detectability: number;
}

/** Observed area ratio of two matched lines against intensity × efficiency (disequilibrium, shielding, efficiency). */
export interface ActivityRatioHint {
  readonly numeratorKeV: number;
  readonly denominatorKeV: number;
  readonly observedRatio: number;
  readonly observedRatioSigma: number;
  readonly expectedRatio: number;
  /** Emitters compared, for chains (`Pb-214/Bi-214`). */
  readonly label: string;
}

export interface NuclideCandidate {
  readonly nuclide: string;
  readonly category: NuclideCategory;
  /** 0..1, at the time the candidate was accepted (after explaining away by stronger ones). */
  readonly score: number;
  /** True for natural-category entries (K-40, the U/Th/Ra series, …). */
  readonly naturalBackground: boolean;
  readonly matchedLines: readonly MatchedLine[];
  /** Lines in range that should have been found (detectability ≥ 0.5) but were not, strongest first. */
  readonly missingStrongLines: readonly MissingLine[];
  readonly activityRatioHints: readonly ActivityRatioHint[];
}

export interface IdentificationResult {
  /** Sorted by score, highest first. */
  readonly candidates: readonly NuclideCandidate[];
  /** Peaks (not background lines) with more than half their area unexplained by the candidates. */
  readonly unexplainedPeaks: readonly GammaPeak[];
  /**
   * Peaks not explained by a candidate but at a known artefact energy, with its label: 511 keV
   * annihilation, Pb K X-rays (shielding fluorescence), escape and sum peaks of identified lines.
   */
  readonly backgroundPeaks: readonly { readonly peak: GammaPeak; readonly line: string }[];
  /**
   * Efficiency shape learned from the accepted nuclides, relative to the prior (identity when it
   * could not be fitted or `learnEfficiency` is false); expected areas use prior × this.
   */
  readonly efficiencyCorrection: EfficiencyCorrection;
}
