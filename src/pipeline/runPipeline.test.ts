import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../core/errors';
import type { Spectrum } from '../core/spectrum';
import { savitzkyGolay } from '../numeric/savitzkyGolay';
import { PIPELINE_SCHEMA, pipelineOf } from './pipelineDocument';
import { listSteps } from './registry';
import { runPipeline } from './runPipeline';
import { validatePipeline } from './validatePipeline';

function noisySpectrum(points: number, id = 'test.csv#0'): Spectrum {
  const x = new Float64Array(points);
  const y = new Float64Array(points);
  let seed = 1;
  for (let i = 0; i < points; i++) {
    seed = (seed * 16807) % 2147483647;
    x[i] = 400 + i * 0.1;
    y[i] = 100 * Math.exp(-(((i - points / 2) / 20) ** 2)) + (seed / 2147483647 - 0.5) * 10;
  }
  return {
    id,
    name: 'test.csv',
    file: 'test.csv',
    domain: 'emission',
    x: { values: x, unit: 'nm', quantity: 'wavelength' },
    y: { values: y, unit: 'counts' },
    meta: {},
  };
}

const smoothing = (windowLength: number, polynomialOrder: number, enabled = true) =>
  pipelineOf([{ step: 'savitzky-golay', version: 1, params: { windowLength, polynomialOrder }, enabled }]);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as WorkbenchError).code;
  }
  return 'no error';
}

describe('runPipeline', () => {
  it('applies Savitzky–Golay exactly as the numeric function does, keeping the axis', async () => {
    const input = noisySpectrum(500);
    const [output] = await runPipeline([input], smoothing(21, 2));
    const expected = savitzkyGolay(input.y.values, { windowLength: 21, polynomialOrder: 2 });
    expect(output?.result.y.values).toEqual(expected);
    expect(output?.result.x).toBe(input.x);
    expect(output?.result.id).toBe('test.csv#0/smoothed');
    expect(output?.steps).toHaveLength(1);
  });

  it('smoothing lowers the point-to-point noise', async () => {
    const input = noisySpectrum(500);
    const [output] = await runPipeline([input], smoothing(21, 2));
    const roughness = (v: Float64Array) =>
      v.reduce((s, value, i) => (i ? s + (value - (v[i - 1] as number)) ** 2 : s), 0);
    expect(roughness(output?.result.y.values as Float64Array)).toBeLessThan(roughness(input.y.values) / 10);
  });

  it('skips disabled steps and returns the input', async () => {
    const input = noisySpectrum(100);
    const [output] = await runPipeline([input], smoothing(11, 3, false));
    expect(output?.result).toBe(input);
    expect(output?.steps).toHaveLength(0);
  });

  it('reports progress that rises to 1', async () => {
    const fractions: number[] = [];
    await runPipeline([noisySpectrum(100, 'a'), noisySpectrum(100, 'b')], smoothing(11, 3), {
      onProgress: (f) => fractions.push(f),
    });
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('stops with CANCELLED when the signal is already aborted or fires between spectra', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await codeOf(runPipeline([noisySpectrum(100)], smoothing(11, 3), { signal: controller.signal }))).toBe(
      'CANCELLED',
    );
    const later = new AbortController();
    const many = Array.from({ length: 20 }, (_, i) => noisySpectrum(100, `s${i}`));
    const run = runPipeline(many, smoothing(11, 3), {
      signal: later.signal,
      onProgress: (f) => (f > 0.2 ? later.abort() : undefined),
    });
    expect(await codeOf(run)).toBe('CANCELLED');
  });

  it('refuses a window longer than the spectrum, naming the file', async () => {
    const error = await runPipeline([noisySpectrum(9)], smoothing(11, 3)).catch((e: WorkbenchError) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).code).toBe('INVALID_OPTION');
    expect((error as WorkbenchError).file).toBe('test.csv');
  });
});

describe('validatePipeline', () => {
  it('fills defaults and marks steps enabled', () => {
    const doc = validatePipeline({
      schema: PIPELINE_SCHEMA,
      version: 1,
      steps: [{ step: 'savitzky-golay', version: 1, params: {} }],
    });
    expect(doc.steps[0]).toEqual({
      step: 'savitzky-golay',
      version: 1,
      params: { windowLength: 11, polynomialOrder: 3 },
      enabled: true,
    });
  });

  it.each([
    ['not an object', null, /not a pipeline/],
    ['wrong schema', { schema: 'x', version: 1, steps: [] }, /not a pipeline/],
    ['future version', { schema: PIPELINE_SCHEMA, version: 99, steps: [] }, /version 99/],
    ['unknown step', pipelineOf([{ step: 'nope', version: 1, params: {} }]), /unknown processing step 'nope'/],
    ['old step version', pipelineOf([{ step: 'savitzky-golay', version: 0, params: {} }]), /version 0/],
    ['unknown parameter', pipelineOf([{ step: 'savitzky-golay', version: 1, params: { width: 3 } }]), /'width'/],
    ['even window', smoothing(10, 3), /windowLength.*odd/],
    ['order ≥ window', smoothing(5, 5), /order must be smaller/],
    ['window out of range', smoothing(1, 0), /windowLength.*outside/],
    [
      'fractional order',
      pipelineOf([{ step: 'savitzky-golay', version: 1, params: { polynomialOrder: 2.5 } }]),
      /integer/,
    ],
    [
      'string where number',
      pipelineOf([{ step: 'savitzky-golay', version: 1, params: { windowLength: '11' } }]),
      /expected a number/,
    ],
  ])('refuses %s with INVALID_OPTION', (_name, document, message) => {
    expect(() => validatePipeline(document)).toThrow(message);
    try {
      validatePipeline(document);
    } catch (error) {
      expect((error as WorkbenchError).code).toBe('INVALID_OPTION');
    }
  });

  it('lists the registered steps with their parameter specs', () => {
    const steps = listSteps();
    expect(steps.map((s) => s.id)).toContain('savitzky-golay');
    expect(steps[0]).not.toHaveProperty('apply');
  });
});
