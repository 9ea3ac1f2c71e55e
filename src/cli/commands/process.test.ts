import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core';
import { magnitudeSpectrum } from '../../domains/mrs/conjugation';
import { parseFile } from '../../formats/parseFile';
import { fakeIo } from '../fakeIo.testUtil';
import { main } from '../main';
import type { ProcessedFile, ProcessIo } from './process';

const bytesOf = (path: string) => new Uint8Array(readFileSync(new URL(`../../../${path}`, import.meta.url)));
const PHILIPS = 'test/fixtures/mrs/osprey_philips_press/sub-01_PRESS_35_';
const EXAMPLE = bytesOf('examples/pipelines/mrs-svs-preprocess.json');
const pipeline = (steps: readonly { step: string; params?: Record<string, unknown> }[]) =>
  JSON.stringify({
    schema: 'spectralligence.pipeline',
    version: 1,
    steps: steps.map((s) => ({ version: 1, params: {}, ...s })),
  });

/** fakeIo with the given files plus an in-memory writer; `written` maps path → bytes. */
function io(files: Record<string, string | Uint8Array>) {
  const written = new Map<string, Uint8Array>();
  const folders: string[] = [];
  const base = fakeIo(files);
  const withWriter: ProcessIo & typeof base = Object.assign(base, {
    writeFile: async (path: string, bytes: Uint8Array) => {
      written.set(path, bytes);
    },
    makeDirectory: async (path: string) => {
      folders.push(path);
    },
  });
  return { io: withWriter, written, folders };
}

async function readBack(path: string, bytes: Uint8Array): Promise<Spectrum[]> {
  const parsed = await parseFile(bytes, path);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value.spectra;
}

/** ppm of the tallest |S| within [low, high] of an MRS FID. */
function tallestPpm(fid: Spectrum, low: number, high: number): number {
  const m = fid.meta;
  const { ppm, magnitude } = magnitudeSpectrum(
    fid.y.values,
    fid.y.imaginary as Float64Array,
    m.spectrometerFrequencyMHz as number,
    m.dwellTimeS as number,
    m.centrePpm as number,
  );
  let best = Number.NaN;
  let height = -1;
  ppm.forEach((p, k) => {
    if (p >= low && p <= high && (magnitude[k] as number) > height) [best, height] = [p, magnitude[k] as number];
  });
  return best;
}

