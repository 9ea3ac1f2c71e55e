import { WorkbenchError } from '../../../core';
import type { Nuclide, NuclideCategory, NuclideLine } from './nuclide';
import libraryJson from './nuclideLibrary.json';

const CATEGORIES: ReadonlySet<string> = new Set<NuclideCategory>([
  'natural',
  'industrial',
  'medical',
  'calibration',
  'nuclear-material',
  'activation',
  'fission',
]);
const KINDS: ReadonlySet<string> = new Set<NuclideLine['kind']>(['gamma', 'x-ray', 'annihilation']);

let cache: readonly Nuclide[] | undefined;
let byKey: ReadonlyMap<string, Nuclide> | undefined;

/** Shape check of one entry of the shipped JSON (it is generated, so a failure is a build bug). */
function checkedEntry(raw: unknown, index: number): Nuclide {
  const fail = (what: string): never => {
    throw new WorkbenchError('INTERNAL', `nuclideLibrary.json entry ${index}: ${what}`);
  };
  const e = raw as Partial<Record<keyof Nuclide, unknown>>;
  if (typeof e.name !== 'string' || e.name === '') fail('no name');
  if (typeof e.halfLifeS !== 'number' || !(e.halfLifeS > 0)) fail('half-life is not a positive number');
  if (typeof e.category !== 'string' || !CATEGORIES.has(e.category)) fail(`unknown category ${String(e.category)}`);
  if (typeof e.source !== 'string') fail('no source');
  if (!Array.isArray(e.lines) || e.lines.length === 0) fail('no lines');
  let previous = 0;
  for (const line of e.lines as Partial<NuclideLine>[]) {
    const energy = line.energyKeV;
    if (typeof energy !== 'number' || !(energy > 0) || energy < previous) fail('line energies not positive and sorted');
    if (typeof line.intensityPct !== 'number' || !(line.intensityPct > 0)) fail('line intensity not positive');
    if (typeof line.kind !== 'string' || !KINDS.has(line.kind)) fail(`unknown line kind ${String(line.kind)}`);
    previous = energy as number;
  }
  return Object.freeze(raw as Nuclide);
}

/**
 * The shipped nuclide library: {@link Nuclide} entries (single nuclides, parents with their
 * short-lived progeny, and the U-238, Ra-226, Th-232 and U-235 series in secular equilibrium as
 * `… chain`), sorted by name, lines sorted by energy. Intensities are photons per 100 decays of
 * the entry's parent, from LNHB/DDEP recommended data (see `README.md` here for provenance,
 * selection cuts and the branching ratios used). Built by `scripts/gamma/buildNuclideLibrary.ts`.
 */
export function nuclideLibrary(): readonly Nuclide[] {
  if (cache === undefined)
    cache = Object.freeze(libraryJson.nuclides.map((raw: unknown, i: number) => checkedEntry(raw, i)));
  return cache;
}

/**
 * Lookup key of a nuclide name: case, spaces, hyphens and underscores ignored, and the
 * mass-number-first spelling accepted (`Cs-137`, `cs137`, `137Cs`, `137-cs`, `Ag110m`, `110mAg`
 * and `th232chain` all work).
 */
function nameKey(name: string): string {
  const compact = name.toLowerCase().replace(/[\s\-_]+/g, '');
  const massFirst = /^(\d+)(m?)([a-z]{1,2})(chain)?$/.exec(compact);
  return massFirst ? `${massFirst[3]}${massFirst[1]}${massFirst[2]}${massFirst[4] ?? ''}` : compact;
}

/** The library entry called `name` (see {@link nameKey} for the spellings accepted), or `undefined`. */
export function findNuclide(name: string): Nuclide | undefined {
  if (byKey === undefined) byKey = new Map(nuclideLibrary().map((n) => [nameKey(n.name), n]));
  return byKey.get(nameKey(name));
}
