import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { normalDeviates, voigt } from './emissionTest.testUtil';
import { fitVoigtRegion } from './fitVoigtRegion';
import { pseudoVoigtValue, thompsonCoxHastings } from './pseudoVoigt';

/** A 0.02 nm grid over 6 nm around a Ca II-like doublet (FWHMs in nm; areas in counts·nm). */
const x = Float64Array.from({ length: 301 }, (_, i) => 393 + i * 0.02);
const lines = [
  { c: 395.2, area: 40, fG: 0.12, fL: 0.1 },
  { c: 395.65, area: 25, fG: 0.12, fL: 0.16 },
];
const background = (v: number) => 30 + 2 * (v - 396);

describe('fitVoigtRegion', () => {
  it('recovers two blended exact Voigts on a sloping background (pseudo-Voigt model error only)', () => {
    const y = Float64Array.from(
      x,
      (v) => background(v) + lines.reduce((s, l) => s + l.area * voigt(v, l.c, l.fG, l.fL), 0),
    );
    const guesses = lines.map((l) => ({ x: l.c + 0.03, height: l.area * 3, fwhm: 0.2 }));
    const fit = fitVoigtRegion(x, y, guesses);
    expect(fit.converged).toBe(true);
    fit.lines.forEach((line, j) => {
      const truth = lines[j] as (typeof lines)[number];
      const fwhm = thompsonCoxHastings(truth.fG, truth.fL).fwhm;
      console.info(
        `exact Voigt ${j}: Δx ${(line.x - truth.c).toExponential(2)} nm, area ${(line.area / truth.area - 1).toExponential(2)}, FWHM ${(line.fwhm / fwhm - 1).toExponential(2)}, Γ_G ${(line.gaussianFwhm - truth.fG).toExponential(2)}, Γ_L ${(line.lorentzianFwhm - truth.fL).toExponential(2)} nm`,
      );
      expect(Math.abs(line.x - truth.c)).toBeLessThan(0.001); // 1/20 of a point
      expect(Math.abs(line.area / truth.area - 1)).toBeLessThan(0.015); // measured +1.0 %: TCH wings vs the Voigt
      expect(Math.abs(line.fwhm / fwhm - 1)).toBeLessThan(0.01);
      expect(Math.abs(line.lorentzianFwhm - truth.fL)).toBeLessThan(0.015);
      expect(Math.abs(line.gaussianFwhm - truth.fG)).toBeLessThan(0.015);
    });
    expect(fit.background.slope).toBeCloseTo(2, 1);
  });

  it('gives σ that cover the truth about 68 % of the time (200 noisy spectra, unit weights)', () => {
    const normal = normalDeviates(7);
    const clean = Float64Array.from(x, (v) => {
      let s = background(v);
      for (const l of lines) {
        const shape = thompsonCoxHastings(l.fG, l.fL);
        s += pseudoVoigtValue(v, l.c, l.area, shape.fwhm, shape.eta);
      }
      return s;
    });
    const trials = 200;
    const hits = { x: 0, area: 0, fwhm: 0, fL: 0 };
    let counted = 0;
    for (let t = 0; t < trials; t++) {
      const y = Float64Array.from(clean, (v) => v + 2.5 * normal()); // peak heights ≈ 120 and 80 → SNR 30–50
      const fit = fitVoigtRegion(
        x,
        y,
        lines.map((l) => ({ x: l.c, height: l.area * 3, fwhm: 0.2 })),
      );
      const line = fit.lines[0];
      const truth = lines[0] as (typeof lines)[number];
      if (line === undefined || line.atBound) continue;
      counted++;
      if (Math.abs(line.x - truth.c) <= line.xSigma) hits.x++;
      if (Math.abs(line.area - truth.area) <= line.areaSigma) hits.area++;
      if (Math.abs(line.fwhm - thompsonCoxHastings(truth.fG, truth.fL).fwhm) <= line.fwhmSigma) hits.fwhm++;
      if (Math.abs(line.lorentzianFwhm - truth.fL) <= line.lorentzianFwhmSigma) hits.fL++;
    }
    const coverage = Object.fromEntries(Object.entries(hits).map(([key, h]) => [key, h / counted]));
    console.info(`Voigt fit 1σ coverage over ${counted} spectra: ${JSON.stringify(coverage)}`);
    expect(counted).toBeGreaterThan(180);
    for (const value of Object.values(coverage)) {
      // binomial SD of a 68 % rate over 200 trials ≈ 3.3 %: ± 2.5 SD
      expect(value).toBeGreaterThan(0.6);
      expect(value).toBeLessThan(0.77);
    }
  });

  it('fits only the Lorentzian (Stark) width when the Gaussian (instrument) width is given', () => {
    const y = Float64Array.from(x, (v) => background(v) + 40 * voigt(v, 395.2, 0.12, 0.1));
    const fit = fitVoigtRegion(x.subarray(60, 200), y.subarray(60, 200), [{ x: 395.2, height: 100, fwhm: 0.2 }], {
      fixedGaussianFwhm: 0.12,
    });
    const line = fit.lines[0];
    expect(line?.gaussianFwhm).toBe(0.12);
    expect(line?.gaussianFwhmSigma).toBe(0);
    expect(Math.abs((line?.lorentzianFwhm ?? 0) - 0.1)).toBeLessThan(0.005);
    expect(line?.atBound).toBe(false);
  });

  it('uses given σ as absolute weights (σ not shrunk by a χ²_red below 1)', () => {
    const normal = normalDeviates(11);
    const y = Float64Array.from(x, (v) => background(v) + 40 * voigt(v, 395.2, 0.12, 0.1) + 0.5 * normal());
    const guess = [{ x: 395.2, height: 100, fwhm: 0.2 }];
    const relative = fitVoigtRegion(x, y, guess).lines[0];
    const absolute = fitVoigtRegion(x, y, guess, { sigma: new Float64Array(x.length).fill(5) }).lines[0];
    // true noise 0.5: the χ²_red-scaled σ follows the data, the absolute one keeps the stated σ = 5
    expect((absolute?.areaSigma ?? 0) / (relative?.areaSigma ?? 1)).toBeGreaterThan(8);
  });

  it('refuses what it cannot fit', () => {
    expect(thrownWorkbenchError(() => fitVoigtRegion(x, x, [])).message).toMatch(/no lines/);
    expect(
      thrownWorkbenchError(() => fitVoigtRegion([1, 2, 3], [1, 2, 3], [{ x: 2, height: 1, fwhm: 1 }])).message,
    ).toMatch(/6 parameters need at least 7 points/);
    expect(
      thrownWorkbenchError(() => fitVoigtRegion(x, x, [{ x: 395, height: 1, fwhm: 1 }], { fixedGaussianFwhm: 0 }))
        .message,
    ).toMatch(/fixed Gaussian/);
  });
});
