import { describe, expect, it } from 'vitest';
import type { WorkbenchError } from '../core/errors';
import { type Spectrum, withIntensity } from '../core/spectrum';
import { pipelineOf } from './pipelineDocument';
import { listSteps, registerStep } from './registry';
import { runPipeline } from './runPipeline';
import { runPipelineGroups } from './runPipelineGroups';
import type { GroupStepDefinition } from './stepDefinition';
import { validatePipeline } from './validatePipeline';

/** Test group step: the point-by-point mean of every `size` consecutive spectra. */
const meanOf: GroupStepDefinition = {
  kind: 'group',
  id: 'test-mean-of',
  version: 2,
  label: 'Mean of consecutive spectra',
  description: 'Test step.',
  params: [{ key: 'size', label: 'Size', kind: 'integer', default: 2, min: 1, max: 10 }],
  applyGroup(spectra, params, context) {
    const size = params.size as number;
    const out: Spectrum[] = [];
    for (let start = 0; start < spectra.length; start += size) {
      const members = spectra.slice(start, start + size);
      const mean = new Float64Array((members[0] as Spectrum).y.values.length);
      for (const member of members)
        member.y.values.forEach((v, i) => {
          mean[i] = (mean[i] as number) + v;
        });
      out.push(
        withIntensity(
          members[0] as Spectrum,
          mean.map((v) => v / members.length),
          `mean${members.length}`,
        ),
      );
      context.onProgress?.(start / spectra.length);
    }
    return out;
  },
};
if (!listSteps().some((s) => s.id === meanOf.id)) registerStep(meanOf);

function ramp(id: string, offset: number, points = 50): Spectrum {
  const x = Float64Array.from({ length: points }, (_, i) => i);
  const y = Float64Array.from({ length: points }, (_, i) => offset + Math.sin(i / 3) + ((i * 7919) % 13) / 13);
  return {
    id,
    name: id,
    file: `${id}.csv`,
    domain: 'generic',
    x: { values: x, unit: 'index', quantity: 'index' },
    y: { values: y, unit: 'counts' },
    meta: {},
  };
}

const smooth = { step: 'savitzky-golay', version: 1, params: { windowLength: 5, polynomialOrder: 2 } };
const mean = (size: number, enabled = true) => ({ step: 'test-mean-of', version: 2, params: { size }, enabled });

describe('runPipelineGroups', () => {
  it('runs per-spectrum and group steps in document order, the group step replacing the list', async () => {
    const inputs = [ramp('a', 0), ramp('b', 10), ramp('c', 20)];
    const run = await runPipelineGroups(inputs, pipelineOf([smooth, mean(2), smooth]));
    expect(run.outputs).toHaveLength(2);
    expect(run.trace.map((t) => [t.step, t.kind, t.inputs, t.outputs])).toEqual([
      ['savitzky-golay', 'spectrum', 3, 3],
      ['test-mean-of', 'group', 3, 2],
      ['savitzky-golay', 'spectrum', 2, 2],
    ]);
    // the same by hand: smooth each, mean of (a, b) and (c), smooth again
    const smoothed = (await runPipeline(inputs, pipelineOf([smooth]))).map((o) => o.result);
    const merged = await meanOf.applyGroup(smoothed, { size: 2 }, {});
    const expected = await runPipeline(merged, pipelineOf([smooth]));
    run.outputs.forEach((output, k) => {
      expect(output.y.values).toEqual(expected[k]?.result.y.values);
    });
    expect(run.outputs[0]?.id).toBe('a/smoothed/mean2/smoothed');
    expect(run.inputs).toBe(inputs);
  });

  it('gives the results of runPipeline for a pipeline without group steps', async () => {
    const inputs = [ramp('a', 0), ramp('b', 5)];
    const document = pipelineOf([smooth, { ...smooth, params: { windowLength: 9, polynomialOrder: 3 } }]);
    const groups = await runPipelineGroups(inputs, document);
    const plain = await runPipeline(inputs, document);
    expect(groups.outputs.map((s) => s.y.values)).toEqual(plain.map((o) => o.result.y.values));
    expect(groups.trace.map((t) => t.outputs)).toEqual([2, 2]);
  });

  it('skips a disabled group step, and returns the inputs when nothing is enabled', async () => {
    const inputs = [ramp('a', 0), ramp('b', 5)];
    const run = await runPipelineGroups(inputs, pipelineOf([mean(2, false)]));
    expect(run.outputs).toEqual(inputs);
    expect(run.trace).toEqual([]);
  });

  it('reports progress that rises to 1, and stops with CANCELLED', async () => {
    const fractions: number[] = [];
    const inputs = Array.from({ length: 6 }, (_, i) => ramp(`s${i}`, i));
    await runPipelineGroups(inputs, pipelineOf([smooth, mean(3), smooth]), { onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const controller = new AbortController();
    const run = runPipelineGroups(inputs, pipelineOf([smooth, mean(3), smooth]), {
      signal: controller.signal,
      onProgress: (f) => (f > 0.4 ? controller.abort() : undefined),
    });
    expect(await run.then(() => 'finished').catch((e: WorkbenchError) => e.code)).toBe('CANCELLED');
  });
});

describe('group steps in runPipeline and validatePipeline', () => {
  it('runPipeline refuses an enabled group step with INVALID_OPTION, and runs when it is disabled', async () => {
    const error = await runPipeline([ramp('a', 0)], pipelineOf([mean(2)])).catch((e: WorkbenchError) => e);
    expect(error).toMatchObject({ code: 'INVALID_OPTION' });
    expect((error as WorkbenchError).message).toMatch(/test-mean-of.*all spectra together/);
    const [output] = await runPipeline([ramp('a', 0)], pipelineOf([mean(2, false), smooth]));
    expect(output?.steps).toHaveLength(1);
  });

  it('validates group steps like the others: defaults, ranges, versions', () => {
    const doc = validatePipeline(pipelineOf([{ step: 'test-mean-of', version: 2, params: {} }]));
    expect(doc.steps[0]).toEqual({ step: 'test-mean-of', version: 2, params: { size: 2 }, enabled: true });
    expect(() => validatePipeline(pipelineOf([mean(11)]))).toThrow(/size.*outside/);
    expect(() => validatePipeline(pipelineOf([{ ...mean(2), version: 1 }]))).toThrow(/version 1/);
  });

  it('describes each step with its kind', () => {
    const steps = listSteps();
    expect(steps.find((s) => s.id === 'test-mean-of')?.kind).toBe('group');
    expect(steps.find((s) => s.id === 'savitzky-golay')?.kind).toBe('spectrum');
    expect(steps.find((s) => s.id === 'test-mean-of')).not.toHaveProperty('applyGroup');
  });
});
