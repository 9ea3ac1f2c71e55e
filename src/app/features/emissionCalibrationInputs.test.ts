import { describe, expect, it } from 'vitest';
import { createEmissionStore } from '../store/emissionStore';
import {
  type CalibrationForm,
  calibrationCandidates,
  calibrationChoice,
  identifiedLineOptions,
} from './emissionCalibrationInputs';
import { emissionSpectrum, identificationOf } from './emissionTestData.testUtil';

const spectra = Object.fromEntries(
  ['s1.csv', 's2.csv', 's3.csv', 'u.csv'].map((f) => [`${f}#0`, emissionSpectrum(f)] as const),
);
const order = Object.keys(spectra);
const form = (over: Partial<CalibrationForm> = {}): CalibrationForm => ({
  roles: { 's1.csv#0': 'standard', 's2.csv#0': 'standard', 's3.csv#0': 'standard', 'u.csv#0': 'unknown' },
  concentrations: { 's1.csv#0': '1', 's2.csv#0': '2,5', 's3.csv#0': '5' },
  lineNm: '410.3',
  windowNm: '0.6',
  unit: 'mg/L',
  degree: 1,
  weighting: 'none',
  ...over,
});

describe('calibration inputs', () => {
  it('offers emission spectra on a nm axis only', () => {
    const raman = { ...emissionSpectrum('r.csv'), x: { ...emissionSpectrum('r.csv').x, unit: 'cm-1' as const } };
    const candidates = calibrationCandidates([...order, 'r.csv#0'], { ...spectra, 'r.csv#0': raman });
    expect(candidates.map((c) => c.id)).toEqual(order);
  });

  it('builds the request from the form (decimal commas read), or lists what is missing', () => {
    const candidates = calibrationCandidates(order, spectra);
    const good = calibrationChoice(form(), candidates);
    expect('choice' in good && good.choice).toEqual({
      standards: [
        { id: 's1.csv#0', concentration: 1 },
        { id: 's2.csv#0', concentration: 2.5 },
        { id: 's3.csv#0', concentration: 5 },
      ],
      unknownIds: ['u.csv#0'],
      line: { wavelengthNm: 410.3, windowNm: 0.6, label: '410.30 nm' },
      options: { degree: 1, weighting: 'none', unit: 'mg/L' },
    });
    const bad = calibrationChoice(
      form({ concentrations: { 's1.csv#0': '1', 's2.csv#0': '' }, lineNm: '', windowNm: '0' }),
      candidates,
    );
    expect('problems' in bad && bad.problems).toEqual([
      's2.csv 0: type its concentration (≥ 0)',
      's3.csv 0: type its concentration (≥ 0)',
      'choose a line or type its wavelength (nm)',
      'type the window width (nm, > 0)',
    ]);
    const quadratic = calibrationChoice(form({ degree: 2 }), candidates);
    expect('problems' in quadratic && quadratic.problems).toEqual(['mark at least 4 spectra as standards (3 marked)']);
    const same = calibrationChoice(
      form({ concentrations: { 's1.csv#0': '2', 's2.csv#0': '2', 's3.csv#0': '2' } }),
      candidates,
    );
    expect('problems' in same && same.problems).toEqual(['the standards need at least 2 different concentrations']);
  });

  it('lists the lines of accepted elements from finished identifications, at their axis position', () => {
    const store = createEmissionStore();
    const spectrum = spectra['s1.csv#0'];
    if (!spectrum) throw new Error('no spectrum');
    store.getState().setRun(spectrum.id, {
      spectrum,
      status: 'done',
      identification: identificationOf(spectrum),
      error: null,
    });
    expect(identifiedLineOptions(store.getState().runs, spectra)).toEqual([
      { key: 'Ca/2/410', label: 'Ca II 410.000 nm (at 410.30)', libraryNm: 410, axisNm: 410.3, windowNm: 0.5 },
    ]);
  });
});
