import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { darkReferenceCorrection } from './darkReferenceCorrection';
import { opticalSpectrum } from './emissionTest.testUtil';

const x = Float64Array.from({ length: 101 }, (_, i) => 400 + i);
/** Lamp (reference) counts per second, a sample transmitting `t(λ)`, a dark current per second plus a bias. */
const lamp = (v: number) => 20_000 + 50 * (v - 400);
const t = (v: number) => 0.2 + 0.006 * (v - 400);
const darkRate = (v: number) => 100 + (v - 450) * 0.5;

describe('darkReferenceCorrection', () => {
  const dark = opticalSpectrum(
    x,
    Float64Array.from(x, (v) => darkRate(v) * 0.1),
    {
      name: 'dark.txt',
      meta: { integrationTimeS: 0.1, role: 'dark' },
    },
  );
  const reference = opticalSpectrum(
    x,
    Float64Array.from(x, (v) => (lamp(v) + darkRate(v)) * 0.1),
    {
      name: 'ref.txt',
      meta: { integrationTimeS: 0.1 },
    },
  );
  const sample = opticalSpectrum(
    x,
    Float64Array.from(x, (v) => (lamp(v) * t(v) + darkRate(v)) * 0.4),
    {
      name: 'sample.txt',
      meta: { integrationTimeS: 0.4, detectorMaximumCounts: 65_535 },
    },
  );

  it('subtracts a dark measured at another integration time, scaled by the time ratio', () => {
    const { spectrum } = darkReferenceCorrection(sample, { dark });
    spectrum.y.values.forEach((value, i) => {
      expect(value).toBeCloseTo(lamp(x[i] as number) * t(x[i] as number) * 0.4, 8);
    });
    expect(spectrum.meta).toMatchObject({ darkCorrection: 'dark.txt', darkScale: 4, intensityMode: 'counts' });
    expect(spectrum.meta.integrationTimeNote).toBeUndefined();
    expect(spectrum.y.unit).toBe('counts');
  });

  it('gives transmittance (%) and absorbance per second of integration, on the true curve', () => {
    const transmittance = darkReferenceCorrection(sample, { dark, reference }).spectrum;
    const absorbance = darkReferenceCorrection(sample, { dark, reference, output: 'absorbance' }).spectrum;
    x.forEach((v, i) => {
      expect(transmittance.y.values[i]).toBeCloseTo(100 * t(v), 9);
      expect(absorbance.y.values[i]).toBeCloseTo(-Math.log10(t(v)), 9);
    });
    expect(transmittance.y.label).toBe('Transmittance (%)');
    expect(absorbance.y.label).toBe('Absorbance');
    expect(transmittance.meta).toMatchObject({ reference: 'ref.txt', referenceTimeRatio: 0.25, undefinedPoints: 0 });
  });

  it('interpolates a companion on another grid, and refuses one that does not overlap or covers part', () => {
    const fine = Float64Array.from({ length: 801 }, (_, i) => 395 + i * 0.15);
    const fineDark = opticalSpectrum(
      fine,
      Float64Array.from(fine, (v) => darkRate(v) * 0.1),
      {
        meta: { integrationTimeS: 0.1 },
      },
    );
    const { spectrum } = darkReferenceCorrection(sample, { dark: fineDark });
    spectrum.y.values.forEach((value, i) => {
      expect(value).toBeCloseTo(lamp(x[i] as number) * t(x[i] as number) * 0.4, 6); // dark is linear: exact
    });
    const far = opticalSpectrum(
      x.map((v) => v + 300),
      x,
      { name: 'far.txt' },
    );
    const error = thrownWorkbenchError(() => darkReferenceCorrection(sample, { dark: far }));
    expect([error.code, error.file]).toEqual(['INVALID_OPTION', 'far.txt']);
    expect(error.message).toMatch(/covers 700–800 nm, the sample 400–500 nm: they do not overlap/);
    const part = opticalSpectrum(
      x.map((v) => v + 50),
      x,
    );
    expect(thrownWorkbenchError(() => darkReferenceCorrection(sample, { dark: part })).message).toMatch(
      /must cover the whole sample range/,
    );
    const wavenumbers = opticalSpectrum(x, x, { unit: 'cm-1' });
    expect(thrownWorkbenchError(() => darkReferenceCorrection(sample, { dark: wavenumbers })).message).toMatch(/cm-1/);
  });

  it('flags saturated pixels of sample or reference, and NaN where the reference has no light', () => {
    const raw = Float64Array.from(sample.y.values);
    raw[10] = 65_535;
    raw[11] = 65_535;
    raw[80] = 70_000;
    const ref = Float64Array.from(reference.y.values);
    ref[50] = dark.y.values[50] as number; // no light above the dark
    const result = darkReferenceCorrection(
      { ...sample, y: { ...sample.y, values: raw } },
      { dark, reference: { ...reference, y: { ...reference.y, values: ref } } },
    );
    expect(
      Array.from(result.saturated.entries())
        .filter(([, f]) => f === 1)
        .map(([i]) => i),
    ).toEqual([10, 11, 80]);
    expect(result.spectrum.meta).toMatchObject({
      saturatedPoints: 3,
      saturatedRanges: '410–411 nm, 480 nm',
      undefinedPoints: 1,
    });
    expect(result.spectrum.y.values[50]).toBeNaN();
  });

  it('takes times as equal when a spectrum has none, and says so', () => {
    const untimed = { ...dark, meta: {} };
    const { spectrum } = darkReferenceCorrection(sample, { dark: untimed });
    expect(spectrum.meta.integrationTimeNote).toMatch(/taken as equal/);
    expect(spectrum.y.values[0]).toBeCloseTo((sample.y.values[0] as number) - (dark.y.values[0] as number), 9);
  });

  it('refuses what it cannot do', () => {
    expect(thrownWorkbenchError(() => darkReferenceCorrection(sample, {})).message).toMatch(
      /needs a dark or a reference/,
    );
    expect(thrownWorkbenchError(() => darkReferenceCorrection(sample, { dark, output: 'absorbance' })).message).toMatch(
      /absorbance needs a reference/,
    );
    const gamma = { ...sample, domain: 'gamma' as const };
    expect(thrownWorkbenchError(() => darkReferenceCorrection(gamma, { dark })).message).toMatch(/gamma spectrum/);
  });
});
