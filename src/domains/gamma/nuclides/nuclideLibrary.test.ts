import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Nuclide } from './nuclide';
import { findNuclide, nuclideLibrary } from './nuclideLibrary';

/** The line of `nuclide` nearest `energyKeV` (within `tolKeV`), summed over emitters at that exact energy. */
function lineNear(nuclide: Nuclide, energyKeV: number, tolKeV = 0.1): { energyKeV: number; intensityPct: number } {
  const near = nuclide.lines.filter((l) => Math.abs(l.energyKeV - energyKeV) <= tolKeV);
  expect(near.length, `${nuclide.name} has a line at ${energyKeV} keV`).toBeGreaterThan(0);
  return {
    energyKeV: (near[0] as { energyKeV: number }).energyKeV,
    intensityPct: near.reduce((s, l) => s + l.intensityPct, 0),
  };
}

function entry(name: string): Nuclide {
  const n = findNuclide(name);
  expect(n, name).toBeDefined();
  return n as Nuclide;
}

describe('nuclideLibrary', () => {
  const library = nuclideLibrary();

  it('holds at least 40 nuclides and the four decay series', () => {
    expect(library.length).toBeGreaterThanOrEqual(40);
    for (const chain of ['U-238 chain', 'Ra-226 chain', 'Th-232 chain', 'U-235 chain'])
      expect(entry(chain).category).toBe('natural');
    for (const name of [
      'Am-241',
      'Ba-133',
      'Cs-137',
      'Cs-134',
      'Co-60',
      'Co-57',
      'Na-22',
      'Mn-54',
      'Y-88',
      'Eu-152',
      'Eu-154',
      'Ir-192',
      'Se-75',
      'I-131',
      'I-125',
      'Tc-99m',
      'F-18',
      'Ga-67',
      'In-111',
      'Tl-201',
      'Lu-177',
      'K-40',
      'U-235',
      'U-238',
      'Cd-109',
      'Zn-65',
      'Sr-85',
      'Ce-139',
      'Hg-203',
      'Sn-113',
      'Co-56',
      'Co-58',
      'Sc-46',
      'Cr-51',
      'Fe-59',
      'Ag-110m',
      'Sb-124',
      'La-138',
      'Na-24',
      'Mn-56',
    ]) {
      entry(name);
    }
    expect(entry('K-40').category).toBe('natural');
  });

  it('is sorted by name, with unique names and every line list sorted by energy', () => {
    const names = library.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    for (const n of library) {
      expect(n.lines.length, n.name).toBeGreaterThan(0);
      expect(n.halfLifeS, n.name).toBeGreaterThan(0);
      for (let i = 1; i < n.lines.length; i++) {
        expect((n.lines[i] as { energyKeV: number }).energyKeV, n.name).toBeGreaterThanOrEqual(
          (n.lines[i - 1] as { energyKeV: number }).energyKeV,
        );
      }
      for (const l of n.lines) {
        if (l.kind === 'x-ray') expect(l.intensityPct, `${n.name} ${l.energyKeV}`).toBeGreaterThanOrEqual(1);
        else expect(l.intensityPct, `${n.name} ${l.energyKeV}`).toBeGreaterThanOrEqual(0.1);
        if (l.kind === 'annihilation') expect(l.energyKeV).toBe(511);
      }
    }
  });

  it('has Cs-137 661.657 ± 0.01 keV at ≈ 85 % and Co-60 with its two lines', () => {
    const cs = lineNear(entry('Cs-137'), 661.657, 0.01);
    expect(cs.intensityPct).toBeCloseTo(85, 0);
    const co = entry('Co-60').lines.filter((l) => l.kind === 'gamma');
    expect(co.map((l) => l.energyKeV)).toEqual([1173.228, 1332.492]);
    for (const l of co) expect(l.intensityPct).toBeGreaterThan(99.8);
    expect(entry('Cs-137').halfLifeS / (365.25 * 86400)).toBeCloseTo(30.02, 1);
  });

  it('applies the Bi-212 → Tl-208 branching in the Th-232 chain (per Th-232 decay)', () => {
    const th = entry('Th-232 chain');
    const l2614 = lineNear(th, 2614.5, 0.05);
    expect(l2614.intensityPct).toBeCloseTo(35.9, 0);
    expect(Math.abs(lineNear(th, 583.19, 0.01).intensityPct - 30.4)).toBeLessThan(0.3);
    expect(lineNear(th, 238.63, 0.01).intensityPct).toBeCloseTo(43.6, 1);
    expect(lineNear(th, 911.2).intensityPct).toBeCloseTo(26.2, 1);
    expect(th.lines.find((l) => l.energyKeV === 2614.511)?.emitter).toBe('Tl-208');
    expect(th.chainMembers).toEqual(expect.arrayContaining(['Ac-228', 'Pb-212', 'Bi-212', 'Tl-208']));
    expect(th.halfLifeS / (365.25 * 86400)).toBeCloseTo(1.402e10, -8);
  });

  it('has the radium progeny lines in the U-238 and Ra-226 chains', () => {
    for (const name of ['U-238 chain', 'Ra-226 chain']) {
      const chain = entry(name);
      expect(Math.abs(lineNear(chain, 609.31).intensityPct - 45.5)).toBeLessThan(0.1);
      expect(Math.abs(lineNear(chain, 351.93).intensityPct - 35.6)).toBeLessThan(0.1);
      expect(lineNear(chain, 1764.49).intensityPct).toBeCloseTo(15.31, 2);
      expect(lineNear(chain, 186.21).intensityPct).toBeCloseTo(3.555, 3);
    }
    const u238 = entry('U-238 chain');
    expect(lineNear(u238, 1001.03).intensityPct).toBeCloseTo(0.847, 3);
    expect(lineNear(u238, 63.3).intensityPct).toBeCloseTo(3.75, 2);
    expect(lineNear(u238, 46.54).intensityPct).toBeCloseTo(4.252, 3);
    expect(entry('Ra-226 chain').lines.some((l) => Math.abs(l.energyKeV - 1001.03) < 0.1)).toBe(false);
  });

  it('gives β+ emitters their annihilation line', () => {
    expect(lineNear(entry('Na-22'), 511).intensityPct).toBeCloseTo(180.7, 1);
    expect(lineNear(entry('F-18'), 511).intensityPct).toBeCloseTo(193.72, 2);
    expect(entry('Na-22').lines.find((l) => l.energyKeV === 511)?.kind).toBe('annihilation');
    expect(entry('Cs-137').lines.some((l) => l.kind === 'annihilation')).toBe(false);
  });

  it('folds short-lived progeny into parents that always carry them', () => {
    expect(lineNear(entry('Am-243'), 277.6).intensityPct).toBeCloseTo(14.4, 1);
    expect(lineNear(entry('Ge-68'), 1077.34).intensityPct).toBeCloseTo(3.235, 3);
    expect(lineNear(entry('Np-237'), 311.9).intensityPct).toBeCloseTo(38.3, 1);
  });

  it('finds nuclides under common spellings', () => {
    for (const spelling of ['Cs-137', 'cs137', '137Cs', '137-cs', 'CS 137'])
      expect(findNuclide(spelling)?.name).toBe('Cs-137');
    expect(findNuclide('110mAg')?.name).toBe('Ag-110m');
    expect(findNuclide('tc99m')?.name).toBe('Tc-99m');
    expect(findNuclide('th232 chain')?.name).toBe('Th-232 chain');
    expect(findNuclide('Xx-999')).toBeUndefined();
  });

  it('is small (a few hundred kB at most) and ends with a newline', () => {
    const text = readFileSync(resolve(process.cwd(), 'src/domains/gamma/nuclides/nuclideLibrary.json'), 'utf8');
    expect(text.length).toBeLessThan(300_000);
    expect(text.endsWith('\n')).toBe(true);
  });
});

const csv = resolve(process.cwd(), '../shared/physics/gamma_lines_lnhb_lara.csv');
if (!existsSync(csv)) console.warn(`nuclideLibrary: ${csv} is absent, the JSON is not checked against its source`);

describe.skipIf(!existsSync(csv))('nuclideLibrary.json against its source CSV', () => {
  it('is what scripts/gamma/buildNuclideLibrary.ts writes (run it after changing the spec)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gamma/buildNuclideLibrary.ts', '--check'], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 30_000);
});
