/**
 * Shape of `plasmaTables.json`, written by `scripts/emission/buildPlasmaTables.ts` from three
 * permissive tables (never typed by hand):
 * - partition functions: Barklem & Collet 2016, A&A 588, A96, table 8, Nov-2022 bug-fixed version
 *   (authors' public-data repository, via TheFermiSea/CF-LIBS-improved, MIT);
 * - first to third ionisation energies: NIST ASD via lmmentel/mendeleev (MIT);
 * - electron-impact Stark widths and shifts: STARK-B (Sahal-Bréchot, Dimitrijević, Ben Nessib;
 *   stark-b.obspm.fr) exports via TheFermiSea/CF-LIBS-improved (MIT).
 */

/** Partition functions U(T) of each species on one temperature grid. */
export interface PartitionFunctionTable {
  /** Temperature grid (K), ascending; Barklem & Collet's grid from 1000 K to its top, 10 000 K. */
  readonly temperaturesK: readonly number[];
  /** U(T) per species (`Na I`, `Ca II`, `Fe III`), one value per grid temperature. */
  readonly species: Readonly<Record<string, readonly number[]>>;
}

/** STARK-B electron-impact width and shift of one multiplet of a species, as functions of T_e. */
export interface StarkMultiplet {
  /** The multiplet's wavelength label as STARK-B exports it (nm; a multiplet average). */
  readonly wavelengthNm: number;
  /** Electron density the widths are given at (cm⁻³), 10¹⁷ throughout these exports. */
  readonly electronDensityCm3: number;
  /** Electron temperatures (K), ascending. */
  readonly temperaturesK: readonly number[];
  /** Full width at half maximum (nm) at each temperature (STARK-B gives Å; converted). */
  readonly widthNm: readonly number[];
  /** Line shift (nm, + towards red) at each temperature. */
  readonly shiftNm: readonly number[];
}

/** Everything the plasma simulator reads from tables. */
export interface PlasmaTables {
  /** Where each part comes from (citations, repositories, commits). */
  readonly sources: Readonly<Record<string, string>>;
  readonly partitionFunctions: PartitionFunctionTable;
  /** Ionisation energies (eV) per element: [χ_I, χ_II, χ_III] (neutral → singly ionised first; H has one). */
  readonly ionisationEnergiesEv: Readonly<Record<string, readonly number[]>>;
  /** STARK-B multiplets per species (`Na I`), sorted by wavelength. */
  readonly stark: Readonly<Record<string, readonly StarkMultiplet[]>>;
}
