import { describe, expect, it } from 'vitest';
import type { EmissionLine } from '../lines/emissionLine';
import { columnSd, effectiveKernel, inputImportance, pickLines } from './lineImportance';

const line = (element: string, wavelengthNm: number, gA: number, ekEv: number): EmissionLine => ({
  element,
  ion: 1,
  wavelengthNm,
  aki: gA,
  gk: 1,
  eiEv: 0,
  ekEv,
  resonance: ekEv < 3.5,
  source: 'test',
});

describe('effectiveKernel', () => {
  it('scales each hidden unit by γ/√(var + ε)', () => {
    // 2 inputs × 2 hidden units.
    const w = effectiveKernel(Float32Array.from([1, 2, 3, 4]), 2, [2, 1], [3, 0], 1);
    expect(Array.from(w)).toEqual([1, 2, 3, 4]);
    expect(() => effectiveKernel(Float32Array.from([1, 2, 3]), 2, [1, 1], [1, 1], 0)).toThrow(/2 × 2 kernel/);
  });
});

describe('columnSd and inputImportance', () => {
  it('weighs each input by its spread and the norm of its weights', () => {
    const sd = columnSd([1, 5, 3, 5], 2);
    expect(Array.from(sd)).toEqual([1, 0]);
    // Input 0: weights (3, 4) → norm 5, SD 2 → 10; input 1: weights (1, 0) but SD 0 → 0.
    const importance = inputImportance([3, 4, 1, 0], [2, 0]);
    expect(Array.from(importance)).toEqual([10, 0]);
    expect(() => inputImportance([1, 2, 3], [1, 1])).toThrow(/does not fit 2 inputs/);
  });
});

describe('pickLines', () => {
  const axis = Float64Array.from({ length: 21 }, (_, i) => 400 + 0.5 * i); // 400 … 410 nm
  const importance = new Float64Array(21);
  importance[2] = 1; // 401.0
  importance[3] = 0.9; // 401.5: same feature as 401.0 (closer than 1 nm)
  importance[12] = 0.5; // 406.0
  importance[18] = 0.25; // 409.0: no line near
  const lines = [line('Mn', 401.1, 1e8, 3), line('Fe', 401.05, 1e8, 6), line('Cr', 406.2, 1e7, 3)];

  it('picks separated maxima, best first, each named after the strongest line nearby', () => {
    const picks = pickLines(importance, axis, lines, { count: 3 });
    expect(picks.map((p) => p.wavelengthNm)).toEqual([401, 406, 409]);
    expect(picks.map((p) => p.importance)).toEqual([1, 0.5, 0.25]);
    // Mn and Fe are both within 0.4 nm of 401.0; Fe's E_k = 6 eV makes it far weaker at 5000 K.
    expect(picks[0]?.line).toEqual({ element: 'Mn', ion: 1, wavelengthNm: 401.1, resonance: true });
    expect(picks[1]?.line?.element).toBe('Cr');
    expect(picks[2]?.line).toBeUndefined();
  });

  it('names the band a pick lies in', () => {
    const picks = pickLines(importance, axis, lines, { count: 3, bands: [{ name: 'X band', fromNm: 408, toNm: 410 }] });
    expect(picks[2]?.band).toBe('X band');
    expect(picks[0]?.band).toBeUndefined();
  });

  it('refuses mismatched lengths', () => {
    expect(() => pickLines([1, 2], [400], lines)).toThrow(/2 importances for 1 wavelengths/);
  });
});
