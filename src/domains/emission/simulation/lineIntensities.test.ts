import { describe, expect, it } from 'vitest';
import type { EmissionLine } from '../lines/emissionLine';
import { lineEmission, lineEmissions } from './lineIntensities';
import { partitionFunction } from './partitionFunctions';
import { BOLTZMANN_EV_K, planckRadianceNm } from './physicalConstants';
import { CU_BOLTZMANN_LINES, TEST_LINES } from './testLines.testUtil';

/** Least-squares slope of y on x. */
function slope(x: number[], y: number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * ((y[i] as number) - my);
    sxx += (xi - mx) ** 2;
  });
  return sxy / sxx;
}

describe('lineEmission (LTE, Boltzmann)', () => {
  it('gives ε = (hc/4πλ)·A·n·g·e^{−E/kT}/U', () => {
    const na = TEST_LINES[0] as EmissionLine;
    const t = 5000;
    const e = lineEmission(na, 1e12, t);
    const nk = (1e12 * 4 * Math.exp(-2.104 / (BOLTZMANN_EV_K * t))) / partitionFunction('Na', 1, t);
    expect(e?.upperDensityCm3).toBeCloseTo(nk, 0);
    const epsilon = ((6.62607015e-34 * 299792458) / (4 * Math.PI * 588.995e-9)) * 6.16e7 * nk * 1e6;
    expect((e?.emissivity as number) / epsilon).toBeCloseTo(1, 12);
  });

  it('a Boltzmann plot of its emissivities recovers T (exactly, to 0.1 %)', () => {
    for (const t of [4000, 7000, 10000]) {
      const x: number[] = [];
      const y: number[] = [];
      for (const line of CU_BOLTZMANN_LINES) {
        const e = lineEmission(line, 1e12, t);
        x.push(line.ekEv as number);
        y.push(
          Math.log(((e?.emissivity as number) * line.wavelengthNm) / ((line.gk as number) * (line.aki as number))),
        );
      }
      expect(-1 / (BOLTZMANN_EV_K * slope(x, y)) / t).toBeCloseTo(1, 3);
    }
  });

  it('the ratio of two Cu I lines follows exp(−ΔE/kT) with temperature', () => {
    const [a, , , b] = CU_BOLTZMANN_LINES as [EmissionLine, EmissionLine, EmissionLine, EmissionLine];
    let previous = 0;
    for (const t of [3000, 5000, 8000]) {
      const ratio = (lineEmission(b, 1, t)?.emissivity as number) / (lineEmission(a, 1, t)?.emissivity as number);
      const expected =
        ((6e7 * 4 * 324.754) / (1.39e8 * 4 * 515.324)) * Math.exp(-(6.191 - 3.817) / (BOLTZMANN_EV_K * t));
      expect(ratio / expected).toBeCloseTo(1, 10);
      expect(ratio).toBeGreaterThan(previous);
      previous = ratio;
    }
  });

  it('absorption K = ε/B_λ agrees with the Einstein-relation form from the lower level (0.5 %, rounded energies)', () => {
    const t = 6000;
    for (const line of TEST_LINES) {
      const e = lineEmission(line, 1e13, t);
      const lambda = line.wavelengthNm * 1e-9;
      const lower =
        (1e13 * 1e6 * (line.gi as number) * Math.exp(-(line.eiEv as number) / (BOLTZMANN_EV_K * t))) /
        partitionFunction(line.element, line.ion, t);
      const stimulated = -Math.expm1(-(6.62607015e-34 * 299792458) / (lambda * 1.380649e-23 * t));
      const einstein =
        (lambda ** 4 / (8 * Math.PI * 299792458)) *
        ((line.gk as number) / (line.gi as number)) *
        (line.aki as number) *
        lower *
        stimulated *
        1e9;
      expect((e?.absorptionNm as number) / einstein).toBeGreaterThan(0.99);
      expect((e?.absorptionNm as number) / einstein).toBeLessThan(1.01);
      expect(
        ((e?.absorptionNm as number) * planckRadianceNm(line.wavelengthNm, t)) / (e?.emissivity as number),
      ).toBeCloseTo(1, 12);
    }
  });

  it('skips lines without A_ki/E_k/g_k and species not in the plasma', () => {
    const bare: EmissionLine = { element: 'Na', ion: 1, wavelengthNm: 330.24, source: 'test' };
    const { emissions, skipped } = lineEmissions(
      [bare, TEST_LINES[0] as EmissionLine, TEST_LINES[2] as EmissionLine],
      new Map([['Na I', 1e12]]),
      () => 5000,
    );
    expect(emissions.map((e) => e.line.wavelengthNm)).toEqual([588.995]);
    expect(skipped.map((s) => s.line)).toEqual([bare]);
  });
});
