import { describe, expect, it } from 'vitest';
import type { Spectrum, WorkbenchError } from '../../../core';
import { type PipelineStepEntry, pipelineOf } from '../../../pipeline/pipelineDocument';
import { runPipelineGroups } from '../../../pipeline/runPipelineGroups';
import { registerDomains } from '../../registerDomains';
import { alignTransients } from '../processing/alignTransients';
import { averageTransients } from '../processing/averageTransients';
import { coilCombine } from '../processing/coilCombine';
import { eddyCurrentCorrection } from '../processing/eddyCurrentCorrection';
import { rejectOutliers } from '../processing/rejectOutliers';
import { removeWater } from '../processing/removeWater';
import { fidOf } from '../processing/transientData';
import { ACQ, fidOfPeaks, transient } from '../processing/transientTestSupport';
import { multiTransientAcquisition, tallestPpm } from './multiTransientAcquisition.testUtil';

registerDomains();

const entry = (step: string, params: PipelineStepEntry['params'] = {}): PipelineStepEntry => ({
  step,
  version: 1,
  params,
});
const CHAIN = [
  entry('mrs-coil-combine'),
  entry('mrs-align', { fromPpm: 1.8, toPpm: 4.2 }),
  entry('mrs-reject-outliers', { fromPpm: 0.2, toPpm: 4.2 }),
  entry('mrs-average'),
  entry('mrs-ecc'),
  entry('mrs-remove-water'),
];
const water = (spectra: readonly Spectrum[]) => spectra.find((s) => s.meta.role === 'water') as Spectrum;
const metabolite = (spectra: readonly Spectrum[]) => spectra.find((s) => s.meta.role !== 'water') as Spectrum;
const codeAndMessage = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: 'no error', message: '', file: '' }),
    (e: WorkbenchError) => ({ code: e.code, message: e.message, file: e.file }),
  );

