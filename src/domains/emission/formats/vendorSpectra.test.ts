import { describe, expect, it } from 'vitest';
import { spectrumBuffers } from '../../../core';
import { errorFor } from '../../../formats/readerTestSupport';
import { evaluatePixelPolynomial, pixelAxis, shiftPolynomial, type VendorGroup, vendorSpectra } from './vendorSpectra';
import { leadingNumber, yesNo } from './vendorText';

const group = (x: number[], extra: Partial<VendorGroup> = {}): VendorGroup => ({
  x: Float64Array.from(x),
  xUnit: 'nm',
  traces: [
    { role: 'processed', values: Float64Array.from(x, (v) => v * 2), quantity: 'transmittance', unit: '%' },
    { role: 'dark', values: Float64Array.from(x, () => 1), quantity: 'counts', unit: 'counts' },
  ],
  meta: { spectrometer: 'S1', empty: '', missing: Number.NaN },
  where: (row) => `row ${row}`,
  ...extra,
});

describe('vendorSpectra', () => {
  it('gives one spectrum per trace with its role, the main one unnamed, each with buffers of its own', () => {
    const spectra = vendorSpectra([group([1, 2, 3])], 'dir/a.trm', 'fmt');
    expect(spectra.map((s) => [s.id, s.name, s.meta.role, s.y.unit])).toEqual([
      ['dir/a.trm#0', 'a.trm', 'processed', 'unknown'],
      ['dir/a.trm#1', 'a.trm (dark)', 'dark', 'counts'],
    ]);
    expect(spectra[0]?.meta).toEqual({
      format: 'fmt',
      spectrometer: 'S1',
      role: 'processed',
      yQuantity: 'transmittance',
      yUnit: '%',
    });
    const buffers = spectra.flatMap(spectrumBuffers);
    expect(new Set(buffers).size).toBe(buffers.length);
  });

  it('reverses a descending axis with its traces and refuses one that turns', () => {
    const [s] = vendorSpectra([group([3, 2, 1])], 'v.trm', 'fmt');
    expect([Array.from(s?.x.values ?? []), Array.from(s?.y.values ?? []), s?.meta.xDescending]).toEqual([
      [1, 2, 3],
      [2, 4, 6],
      true,
    ]);
    expect(errorFor('v.trm', () => vendorSpectra([group([1, 3, 2])], 'v.trm', 'fmt')).message).toBe(
      'the x axis is not ascending at row 2 (3 then 2)',
    );
    expect(errorFor('v.trm', () => vendorSpectra([group([1, Number.NaN])], 'v.trm', 'fmt')).code).toBe('INVALID_DATA');
    expect(errorFor('v.trm', () => vendorSpectra([group([1])], 'v.trm', 'fmt')).code).toBe('NOT_A_SPECTRUM');
  });
});

describe('pixel polynomials', () => {
  it('shifts a polynomial in absolute pixels to the index of the stored pixels exactly', () => {
    const a = [155.90299987793, 0.607837915420532, -9.19324793358101e-6, -2.50827536518727e-9, 0];
    const shifted = shiftPolynomial(a, 238);
    const direct = evaluatePixelPolynomial(a, 238, 1019);
    const viaIndex = evaluatePixelPolynomial(shifted, 0, 1019);
    for (let i = 0; i < 1019; i++) expect(Math.abs((direct[i] as number) - (viaIndex[i] as number))).toBeLessThan(1e-9);
    expect(direct[0]).toBeCloseTo(300.0139, 4);
  });

  it('falls back to the pixel index, keeping the calibration, when the wavelengths do not increase', () => {
    const good = pixelAxis([400, 1, 0, 0, 0], 0, 3);
    expect([good.xUnit, Array.from(good.x), good.problem]).toEqual(['nm', [400, 401, 402], undefined]);
    const bad = pixelAxis([400, 1, -0.5, 0, 0], 0, 4);
    expect([bad.xUnit, Array.from(bad.x)]).toEqual(['channel', [0, 1, 2, 3]]);
    expect(bad.problem).toBe('the wavelengths do not increase at pixel 2 (400.5 then 400 nm)');
    expect(bad.calibration.coefficients).toEqual([400, 1, -0.5, 0, 0]);
  });
});

describe('header values', () => {
  it('reads leading numbers with either decimal separator, and yes/no words', () => {
    expect([
      leadingNumber('20000 (USB4A00428)'),
      leadingNumber('1,000000E-1'),
      leadingNumber('  6.00'),
      leadingNumber('x'),
    ]).toEqual([20000, 0.1, 6, undefined]);
    expect([yesNo('Yes (X)'), yesNo('false'), yesNo('Sí (J)'), yesNo('maybe')]).toEqual([true, false, true, undefined]);
  });
});
