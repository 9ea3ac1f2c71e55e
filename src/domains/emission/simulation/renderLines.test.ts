import { describe, expect, it } from 'vitest';
import { planckRadianceNm } from './physicalConstants';
import { addGaussian, addLine, erfc, pixelGridFromCentres } from './renderLines';
import { equivalentWidthNm } from './selfAbsorption';

const grid = pixelGridFromCentres(Float64Array.from({ length: 400 }, (_, i) => 550 + i * 0.35));

describe('addLine', () => {
  it('conserves a thin line’s radiance whatever the pixel size, and centres it', () => {
    const target = new Float64Array(400);
    const line = { centreNm: 600.1, sigmaNm: 0.003, gammaNm: 0.001, thinRadiance: 7, tau0: 0, planck: 1 };
    const added = addLine(target, grid, line, 0.25);
    const sum = target.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(added, 12);
    expect(sum / 7).toBeGreaterThan(0.998);
    let centroid = 0;
    target.forEach((v, i) => {
      centroid += v * (550 + i * 0.35);
    });
    expect(centroid / sum).toBeCloseTo(600.1, 2);
  });

  it('draws a thick line with the slab area B·W(τ₀)', () => {
    const target = new Float64Array(400);
    const planck = planckRadianceNm(600, 5000);
    const line = { centreNm: 600, sigmaNm: 0.003, gammaNm: 0.0005, thinRadiance: 0, tau0: 30, planck };
    addLine(target, grid, line, 0.25, 2);
    const sum = target.reduce((a, b) => a + b, 0);
    expect(sum / (2 * planck * equivalentWidthNm(30, 0.003, 0.0005))).toBeCloseTo(1, 2);
  });

  it('ignores lines outside the grid', () => {
    const target = new Float64Array(400);
    expect(
      addLine(target, grid, { centreNm: 900, sigmaNm: 0.003, gammaNm: 0, thinRadiance: 1, tau0: 0, planck: 1 }, 0.2),
    ).toBe(0);
    expect(target.every((v) => v === 0)).toBe(true);
  });
});

describe('addGaussian / erfc', () => {
  it('integrates a Gaussian exactly over pixels', () => {
    const target = new Float64Array(400);
    addGaussian(target, grid, 620.05, 0.2, 3);
    expect(target.reduce((a, b) => a + b, 0)).toBeCloseTo(3, 6);
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 7);
  });

  it('rejects a grid that does not increase', () => {
    expect(() => pixelGridFromCentres(Float64Array.from([1, 3, 2]))).toThrow(/must increase/);
  });
});