describe('MRS group steps as a pipeline', () => {
  const { metabolites, water: reference, shiftsHz } = multiTransientAcquisition();

  it('coil-combine → align → reject → average → ECC → HLSVD recovers what the function chain does', async () => {
    const run = await runPipelineGroups([...metabolites, ...reference], pipelineOf(CHAIN));
    expect(run.trace.map((t) => `${t.step} ${t.inputs}→${t.outputs}`)).toEqual([
      'mrs-coil-combine 264→33',
      'mrs-align 33→33',
      'mrs-reject-outliers 33→31',
      'mrs-average 31→2',
      'mrs-ecc 2→2',
      'mrs-remove-water 2→2',
    ]);
    const final = metabolite(run.outputs);
    // the same chain by hand (processing/multiTransientChain.test.ts): identical samples
    const combined = coilCombine(metabolites, { reference });
    const aligned = alignTransients(combined.spectra, { ppmRange: [1.8, 4.2] });
    const kept = rejectOutliers(aligned.spectra, { ppmRange: [0.2, 4.2] }).kept;
    const [average] = averageTransients(kept) as [Spectrum];
    const ecc = eddyCurrentCorrection([average], (combined.reference as Spectrum[])[0] as Spectrum);
    const direct = removeWater(ecc.spectra[0] as Spectrum).spectrum;
    expect(final.y.values).toEqual(direct.y.values);
    expect(final.y.imaginary).toEqual(direct.y.imaginary);
    expect(Math.abs(tallestPpm(fidOf(final), 1.8, 2.2) - 2.01)).toBeLessThan(0.03);
    expect(Math.abs(tallestPpm(fidOf(final), 2.9, 3.1) - 3.03)).toBeLessThan(0.03);
    expect(final.meta).toMatchObject({
      coilCombination: 'wsvd',
      coils: 8,
      'coilCombine.weightSource': 'water reference ref.nii',
      'outliers.rejected': 2,
      'outliers.rejectedPositions': '9,23',
      averages: 30,
      averagedPositions: '0-8,10-22,24-31',
      eddyCurrentCorrection: 'klose',
      waterRemoval: 'hlsvd',
    });
    expect(JSON.parse(final.meta['coilCombine.weights'] as string)).toHaveLength(8);
    expect(final.meta['index.coil']).toBeUndefined();
    expect(final.meta['index.dynamic']).toBeUndefined();
    // the water reference went through the chain and stays, marked, with its water
    const ref = water(run.outputs);
    expect(ref.meta).toMatchObject({
      role: 'water',
      coilCombination: 'wsvd',
      eddyCurrentCorrection: 'klose',
      waterRemoval: 'skipped (water reference)',
    });
    expect(ref.y.values).toEqual(ecc.water.y.values);
    console.info(
      `pipeline chain: NAA ${tallestPpm(fidOf(final), 1.8, 2.2).toFixed(3)} ppm, align ${JSON.stringify({
        meanAbsShiftHz: final.meta['align.meanAbsShiftHz'],
        maxAbsShiftHz: final.meta['align.maxAbsShiftHz'],
        meanAbsPhaseDeg: final.meta['align.meanAbsPhaseDeg'],
      })}`,
    );
  });

  it('records the alignment: the shifts undo the drift up to one offset for the set', async () => {
    const run = await runPipelineGroups(
      [...metabolites, ...reference],
      pipelineOf([entry('mrs-coil-combine'), entry('mrs-align')]),
    );
    const dynamics = run.outputs.filter((s) => s.meta.role !== 'water');
    const sums = dynamics.map(
      (s) => (s.meta.alignedShiftHz as number) + (shiftsHz[s.meta['index.dynamic'] as number] as number),
    );
    const mean = sums.reduce((a, b) => a + b, 0) / sums.length;
    const clean = sums.filter((_, k) => k !== 9 && k !== 23);
    expect(Math.max(...clean.map((v) => Math.abs(v - mean)))).toBeLessThan(0.5);
    // recorded mean |shift| = mean |true shift − the set's offset|
    const expected = shiftsHz.reduce((a, b) => a + Math.abs(b - mean), 0) / shiftsHz.length;
    expect(Math.abs((dynamics[0]?.meta['align.meanAbsShiftHz'] as number) - expected)).toBeLessThan(0.1);
    expect(dynamics[0]?.meta['align.window']).toBe('1.8–4.2 ppm');
  });

  it('combines each acquisition with weights from its own data when there is no water reference', async () => {
    const run = await runPipelineGroups(metabolites, pipelineOf([entry('mrs-coil-combine')]));
    expect(run.outputs).toHaveLength(32);
    expect(run.outputs[0]?.meta['coilCombine.weightSource']).toBe('own data');
    expect(run.outputs.map((s) => s.meta['index.dynamic'])).toEqual(Array.from({ length: 32 }, (_, i) => i));
  });

  it('mixes group and per-spectrum steps: chain, FFT, auto-phase, baseline', async () => {
    const run = await runPipelineGroups(
      [...metabolites, ...reference],
      pipelineOf([...CHAIN, entry('mrs-fft'), entry('mrs-auto-phase'), entry('mrs-baseline')]),
    );
    expect(run.outputs).toHaveLength(2);
    for (const spectrum of run.outputs) expect(spectrum.x.unit).toBe('ppm');
    expect(metabolite(run.outputs).meta).toMatchObject({ baseline: 'als', eddyCurrentCorrection: 'klose' });
  });

  it('refuses ECC without a water reference, saying what to give, unless it is not required', async () => {
    const averaged = await runPipelineGroups(metabolites, pipelineOf(CHAIN.slice(0, 4)));
    const error = await codeAndMessage(runPipelineGroups(averaged.outputs, pipelineOf([entry('mrs-ecc')])));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.file).toBe('metab.nii');
    expect(error.message).toMatch(/water reference.*give its file.*required/);
    const optional = await runPipelineGroups(averaged.outputs, pipelineOf([entry('mrs-ecc', { required: false })]));
    expect(optional.outputs[0]?.meta).toMatchObject({ eddyCurrentCorrection: 'none' });
    expect(optional.outputs[0]?.y.values).toBe(averaged.outputs[0]?.y.values);
  });

  it('refuses ECC with a water reference that still has its coils, and group steps after the FFT', async () => {
    const error = await codeAndMessage(
      runPipelineGroups([...metabolites.slice(0, 8), ...reference], pipelineOf([entry('mrs-ecc')])),
    );
    expect(error).toMatchObject({ code: 'INVALID_OPTION', file: 'ref.nii' });
    expect(error.message).toMatch(/mrs-coil-combine and mrs-average before mrs-ecc/);
    const fft = await codeAndMessage(
      runPipelineGroups(metabolites.slice(0, 8), pipelineOf([entry('mrs-fft'), entry('mrs-coil-combine')])),
    );
    expect(fft).toMatchObject({ code: 'INVALID_OPTION', file: 'metab.nii' });
    expect(fft.message).toMatch(/before the FFT/);
  });

  it('pairs each subject with its own water reference by file name, and lets other spectra pass', async () => {
    const fid = (file: string, role: 'metabolite' | 'water', phaseDeg: number) =>
      transient(
        fidOfPeaks([{ ppm: role === 'water' ? 4.65 : 2.01, amplitude: 100, widthHz: 6 }], 0, phaseDeg),
        {},
        {
          file,
          role,
        },
      );
    const gamma: Spectrum = { ...fid('counts.spe', 'metabolite', 0), domain: 'gamma' };
    const inputs = [
      fid('sub-02_act.sdat', 'metabolite', 40),
      gamma,
      fid('sub-01_act.sdat', 'metabolite', -30),
      fid('sub-01_ref.sdat', 'water', -30),
      fid('sub-02_ref.sdat', 'water', 40),
    ];
    const run = await runPipelineGroups(inputs, pipelineOf([entry('mrs-ecc')]));
    expect(run.outputs.map((s) => s.file)).toEqual(inputs.map((s) => s.file));
    expect(run.outputs[1]).toBe(gamma);
    expect(run.outputs[0]?.meta.eddyCurrentReference).toMatch(/sub-02_ref/);
    expect(run.outputs[2]?.meta.eddyCurrentReference).toMatch(/sub-01_ref/);
    // each metabolite FID lost its own subject's phase: its first point is real and positive
    for (const k of [0, 2]) {
      const first = run.outputs[k] as Spectrum;
      expect(Math.abs(Math.atan2(first.y.imaginary?.[0] as number, first.y.values[0] as number))).toBeLessThan(1e-9);
    }
    expect(ACQ.n).toBe(run.outputs[0]?.y.values.length);
  });
});
