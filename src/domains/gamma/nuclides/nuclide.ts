/** One photon line of a nuclide (or of a decay chain in equilibrium). */
export interface NuclideLine {
  readonly energyKeV: number;
  /** Photons per 100 decays of the parent nuclide (chain branchings applied for chains). */
  readonly intensityPct: number;
  readonly kind: 'gamma' | 'x-ray' | 'annihilation';
  /** Nuclide that emits it, when it differs from the parent (e.g. `Bi-214` in the `Ra-226` chain). */
  readonly emitter?: string;
}

/** Why a nuclide is in the library; drives default priors and the "natural background" flag. */
export type NuclideCategory =
  | 'natural'
  | 'industrial'
  | 'medical'
  | 'calibration'
  | 'nuclear-material'
  | 'activation'
  | 'fission';

/** A nuclide (or a chain in secular equilibrium, named after its parent) with its photon lines. */
export interface Nuclide {
  /** Canonical name, `Cs-137`, `Th-232 chain`. */
  readonly name: string;
  readonly halfLifeS: number;
  readonly category: NuclideCategory;
  /** Lines sorted by energy. */
  readonly lines: readonly NuclideLine[];
  /** Daughters whose lines are included, for chains. */
  readonly chainMembers?: readonly string[];
  /** Where the data come from (evaluation reference). */
  readonly source: string;
}
