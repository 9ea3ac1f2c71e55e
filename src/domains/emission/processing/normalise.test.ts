import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { gaussianPeak, normalDeviates, opticalSpectrum } from './emissionTest.testUtil';
import { normalise } from './normalise';

const x = Float64Array.from({ length: 1201 }, (_, i) => 640 + i * 0.03);
/** H α (area 500) on a background of 20 + 0.5·(λ − 640), plus a Li line at 670.78 (area 80). */
const y = Float64Array.from(
  x,
  (v) => 20 + 0.5 * (v - 640) + 500 * gaussianPeak(v, 656.28, 0.4) + 80 * gaussianPeak(v, 670.78, 0.2),
);

describe('normalise', () => {
  const spectrum = opticalSpectrum(x, y);

  it('internal standard: divides by the net area of the line window (background from its edges)', () => {
    const out = normalise(spectrum, { method: 'internal-standard', centre: 656.28, halfWidth: 2 });
    expect(out.meta.normalisationFactor as number).toBeCloseTo(500, 0); // ±2 nm = ±11.8 σ: all the line
    expect(out.meta.normalisation).toBe('internal standard 656.28 nm ± 2');
    // the Li/H ratio of areas survives: Li line area in normalised units = 80/500
    const li = normalise(out, { method: 'internal-standard', centre: 670.78, halfWidth: 1 });
    expect(li.meta.normalisationFactor as number).toBeCloseTo(80 / 500, 3);
  });

  it('internal standard is insensitive to a change of total light and of background (the point of it)', () => {
    const brighter = opticalSpectrum(
      x,
      Float64Array.from(y, (v, i) => 3 * v + 40 + 2 * ((x[i] as number) - 640)),
    );
    const a = normalise(spectrum, { method: 'internal-standard', centre: 656.28, halfWidth: 2 });
    const b = normalise(brighter, { method: 'internal-standard', centre: 656.28, halfWidth: 2 });
    const li = (s: Spectrum) =>
      normalise(s, { method: 'internal-standard', centre: 670.78, halfWidth: 1 }).meta.normalisationFactor;
    expect(li(b)).toBeCloseTo(li(a) as number, 6);
  });

  it('area, max and SNV', () => {
    const area = normalise(spectrum, { method: 'area' });
    let integral = 0;
    for (let i = 0; i < x.length - 1; i++)
      integral += (0.03 * ((area.y.values[i] as number) + (area.y.values[i + 1] as number))) / 2;
    expect(integral).toBeCloseTo(1, 12);
    expect(Math.max(...normalise(spectrum, { method: 'max' }).y.values)).toBe(1);
    const snv = normalise(spectrum, { method: 'snv' }).y.values;
    const mean = snv.reduce((s, v) => s + v, 0) / snv.length;
    const sd = Math.sqrt(snv.reduce((s, v) => s + (v - mean) ** 2, 0) / (snv.length - 1));
    expect(mean).toBeCloseTo(0, 12);
    expect(sd).toBeCloseTo(1, 12);
    expect(normalise(spectrum, { method: 'snv' }).y.unit).toBe('a.u.');
  });

  it('says when the line is not there or the window is wrong', () => {
    const normal = normalDeviates(1);
    const flat = opticalSpectrum(
      x,
      Float64Array.from(x, (v) => 20 + 0.5 * (v - 640) + normal()),
    );
    const missing = thrownWorkbenchError(() =>
      normalise(flat, { method: 'internal-standard', centre: 656.28, halfWidth: 1 }),
    );
    expect([missing.code, missing.message]).toEqual(['INVALID_DATA', expect.stringMatching(/is the line there/)]);
    expect(
      thrownWorkbenchError(() => normalise(spectrum, { method: 'internal-standard', centre: 690, halfWidth: 1 }))
        .message,
    ).toMatch(/not inside the axis/);
    expect(
      thrownWorkbenchError(() => normalise(spectrum, { method: 'internal-standard', centre: 656.28, halfWidth: 0.04 }))
        .message,
    ).toMatch(/holds [23] points; it needs 7/);
    expect(thrownWorkbenchError(() => normalise(spectrum, { method: 'internal-standard' })).message).toMatch(
      /give the line centre/,
    );
  });
});
