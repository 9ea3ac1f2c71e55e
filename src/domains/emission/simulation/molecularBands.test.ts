import { describe, expect, it } from 'vitest';
import { addMolecularBands, bandLines, MOLECULAR_BANDS } from './molecularBands';
import { pixelGridFromCentres } from './renderLines';

const band = (system: string, label: string) =>
  MOLECULAR_BANDS.find((b) => b.system === system && b.label === label) as (typeof MOLECULAR_BANDS)[number];

describe('bandLines', () => {
  it('puts N₂ 337.1 and N₂⁺ 391.4 heads at their tables, degraded to the violet (all lines shorter)', () => {
    for (const b of [band('N2', '0-0'), band('N2+', '0-0')]) {
      const { wavelengthNm, weight } = bandLines(b, 3000);
      expect(Math.max(...wavelengthNm)).toBeLessThanOrEqual(b.headNm + 0.002);
      expect(Math.max(...wavelengthNm)).toBeGreaterThan(b.headNm - 0.01);
      expect(weight.reduce((a, c) => a + c, 0)).toBeCloseTo(1, 12);
    }
  });

  it('puts the OH R head at 306.4 nm, degraded to the red, with the Q lines near 308–309 nm', () => {
    const oh = band('OH', '0-0');
    const { wavelengthNm, weight } = bandLines(oh, 3000);
    expect(Math.min(...wavelengthNm)).toBeGreaterThanOrEqual(306.36 - 0.002);
    // The intensity-weighted mean sits in the Q/P region just above 308 nm.
    const mean = wavelengthNm.reduce((s, w, i) => s + w * (weight[i] as number), 0);
    expect(mean).toBeGreaterThan(308);
    expect(mean).toBeLessThan(311);
  });

  it('spreads further from the head as the rotational temperature rises', () => {
    const spread = (t: number): number => {
      const { wavelengthNm, weight } = bandLines(band('N2', '0-0'), t);
      return wavelengthNm.reduce((s, w, i) => s + (337.13 - w) * (weight[i] as number), 0);
    };
    expect(spread(4000)).toBeGreaterThan(1.5 * spread(1500));
  });
});

describe('addMolecularBands', () => {
  it('deposits each system’s radiance on the pixels', () => {
    const centres = Float64Array.from({ length: 2000 }, (_, i) => 290 + i * 0.1);
    const target = new Float64Array(centres.length);
    addMolecularBands(target, pixelGridFromCentres(centres), { OH: 3, N2: 2 }, 2500, 0.1);
    expect(target.reduce((a, b) => a + b, 0)).toBeCloseTo(5, 6);
    const empty = new Float64Array(centres.length);
    addMolecularBands(empty, pixelGridFromCentres(centres), {}, 2500, 0.1);
    expect(empty.every((v) => v === 0)).toBe(true);
  });
});
