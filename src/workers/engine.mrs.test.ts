import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../core/spectrum';
import { multiTransientAcquisition } from '../domains/mrs/steps/multiTransientAcquisition.testUtil';
import { companionOnlyFiles } from '../formats/companionFiles';
import { createEngine } from './engine';
import type { MrsTransientGroupView } from './mrsTransientView';

const fixture = (path: string) => {
  const bytes = readFileSync(new URL(`../../test/fixtures/mrs/${path}`, import.meta.url));
  const name = path.slice(path.lastIndexOf('/') + 1);
  return {
    name,
    size: bytes.length,
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  };
};

describe('engine: MRS files dropped together', () => {
  it('reads a Philips .sdat with its .spar as one file, the .spar serving as its companion', async () => {
    const engine = createEngine();
    const results = await engine.parseFiles('load', [
      fixture('osprey_philips_press/sub-01_PRESS_35_act.spar'),
      fixture('osprey_philips_press/sub-01_PRESS_35_act.sdat'),
    ]);
    expect(results).toHaveLength(1);
    const [result] = results;
    if (!result?.ok) throw new Error(result?.error.message);
    expect(result.value).toMatchObject({ file: 'sub-01_PRESS_35_act.sdat', format: 'mrs-spar-sdat', domain: 'mrs' });
    expect(result.value.spectra[0]?.y.imaginary?.length).toBe(2048);
  });

  it('explains that a lone .sdat needs its .spar', async () => {
    const engine = createEngine();
    const [result] = await engine.parseFiles('load', [fixture('osprey_philips_press/sub-01_PRESS_35_act.sdat')]);
    expect(result?.ok).toBe(false);
    if (result && !result.ok) expect(result.error.message).toMatch(/needs its \.spar/);
  });

  it('says that an LCModel .RAW without its control file needs the acquisition, and reads it once given', async () => {
    const engine = createEngine();
    const raw = fixture('ismrm2016_fitting_challenge/datasets_LCModel/dataset1.RAW');
    const [failed] = await engine.parseFiles('load', [raw]);
    expect(failed?.ok).toBe(false);
    if (failed && !failed.ok) expect(failed.error).toMatchObject({ code: 'INVALID_DATA', needs: 'mrsAcquisition' });
    const [read] = await engine.parseFiles('load', [raw], undefined, {
      mrsAcquisition: { dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.22 },
    });
    if (!read?.ok) throw new Error(read?.error.message);
    expect(read.value.spectra[0]?.meta.spectrometerFrequencyMHz).toBe(123.22);
  });

  it('treats a .spar with its .sdat, and .control files, as companions only', () => {
    expect([...companionOnlyFiles(['a.SPAR', 'a.sdat', 'b.spar', 'x.control', 'y.RAW'])].sort()).toEqual([
      'a.SPAR',
      'x.control',
    ]);
  });
});

describe('engine: MRS spectrum view', () => {
  it('turns an in vivo FID into a phased, referenced spectrum on a ppm axis with NAA at 2.01 ppm', async () => {
    const engine = createEngine();
    const [loaded] = await engine.parseFiles('load', [fixture('suspect_siemens/SVS_30.rda')]);
    if (!loaded?.ok) throw new Error('cannot read the RDA fixture');
    const result = await engine.mrsSpectrumView(loaded.value.spectra[0] as Spectrum);
    if (!result.ok) throw new Error(result.error.message);
    const view = result.value;
    expect(view.x.unit).toBe('ppm');
    expect(view.name).toMatch(/\(spectrum\)$/);
    // NAA: the tallest real point in 1.9–2.1 ppm
    let best = -1;
    view.x.values.forEach((ppm, i) => {
      if (ppm >= 1.9 && ppm <= 2.1 && (best < 0 || (view.y.values[i] as number) > (view.y.values[best] as number)))
        best = i;
    });
    expect(Math.abs((view.x.values[best] as number) - 2.01)).toBeLessThan(0.03);
  });
});

