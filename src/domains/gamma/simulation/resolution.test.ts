import { describe, expect, it } from 'vitest';
import { FWHM_TO_SIGMA, type GadrasResolution, gadrasFwhm, gadrasSigma } from './resolution';

const ENERGIES = [60, 122, 356, 662, 1332, 2223, 2614, 4438, 6129, 10829];

/** grs-notes §4.1: InterSpec generic GADRAS detectors and the FWHM (keV) the model gives. */
const TABLE: readonly (readonly [string, GadrasResolution, readonly number[]])[] = [
  [
    'HPGe 10 %',
    { offsetKeV: 1.35, percentAt661: 0.26, power: 0.4 },
    [1.41, 1.45, 1.58, 1.72, 2.27, 2.79, 2.98, 3.68, 4.19, 5.26],
  ],
  [
    'HPGe 40 %',
    { offsetKeV: 1.55, percentAt661: 0.25, power: 0.35 },
    [1.57, 1.58, 1.62, 1.65, 2.11, 2.53, 2.67, 3.22, 3.6, 4.4],
  ],
  [
    'LaBr 10 %',
    { offsetKeV: 5.0, percentAt661: 3.0, power: 0.55 },
    [7.2, 9.1, 14.5, 19.9, 29.2, 38.6, 42.2, 56.5, 67.5, 92.3],
  ],
  [
    'NaI 3x3',
    { offsetKeV: -4.0, percentAt661: 6.3, power: 0.6 },
    [7.3, 12.2, 26.5, 41.7, 63.4, 86.2, 95.0, 130.5, 158.4, 222.9],
  ],
  [
    'NaI 2x2',
    { offsetKeV: -3.0, percentAt661: 7.0, power: 0.65 },
    [8.0, 13.4, 29.4, 46.3, 73.0, 101.8, 113.1, 159.5, 196.8, 284.9],
  ],
  [
    'NaI 1x1',
    { offsetKeV: -8.184, percentAt661: 9.0, power: 0.55 },
    [9.5, 16.4, 37.1, 59.5, 87.5, 115.9, 126.7, 169.6, 202.5, 276.9],
  ],
];

describe('gadrasFwhm', () => {
  for (const [name, params, fwhm] of TABLE) {
    it(`reproduces the grs-notes table for ${name} within 0.1 keV`, () => {
      ENERGIES.forEach((e, i) => {
        expect(Math.abs(gadrasFwhm(e, params) - (fwhm[i] as number))).toBeLessThanOrEqual(0.1);
      });
    });
  }

  it('gives b % of 661 keV at 661 keV and clamps energies below 10 keV', () => {
    const nai: GadrasResolution = { offsetKeV: -4, percentAt661: 6.3, power: 0.6 };
    expect(gadrasFwhm(661, nai)).toBeCloseTo(6.61 * 6.3, 10);
    expect(gadrasFwhm(2, nai)).toBe(gadrasFwhm(10, nai));
  });

  it('returns the offset when it exceeds the resolution at 661 keV', () => {
    expect(gadrasFwhm(100, { offsetKeV: 50, percentAt661: 2, power: 0.5 })).toBe(50);
  });

  it('increases with energy for every detector of the table', () => {
    for (const [, params] of TABLE) {
      for (let e = 20; e < 12000; e *= 1.3) expect(gadrasFwhm(e * 1.3, params)).toBeGreaterThan(gadrasFwhm(e, params));
    }
  });

  it('converts FWHM to σ (and scales it)', () => {
    const p: GadrasResolution = { offsetKeV: 0, percentAt661: 5, power: 0.5 };
    expect(FWHM_TO_SIGMA).toBeCloseTo(1 / 2.354820045, 9);
    expect(gadrasSigma(1000, p, 2)).toBeCloseTo(2 * gadrasFwhm(1000, p) * FWHM_TO_SIGMA, 12);
  });
});
