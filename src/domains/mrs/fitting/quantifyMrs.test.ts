import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLcmodelRaw } from '../formats/lcmodelRaw';
import { CHALLENGE, challengeBasis } from './challengeFixtures.testUtil';
import { quantifyMrs } from './quantifyMrs';

const acquisition = { dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.2 };
const read = (path: string) => {
  const [spectrum] = parseLcmodelRaw(readFileSync(new URL(path, CHALLENGE)), path, { mrsAcquisition: acquisition });
  if (spectrum === undefined) throw new Error(path);
  return spectrum;
};

describe('quantifyMrs', () => {
  const metabolite = read('datasets_LCModel/dataset1.RAW');
  const water = read('datasets_LCModel/dataset1.H2O');
  const basis = challengeBasis();

  it('references, fits and gives ratios without a water reference, and says so', () => {
    const result = quantifyMrs(metabolite, basis, undefined);
    expect(result.quantification.waterConcentrationMM).toBeUndefined();
    expect(result.notes.join(' ')).toMatch(/no water reference: ratios to tCr only/);
    expect(Math.abs(result.referenceShiftHz)).toBeLessThan(2);
    const naa = result.quantification.metabolites.find((m) => m.name === 'NAA');
    expect(naa?.ratioToTCr).toBeGreaterThan(1.3);
    expect(naa?.concentrationMM).toBeUndefined();
  });

  it('refuses water referencing without an echo time instead of guessing one', () => {
    expect(() => quantifyMrs(metabolite, basis, water)).toThrow(/needs the echo time/);
  });

  it('warns when the basis was made for another echo time', () => {
    // The challenge basis states ECHOT = −1 (unknown); a basis that states TE 30 ms:
    const stated = basis.map((spectrum) => ({ ...spectrum, meta: { ...spectrum.meta, echoTimeS: 0.03 } }));
    const longEcho = { ...metabolite, meta: { ...metabolite.meta, echoTimeS: 0.144 } };
    const result = quantifyMrs(longEcho, stated, water);
    expect(result.notes.join(' ')).toMatch(/basis was made for TE 30 ms, the data have TE 144 ms/);
  });

  it('refuses an empty basis with a reason', () => {
    expect(() => quantifyMrs(metabolite, [], undefined)).toThrow(/no basis set given/);
  });
});
