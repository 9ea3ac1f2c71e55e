/**
 * A free lineshape shared by the metabolites, as LCModel models it (Provencher, MRM 1993;30:672):
 * the Voigt-broadened basis spectra are convolved with a kernel of 2J + 1 points at multiples of
 * `stepHz`, weights s_j with Σ s_j = 1 (area kept). In the time domain the convolution is the factor
 *
 *   K(t) = 1 + Σ_{j≠0} s_j·(e^{2πi·ν_j·t} − 1),  ν_j = j·stepHz,
 *
 * so the 2J side weights are free parameters (s_0 = 1 − Σ s_j follows) and K(0) = 1. A weak prior
 * pulls each side weight towards 0 (a Voigt line); asymmetric weights model the skewed lines of in
 * vivo spectra (residual eddy currents, B0 inhomogeneity) that a Voigt line cannot.
 */
export interface LineshapeKernel {
  /** Side points per side, J (0: no kernel). */
  readonly points: number;
  /** Spacing of the kernel points, Hz. */
  readonly stepHz: number;
  /** Prior SD of each side weight. */
  readonly priorSd: number;
}

/** Frequency (Hz) of side weight k (k = 0 … 2J − 1 ↔ j = −J … −1, 1 … J). */
export function kernelFrequency(kernel: LineshapeKernel, k: number): number {
  const j = k < kernel.points ? k - kernel.points : k - kernel.points + 1;
  return j * kernel.stepHz;
}
