import { describe, expect, it } from 'vitest';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { addNoise, gaussian, seeded } from '../processing/transientTestSupport';
import { CHALLENGE_ACQUISITION, challengeBasis, challengeFid } from './challengeFixtures.testUtil';
import { fitLcm } from './fitLcm';
import { type PreparedBasis, prepareBasis } from './prepareBasis';

const prepared = prepareBasis(challengeBasis(), CHALLENGE_ACQUISITION);

/** Truth: amplitudes (basis units) of a brain-like mixture. */
const TRUTH: Record<string, number> = {
  NAA: 80,
  NAAG: 8,
  Cr: 30,
  PCr: 25,
  GPC: 4,
  PCho: 3,
  Ins: 40,
  Glu: 70,
  Gln: 15,
  Mac: 60,
};

/** The basis mixed with group broadening, shift and phase, plus a broad background and noise. */
function synthetic(
  basis: PreparedBasis,
  options: { lorentzHz: number; gaussHz: number; shiftHz: number; phaseDeg: number; sigma: number; seed: number },
): ComplexArrays {
  const { points, dwellTimeS } = basis.acquisition;
  const re = new Float64Array(points);
  const im = new Float64Array(points);
  const phase = (options.phaseDeg * Math.PI) / 180;
  for (const component of basis.components) {
    const amplitude = TRUTH[component.name] ?? 0;
    if (amplitude === 0) continue;
    for (let i = 0; i < points; i++) {
      const t = i * dwellTimeS;
      const decay =
        amplitude * Math.exp(-Math.PI * options.lorentzHz * t - (Math.PI * options.gaussHz * t) ** 2 / (4 * Math.LN2));
      const angle = phase - 2 * Math.PI * options.shiftHz * t;
      const c = decay * Math.cos(angle);
      const s = decay * Math.sin(angle);
      const br = component.fid.re[i] as number;
      const bi = component.fid.im[i] as number;
      re[i] = (re[i] as number) + br * c - bi * s;
      im[i] = (im[i] as number) + br * s + bi * c;
    }
  }
  // A broad background line (0.4 ppm wide at 1.4 ppm), which the spline baseline has to take up.
  const f = (4.65 - 1.4) * 123.2;
  for (let i = 0; i < points; i++) {
    const t = i * dwellTimeS;
    const decay = 0.02 * Math.exp(-Math.PI * 50 * t);
    re[i] = (re[i] as number) + decay * Math.cos(2 * Math.PI * f * t + phase);
    im[i] = (im[i] as number) + decay * Math.sin(2 * Math.PI * f * t + phase);
  }
  return addNoise({ re, im }, options.sigma, gaussian(seeded(options.seed)));
}

