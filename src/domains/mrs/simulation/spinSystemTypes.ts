/**
 * One group of mutually coupled ¹H spins of a metabolite (a Vespa "spin group"): chemical shifts and
 * the symmetric J-coupling matrix. Spins of different groups do not couple, so each group is
 * simulated on its own and the signals add.
 */
export interface SpinGroup {
  /** The Vespa spin-group name (`n-acetylaspartate`, `glucose-alpha`, …). */
  readonly name: string;
  /** Chemical shift of each ¹H spin, ppm. */
  readonly shiftsPpm: readonly number[];
  /** Scalar couplings J between the ¹H spins, Hz: symmetric, zero diagonal, same order as the shifts. */
  readonly jHz: readonly (readonly number[])[];
  /**
   * Multiplier of the group's signal: 1 normally; the anomer fraction for Glc (0.36 α, 0.64 β); 3
   * for the truncated NAAG, whose acetyl CH3 is listed as one spin.
   */
  readonly scale: number;
  /** Couplings of each ¹H spin (same order as the shifts) to a ³¹P or ¹⁴N nucleus of the molecule, Hz. */
  readonly heteronuclei?: readonly HeteronuclearCoupling[];
}

/** The couplings of one heteronucleus (³¹P, ¹⁴N) to the ¹H spins of its group, Hz. */
export interface HeteronuclearCoupling {
  readonly isotope: '31P' | '14N';
  readonly jHz: readonly number[];
}

/** The spin systems of one metabolite under its basis-set name, with the other names it goes by. */
export interface MetaboliteSpinSystem {
  /** Basis-set name as LCModel and the ISMRM 2016 fitting challenge spell it (`Ins`, `sIns`, `PCho` …). */
  readonly name: string;
  /** The abbreviation in the Vespa table (`mI`, `sI`, `PCh` …). */
  readonly vespaAbbreviation: string;
  /** Names the metabolite goes by in basis sets (matched case-insensitively), `name` first. */
  readonly aliases: readonly string[];
  /** The literature source the Vespa table names for these values. */
  readonly source: string;
  readonly note?: string;
  readonly groups: readonly SpinGroup[];
}

/** The whole `spinSystems.json`: provenance header and the metabolites, sorted by name. */
export interface SpinSystemTable {
  readonly header: {
    readonly description: string;
    readonly source: string;
    readonly commit: string;
    readonly licence: string;
    readonly citation: string;
    readonly builtBy: string;
    readonly missing: string;
  };
  readonly metabolites: readonly MetaboliteSpinSystem[];
}
