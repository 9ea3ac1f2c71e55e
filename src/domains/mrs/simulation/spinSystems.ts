import table from './spinSystems.json';
import type { MetaboliteSpinSystem, SpinSystemTable } from './spinSystemTypes';

/**
 * The ¹H spin systems of `spinSystems.json` (built by `scripts/mrs/buildSpinSystems.ts` from the
 * Vespa table, BSD-3-Clause; Govindaraju et al., NMR Biomed 2000;13:129–153 and 2015 update).
 * Asc is missing (see the header's `missing`), NAAG is its acetyl singlet only.
 */
export const SPIN_SYSTEMS: SpinSystemTable = table as SpinSystemTable;

/**
 * The metabolites of a typical brain ¹H basis set (LCModel / ISMRM 2016 challenge names) that
 * the table holds: the default of `simulateBasisSet`.
 */
export const BRAIN_BASIS_METABOLITES: readonly string[] = [
  'Ala',
  'Asp',
  'Cr',
  'GABA',
  'Glc',
  'Gln',
  'Glu',
  'Gly',
  'GPC',
  'GSH',
  'Ins',
  'Lac',
  'NAA',
  'NAAG',
  'PCho',
  'PCr',
  'PE',
  'sIns',
  'Tau',
  '2HG',
];

/** The spin system a basis-set name refers to (name or alias, any case), or undefined. */
export function findSpinSystem(name: string): MetaboliteSpinSystem | undefined {
  const wanted = name.trim().toLowerCase();
  return SPIN_SYSTEMS.metabolites.find(
    (m) => m.name.toLowerCase() === wanted || m.aliases.some((a) => a.toLowerCase() === wanted),
  );
}

/** Number of ¹H a metabolite's simulation counts (Σ spins × scale over its groups): its pulse-acquire FID(0). */
export function protonCount(system: MetaboliteSpinSystem): number {
  return system.groups.reduce((sum, g) => sum + g.shiftsPpm.length * g.scale, 0);
}
