import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../core/spectrum';
import { lineSignal } from './emissionLineSignal';

/** A Gaussian line (height h, σ nm) at 500 nm on a sloping background, 0.02 nm pixels. */
function gaussianLine(h: number, sigmaNm: number, background = (x: number) => 100 + 2 * (x - 490)): Spectrum {
  const x = Float64Array.from({ length: 1001 }, (_, i) => 490 + 0.02 * i);
  const y = x.map((v) => background(v) + h * Math.exp(-(((v - 500) / sigmaNm) ** 2) / 2));
  return {
    id: 'g',
    name: 'gaussian',
    file: 'g.csv',
    domain: 'emission',
    x: { values: x, unit: 'nm', quantity: 'wavelength' },
    y: { values: y, unit: 'counts' },
    meta: {},
  };
}

describe('lineSignal', () => {
  it('measures the net area h·σ·√(2π) of a Gaussian above a sloping background, and its top', () => {
    const signal = lineSignal(gaussianLine(500, 0.1), { wavelengthNm: 500, windowNm: 1.6 });
    expect(signal.area).toBeCloseTo(500 * 0.1 * Math.sqrt(2 * Math.PI), 1);
    expect(signal.height).toBeCloseTo(500, 6);
    expect(signal.peakNm).toBeCloseTo(500, 9);
    expect(signal.points).toBe(81);
    expect(signal.areaSigma).toBeGreaterThanOrEqual(0);
  });

  it('scales with the line, not the background', () => {
    const a = lineSignal(gaussianLine(100, 0.1), { wavelengthNm: 500, windowNm: 1.6 }).area;
    const b = lineSignal(
      gaussianLine(300, 0.1, () => 5000),
      { wavelengthNm: 500, windowNm: 1.6 },
    ).area;
    expect(b / a).toBeCloseTo(3, 3);
  });

  it('refuses a window off the axis, too narrow a window, and an axis not in nm, naming the file', () => {
    const line = gaussianLine(100, 0.1);
    expect(() => lineSignal(line, { wavelengthNm: 509.5, windowNm: 2 })).toThrow(/not inside the axis/);
    expect(() => lineSignal(line, { wavelengthNm: 500, windowNm: 0.1 })).toThrow(/holds 5 points; it needs 7/);
    const raman = { ...line, x: { ...line.x, unit: 'cm-1' as const, quantity: 'wavenumber' as const } };
    try {
      lineSignal(raman, { wavelengthNm: 500, windowNm: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_OPTION', file: 'g.csv' });
    }
  });
});
