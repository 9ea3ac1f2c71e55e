import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { pipelineOf } from '../../../pipeline/pipelineDocument';
import { listSteps, registerStep } from '../../../pipeline/registry';
import { runPipeline } from '../../../pipeline/runPipeline';
import { runPipelineGroups } from '../../../pipeline/runPipelineGroups';
import { validatePipeline } from '../../../pipeline/validatePipeline';
import { gaussianPeak, normalDeviates, opticalFixture, opticalSpectrum } from '../processing/emissionTest.testUtil';
import { shiftAxis } from '../processing/shiftAxis';
import { emissionSteps } from '.';
import { peakListOf } from './emissionPeaksStep';

/** Registers the emission steps (registerDomains will, once emission is added there). */
function registerEmissionSteps(): void {
  const known = new Set(listSteps().map((s) => s.id));
  for (const step of emissionSteps) if (!known.has(step.id)) registerStep(step);
}

async function thrown(promise: Promise<unknown>): Promise<{ code?: string; message: string; file?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string; file?: string };
  }
  throw new Error('expected an error');
}

describe('emission pipeline steps', () => {
  registerEmissionSteps();

  it('declare ids, version 1, and defaults inside their own ranges', () => {
    expect(emissionSteps.map((s) => s.id)).toEqual([
      'emission-dark-reference',
      'emission-wavelength-calibration',
      'emission-despike',
      'emission-baseline',
      'emission-normalise',
      'emission-sg-derivative',
      'emission-peaks',
    ]);
    for (const step of emissionSteps) {
      expect(step.version).toBe(1);
      for (const spec of step.params) {
        if (spec.kind === 'integer' || spec.kind === 'number') {
          expect(spec.default).toBeGreaterThanOrEqual(spec.min);
          expect(spec.default).toBeLessThanOrEqual(spec.max);
          if (spec.odd === true) expect(spec.default % 2).toBe(1);
        }
        if (spec.kind === 'choice') expect(spec.choices).toContain(spec.default);
      }
    }
  });

  it('soil LIBS (specProc, MIT): despike → airPLS → internal standard (Ca II K) → Voigt-fitted peaks', async () => {
    const soil = opticalFixture('specData_soil_LIBS_240-400nm.csv')[0] as Spectrum;
    const [output] = await runPipeline(
      [soil],
      pipelineOf([
        { step: 'emission-despike', version: 1, params: {} },
        { step: 'emission-baseline', version: 1, params: {} },
        {
          step: 'emission-normalise',
          version: 1,
          params: { method: 'internal-standard', centre: 393.366, halfWidth: 0.3 },
        },
        { step: 'emission-peaks', version: 1, params: { maxPeaks: 8, fit: 'voigt' } },
      ]),
    );
    const result = output?.result as Spectrum;
    expect(result.meta).toMatchObject({ baseline: 'airpls', 'peaks.method': 'voigt fit', 'peaks.count': 8 });
    const peaks = peakListOf(result);
    const k = peaks.find((p) => Math.abs(p.x - 393.366) < 0.03);
    expect(k).toBeDefined();
    // normalised to its own net area in ±0.3 nm: the Voigt area adds the Lorentzian wings outside the window
    expect(k?.area).toBeGreaterThan(1);
    expect(k?.area).toBeLessThan(1.3);
    expect(k?.lorentzianFwhm).toBeGreaterThan(0);
    expect(k?.xSigma).toBeGreaterThan(0);
    expect(k?.xSigma).toBeLessThan(0.002);
  });

  it('dark/reference group step: transmittance from marked companions, which leave the list', async () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => 500 + i);
    const dark = opticalSpectrum(x, new Float64Array(50).fill(100), { name: 'run_dark.txt', meta: { role: 'dark' } });
    const reference = opticalSpectrum(x, new Float64Array(50).fill(10_100), {
      name: 'run_ref.txt',
      meta: { role: 'reference' },
    });
    const sample = opticalSpectrum(x, new Float64Array(50).fill(2_600), { name: 'run_sample.txt' });
    const { outputs, trace } = await runPipelineGroups(
      [dark, sample, reference],
      pipelineOf([{ step: 'emission-dark-reference', version: 1, params: { output: 'transmittance' } }]),
    );
    expect(outputs).toHaveLength(1);
    expect(outputs[0]?.y.values[7]).toBeCloseTo(25, 12);
    expect(outputs[0]?.meta).toMatchObject({ darkCorrection: 'run_dark.txt', reference: 'run_ref.txt' });
    expect(trace[0]).toMatchObject({ kind: 'group', inputs: 3, outputs: 1 });
    const missing = await thrown(
      runPipelineGroups(
        [dark, sample],
        pipelineOf([{ step: 'emission-dark-reference', version: 1, params: { output: 'absorbance' } }]),
      ),
    );
    expect([missing.code, missing.file]).toEqual(['INVALID_OPTION', 'run_sample.txt']);
    expect(missing.message).toMatch(/needs a reference spectrum .* --reference FILE/);
    const passed = await runPipelineGroups(
      [sample],
      pipelineOf([{ step: 'emission-dark-reference', version: 1, params: { required: false } }]),
    );
    expect(passed.outputs[0]?.meta).toMatchObject({
      darkCorrection: 'none',
      darkNote: 'no dark spectrum among the inputs',
    });
  });

  it('wavelength calibration: shift mode finds an offset added to the soil axis; pairs mode needs lines', async () => {
    const soil = opticalFixture('specData_soil_LIBS_240-400nm.csv')[0] as Spectrum;
    const [output] = await runPipeline(
      [shiftAxis(soil, 0.2)],
      pipelineOf([{ step: 'emission-wavelength-calibration', version: 1, params: { mode: 'shift', lines: 'libs' } }]),
    );
    expect(output?.result.meta.wavelengthShift as number).toBeCloseTo(-0.19, 2); // −0.2 + the file's own +0.01
    expect(output?.result.x.values[0]).toBeCloseTo((soil.x.values[0] as number) + 0.01, 2);
    expect(() =>
      validatePipeline(
        pipelineOf([
          { step: 'emission-wavelength-calibration', version: 1, params: { observed1: 400, reference1: 401 } },
        ]),
      ),
    ).toThrow(/give at least two lines/);
  });

  it('wavelength calibration from pairs and an SG derivative, chained', async () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => 300 + i * 0.5);
    const normal = normalDeviates(2);
    const y = Float64Array.from(x, (v) => 1000 * gaussianPeak(v, 380.2, 3) + 0.1 * normal());
    const [output] = await runPipeline(
      [opticalSpectrum(x, y)],
      pipelineOf([
        {
          step: 'emission-wavelength-calibration',
          version: 1,
          params: { observed1: 310, reference1: 310.5, observed2: 450, reference2: 450.5 },
        },
        { step: 'emission-sg-derivative', version: 1, params: { derivative: 1, windowLength: 9, polynomialOrder: 3 } },
      ]),
    );
    const calibrated = output?.steps[0] as Spectrum;
    expect(calibrated.x.values[0]).toBeCloseTo(300.5, 9);
    expect(calibrated.x.calibration?.coefficients).toHaveLength(2);
    const derivative = output?.result as Spectrum;
    // the zero crossing of dy/dx is the line centre on the new axis (380.2 + 0.5)
    const d = Array.from(derivative.y.values);
    const [rise, fall] = [d.indexOf(Math.max(...d)), d.indexOf(Math.min(...d))];
    let crossing = rise;
    while (crossing < fall && (d[crossing] as number) > 0) crossing++;
    expect(Math.abs((calibrated.x.values[crossing] as number) - 380.7)).toBeLessThan(0.5);
    expect(() =>
      validatePipeline(
        pipelineOf([{ step: 'emission-sg-derivative', version: 1, params: { derivative: 2, polynomialOrder: 1 } }]),
      ),
    ).toThrow(/at least the derivative/);
  });

  it('a gamma spectrum is refused by name', async () => {
    const gamma: Spectrum = { ...opticalSpectrum([1, 2, 3, 4, 5, 6], [1, 2, 3, 2, 1, 0]), domain: 'gamma' };
    const error = await thrown(
      runPipeline([gamma], pipelineOf([{ step: 'emission-despike', version: 1, params: {} }])),
    );
    expect(error.message).toMatch(/applies to optical spectra .* gamma spectrum/);
  });
});
