import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core/errors';
import {
  ionisationEnergyEv,
  MAX_PLASMA_TEMPERATURE_K,
  PLASMA_TABLES,
  partitionFunction,
  stageCount,
} from './partitionFunctions';

describe('partitionFunction', () => {
  it('returns the tabulated values at grid points', () => {
    const pf = PLASMA_TABLES.partitionFunctions;
    for (const [species, values] of Object.entries(pf.species)) {
      const [element, roman] = species.split(' ') as [string, string];
      const stage = ['I', 'II', 'III'].indexOf(roman) + 1;
      pf.temperaturesK.forEach((t, i) => {
        expect(partitionFunction(element, stage, t)).toBeCloseTo(values[i] as number, 10);
      });
    }
  });

  it('interpolates between grid points within the neighbours (ln U linear in ln T)', () => {
    const u5 = partitionFunction('Fe', 1, 5000);
    const u6 = partitionFunction('Fe', 1, 6000);
    const mid = partitionFunction('Fe', 1, 5500);
    expect(mid).toBeGreaterThan(u5);
    expect(mid).toBeLessThan(u6);
    expect(mid).toBeCloseTo(u5 * (u6 / u5) ** (Math.log(1.1) / Math.log(1.2)), 10);
  });

  it('continues above 10 000 K continuously, monotonically and boundedly (effective level)', () => {
    for (const [element, stage] of [
      ['Na', 1],
      ['Ca', 2],
      ['Fe', 1],
      ['Fe', 2],
      ['Mg', 2],
      ['Cu', 1],
    ] as const) {
      const top = partitionFunction(element, stage, 10000);
      expect(partitionFunction(element, stage, 10000.001)).toBeCloseTo(top, 4);
      let previous = top;
      for (let t = 10500; t <= MAX_PLASMA_TEMPERATURE_K; t += 500) {
        const u = partitionFunction(element, stage, t);
        expect(u).toBeGreaterThanOrEqual(previous);
        previous = u;
      }
      // The continuation's slope at the join matches the table's last interval within a factor 2.
      const tableSlope = (top - partitionFunction(element, stage, 9000)) / 1000;
      const slope = (partitionFunction(element, stage, 10100) - top) / 100;
      expect(slope / tableSlope).toBeGreaterThan(0.9);
      expect(slope / tableSlope).toBeLessThan(2);
    }
    // A closed shell that does not grow stays constant.
    expect(partitionFunction('Li', 2, 15000)).toBe(partitionFunction('Li', 2, 10000));
  });

  it('holds the 1000 K value below the grid and rejects unknown species and temperatures', () => {
    expect(partitionFunction('Fe', 1, 500)).toBe(partitionFunction('Fe', 1, 1000));
    expect(() => partitionFunction('Xx', 1, 5000)).toThrow(WorkbenchError);
    expect(() => partitionFunction('H', 3, 5000)).toThrow(/no partition function for H III/);
    expect(() => partitionFunction('Na', 1, 25000)).toThrow(/outside/);
    expect(() => partitionFunction('Na', 1, -1)).toThrow(/outside/);
  });
});

describe('ionisationEnergyEv / stageCount', () => {
  it('gives NIST energies by stage and the number of tabulated stages', () => {
    expect(ionisationEnergyEv('Na', 1)).toBe(5.13907696);
    expect(ionisationEnergyEv('Ca', 2)).toBe(11.871719);
    expect(stageCount('Na')).toBe(3);
    expect(stageCount('H')).toBe(2);
    expect(stageCount('Co')).toBe(0);
    expect(() => ionisationEnergyEv('H', 2)).toThrow(/no ionisation energy/);
  });
});
