import type { IdentificationResult } from './identificationResult';

/** A CNN's verdict on one nuclide label: probability (MC-dropout mean) ± SD. */
export interface CnnNuclide {
  readonly nuclide: string;
  readonly probability: number;
  readonly sd: number;
}

/** Where the classical method and the CNN agree, and where not (shown side by side in UI and CLI). */
export interface MethodComparison {
  /** Named by both. */
  readonly both: readonly string[];
  /** Named by the classical method only (and a CNN label, so the CNN could have named it). */
  readonly classicalOnly: readonly string[];
  /** Named by the CNN only. */
  readonly cnnOnly: readonly string[];
  /** Named by the classical method but not among the CNN's labels: the CNN cannot say. */
  readonly outsideCnnLabels: readonly string[];
  /** CNN labels with a probability between 0.2 and 0.8, or an SD above 0.2: the CNN is unsure. */
  readonly cnnUnsure: readonly string[];
}

/**
 * Compares the classical identification (candidates at or above its score threshold; natural
 * background left out, since the CNN treats it as always present) with the CNN's labels at
 * probability ≥ 0.5.
 */
export function compareMethods(classical: IdentificationResult, cnn: readonly CnnNuclide[]): MethodComparison {
  const labels = new Set(cnn.map((c) => c.nuclide));
  const classicalNames = classical.candidates.filter((c) => !c.naturalBackground).map((c) => c.nuclide);
  const cnnNames = cnn.filter((c) => c.probability >= 0.5).map((c) => c.nuclide);
  const inCnn = new Set(cnnNames);
  const inClassical = new Set(classicalNames);
  return {
    both: classicalNames.filter((name) => inCnn.has(name)),
    classicalOnly: classicalNames.filter((name) => labels.has(name) && !inCnn.has(name)),
    cnnOnly: cnnNames.filter((name) => !inClassical.has(name)),
    outsideCnnLabels: classicalNames.filter((name) => !labels.has(name)),
    cnnUnsure: cnn.filter((c) => (c.probability > 0.2 && c.probability < 0.8) || c.sd > 0.2).map((c) => c.nuclide),
  };
}
