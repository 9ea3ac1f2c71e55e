import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { pipelineOf } from '../../../pipeline/pipelineDocument';
import { listSteps, registerStep } from '../../../pipeline/registry';
import { runPipeline } from '../../../pipeline/runPipeline';
import { isGroupStep, type StepDefinition } from '../../../pipeline/stepDefinition';
import { registerDomains } from '../../registerDomains';
import { syntheticMrsFid } from '../processing/syntheticMrs.testUtil';
import { mrsSteps } from '.';

registerDomains();
for (const step of mrsSteps) if (!listSteps().some((s) => s.id === step.id)) registerStep(step);
/** The per-spectrum steps (the group steps have their own tests: `mrsGroupSteps.test.ts`). */
const spectrumSteps = mrsSteps.filter((step): step is StepDefinition => !isGroupStep(step));

const entry = (step: string, params: Record<string, number | boolean | string> = {}) => ({ step, version: 1, params });

describe('MRS pipeline steps', () => {
  it('declares the steps with unique ids and in-range defaults', () => {
    expect(mrsSteps.map((s) => s.id)).toEqual([
      'mrs-coil-combine',
      'mrs-align',
      'mrs-reject-outliers',
      'mrs-average',
      'mrs-ecc',
      'mrs-remove-water',
      'mrs-apodize',
      'mrs-zero-fill',
      'mrs-fft',
      'mrs-auto-phase',
      'mrs-reference',
      'mrs-baseline',
    ]);
    for (const step of mrsSteps) {
      for (const param of step.params) {
        if (param.kind === 'integer' || param.kind === 'number') {
          expect(param.default).toBeGreaterThanOrEqual(param.min);
          expect(param.default).toBeLessThanOrEqual(param.max);
        }
        if (param.kind === 'choice') expect(param.choices).toContain(param.default);
      }
    }
  });

  it('runs apodise → zero-fill → FFT → auto-phase → reference on a shifted, dephased FID', async () => {
    const fid = syntheticMrsFid({ shiftHz: 20, zeroDeg: 70, fileName: 'pipeline.nii' });
    const [output] = await runPipeline(
      [fid],
      pipelineOf([
        entry('mrs-apodize', { kind: 'exponential', broadeningHz: 1 }),
        entry('mrs-zero-fill', { factor: 2, points: 0 }),
        entry('mrs-fft'),
        entry('mrs-auto-phase'),
        entry('mrs-reference', { to: 'auto', searchPpm: 0.4 }),
      ]),
    );
    const result = output?.result as Spectrum;
    expect(result.x.unit).toBe('ppm');
    expect(result.x.values).toHaveLength(4096);
    expect(result.meta).toMatchObject({ domain: 'frequency', points: 4096, acquiredPoints: 2048 });
    expect(result.meta.autoPhaseZeroDeg as number).toBeCloseTo(-70, 0);
    expect(result.meta.referenceShiftHz as number).toBeCloseTo(-20, 1);
  });

  it('refuses a non-MRS or wrong-domain spectrum with INVALID_OPTION naming the file', async () => {
    const fid = syntheticMrsFid({ fileName: 'fid.nii' });
    const gamma: Spectrum = { ...fid, domain: 'gamma', file: 'counts.spe' };
    const byId = (id: string) => spectrumSteps.find((s) => s.id === id) as StepDefinition;
    const defaults = (id: string) =>
      Object.fromEntries(byId(id).params.map((p) => [p.key, p.default])) as Record<string, number | boolean | string>;
    for (const step of spectrumSteps) {
      const error = thrownWorkbenchError(() => step.apply(gamma, defaults(step.id), {}));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.file).toBe('counts.spe');
    }
    const spectrum = await byId('mrs-fft').apply(fid, {}, {});
    for (const id of ['mrs-apodize', 'mrs-zero-fill', 'mrs-fft']) {
      const error = thrownWorkbenchError(() => byId(id).apply(spectrum, defaults(id), {}));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.file).toBe('fid.nii');
      expect(error.message).toMatch(/FFT/);
    }
  });

  it('validates the auto-phase window', () => {
    const step = mrsSteps.find((s) => s.id === 'mrs-auto-phase');
    expect(step?.validate?.({ lowPpm: 3, highPpm: 2, firstOrder: false })).toMatch(/upper/);
    expect(step?.validate?.({ lowPpm: 1.8, highPpm: 3.4, firstOrder: false })).toBeNull();
  });

  it('removes a residual water line as a pipeline step, and refuses a spectrum after the FFT', async () => {
    const fid = syntheticMrsFid({ fileName: 'water.nii' });
    const [output] = await runPipeline(
      [fid],
      pipelineOf([entry('mrs-remove-water', { fromPpm: 4.2, toPpm: 5.2, components: 25 })]),
    );
    expect(output?.result.meta.waterRemoval).toBeDefined();
    const [spectrum] = await runPipeline([fid], pipelineOf([entry('mrs-fft')]));
    const step = spectrumSteps.find((s) => s.id === 'mrs-remove-water');
    const error = thrownWorkbenchError(() =>
      step?.apply(spectrum?.result as Spectrum, { fromPpm: 4.2, toPpm: 5.2, components: 25 }, {}),
    );
    expect(error).toMatchObject({ code: 'INVALID_OPTION', file: 'water.nii' });
  });
});