describe('spectra process', () => {
  const philips = {
    'act.sdat': bytesOf(`${PHILIPS}act.sdat`),
    'act.spar': bytesOf(`${PHILIPS}act.spar`),
    'ref.sdat': bytesOf(`${PHILIPS}ref.sdat`),
    'ref.spar': bytesOf(`${PHILIPS}ref.spar`),
    'p.json': EXAMPLE,
  };

  it('runs the example pipeline on the Philips PRESS pair: ECC with the reference, water removed from the metabolites only', async () => {
    const { io: cli, written, folders } = io(philips);
    const code = await main(
      ['process', 'act.sdat', 'act.spar', 'ref.sdat', 'ref.spar', '--pipeline', 'p.json', '--out', 'out', '--json'],
      cli,
    );
    expect(code).toBe(0);
    expect(folders).toEqual(['out']);
    const report = JSON.parse(cli.out) as { steps: { step: string }[]; outputs: ProcessedFile[] };
    expect(report.steps.map((s) => s.step)).toEqual([
      'mrs-coil-combine',
      'mrs-align',
      'mrs-reject-outliers',
      'mrs-average',
      'mrs-ecc',
      'mrs-remove-water',
    ]);
    expect(report.outputs.map((o) => [o.file, o.role, o.spectra])).toEqual([
      ['out/act_processed.nii.gz', 'metabolite', 1],
      ['out/ref_processed.nii.gz', 'water', 1],
    ]);
    expect(report.outputs[0]?.meta).toMatchObject({ eddyCurrentCorrection: 'klose', waterRemoval: 'hlsvd' });
    expect(report.outputs[0]?.meta.eddyCurrentReference).toMatch(/ref\.sdat/);
    expect(report.outputs[1]?.meta.waterRemoval).toBe('skipped (water reference)');
    const [act] = await readBack('act.nii.gz', written.get('out/act_processed.nii.gz') as Uint8Array);
    const [ref] = await readBack('ref.nii.gz', written.get('out/ref_processed.nii.gz') as Uint8Array);
    expect(ref?.meta.role).toBe('water');
    // ECC put the water at the centre (4.65 ppm): NAA lands near 2.01 ppm, the water stays in the reference
    const naa = tallestPpm(act as Spectrum, 1.8, 2.3);
    console.info(`process (Philips PRESS 35 ms): NAA at ${naa.toFixed(3)} ppm after ECC with the reference`);
    expect(Math.abs(naa - 2.01)).toBeLessThan(0.05);
    expect(Math.abs(tallestPpm(ref as Spectrum, 0, 9) - 4.65)).toBeLessThan(0.02);
  });

  it('runs the example on the 32-coil 7 T NIfTI-MRS water reference given with --water', async () => {
    const nifti = bytesOf('test/fixtures/mrs/osprey_niftimrs/sub-01_ses-01_SVS-ref.nii.gz');
    const { io: cli, written } = io({ 'SVS-ref.nii.gz': nifti, 'p.json': EXAMPLE });
    expect(await main(['process', '--water', 'SVS-ref.nii.gz', '--pipeline', 'p.json', '--out', 'o/'], cli)).toBe(0);
    expect(cli.out).toMatch(
      /^o\/SVS-ref_processed\.nii\.gz {2}mrs-nifti {2}1 spectrum {2}2048 points .*32 coils combined/,
    );
    const [water] = await readBack('w.nii.gz', written.get('o/SVS-ref_processed.nii.gz') as Uint8Array);
    expect(water?.meta.role).toBe('water');
    // Klose ECC by its own phase leaves the combined water FID real and positive where it is strong
    let worst = 0;
    for (let t = 0; t < 200; t++) {
      const phase = Math.atan2(water?.y.imaginary?.[t] as number, water?.y.values[t] as number);
      worst = Math.max(worst, Math.abs(phase));
    }
    expect(worst).toBeLessThan(0.01);
  });

  it('refuses the example without a water reference, saying what to give (exit 1)', async () => {
    const { io: cli, written } = io(philips);
    expect(await main(['process', 'act.sdat', 'act.spar', '--pipeline', 'p.json', '--out', 'out'], cli)).toBe(1);
    expect(cli.err).toMatch(/^act\.sdat: eddy-current correction needs the unsuppressed water reference.*--water/);
    expect(written.size).toBe(0);
  });

  it('writes a frequency-domain result as the FID it transforms back to', async () => {
    const files = { ...philips, 'fft.json': pipeline([{ step: 'mrs-fft' }]) };
    const { io: cli, written } = io(files);
    expect(await main(['process', 'ref.sdat', 'ref.spar', '--pipeline', 'fft.json', '--out', 'o', '--json'], cli)).toBe(
      0,
    );
    const [output] = (JSON.parse(cli.out) as { outputs: ProcessedFile[] }).outputs;
    expect(output?.fromFrequencyDomain).toBe(true);
    const parsed = await parseFile(philips['ref.sdat'], 'ref.sdat', { companions: new Map(Object.entries(philips)) });
    const [original] = parsed.ok ? parsed.value.spectra : [];
    const [back] = await readBack('o.nii.gz', written.get('o/ref_processed.nii.gz') as Uint8Array);
    const fid = original as Spectrum;
    const scale = Math.max(...Array.from(fid.y.values, Math.abs));
    let worst = 0;
    fid.y.values.forEach((v, i) => {
      worst = Math.max(worst, Math.abs((back?.y.values[i] as number) - v));
      worst = Math.max(worst, Math.abs((back?.y.imaginary?.[i] as number) - (fid.y.imaginary?.[i] as number)));
    });
    expect(back?.y.values).toHaveLength(fid.y.values.length);
    expect(worst).toBeLessThan(1e-6 * scale); // complex64 on disk
  });

  it('writes other spectra as CSV, and runs a saved pipeline without group steps unchanged', async () => {
    const csv = bytesOf('test/fixtures/optical/raman_hdpe.csv');
    const files = { 'r.csv': csv, 's.json': pipeline([{ step: 'savitzky-golay', params: { windowLength: 11 } }]) };
    const { io: cli, written } = io(files);
    expect(await main(['process', 'r.csv', '--pipeline', 's.json', '--out', 'o'], cli)).toBe(0);
    expect(cli.out).toMatch(/^o\/r_processed\.csv {2}csv {2}1 spectrum {2}964 points {2}from r\.csv\n$/);
    const [back] = await readBack('back.csv', written.get('o/r_processed.csv') as Uint8Array);
    expect(back?.y.values).toHaveLength(964);
  });

  it('exits 2 for usage errors and 1 for a bad pipeline file', async () => {
    const { io: a } = io(philips);
    expect(await main(['process', 'act.sdat', '--out', 'o'], a)).toBe(2);
    expect(a.err).toMatch(/--pipeline FILE is required/);
    const { io: b } = io(philips);
    expect(await main(['process', 'act.sdat', '--pipeline'], b)).toBe(2);
    const { io: c } = io({ ...philips, 'bad.json': '{"schema": "x"' });
    expect(await main(['process', 'act.sdat', 'act.spar', '--pipeline', 'bad.json', '--out', 'o'], c)).toBe(1);
    expect(c.err).toMatch(/^bad\.json: not JSON/);
    const { io: d } = io({
      ...philips,
      'old.json': pipeline([{ step: 'mrs-align', params: { fromPpm: 5, toPpm: 1 } }]),
    });
    expect(await main(['process', 'act.sdat', 'act.spar', '--pipeline', 'old.json', '--out', 'o'], d)).toBe(1);
    expect(d.err).toMatch(/old\.json: step 'mrs-align': the window must end above where it starts \[INVALID_OPTION\]/);
  });
});