describe('engine: MRS quantification', () => {
  const PHILIPS = 'osprey_philips_press/sub-01_PRESS_35_';
  const load = async () => {
    const engine = createEngine();
    const results = await engine.parseFiles('load', [
      fixture(`${PHILIPS}act.sdat`),
      fixture(`${PHILIPS}act.spar`),
      fixture(`${PHILIPS}ref.sdat`),
      fixture(`${PHILIPS}ref.spar`),
      fixture('basis_sets/3T_PRESS_Philips_35ms_noMM.BASIS'),
    ]);
    const spectra = results.map((r) => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value.spectra;
    });
    const [data, water, basis] = spectra as [Spectrum[], Spectrum[], Spectrum[]];
    return { engine, data, water, basis };
  };

  it('preprocesses and fits Philips PRESS data with its water reference: NAA/tCr and mM with CRLBs', async () => {
    const { engine, data, water, basis } = await load();
    expect(basis.every((s) => s.meta.basisSet === true)).toBe(true);
    const labels: string[] = [];
    const result = await engine.quantifyMrs('q', { data, water, basis }, (_, label) => labels.push(label));
    if (!result.ok) throw new Error(result.error.message);
    const view = result.value;
    // a water reference is given: the default pipeline ran, ECC included
    expect(view.preprocessing.some((line) => line.startsWith('Eddy-current correction'))).toBe(true);
    expect(labels.at(-1)).toBe('done');
    const row = (name: string) => view.quantification.metabolites.find((m) => m.name === name);
    const naa = row('NAA');
    const tCr = row('tCr');
    if (!naa || !tCr) throw new Error('no NAA or tCr row');
    // healthy brain at 3 T: NAA/tCr about 1.2–1.6, NAA about 7–12 mM; wide bounds here, the
    // engine's contract is that the result is water-referenced and sane, the fit has its own tests
    expect(naa.ratioToTCr).toBeGreaterThan(1);
    expect(naa.ratioToTCr).toBeLessThan(1.8);
    expect(naa.crlbPercent).toBeLessThan(10);
    expect(naa.concentrationMM).toBeGreaterThan(4);
    expect(naa.concentrationMM).toBeLessThan(25);
    expect(view.echoTimeS).toBeCloseTo(0.035, 6);
    expect(view.water?.fwhmPpm).toBeGreaterThan(0);
    // the fit arrays: ascending ppm in the fit range, one component per basis spectrum (+ MM/lipids)
    const { fit } = view;
    expect(fit.ppm.length).toBe(fit.data.length);
    expect(fit.ppm[0]).toBeLessThan(fit.ppm[fit.ppm.length - 1] as number);
    expect(fit.components.length).toBe(fit.names.length);
    expect(fit.names).toContain('NAA');
    expect(fit.snr).toBeGreaterThan(5);
  }, 60_000);

  it('fits without preprocessing, and without water gives ratios only', async () => {
    const { engine, data, basis } = await load();
    const result = await engine.quantifyMrs('q', { data, water: [], basis, options: { preprocess: false } });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.preprocessing).toEqual([]);
    expect(result.value.quantification.metabolites.every((m) => m.concentrationMM === undefined)).toBe(true);
    expect(result.value.notes.join(' ')).toMatch(/no water reference/);
  }, 60_000);

  it('reports a typed error for a missing basis and for data with only water', async () => {
    const { engine, data, water } = await load();
    const noBasis = await engine.quantifyMrs('q', { data, water, basis: [] });
    expect(noBasis.ok).toBe(false);
    if (!noBasis.ok) expect(noBasis.error.code).toBe('BASIS_MISMATCH');
    const onlyWater = await engine.quantifyMrs('q', { data: water, water: [], basis: [] });
    expect(onlyWater.ok).toBe(false);
    if (!onlyWater.ok)
      expect(onlyWater.error).toMatchObject({ code: 'INVALID_DATA', file: 'sub-01_PRESS_35_ref.sdat' });
  }, 60_000);

  it('stops with CANCELLED when the job is cancelled during preprocessing', async () => {
    const { engine, data, water, basis } = await load();
    const pending = engine.quantifyMrs('cancel-me', { data, water, basis });
    engine.cancel('cancel-me');
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('CANCELLED');
  }, 60_000);

  it('uses the echo time given by the user over the file’s', async () => {
    const { engine, data, water, basis } = await load();
    const result = await engine.quantifyMrs('q', {
      data,
      water,
      basis,
      options: { echoTimeMs: 80, preprocess: false },
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.echoTimeS).toBeCloseTo(0.08, 9);
    expect(result.value.quantification.notes.join(' ')).toMatch(/TE 80\.0 ms/);
  }, 60_000);
});

