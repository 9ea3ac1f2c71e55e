/**
 * Builds `src/domains/emission/simulation/plasmaTables.json` (committed) for the emission plasma
 * simulator from three permissive tables in `../shared`:
 * - `fixtures/optical/physics_tables/barklem_collet_2016_partition_functions_table8.dat`:
 *   partition functions of Barklem & Collet 2016 (A&A 588, A96), table 8, the Nov-2022 bug-fixed
 *   version (authors' github.com/barklem/public-data), copied from TheFermiSea/CF-LIBS-improved
 *   (MIT) at commit 4196c5714d52318a0b5d3755bdf446c6b8e3155f;
 * - `physics/ionization_energies_mendeleev.csv`: ionisation energies of stages I–III from
 *   lmmentel/mendeleev (MIT) commit 580e34010f5c90cf0a025d365948fd343670e9d2, upstream NIST ASD;
 * - `fixtures/optical/physics_tables/stark_b/<El>_<ion>.csv`: STARK-B electron-impact widths and
 *   shifts (Sahal-Bréchot, Dimitrijević, Ben Nessib; stark-b.obspm.fr), same CF-LIBS-improved commit.
 *
 *   npx tsx scripts/emission/buildPlasmaTables.ts          write the JSON
 *   npx tsx scripts/emission/buildPlasmaTables.ts --check  exit 1 when the committed JSON differs
 *
 * What it keeps: the elements of the ionisation-energy table (25: H … Pb), their stages I–III in the
 * partition-function table on the grid points from 1000 K to 10 000 K (the table's top; the
 * simulator extrapolates above it, see partitionFunctions.ts), and every STARK-B multiplet of a stage I
 * or II species (the stages an EmissionLine has) with its widths and shifts converted from Å to nm (MANIFEST.md: "widths W and shifts d in Å"). Values are
 * copied as printed (6 significant digits), sorted, and the JSON is formatted by Biome.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlasmaTables, StarkMultiplet } from '../../src/domains/emission/simulation/plasmaTableTypes';
import { splitCsv } from '../lib/splitCsv';
import { writeGeneratedJson } from '../lib/writeGeneratedJson';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shared = resolve(root, '../shared');
const tablesDir = resolve(shared, 'fixtures/optical/physics_tables');
const partitionPath = resolve(tablesDir, 'barklem_collet_2016_partition_functions_table8.dat');
const ionisationPath = resolve(shared, 'physics/ionization_energies_mendeleev.csv');
const starkDir = resolve(tablesDir, 'stark_b');
const outPath = resolve(root, 'src/domains/emission/simulation/plasmaTables.json');

/** Lowest grid temperature kept (K): the simulator never needs colder plasmas. */
const MIN_TEMPERATURE_K = 1000;
const ROMAN = ['I', 'II', 'III'] as const;

function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = splitCsv(lines[0] as string);
  return lines.slice(1).map((line, i) => {
    const cells = splitCsv(line);
    if (cells.length !== header.length) throw new Error(`${path} line ${i + 2}: ${cells.length} cells`);
    return Object.fromEntries(header.map((h, j) => [h, cells[j] as string]));
  });
}

function number(text: string | undefined, where: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(value)) throw new Error(`${where}: "${text}"`);
  return value;
}

/** Element → [χ_I, χ_II, χ_III] in eV. */
function ionisationEnergies(): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const row of readCsv(ionisationPath)) {
    const element = row.element as string;
    const stage = number(row.sp_num, `${element} sp_num`);
    const energy = number(row.ionization_energy_eV, `${element} ${stage} ionization_energy_eV`);
    const list = out[element] ?? [];
    list[stage - 1] = energy;
    out[element] = list;
  }
  for (const [element, list] of Object.entries(out)) {
    if (list.length === 0 || list.some((v) => v === undefined)) throw new Error(`${element}: stages not contiguous`);
  }
  return out;
}

/**
 * Partition functions on the grid points ≥ MIN_TEMPERATURE_K of each element's stages I … up to
 * one above its last ionisation energy (H: I, II), at most III (the table's top stage).
 */
