import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { pipelineOf } from '../../../pipeline/pipelineDocument';
import { runPipeline } from '../../../pipeline/runPipeline';
import { registerDomains } from '../../registerDomains';
import { syntheticMrsFid } from '../processing/syntheticMrs.testUtil';
import { toFrequencyDomain } from '../processing/toFrequencyDomain';
import { mrsBaseline, mrsBaselineStep } from './mrsBaselineStep';

registerDomains();

/** NAA/Cr/Cho at NAA SNR ≈ 550 on an ascending ppm axis, and the same with a smooth bow added to the real part. */
function spectra() {
  const clean = toFrequencyDomain(syntheticMrsFid({ noiseSd: 0.01, seed: 5, fileName: 'bow.nii' }));
  const ppm = clean.x.values;
  let naa = 0;
  ppm.forEach((p, i) => {
    if (Math.abs(p - 2.008) < 0.05) naa = Math.max(naa, clean.y.values[i] as number);
  });
  const bow = Float64Array.from(ppm, (p) => 0.2 * naa * (1 + Math.sin(p)) * Math.exp(-(((p - 2.5) / 2) ** 2)));
  const bowed: Spectrum = { ...clean, y: { ...clean.y, values: clean.y.values.map((v, i) => v + (bow[i] as number)) } };
  return { clean, bowed, bow, naa };
}

describe('mrs-baseline', () => {
  it('removes a smooth bow from the real part within the band, keeping peak heights', async () => {
    const { clean, bowed, bow, naa } = spectra();
    const [output] = await runPipeline([bowed], pipelineOf([{ step: 'mrs-baseline', version: 1, params: {} }]));
    const result = output?.result as Spectrum;
    const ppm = result.x.values;
    let errorSum = 0;
    let bowSum = 0;
    let count = 0;
    let naaHeight = 0;
    ppm.forEach((p, i) => {
      if (p >= 0.2 && p <= 4.2) {
        errorSum += ((result.y.values[i] as number) - (clean.y.values[i] as number)) ** 2;
        bowSum += (bow[i] as number) ** 2;
        count += 1;
      } else expect(result.y.values[i]).toBe(bowed.y.values[i]);
      if (Math.abs(p - 2.008) < 0.05) naaHeight = Math.max(naaHeight, result.y.values[i] as number);
    });
    const residual = Math.sqrt(errorSum / count) / Math.sqrt(bowSum / count);
    console.info(
      `mrs-baseline: RMS error ${(100 * residual).toFixed(1)} % of the bow's RMS, NAA height ${((100 * naaHeight) / naa).toFixed(1)} % of true`,
    );
    expect(residual).toBeLessThan(0.1);
    expect(Math.abs(naaHeight / naa - 1)).toBeLessThan(0.02);
    expect(result.y.imaginary).toBe(bowed.y.imaginary);
    expect(result.meta).toMatchObject({ baseline: 'als', 'baseline.lambda': 1e4, 'baseline.range': '0.2–4.2 ppm' });
  });

  it('returns the baseline line, zero outside the band, equal to input minus output inside', () => {
    const { bowed } = spectra();
    const { spectrum, baseline } = mrsBaseline(bowed, { range: [1, 3], lambda: 1e4, p: 0.001 });
    bowed.x.values.forEach((p, i) => {
      const difference = (bowed.y.values[i] as number) - (spectrum.y.values[i] as number);
      expect(baseline[i]).toBeCloseTo(difference, 12);
      if (p < 1 || p > 3) expect(baseline[i]).toBe(0);
    });
  });

  it('refuses an FID and a band with too few points', () => {
    const fid = syntheticMrsFid({ fileName: 'fid.nii' });
    const params = { fromPpm: 0.2, toPpm: 4.2, log10Lambda: 4, p: 0.01 };
    const error = thrownWorkbenchError(() => mrsBaselineStep.apply(fid, params, {}));
    expect(error).toMatchObject({ code: 'INVALID_OPTION', file: 'fid.nii' });
    expect(error.message).toMatch(/FFT first/);
    const narrow = thrownWorkbenchError(() =>
      mrsBaselineStep.apply(toFrequencyDomain(fid), { ...params, fromPpm: 2, toPpm: 2.02 }, {}),
    );
    expect(narrow.message).toMatch(/need 5/);
    expect(mrsBaselineStep.validate?.({ ...params, fromPpm: 3, toPpm: 2 })).toMatch(/band/);
  });
});