describe('engine: MRS transient view', () => {
  /** Standard deviation of a list. */
  const sd = (values: readonly number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  };

  it('combines coils, aligns 16 drifting transients (shifts and phases recovered) and flags the lipid one', async () => {
    const { metabolites, shiftsHz, phasesDeg } = multiTransientAcquisition({ coils: 4, dynamics: 16 });
    const engine = createEngine();
    const result = await engine.mrsTransientView('t', metabolites);
    if (!result.ok) throw new Error(result.error.message);
    const view = result.value;
    expect(view).toMatchObject({ file: 'metab.nii', coils: 4, transients: 16 });
    expect(view.groups).toHaveLength(1);
    const group = view.groups[0] as MrsTransientGroupView;
    expect(group).toMatchObject({ water: false, dimension: 'dynamic', alignWindow: '1.8–4.2 ppm' });
    expect(group.positions).toEqual(Array.from({ length: 16 }, (_, k) => k));
    // the correction found is minus the drift, up to one offset for the set (the median transient's frame)
    const shiftSum = Array.from(group.shiftsHz, (s, k) => s + (shiftsHz[k] as number));
    const phaseSum = Array.from(group.phasesDeg, (p, k) => p + (phasesDeg[k] as number));
    expect(sd(shiftsHz)).toBeGreaterThan(1.5);
    expect(sd(shiftSum.filter((_, k) => k !== 9))).toBeLessThan(0.25);
    expect(sd(phaseSum.filter((_, k) => k !== 9))).toBeLessThan(4);
    // dynamic 9 carries a broad lipid line: rejection would drop it
    expect(group.rejected).toContain(9);
    expect(group.rejected.length).toBeLessThanOrEqual(2);
    // rows: the band 0.5–4.5 ppm, ascending, one float32 row per transient
    const columns = group.ppm.length;
    expect(group.ppm[0]).toBeGreaterThanOrEqual(0.5);
    expect(group.ppm[columns - 1]).toBeLessThanOrEqual(4.5);
    expect(group.ppm[1]).toBeGreaterThan(group.ppm[0] as number);
    expect(group.before).toBeInstanceOf(Float32Array);
    expect(group.before.length).toBe(16 * columns);
    expect(group.after.length).toBe(16 * columns);
    // referenced and phased: the mean after alignment peaks (absorptive, positive) at NAA 2.01 ppm
    let top = 0;
    group.meanAfter.forEach((v, c) => {
      if (v > (group.meanAfter[top] as number)) top = c;
    });
    expect(Math.abs((group.ppm[top] as number) - 2.01)).toBeLessThan(0.03);
    // alignment makes the transients agree at NAA: the spread across rows there shrinks
    const atTop = (rows: Float32Array) =>
      Array.from({ length: 16 }, (_, r) => rows[r * columns + top] as number).filter((_, r) => r !== 9);
    expect(sd(atTop(group.after))).toBeLessThan(0.5 * sd(atTop(group.before)));
    expect((group.meanAfter[top] as number) > (group.meanBefore[top] as number)).toBe(true);
  }, 60_000);

  it('decimates each transient to the most points asked for', async () => {
    const { metabolites } = multiTransientAcquisition({ coils: 2, dynamics: 4, seed: 5 });
    const result = await createEngine().mrsTransientView('t', metabolites, { maxPoints: 40, shownPpm: [1, 4] });
    if (!result.ok) throw new Error(result.error.message);
    const group = result.value.groups[0] as MrsTransientGroupView;
    // 3 ppm at 123.2 MHz / (4000 Hz / 2048) ≈ 189 points → groups of 5 → 37 columns
    expect(group.ppm.length).toBeLessThanOrEqual(40);
    expect(group.ppm.length).toBeGreaterThan(30);
    expect(group.before.length).toBe(4 * group.ppm.length);
  }, 60_000);

  it('combines the 32 coils of the real 7 T water reference into one transient, recognised as water', async () => {
    const engine = createEngine();
    const [loaded] = await engine.parseFiles('load', [fixture('osprey_niftimrs/sub-01_ses-01_SVS-ref.nii.gz')]);
    if (!loaded?.ok) throw new Error('cannot read the NIfTI-MRS fixture');
    expect(loaded.value.spectra).toHaveLength(32);
    const result = await engine.mrsTransientView('t', loaded.value.spectra);
    if (!result.ok) throw new Error(result.error.message);
    const view = result.value;
    expect(view).toMatchObject({ coils: 32, transients: 1 });
    const group = view.groups[0] as MrsTransientGroupView;
    expect(group).toMatchObject({ water: true, alignWindow: 'none', rejected: [] });
    expect(Array.from(group.shiftsHz)).toEqual([0]);
    expect(Array.from(group.after)).toEqual(Array.from(group.before));
    expect(view.notes.join(' ')).toMatch(/32 coils combined.*one transient, nothing to align/);
    // shown around water, referenced to it: the tallest point at 4.65 ppm
    let top = 0;
    group.meanAfter.forEach((v, c) => {
      if (v > (group.meanAfter[top] as number)) top = c;
    });
    expect(Math.abs((group.ppm[top] as number) - 4.65)).toBeLessThan(0.02);
  }, 60_000);

  it('refuses spectra with no FID, and stops with CANCELLED when cancelled', async () => {
    const engine = createEngine();
    const noFid = await engine.mrsTransientView('t', []);
    expect(noFid.ok).toBe(false);
    if (!noFid.ok) expect(noFid.error.code).toBe('INVALID_DATA');
    const { metabolites } = multiTransientAcquisition({ coils: 2, dynamics: 4, seed: 9 });
    const pending = engine.mrsTransientView('cancel-me', metabolites);
    engine.cancel('cancel-me');
    const cancelled = await pending;
    expect(cancelled.ok).toBe(false);
    if (!cancelled.ok) expect(cancelled.error.code).toBe('CANCELLED');
  }, 60_000);
});
