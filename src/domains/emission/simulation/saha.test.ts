import { describe, expect, it } from 'vitest';
import { ionisationEnergyEv, partitionFunction } from './partitionFunctions';
import { BOLTZMANN_EV_K } from './physicalConstants';
import { ionisationLoweringEv, ionStageFractions, sahaRatio } from './saha';

describe('sahaRatio', () => {
  it('equals the textbook form 4.83·10¹⁵·T^1.5·(U⁺/U)·e^{−χ/kT}/n_e (optical-notes §3.1)', () => {
    for (const [element, t, ne] of [
      ['Na', 5000, 1e15],
      ['Ca', 7000, 1e16],
      ['Cu', 9000, 1e17],
    ] as const) {
      const textbook =
        (4.829e15 *
          t ** 1.5 *
          (partitionFunction(element, 2, t) / partitionFunction(element, 1, t)) *
          Math.exp(-ionisationEnergyEv(element, 1) / (BOLTZMANN_EV_K * t))) /
        ne;
      expect(sahaRatio(element, 1, t, ne, { lowering: false }) / textbook).toBeCloseTo(1, 3);
    }
  });

  it('is raised by the Debye lowering, 0.03 eV at 5000 K and 10¹⁶ cm⁻³', () => {
    expect(ionisationLoweringEv(1, 5000, 1e16)).toBeCloseTo(0.0295, 3);
    expect(ionisationLoweringEv(1, 1e4, 1e17)).toBeCloseTo(0.066, 3);
    const ratio = sahaRatio('Na', 1, 5000, 1e16) / sahaRatio('Na', 1, 5000, 1e16, { lowering: false });
    expect(ratio).toBeCloseTo(Math.exp(0.0295 / (BOLTZMANN_EV_K * 5000)), 2);
  });
});

describe('ionStageFractions', () => {
  it('has the documented magnitudes at 5000 K and 10¹⁵ cm⁻³: Na 85 %, Ca 69 %, Mg 6 %, Cu 1 % ionised', () => {
    expect(ionStageFractions('Na', 5000, 1e15)[1]).toBeCloseTo(0.848, 2);
    expect(ionStageFractions('Ca', 5000, 1e15)[1]).toBeCloseTo(0.69, 2);
    expect(ionStageFractions('Mg', 5000, 1e15)[1]).toBeCloseTo(0.063, 2);
    expect(ionStageFractions('Cu', 5000, 1e15)[1]).toBeCloseTo(0.012, 2);
  });

  it('sums to 1, with two stages for H and three otherwise', () => {
    expect(ionStageFractions('H', 8000, 1e15)).toHaveLength(2);
    for (const element of ['Na', 'Ca', 'Fe', 'Pb']) {
      const f = ionStageFractions(element, 8000, 1e15);
      expect(f).toHaveLength(3);
      expect(f.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('ionises more with temperature and less with electron density', () => {
    for (const element of ['Na', 'Li', 'Ca', 'Mg', 'Cu']) {
      let previous = 2;
      for (let t = 3000; t <= 10000; t += 500) {
        const neutral = ionStageFractions(element, t, 1e15)[0] as number;
        expect(neutral).toBeLessThan(previous);
        previous = neutral;
      }
      previous = -1;
      for (let ne = 1e14; ne <= 1e17; ne *= 3) {
        const neutral = ionStageFractions(element, 6000, ne)[0] as number;
        expect(neutral).toBeGreaterThan(previous);
        previous = neutral;
      }
    }
  });

  it('rejects unknown elements and non-physical plasmas', () => {
    expect(() => ionStageFractions('Co', 5000, 1e15)).toThrow(/no Saha data/);
    expect(() => ionStageFractions('Na', 5000, 0)).toThrow(/electron density/);
    expect(() => ionStageFractions('Na', Number.NaN, 1e15)).toThrow(/temperature/);
  });
});