describe('fitLcm on synthetic spectra with known truth', () => {
  const truth = { lorentzHz: 3, gaussHz: 4, shiftHz: 1.5, phaseDeg: 25, sigma: 0.004 };
  const fids = [11, 12, 13, 14].map((seed) => synthetic(prepared, { ...truth, seed }));
  const fits = fids.map((fid) => fitLcm(fid, prepared));

  it('recovers phase, shift and line broadening', () => {
    for (const fit of fits) {
      expect(fit.converged).toBe(true);
      expect(fit.phase0Deg).toBeCloseTo(truth.phaseDeg, 0);
      expect(Math.abs(fit.phase1DegPerPpm)).toBeLessThan(1.5);
      const metabolites = fit.groups.find((g) => g.name === 'metabolites');
      expect(metabolites?.shiftHz).toBeCloseTo(truth.shiftHz, 1);
      expect(metabolites?.lorentzianHz).toBeCloseTo(truth.lorentzHz, 0);
      expect(metabolites?.gaussianHz).toBeCloseTo(truth.gaussHz, 0);
      expect(fit.fitQuality).toBeLessThan(1.2);
    }
  });

  it('recovers the major metabolites within 3 CRLBs, and the CRLBs describe the scatter', () => {
    let inside = 0;
    let total = 0;
    for (const name of ['NAA', 'Cr', 'PCr', 'Ins', 'Glu', 'GPC', 'Mac']) {
      for (const fit of fits) {
        const k = fit.names.indexOf(name);
        const error = (fit.amplitudes[k] as number) - (TRUTH[name] as number);
        const sd = fit.amplitudeSd[k] as number;
        expect(Math.abs(error)).toBeLessThan(3 * sd + 1e-9);
        if (Math.abs(error) <= sd) inside += 1;
        total += 1;
      }
    }
    // About 68 % of errors should fall within one CRLB; allow for the small sample.
    expect(inside / total).toBeGreaterThan(0.45);
  });

  it('keeps amplitudes of absent metabolites near zero (GABA, Lac: within 3 CRLBs)', () => {
    for (const fit of fits) {
      for (const name of ['GABA', 'Lac']) {
        const k = fit.names.indexOf(name);
        const sd = fit.amplitudeSd[k] as number;
        expect(fit.amplitudes[k] as number).toBeLessThan(3 * (Number.isFinite(sd) ? sd : 1) + 0.5);
      }
    }
  });

  it('reports the data, fit, baseline and components on one ppm axis that adds up', () => {
    const fit = fits[0];
    if (fit === undefined) throw new Error('no fit');
    expect(fit.ppm[0]).toBeGreaterThanOrEqual(0.2);
    expect(fit.ppm.at(-1)).toBeLessThanOrEqual(4.2);
    for (const j of [10, 100, 200]) {
      const sum = fit.components.reduce((s, c) => s + (c[j] as number), 0) + (fit.baseline[j] as number);
      expect(sum).toBeCloseTo(fit.fit[j] as number, 6);
      expect((fit.data[j] as number) - (fit.fit[j] as number)).toBeCloseTo(fit.residual[j] as number, 9);
    }
    expect(fit.fwhmOf).toBe('NAA');
    // Voigt of 3 Hz Lorentzian and 4 Hz Gaussian ≈ 5.6 Hz (+ the basis' own width): 0.045–0.055 ppm.
    expect(fit.fwhmPpm).toBeGreaterThan(0.04);
    expect(fit.fwhmPpm).toBeLessThan(0.06);
  });
});

describe('fitLcm refuses what it cannot fit', () => {
  it('needs more points than parameters', () => {
    const fid = challengeFid('datasets_LCModel/dataset1.RAW');
    expect(() => fitLcm(fid, prepared, { rangePpm: [2.0, 2.1] })).toThrow(/too few for/);
  });
});

describe('the free lineshape kernel', () => {
  it('fits a skewed lineshape that Voigt lines cannot (a second copy 0.02 ppm up at 30 %)', () => {
    const options = { lorentzHz: 3, gaussHz: 3, shiftHz: 0, phaseDeg: 0, sigma: 0.002, seed: 5 };
    const main = synthetic(prepared, options);
    const shoulder = synthetic(prepared, { ...options, shiftHz: 0.02 * 123.2, sigma: 0, seed: 6 });
    const fid = {
      re: main.re.map((v, i) => v + 0.3 * (shoulder.re[i] as number)),
      im: main.im.map((v, i) => v + 0.3 * (shoulder.im[i] as number)),
    };
    const voigt = fitLcm(fid, prepared, { lineshapePoints: 0 });
    const kernel = fitLcm(fid, prepared, { lineshapePoints: 4 });
    expect(kernel.fitQuality).toBeLessThan(0.8 * voigt.fitQuality);
    const naa = kernel.names.indexOf('NAA');
    // Total NAA is 1.3 × 80: the kernel keeps the area.
    expect(Math.abs((kernel.amplitudes[naa] as number) / (1.3 * 80) - 1)).toBeLessThan(0.05);
  });
});

describe('basis mismatches are explained', () => {
  it('refuses a basis made for another field', () => {
    const seven = { ...CHALLENGE_ACQUISITION, spectrometerFrequencyMHz: 297.2 };
    expect(() => prepareBasis(challengeBasis(), seven)).toThrow(/made for 123\.26 MHz.*297\.20 MHz/);
  });

  it('refuses a basis shorter than the acquisition', () => {
    const long = { ...CHALLENGE_ACQUISITION, points: 8192 };
    expect(() => prepareBasis(challengeBasis(), long)).toThrow(/shorter than the data's/);
  });
});
