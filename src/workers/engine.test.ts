import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../core/spectrum';
import { pipelineOf } from '../pipeline/pipelineDocument';
import { createEngine } from './engine';

const csv = (rows: number) =>
  `x,y\n${Array.from({ length: rows }, (_, i) => `${i},${Math.sin(i / 5) + (i % 3)}`).join('\n')}\n`;

const smoothing = pipelineOf([{ step: 'savitzky-golay', version: 1, params: { windowLength: 7, polynomialOrder: 2 } }]);

describe('engine', () => {
  it('parses every file of a batch; a bad file gives a typed error and the others still load', async () => {
    const engine = createEngine();
    const progress: number[] = [];
    const results = await engine.parseFiles(
      'job-1',
      [new File([csv(50)], 'good.csv'), new File([''], 'empty.csv'), new File([csv(20)], 'second.csv')],
      (fraction) => progress.push(fraction),
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const [good, empty] = results;
    if (!good?.ok || empty?.ok !== false) throw new Error('unexpected');
    expect(good.value.spectra[0]?.x.values.length).toBe(50);
    expect(empty.error).toMatchObject({ code: 'EMPTY_FILE', file: 'empty.csv' });
    expect(progress.at(-1)).toBe(1);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const engine = createEngine({ maxFileBytes: 1000 });
    let read = false;
    const huge = {
      name: 'huge.csv',
      size: 5_000_000_000,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    const [result, small] = await engine.parseFiles('job-big', [huge, new File([csv(5)], 'small.csv')]);
    expect(result).toMatchObject({ ok: false, error: { code: 'TOO_LARGE', file: 'huge.csv' } });
    expect(result?.ok === false && result.error.message).toMatch(/4768\.4 MiB, larger than the limit of 1000 bytes/);
    expect(read).toBe(false);
    expect(small?.ok).toBe(true);
  });

  it('hands parsed arrays to the transfer hook (so the worker moves them instead of copying)', async () => {
    const transferred: ArrayBuffer[] = [];
    const engine = createEngine({
      transfer: (value, buffers) => {
        transferred.push(...buffers);
        return value;
      },
    });
    const [result] = await engine.parseFiles('job-2', [new File([csv(10)], 'a.csv')]);
    if (!result?.ok) throw new Error('parse failed');
    const spectrum = result.value.spectra[0] as Spectrum;
    expect(transferred).toContain(spectrum.x.values.buffer);
    expect(transferred).toContain(spectrum.y.values.buffer);
  });

  it('runs a pipeline and returns a typed error (not a throw) for a bad document', async () => {
    const engine = createEngine();
    const [parsed] = await engine.parseFiles('job-3', [new File([csv(100)], 'a.csv')]);
    if (!parsed?.ok) throw new Error('parse failed');
    const result = await engine.runPipeline('job-4', parsed.value.spectra, smoothing);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value[0]?.result.y.values.length).toBe(100);
    const bad = await engine.runPipeline(
      'job-5',
      parsed.value.spectra,
      pipelineOf([{ step: 'nope', version: 1, params: {} }]),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_OPTION' } });
  });

  it('cancels a running job by id', async () => {
    const engine = createEngine();
    const [parsed] = await engine.parseFiles('job-6', [new File([csv(2000)], 'a.csv')]);
    if (!parsed?.ok) throw new Error('parse failed');
    const many = Array.from({ length: 50 }, () => parsed.value.spectra[0] as Spectrum);
    const run = engine.runPipeline('job-7', many, smoothing, (fraction) => {
      if (fraction > 0.1) engine.cancel('job-7');
    });
    expect(await run).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    engine.cancel('no-such-job'); // ignored
  });

  it('lists the steps the UI can offer', async () => {
    const steps = await createEngine().listSteps();
    expect(steps.map((s) => s.id)).toContain('savitzky-golay');
  });

  it('initialises a backend and cross-checks cpu against wasm with the same network', async () => {
    const engine = createEngine();
    const init = await engine.initBackend('wasm');
    expect(init).toMatchObject({ ok: true, value: { name: 'wasm' } });
    const checks = await engine.checkBackends(['wasm', 'cpu', 'webgpu']);
    expect(checks.map((c) => [c.backend, c.ok])).toEqual([
      ['wasm', true],
      ['cpu', true],
      ['webgpu', false],
    ]);
    expect(checks[1]?.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(checks[2]?.error).toMatch(/not available/);
    expect(engine.backendInfo()?.name).toBe('wasm');
  });
});
