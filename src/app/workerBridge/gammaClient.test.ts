import { describe, expect, it } from 'vitest';
import { err, ok } from '../../core/result';
import type { Spectrum } from '../../core/spectrum';
import type { GammaAnalysis, GammaAnalysisOptions } from '../../domains/gamma/analyseGammaSpectrum';
import { testCard } from '../../ml/registry/testCard';
import { emptyGammaAnalysis } from '../store/gammaAnalysis.testUtil';
import { createWorkbenchStore } from '../store/workbenchStore';
import type { EngineBridge } from './engineBridge';
import { GammaClient } from './gammaClient';

function gamma(file: string, index: number, meta: Spectrum['meta'] = {}): Spectrum {
  return {
    id: `${file}#${index}`,
    name: `${file} ${index}`,
    file,
    domain: 'gamma',
    x: { values: Float64Array.from({ length: 4 }, (_, i) => i), unit: 'keV', quantity: 'energy' },
    y: { values: new Float64Array(4).fill(index + 1), unit: 'counts' },
    meta,
  };
}

const analysisOf = (spectrum: Spectrum, options: GammaAnalysisOptions): GammaAnalysis =>
  emptyGammaAnalysis(spectrum.id, {
    energyRangeKeV: [0, 3],
    ...(options.background ? { backgroundId: options.background.id, backgroundScale: 1 } : {}),
  });

/** A bridge whose engine answers at once (or as `fail` says), recording the calls. */
function fakeBridge(fail = false) {
  const calls: { method: string; args: unknown[] }[] = [];
  const engine = {
    identifyGamma: async (_jobId: string, spectrum: Spectrum, options: GammaAnalysisOptions & { cnn?: boolean }) => {
      calls.push({ method: 'identifyGamma', args: [spectrum, options] });
      return fail
        ? err({ code: 'INVALID_OPTION', message: 'no', file: spectrum.file })
        : ok({
            classical: analysisOf(spectrum, options),
            ...(options.cnn
              ? {
                  cnn: ok({ nuclides: [{ nuclide: 'Cs-137', probability: 0.9, sd: 0.05 }], passes: 30 }),
                  agreement: { both: [], classicalOnly: [], cnnOnly: ['Cs-137'], outsideCnnLabels: [], cnnUnsure: [] },
                }
              : {}),
          });
    },
    sumGammaSpectra: async (spectra: Spectrum[], options: { name: string }) => {
      calls.push({ method: 'sumGammaSpectra', args: [spectra, options] });
      const first = spectra[0] as Spectrum;
      return ok({
        ...first,
        id: `${first.id}/sum${spectra.length}`,
        name: options.name,
        meta: { summedSpectra: spectra.length },
      });
    },
    nuclideLibrary: async () => [{ name: 'Cs-137', halfLifeS: 1, category: 'industrial', lines: [], source: 't' }],
  };
  const bridge = {
    engine,
    call: (job: (remote: typeof engine, jobId: string) => Promise<unknown>) => job(engine, 'job-1'),
  };
  return { bridge: bridge as unknown as EngineBridge, calls };
}

function setup(fail = false) {
  const store = createWorkbenchStore();
  const { bridge, calls } = fakeBridge(fail);
  const client = new GammaClient(store, bridge);
  const load = (spectra: Spectrum[]) => {
    const file = (spectra[0] as Spectrum).file;
    store.getState().addFile({ file, format: 'g', domain: 'gamma', spectrumIds: spectra.map((s) => s.id) }, spectra);
    client.afterLoad([file]);
  };
  return { store, client, calls, load };
}

