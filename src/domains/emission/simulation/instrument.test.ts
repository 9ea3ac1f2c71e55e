import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core/errors';
import { defaultInstrument, nominalWavelengths, sensitivityAt, truePixelGrid, validateInstrument } from './instrument';

describe('instrument', () => {
  it('maps pixels through the calibration polynomial', () => {
    const instrument = defaultInstrument();
    const axis = nominalWavelengths(instrument);
    expect(axis).toHaveLength(2048);
    expect(axis[0]).toBe(190);
    expect(axis[1000]).toBeCloseTo(190 + 366.2 - 10, 10);
    expect(axis[2047]).toBeCloseTo(190 + 0.3662 * 2047 - 1e-5 * 2047 ** 2, 10);
  });

  it('builds a true-wavelength pixel grid shifted by the axis error, with edges between centres', () => {
    const instrument = defaultInstrument({ pixels: 5, wavelengthPolynomial: [500, 1] });
    const grid = truePixelGrid(instrument, 0.25);
    expect([...grid.centres]).toEqual([500.25, 501.25, 502.25, 503.25, 504.25]);
    expect([...grid.edges]).toEqual([499.75, 500.75, 501.75, 502.75, 503.75, 504.75]);
  });

  it('rejects a calibration that does not increase and bad numbers', () => {
    expect(() => truePixelGrid(defaultInstrument({ wavelengthPolynomial: [500, -0.1] }))).toThrow(/must increase/);
    expect(() => validateInstrument(defaultInstrument({ fwhmNm: 0 }))).toThrow(WorkbenchError);
    expect(() => validateInstrument(defaultInstrument({ pixels: 10.5 }))).toThrow(/integer/);
    expect(() => validateInstrument(defaultInstrument({ readNoiseCounts: -1 }))).toThrow(/readNoiseCounts/);
  });

  it('interpolates the sensitivity linearly and holds it beyond the nodes', () => {
    const instrument = defaultInstrument({
      sensitivity: [
        [400, 0.5],
        [500, 1],
      ],
    });
    expect([...sensitivityAt(instrument, Float64Array.from([300, 400, 450, 500, 900]))]).toEqual([
      0.5, 0.5, 0.75, 1, 1,
    ]);
    expect([...sensitivityAt(defaultInstrument({ sensitivity: [] }), Float64Array.from([300]))]).toEqual([1]);
  });
});