function partitionFunctions(stageCounts: Readonly<Record<string, number>>): PlasmaTables['partitionFunctions'] {
  const lines = readFileSync(partitionPath, 'utf8').split(/\r?\n/);
  const gridLine = lines.find((l) => l.trim().startsWith('T [K]'));
  if (gridLine === undefined) throw new Error('partition table: no "T [K]" grid line');
  const grid = gridLine.trim().slice(5).trim().split(/\s+/).map(Number);
  const keep = grid.map((t, i) => (t >= MIN_TEMPERATURE_K ? i : -1)).filter((i) => i >= 0);
  const rows = new Map<string, number[]>();
  for (const line of lines) {
    const cells = line.trim().split(/\s+/);
    if (cells.length !== grid.length + 1) continue;
    rows.set(cells[0] as string, cells.slice(1).map(Number));
  }
  const species: Record<string, number[]> = {};
  for (const element of Object.keys(stageCounts).sort()) {
    const stages = Math.min(ROMAN.length, (stageCounts[element] as number) + 1);
    for (const [stage, roman] of ROMAN.slice(0, stages).entries()) {
      const row = rows.get(`${element}_${roman}`);
      if (row === undefined) throw new Error(`partition table: no row ${element}_${roman} (stage ${stage + 1})`);
      species[`${element} ${roman}`] = keep.map((i) => number(String(row[i]), `${element}_${roman} column ${i}`));
    }
  }
  return { temperaturesK: keep.map((i) => grid[i] as number), species };
}

const ANGSTROM_TO_NM = 0.1;

/** STARK-B multiplets per species, widths and shifts in nm. */
function starkTables(): Record<string, StarkMultiplet[]> {
  const out: Record<string, StarkMultiplet[]> = {};
  for (const file of readdirSync(starkDir).sort()) {
    // Stages I and II only: an EmissionLine is neutral or singly ionised (Cu III, without shifts, is left out).
    const match = /^([A-Z][a-z]?)_(I|II)\.csv$/.exec(file);
    if (match === null) continue;
    const species = `${match[1]} ${match[2]}`;
    const groups = new Map<string, { nE: number; rows: { t: number; w: number; d: number }[] }>();
    for (const row of readCsv(resolve(starkDir, file))) {
      const key = row.transition as string;
      const nE = number(row.n_e, `${file} n_e`);
      const group = groups.get(key) ?? { nE, rows: [] };
      if (group.nE !== nE) throw new Error(`${file} ${key}: several electron densities`);
      group.rows.push({
        t: number(row.T_e, `${file} T_e`),
        w: number(row.gamma_W, `${file} gamma_W`),
        d: number(row.gamma_d, `${file} gamma_d`),
      });
      groups.set(key, group);
    }
    const multiplets: StarkMultiplet[] = [];
    for (const [key, group] of groups) {
      const rows = group.rows.sort((a, b) => a.t - b.t);
      multiplets.push({
        wavelengthNm: number(key, `${file} transition`),
        electronDensityCm3: group.nE,
        temperaturesK: rows.map((r) => r.t),
        widthNm: rows.map((r) => Number((r.w * ANGSTROM_TO_NM).toPrecision(6))),
        shiftNm: rows.map((r) => Number((r.d * ANGSTROM_TO_NM).toPrecision(6))),
      });
    }
    out[species] = multiplets.sort((a, b) => a.wavelengthNm - b.wavelengthNm);
  }
  return out;
}

function build(): PlasmaTables {
  const ionisationEnergiesEv = ionisationEnergies();
  return {
    sources: {
      partitionFunctions:
        'Barklem & Collet 2016, A&A 588, A96, table 8 (Nov-2022 bug-fixed, github.com/barklem/public-data) via TheFermiSea/CF-LIBS-improved (MIT) @4196c5714d52318a0b5d3755bdf446c6b8e3155f',
      ionisationEnergies:
        'NIST ASD (Kramida, Ralchenko, Reader & NIST ASD Team) via lmmentel/mendeleev (MIT) @580e34010f5c90cf0a025d365948fd343670e9d2',
      stark:
        'STARK-B (Sahal-Bréchot, Dimitrijević, Ben Nessib; stark-b.obspm.fr) via TheFermiSea/CF-LIBS-improved (MIT) @4196c5714d52318a0b5d3755bdf446c6b8e3155f; Å converted to nm',
    },
    partitionFunctions: partitionFunctions(
      Object.fromEntries(Object.entries(ionisationEnergiesEv).map(([element, list]) => [element, list.length])),
    ),
    ionisationEnergiesEv: Object.fromEntries(Object.entries(ionisationEnergiesEv).sort(([a], [b]) => (a < b ? -1 : 1))),
    stark: starkTables(),
  };
}

writeGeneratedJson(root, outPath, build(), 'scripts/emission/buildPlasmaTables.ts');
