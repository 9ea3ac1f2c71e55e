/**
 * A fitted gamma peak: what peak fitting produces and what nuclide identification consumes.
 * Energies in keV; areas in counts (net of the continuum); every `…Sigma` is one standard
 * deviation from the fit's covariance (scaled by the reduced χ² when that exceeds 1).
 */
export interface GammaPeak {
  readonly centroidKeV: number;
  readonly centroidSigmaKeV: number;
  readonly fwhmKeV: number;
  readonly fwhmSigmaKeV: number;
  /** Net peak area in counts (continuum and step removed). */
  readonly netArea: number;
  readonly netAreaSigma: number;
  /** Net area / its sigma: how clearly the peak stands above the continuum. */
  readonly significance: number;
  /** Channel index of the centroid (fractional), for plots and recalibration. */
  readonly centroidChannel: number;
  /** Id of the multiplet this peak was fitted in (peaks fitted together share it). */
  readonly regionId: number;
}