/** The options an identifyGamma call was given. */
const optionsOf = (call: { args: unknown[] } | undefined) => (call?.args[1] ?? {}) as GammaAnalysisOptions;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GammaClient', () => {
  it('after a gamma file loads: log scale on, and one identification with the preselected background', async () => {
    const { store, calls, load } = setup();
    load([gamma('rc.xml', 0), gamma('rc.xml', 1, { measurementClass: 'Background' })]);
    expect(store.getState().logIntensity).toBe(true);
    expect(store.getState().gammaRuns['rc.xml#0']?.status).toBe('running');
    await settle();
    const run = store.getState().gammaRuns['rc.xml#0'];
    expect(run?.status).toBe('done');
    expect(run?.backgroundId).toBe('rc.xml#1');
    expect(run?.analysis?.backgroundId).toBe('rc.xml#1');
    expect(optionsOf(calls[0]).background?.id).toBe('rc.xml#1');
    // no CNN model is listed, so only the classical method runs
    expect((optionsOf(calls[0]) as { cnn?: boolean }).cnn).toBe(false);
    expect(store.getState().nuclides?.['Cs-137']).toBeDefined();
    expect(store.getState().job).toBeNull();
  });

  it('choosing "none" identifies again without a background; a failure lands in the problem list', async () => {
    const ok = setup();
    ok.load([gamma('rc.xml', 0), gamma('rc.xml', 1, { measurementClass: 'Background' })]);
    ok.client.chooseBackground('rc.xml#0', null);
    await settle();
    expect(ok.store.getState().gammaRuns['rc.xml#0']?.backgroundId).toBeNull();
    expect(optionsOf(ok.calls.at(-1)).background).toBeUndefined();

    const failing = setup(true);
    failing.load([gamma('a.spe', 0)]);
    await settle();
    expect(failing.store.getState().gammaRuns['a.spe#0']?.status).toBe('failed');
    expect(failing.store.getState().problems.map((p) => [p.code, p.file])).toEqual([['INVALID_OPTION', 'a.spe']]);
  });

  it('sums a range into a new spectrum under the file, selects and identifies it', async () => {
    const { store, client, calls, load } = setup();
    load(Array.from({ length: 10 }, (_, i) => gamma('t.rcspg', i)));
    await settle();
    await client.sumRange('t.rcspg', ['t.rcspg#2', 't.rcspg#3', 't.rcspg#4'], 'samples 2–4');
    const state = store.getState();
    expect(state.selectedIds).toEqual(['t.rcspg#2/sum3']);
    expect(state.derivedIds).toEqual(['t.rcspg#2/sum3']);
    expect(state.files[0]?.spectrumIds.at(-1)).toBe('t.rcspg#2/sum3');
    expect(state.gammaRuns['t.rcspg#2/sum3']?.status).toBe('done');
    const summed = calls.find((c) => c.method === 'sumGammaSpectra')?.args[0] as Spectrum[];
    // The store's spectra go to the engine by reference (Comlink copies them once, on the way).
    expect(summed[0]).toBe(state.spectra['t.rcspg#2']);
  });

  it('does not switch the scale for non-gamma files, nor identify a spectrum without energies', () => {
    const { store, client, calls } = setup();
    const csv = { ...gamma('a.csv', 0), domain: 'generic' as const };
    store
      .getState()
      .addFile({ file: 'a.csv', format: 'delimited-text', domain: 'generic', spectrumIds: [csv.id] }, [csv]);
    client.afterLoad(['a.csv']);
    expect(store.getState().logIntensity).toBe(false);
    const channels = {
      ...gamma('c.chn', 0),
      x: { values: new Float64Array(4), unit: 'channel' as const, quantity: 'channel' as const },
    };
    void client.identify(channels.id);
    expect(calls).toHaveLength(0);
  });

  it('runs the CNN beside the classical method once the shipped CNN is listed, and keeps both', async () => {
    const { store, calls, load } = setup();
    store.getState().setModels([testCard({ id: 'gamma-nuclide-cnn', task: 'multilabel' })]);
    load([gamma('cs.xml', 0)]);
    await settle();
    expect((optionsOf(calls[0]) as { cnn?: boolean }).cnn).toBe(true);
    const run = store.getState().gammaRuns['cs.xml#0'];
    expect(run?.cnn?.ok).toBe(true);
    expect(run?.agreement?.cnnOnly).toEqual(['Cs-137']);
  });
});
