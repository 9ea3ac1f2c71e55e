import { describe, expect, it } from 'vitest';
import { energyAtChannel } from '../calibration/energyCalibration';
import { DETECTOR_IDS, DETECTOR_MODELS, defaultCalibration, detectorModel } from './detectorModels';
import { gadrasFwhm } from './resolution';

describe('detector models', () => {
  it('has the six detectors of the brief, each under its own id, with its sources documented', () => {
    expect([...DETECTOR_IDS].sort()).toEqual([
      'csi-radiacode',
      'czt-1cm3',
      'hpge-coax-40',
      'labr3-1.5x1.5',
      'nai-2x2',
      'nai-3x3',
    ]);
    for (const id of DETECTOR_IDS) {
      const m = detectorModel(id);
      expect(m.id).toBe(id);
      expect(m.source.length).toBeGreaterThan(40);
      expect(m.thresholdKeV).toBeGreaterThan(0);
      expect(m.typicalBackgroundCps).toBeGreaterThan(0);
      if (m.efficiency.kind === 'scaled')
        expect(DETECTOR_MODELS[m.efficiency.referenceId].efficiency.kind).toBe('table');
    }
  });

  it('gives the published resolutions at 662 keV (CsI RadiaCode 9.5 %, CZT 2 %, LaBr3 3 %, NaI 3×3 6.3 %)', () => {
    const pct = (id: (typeof DETECTOR_IDS)[number]) =>
      (100 * gadrasFwhm(661.657, DETECTOR_MODELS[id].resolution)) / 661.657;
    expect(pct('csi-radiacode')).toBeCloseTo(9.5, 1);
    expect(pct('czt-1cm3')).toBeCloseTo(2.0, 1);
    expect(pct('labr3-1.5x1.5')).toBeCloseTo(3.0, 1);
    expect(pct('nai-3x3')).toBeCloseTo(6.3, 1);
    expect(gadrasFwhm(1332.5, DETECTOR_MODELS['hpge-coax-40'].resolution)).toBeCloseTo(2.11, 1);
  });

  it('has linear default calibrations from 0 keV to the detector maximum', () => {
    for (const id of DETECTOR_IDS) {
      const m = DETECTOR_MODELS[id];
      const cal = defaultCalibration(m);
      expect(cal.channelCount).toBe(m.defaultChannelCount);
      expect(energyAtChannel(cal, 0)).toBe(0);
      expect(energyAtChannel(cal, m.defaultChannelCount)).toBeCloseTo(m.defaultMaxKeV, 9);
    }
    expect(defaultCalibration(DETECTOR_MODELS['csi-radiacode']).channelCount).toBe(1024);
    expect(defaultCalibration(DETECTOR_MODELS['hpge-coax-40']).channelCount).toBe(16384);
  });
});
