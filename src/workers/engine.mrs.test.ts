import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../core/spectrum';
import { companionOnlyFiles } from '../formats/companionFiles';
import { createEngine } from './engine';

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
