import { describe, expect, it } from 'vitest';
import { fidToPpmSpectrum } from '../processing/spectralTransform';
import { CHALLENGE_ACQUISITION, challengeBasis, challengeFid } from './challengeFixtures.testUtil';
import { fitLcm } from './fitLcm';
import { fitWater } from './fitWater';
import { prepareBasis } from './prepareBasis';
import { quantifyLcm } from './quantifyLcm';

const prepared = prepareBasis(challengeBasis(), CHALLENGE_ACQUISITION);

/** LCModel 6.3 on challenge datasets 1–5 (basis with its own MM, no simulated lipids), from the issue. */
const LCMODEL: Record<number, { naa: number; tCho: number; ins: number }> = {
  1: { naa: 1.415, tCho: 0.125, ins: 0.763 },
  2: { naa: 1.253, tCho: 0.117, ins: 0.703 },
  3: { naa: 1.128, tCho: 0.116, ins: 0.674 },
  4: { naa: 1.526, tCho: 0.131, ins: 0.74 },
  5: { naa: 1.506, tCho: 0.135, ins: 0.808 },
};

const ratios = Object.fromEntries(
  [1, 2, 3, 4, 5].map((n) => {
    const fit = fitLcm(challengeFid(`datasets_LCModel/dataset${n}.RAW`), prepared);
    const q = quantifyLcm(fit, prepared);
    const ratio = (name: string) => q.metabolites.find((m) => m.name === name)?.ratioToTCr ?? Number.NaN;
    return [n, { naa: ratio('NAA'), tCho: ratio('tCho'), ins: ratio('Ins'), quality: fit.fitQuality }];
  }),
);

describe('ISMRM 2016 fitting challenge, datasets 1–5, against LCModel 6.3', () => {
  it('fits every dataset to the noise (RMS residual / noise SD < 1.1)', () => {
    for (const n of [1, 2, 3, 4, 5]) expect(ratios[n]?.quality).toBeLessThan(1.1);
  });

  it.each([1, 4, 5])('dataset %i: NAA/tCr, tCho/tCr and Ins/tCr within 10 % of LCModel', (n) => {
    const ours = ratios[n];
    const theirs = LCMODEL[n];
    if (ours === undefined || theirs === undefined) throw new Error(`dataset ${n} missing`);
    for (const key of ['naa', 'tCho', 'ins'] as const) {
      expect(Math.abs(ours[key] / theirs[key] - 1)).toBeLessThan(0.1);
    }
  });

  it('datasets 2 and 3 (broad Lorentzian lines): tCho/tCr within 10 % of LCModel, NAA/tCr as stable as on the narrow datasets', () => {
    // LCModel's NAA/tCr falls from 1.5 to 1.13 as the lines broaden; ours stays within ±5 % of its
    // mean over all five datasets (the disagreement is recorded in the fitting README).
    const mean = [1, 2, 3, 4, 5].reduce((s, n) => s + (ratios[n]?.naa ?? 0), 0) / 5;
    for (const n of [2, 3]) {
      expect(Math.abs((ratios[n]?.tCho ?? 0) / (LCMODEL[n]?.tCho ?? 1) - 1)).toBeLessThan(0.1);
      expect(Math.abs((ratios[n]?.naa ?? 0) / mean - 1)).toBeLessThan(0.05);
    }
  });
});

describe('the Cr water-scaling test (10 mM Cr, full basis)', () => {
  const fid = challengeFid('Cr_water_scaling_LCModel/Cr_10mM_test_water_scaling.RAW');
  const waterFid = challengeFid('Cr_water_scaling_LCModel/Cr_10mM_test_water_scaling.H2O');
  const fit = fitLcm(fid, prepared);
  const water = fitWater(waterFid, CHALLENGE_ACQUISITION);
  const quantification = quantifyLcm(fit, prepared, {
    fit: water,
    scaling: {
      echoTimeS: 0.03,
      fieldT: 2.9,
      tissueFractions: { gm: 0.6, wm: 0.4, csf: 0 },
      waterRelaxation: { gm: { t2: 0.11 }, wm: { t2: 0.08 } },
      metaboliteRelaxation: { t2: 0.16 },
    },
  });
  const row = (name: string) => quantification.metabolites.find((m) => m.name === name);

  it('puts the creatine on creatine, not on choline (LCModel 6.3 misaligns it with default alignment)', () => {
    const tCr = row('tCr')?.amplitude ?? 0;
    const tCho = row('tCho')?.amplitude ?? 0;
    expect(tCho).toBeLessThan(0.01 * tCr);
    expect(Math.abs(fit.groups.find((g) => g.name === 'metabolites')?.shiftPpm ?? 1)).toBeLessThan(0.01);
  });

  it('uses the challenge water concentration 29 697 mM, and scales per proton as the integrals of the data say', () => {
    expect(quantification.waterConcentrationMM).toBeCloseTo(29697, -1);
    // Independent check: Cr (5 H) and water (2 H) integrals of the phased data, with the same corrections.
    const spectrum = fidToPpmSpectrum(fid.re, fid.im, 123.2, 0.00025, 4.65);
    const waterSpectrum = fidToPpmSpectrum(waterFid.re, waterFid.im, 123.2, 0.00025, 4.65);
    const integral = (s: typeof spectrum, ranges: [number, number][]) => {
      let sum = 0;
      for (let j = 0; j < s.ppm.length; j++) {
        const p = s.ppm[j] as number;
        if (ranges.some(([a, b]) => p >= a && p <= b)) sum += s.re[j] as number;
      }
      return sum;
    };
    const cr = integral(spectrum, [[2.5, 4.5]]);
    const h2o = integral(waterSpectrum, [[3.65, 5.65]]);
    const expected = (cr / 5 / (h2o / 2)) * 29697 * Math.exp(30 / 160);
    expect(Math.abs((row('tCr')?.concentrationMM ?? 0) / expected - 1)).toBeLessThan(0.05);
  });

  it('gives 10.9 mM against the nominal 10 mM (LCModel 6.3: 9.80): the water area is the water FID at t = 0', () => {
    // Known gap (fitting README): the .H2O file's first point is 8 % below what the README's 29 697 mM
    // predicts for the Cr it holds (Cr itself matches 10 mM × basis × e^(−30/160) to 0.3 %).
    const concentration = row('tCr')?.concentrationMM ?? 0;
    expect(concentration).toBeGreaterThan(10.5);
    expect(concentration).toBeLessThan(11.2);
  });
});
