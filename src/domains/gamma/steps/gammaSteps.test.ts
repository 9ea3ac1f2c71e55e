import { describe, expect, it } from 'vitest';
import { pipelineOf } from '../../../pipeline/pipelineDocument';
import { runPipeline } from '../../../pipeline/runPipeline';
import { registerDomains } from '../../registerDomains';
import { testGammaSpectrum } from '../processing/processing.testUtil';

describe('gamma pipeline steps', () => {
  registerDomains();
  const spectrum = testGammaSpectrum(
    Array.from({ length: 100 }, (_, i) => i % 7),
    { gain: 2 },
  );

  it('rebins onto a uniform grid inside a pipeline, conserving counts', async () => {
    const [output] = await runPipeline(
      [spectrum],
      pipelineOf([{ step: 'gamma-rebin', version: 1, params: { minKeV: -1, maxKeV: 199, channels: 50 } }]),
    );
    const result = output?.steps[0];
    expect(result?.y.values.length).toBe(50);
    const sum = (values: Float64Array) => values.reduce((a, b) => a + b, 0);
    expect(sum(result?.y.values ?? new Float64Array())).toBeCloseTo(sum(spectrum.y.values), 9);
  });

  it('recalibrates from two confirmed peaks', async () => {
    const params = { channel1: 10, energy1: 100, channel2: 90, energy2: 900, channel3: 0, energy3: 0 };
    const [output] = await runPipeline([spectrum], pipelineOf([{ step: 'gamma-recalibrate', version: 1, params }]));
    expect(output?.steps[0]?.x.values[50]).toBeCloseTo(500, 9);
  });
});
