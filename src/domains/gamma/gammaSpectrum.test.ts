import { describe, expect, it } from 'vitest';
import { polynomialCalibration } from './calibration/energyCalibration';
import { liveTimeOf, toGammaSpectrum } from './gammaSpectrum';

describe('toGammaSpectrum', () => {
  it('puts a usable calibration on a keV axis and the times into meta', () => {
    const s = toGammaSpectrum(
      {
        counts: new Float64Array([1, 2, 3]),
        calibration: polynomialCalibration([1, 2], 3),
        liveTimeS: 9.5,
        realTimeS: 10,
        title: 'Cs source',
        meta: { latitude: 52.1 },
      },
      'dir/a.spe',
      0,
      'gamma-spe',
    );
    expect([...s.x.values]).toEqual([1, 3, 5]);
    expect(s.x.unit).toBe('keV');
    expect(s.x.calibration?.coefficients).toEqual([1, 2]);
    expect(s.meta).toMatchObject({
      format: 'gamma-spe',
      liveTimeS: 9.5,
      realTimeS: 10,
      latitude: 52.1,
      channelCount: 3,
    });
    expect(s.name).toBe('a.spe (Cs source)');
    expect(s.id).toBe('dir/a.spe#0');
    expect(liveTimeOf(s)).toBe(9.5);
  });

  it('falls back to channels and says why when the calibration is all zero, keeping it', () => {
    const s = toGammaSpectrum(
      { counts: new Float64Array(4), calibration: polynomialCalibration([0, 0, 0], 4), realTimeS: 300 },
      'b.spe',
      1,
      'gamma-spe',
    );
    expect(s.x.unit).toBe('channel');
    expect([...s.x.values]).toEqual([0, 1, 2, 3]);
    expect(s.meta.calibrationProblem).toBe('all energy calibration coefficients are zero');
    expect(s.x.calibration?.coefficients).toEqual([0, 0, 0]);
    expect(liveTimeOf(s)).toBe(300);
  });

  it('drops empty and non-finite metadata, and marks a background in the name', () => {
    const s = toGammaSpectrum(
      { counts: new Float64Array(2), liveTimeS: Number.NaN, title: '', measurementClass: 'Background' },
      'c.xml',
      1,
      'gamma-radiacode-xml',
    );
    expect(s.meta.liveTimeS).toBeUndefined();
    expect(s.meta.title).toBeUndefined();
    expect(s.meta.calibrationProblem).toBe('the file has no energy calibration');
    expect(s.name).toBe('c.xml (background)');
  });
});
