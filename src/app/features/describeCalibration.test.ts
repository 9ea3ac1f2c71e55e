import { describe, expect, it } from 'vitest';
import { describeCalibration } from './describeCalibration';

describe('describeCalibration', () => {
  it('writes a polynomial as an equation in channels', () => {
    expect(
      describeCalibration({
        model: 'polynomial',
        coefficients: [0.5783, 0.374436, 2.986e-7],
        channelCount: 8192,
        unit: 'keV',
      }),
    ).toBe('E = 0.5783 + 0.374436·ch + 2.986e-7·ch² keV (polynomial)');
  });

  it('names the other models and counts deviation pairs', () => {
    expect(
      describeCalibration({
        model: 'fullRangeFraction',
        coefficients: [-0.32, 8008.95],
        channelCount: 16384,
        unit: 'keV',
        deviationPairs: [
          [0, 0],
          [661, 1.5],
        ],
      }),
    ).toBe('full-range fraction (-0.32, 8008.95) keV, 2 deviation pairs');
    expect(
      describeCalibration({ model: 'lowerChannelEdges', coefficients: [0, 3, 6], channelCount: 2, unit: 'keV' }),
    ).toBe('3 channel edges, 0–6 keV');
  });
});
