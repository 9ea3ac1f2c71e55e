import { xMedian } from 'ml-spectra-processing';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { gaussianPeak, normalDeviates, opticalFixture, opticalSpectrum } from './emissionTest.testUtil';
import { noiseSigma } from './noiseSigma';
import { type BaselineOptions, removeBaseline } from './removeBaseline';

/**
 * LIBS-like truth: 15 000 points of 0.0107 nm (the soil fixture's grid), a continuum (a broad hump of
 * 800 over 300 + a slope), 60 lines of 0.05 nm FWHM (5 points) with areas 5–200, noise SD 5.
 */
const n = 15_000;
const x = Float64Array.from({ length: n }, (_, i) => 240 + i * 0.0107);
const continuum = Float64Array.from(x, (v) => 300 + 800 * Math.exp(-0.5 * ((v - 300) / 40) ** 2) + 2 * (v - 240));
const lines = Array.from({ length: 60 }, (_, k) => [245 + ((k * 37.3) % 150), 5 + ((k * 13) % 40) * 5] as const);

describe('removeBaseline', () => {
  const normal = normalDeviates(3);
  const y = Float64Array.from(
    x,
    (v, i) =>
      (continuum[i] as number) + lines.reduce((s, [c, a]) => s + a * gaussianPeak(v, c, 0.05), 0) + 5 * normal(),
  );
  const spectrum = opticalSpectrum(x, y);

  it.each([
    [{ method: 'airpls' }, 2, 1],
    [{ method: 'als' }, 9, 8],
    [{ method: 'modpoly', polynomialOrder: 8 }, 8, 7],
    [{ method: 'snip' }, 13, 12],
  ] as [BaselineOptions, number, number][])(
    '%o recovers the continuum under 60 lines within its RMS and bias bounds',
    (options, rmsBound, biasBound) => {
      const started = performance.now();
      const { spectrum: corrected, baseline } = removeBaseline(spectrum, options);
      const ms = performance.now() - started;
      let squares = 0;
      let bias = 0;
      for (let i = 0; i < n; i++) {
        const d = (baseline[i] as number) - (continuum[i] as number);
        squares += d * d;
        bias += d;
      }
      const rms = Math.sqrt(squares / n);
      console.info(
        `${options.method}: baseline RMS error ${rms.toFixed(2)}, bias ${(bias / n).toFixed(2)} (noise SD 5, hump 800), ${ms.toFixed(0)} ms for 15 000 points`,
      );
      expect(rms).toBeLessThan(rmsBound);
      expect(Math.abs(bias / n)).toBeLessThan(biasBound);
      expect(corrected.y.values[100]).toBeCloseTo((y[100] as number) - (baseline[100] as number), 12);
      expect(corrected.meta.baseline).toBe(options.method);
    },
  );

  it('soil LIBS (specProc, MIT): the airPLS line stays under the strong lines and the corrected continuum sits at 0', () => {
    const soil = opticalFixture('specData_soil_LIBS_240-400nm.csv')[0] as Spectrum;
    const { spectrum: corrected, baseline } = removeBaseline(soil);
    const sigma = noiseSigma(soil.y.values);
    // the continuum between the lines: the median of the corrected spectrum is within a few noise SDs of 0
    expect(Math.abs(xMedian(corrected.y.values))).toBeLessThan(3 * sigma);
    // at the Ca II K top the line is ≥ 95 % kept
    const top = soil.x.values.findIndex((v) => v >= 393.354);
    expect((corrected.y.values[top] as number) / ((soil.y.values[top] as number) - xMedian(baseline))).toBeGreaterThan(
      0.95,
    );
  });

  it('HDPE Raman (OpenSpecy, CC BY 4.0): modpoly takes the fluorescence off between the bands', () => {
    const hdpe = opticalFixture('raman_hdpe.csv')[0] as Spectrum;
    const { spectrum: corrected } = removeBaseline(hdpe, { method: 'modpoly', polynomialOrder: 5 });
    const sigma = noiseSigma(hdpe.y.values);
    const x0 = hdpe.x.values;
    // band-free stretches (cm⁻¹): 1700–2600 and 500–900
    for (const [a, b] of [
      [1700, 2600],
      [500, 900],
    ] as const) {
      const inside = corrected.y.values.filter((_, i) => (x0[i] as number) > a && (x0[i] as number) < b);
      expect(Math.abs(xMedian(inside))).toBeLessThan(3 * sigma);
    }
    expect(Math.abs(xMedian(hdpe.y.values))).toBeGreaterThan(3 * sigma); // there was a background to remove
  });

  it('puts the file on option errors from the numeric layer', () => {
    const error = thrownWorkbenchError(() => removeBaseline(spectrum, { method: 'als', alsLambda: 0 }));
    expect([error.code, error.file]).toEqual(['INVALID_OPTION', 'test.csv']);
    expect(error.message).toMatch(/lambda/);
    expect(
      thrownWorkbenchError(() => removeBaseline(spectrum, { method: 'airpls', airplsLambda: -1 })).message,
    ).toMatch(/lambda must be > 0/);
  });
});
