import { describe, expect, it } from 'vitest';
import type { EmissionLine } from '../lines/emissionLine';
import { airToVacuumNm, estimatedStarkWidthNm, matchStarkMultiplet, starkBroadening } from './starkWidths';
import { TEST_LINES } from './testLines.testUtil';

const byWavelength = (nm: number): EmissionLine => TEST_LINES.find((l) => l.wavelengthNm === nm) as EmissionLine;

describe('starkBroadening', () => {
  it('takes Na D from STARK-B: 0.0125 nm at 10¹⁷ cm⁻³ and 10 000 K, linear in n_e', () => {
    const d2 = byWavelength(588.995);
    const s = starkBroadening(d2, 10000, 1e17);
    expect(s.source).toBe('STARK-B');
    expect(s.multipletNm).toBe(589.18);
    expect(s.fwhmNm).toBeCloseTo(0.0125, 6);
    expect(s.shiftNm).toBeCloseTo(0.00348, 6);
    expect(starkBroadening(d2, 10000, 1e15).fwhmNm).toBeCloseTo(0.000125, 8);
    // Between tabulated temperatures (5000 and 10 000 K): log–log interpolation.
    const mid = starkBroadening(d2, 7071, 1e17).fwhmNm;
    expect(mid).toBeCloseTo(Math.sqrt(0.0123 * 0.0125), 5);
    // Held at the nearest tabulated temperature outside the table.
    expect(starkBroadening(d2, 1000, 1e17).fwhmNm).toBeCloseTo(0.0116, 6);
  });

  it('matches lines to vacuum multiplet labels: Ca II H and K → 394.63, Mg II 279.55/280.27 within 0.6 %', () => {
    expect(matchStarkMultiplet(byWavelength(393.366))?.wavelengthNm).toBe(394.63);
    expect(matchStarkMultiplet(byWavelength(396.847))?.wavelengthNm).toBe(394.63);
    expect(matchStarkMultiplet(byWavelength(670.776))?.wavelengthNm).toBe(670.96);
    expect(matchStarkMultiplet(byWavelength(766.49))?.wavelengthNm).toBe(767.62);
    // Cu I has no STARK-B file here: the hydrogenic estimate is used.
    expect(starkBroadening(byWavelength(324.754), 8000, 1e16).source).toBe('hydrogenic estimate');
  });

  it('gives Hα and Hβ from Gigosos et al. 2003', () => {
    const ha = byWavelength(656.279);
    expect(starkBroadening(ha, 8000, 1e17).fwhmNm).toBeCloseTo(1.098, 6);
    expect(starkBroadening(ha, 8000, 1e16).fwhmNm).toBeCloseTo(1.098 * 0.1 ** 0.67, 6);
    const hb: EmissionLine = { element: 'H', ion: 1, wavelengthNm: 486.133, source: 'test' };
    expect(starkBroadening(hb, 8000, 1e17)).toMatchObject({ fwhmNm: 4.8, source: 'Gigosos 2003' });
  });
});

describe('estimatedStarkWidthNm', () => {
  it('is within 30 % of STARK-B at 10⁴ K for K I 767, Li I 671, Mg I 285 and Ca II 394', () => {
    for (const [nm, starkB] of [
      [766.49, 0.0274],
      [670.776, 0.0112],
      [285.213, 0.00245],
      [393.366, 0.00212],
    ] as const) {
      const ratio = estimatedStarkWidthNm(byWavelength(nm)) / starkB;
      expect(ratio).toBeGreaterThan(0.7);
      expect(ratio).toBeLessThan(1.3);
    }
  });

  it('falls back to 0.01 nm·(λ/500)²/z² without E_k', () => {
    expect(estimatedStarkWidthNm({ element: 'Co', ion: 2, wavelengthNm: 500, source: 'test' })).toBeCloseTo(0.0025, 10);
  });
});

describe('airToVacuumNm', () => {
  it('converts Na D2 588.995 nm air to 589.158 nm vacuum (NIST) and leaves < 200 nm alone', () => {
    expect(airToVacuumNm(588.995)).toBeCloseTo(589.158, 3);
    expect(airToVacuumNm(180)).toBe(180);
  });
});
