import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLASMA_TABLES } from './partitionFunctions';

// The JSON is built by scripts/emission/buildPlasmaTables.ts from the permissive tables in ../shared;
// these tests re-read those tables and compare, so a hand edit of the JSON fails here.
const TABLES = path.resolve(process.cwd(), '../shared/fixtures/optical/physics_tables');
const IONISATION = path.resolve(process.cwd(), '../shared/physics/ionization_energies_mendeleev.csv');
const haveShared = existsSync(TABLES) && existsSync(IONISATION);
if (!haveShared) console.warn(`plasmaTables tests: ${TABLES} is missing, the source comparisons are skipped`);

describe('plasmaTables.json (shipped)', () => {
  it('holds stages I–III of 24 elements and I–II of H on the 1000–10 000 K grid', () => {
    const pf = PLASMA_TABLES.partitionFunctions;
    expect(pf.temperaturesK[0]).toBe(1000);
    expect(pf.temperaturesK.at(-1)).toBe(10000);
    expect(Object.keys(PLASMA_TABLES.ionisationEnergiesEv)).toHaveLength(25);
    expect(pf.species['H II']).toBeDefined();
    expect(pf.species['H III']).toBeUndefined();
    for (const values of Object.values(pf.species)) expect(values).toHaveLength(pf.temperaturesK.length);
  });

  it('keeps the Nov-2022 bug-fixed Na I value (5.848 at 10 000 K, not the original 17.5 % higher)', () => {
    expect(PLASMA_TABLES.partitionFunctions.species['Na I']?.at(-1)).toBeCloseTo(5.84799, 5);
  });

  it('has the PROVENANCE check values of the ionisation energies', () => {
    expect(PLASMA_TABLES.ionisationEnergiesEv.Na?.[0]).toBe(5.13907696);
    expect(PLASMA_TABLES.ionisationEnergiesEv.K?.[0]).toBe(4.34066373);
    expect(PLASMA_TABLES.ionisationEnergiesEv.H?.[0]).toBe(13.598434599702);
    expect(PLASMA_TABLES.ionisationEnergiesEv.Ca?.[1]).toBe(11.871719);
  });
});

describe.skipIf(!haveShared)('plasmaTables.json against its sources in ../shared', () => {
  it('equals Barklem & Collet table 8 at every kept grid point', () => {
    const lines = readFileSync(path.join(TABLES, 'barklem_collet_2016_partition_functions_table8.dat'), 'utf8').split(
      '\n',
    );
    const grid = (lines.find((l) => l.trim().startsWith('T [K]')) as string)
      .trim()
      .slice(5)
      .trim()
      .split(/\s+/)
      .map(Number);
    const rows = new Map(lines.map((l) => l.trim().split(/\s+/)).map((c) => [c[0] as string, c.slice(1).map(Number)]));
    const pf = PLASMA_TABLES.partitionFunctions;
    for (const [species, values] of Object.entries(pf.species)) {
      const row = rows.get(species.replace(' ', '_')) as number[];
      pf.temperaturesK.forEach((t, i) => {
        expect(values[i]).toBe(row[grid.indexOf(t)]);
      });
    }
  });

  it('equals the STARK-B exports, Å converted to nm', () => {
    const dir = path.join(TABLES, 'stark_b');
    let checked = 0;
    for (const file of readdirSync(dir).filter((f) => /_(I|II)\.csv$/.test(f))) {
      const multiplets = PLASMA_TABLES.stark[file.replace('.csv', '').replace('_', ' ')] ?? [];
      for (const row of readFileSync(path.join(dir, file), 'utf8').trim().split('\n').slice(1)) {
        const [label, t, , w, d] = row.split(',').map(Number) as number[];
        const m = multiplets.find((x) => x.wavelengthNm === label);
        const i = m?.temperaturesK.indexOf(t as number) ?? -1;
        expect(i).toBeGreaterThanOrEqual(0);
        expect(m?.widthNm[i]).toBeCloseTo((w as number) / 10, 9);
        expect(m?.shiftNm[i]).toBeCloseTo((d as number) / 10, 9);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('equals the mendeleev ionisation energies', () => {
    const rows = readFileSync(IONISATION, 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      const cells = row.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
      const [element, , , stage] = cells;
      expect(PLASMA_TABLES.ionisationEnergiesEv[element as string]?.[Number(stage) - 1]).toBe(Number(cells[7]));
    }
  });
});
