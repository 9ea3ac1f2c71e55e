import { describe, expect, it } from 'vitest';
import { err, ok } from '../../core/result';
import type { Spectrum } from '../../core/spectrum';
import type { CalibrationLine, CalibrationStandard, EmissionIdentifyOptions } from '../../workers/emissionMethods';
import { emissionSpectrum, identificationOf } from '../features/emissionTestData.testUtil';
import { createEmissionStore } from '../store/emissionStore';
import { createWorkbenchStore } from '../store/workbenchStore';
import { EmissionClient } from './emissionClient';
import type { EngineBridge } from './engineBridge';

/** A bridge whose engine answers at once (or fails as told), recording the calls. */
function fakeBridge(fail = false) {
  const calls: { method: string; args: unknown[] }[] = [];
  const engine = {
    identifyEmission: async (_jobId: string, spectrum: Spectrum, options: EmissionIdentifyOptions) => {
      calls.push({ method: 'identifyEmission', args: [spectrum, options] });
      return fail
        ? err({ code: 'INVALID_DATA' as const, message: 'no', file: spectrum.file })
        : ok(identificationOf(spectrum));
    },
    emissionLines: async (elements: string[]) => {
      calls.push({ method: 'emissionLines', args: [elements] });
      return ok(elements.map((element) => ({ element, lines: [] })));
    },
    emissionElements: async () => ok(['Ca', 'Mn', 'Na']),
    calibrateEmission: async (
      _jobId: string,
      standards: CalibrationStandard[],
      line: CalibrationLine,
      unknowns: Spectrum[],
    ) => {
      calls.push({ method: 'calibrateEmission', args: [standards, line, unknowns] });
      return standards.length < 3
        ? err({ code: 'INVALID_DATA' as const, message: 'a degree-1 calibration needs at least 3 standards, got 2' })
        : ok({ line, unknowns: unknowns.map((u) => ({ spectrumId: u.id })) });
    },
  };
  const bridge = {
    engine,
    call: (job: (remote: typeof engine, jobId: string) => Promise<unknown>) => job(engine, 'job-1'),
  };
  return { bridge: bridge as unknown as EngineBridge, calls };
}

function setup(fail = false) {
  const store = createWorkbenchStore();
  const state = createEmissionStore();
  const { bridge, calls } = fakeBridge(fail);
  const client = new EmissionClient(store, bridge, state);
  const load = (spectra: Spectrum[]) => {
    const file = (spectra[0] as Spectrum).file;
    store
      .getState()
      .addFile({ file, format: 'emission-csv', domain: 'emission', spectrumIds: spectra.map((s) => s.id) }, spectra);
    client.afterLoad([file]);
  };
  return { store, state, client, calls, load };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('EmissionClient', () => {
  it('identifies the first emission spectrum after loading, once; accepted elements get their markers', async () => {
    const { state, store, calls, load, client } = setup();
    load([emissionSpectrum('ca.csv')]);
    expect(state.getState().runs['ca.csv#0']?.status).toBe('running');
    await settle();
    expect(state.getState().runs['ca.csv#0']?.status).toBe('done');
    expect(state.getState().markers).toEqual(['Ca']);
    expect(Object.keys(state.getState().lineSets)).toEqual(['Ca']);
    // the store's spectrum goes to the engine by reference
    expect(calls[0]?.args[0]).toBe(store.getState().spectra['ca.csv#0']);
    client.afterLoad(['ca.csv']);
    expect(calls.filter((c) => c.method === 'identifyEmission')).toHaveLength(1);
    expect(store.getState().job).toBeNull();
  });

  it('a failure lands in the run and the problem list with its code; other domains are left alone', async () => {
    const failing = setup(true);
    failing.load([emissionSpectrum('bad.csv')]);
    await settle();
    expect(failing.state.getState().runs['bad.csv#0']?.status).toBe('failed');
    expect(failing.store.getState().problems.map((p) => [p.code, p.file])).toEqual([['INVALID_DATA', 'bad.csv']]);

    const { store, client, calls } = setup();
    const gamma = { ...emissionSpectrum('g.spe'), domain: 'gamma' as const };
    store.getState().addFile({ file: 'g.spe', format: 'spe', domain: 'gamma', spectrumIds: [gamma.id] }, [gamma]);
    client.afterLoad(['g.spe']);
    const raman = { ...emissionSpectrum('r.csv'), x: { ...emissionSpectrum('r.csv').x, unit: 'cm-1' as const } };
    store
      .getState()
      .addFile({ file: 'r.csv', format: 'emission-csv', domain: 'emission', spectrumIds: [raman.id] }, [raman]);
    await client.identify(raman.id);
    expect(calls).toHaveLength(0);
  });

  it('toggles markers (loading lines on first use) and lists the library elements', async () => {
    const { state, client, calls } = setup();
    await client.toggleMarker('Mn');
    expect(state.getState().markers).toEqual(['Mn']);
    await client.toggleMarker('Mn');
    expect(state.getState().markers).toEqual([]);
    await client.toggleMarker('Mn');
    expect(calls.filter((c) => c.method === 'emissionLines')).toHaveLength(1);
    await client.ensureElements();
    expect(state.getState().libraryElements).toEqual(['Ca', 'Mn', 'Na']);
  });

  it('calibrates with the chosen spectra by reference; a typed failure goes to the view and the problem list', async () => {
    const { state, store, client, calls, load } = setup();
    load([0, 1, 2, 3].map((i) => emissionSpectrum('cal.csv', i, 10 * (i + 1))));
    await settle();
    const line = { wavelengthNm: 410.3, windowNm: 0.6 };
    await client.calibrate({
      standards: [0, 1, 2].map((i) => ({ id: `cal.csv#${i}`, concentration: i + 1 })),
      unknownIds: ['cal.csv#3', 'gone#0'],
      line,
    });
    const run = state.getState().calibration;
    expect(run?.status).toBe('done');
    expect(run?.unknownIds).toEqual(['cal.csv#3']);
    const sent = calls.find((c) => c.method === 'calibrateEmission')?.args[0] as CalibrationStandard[];
    expect(sent[0]?.spectrum).toBe(store.getState().spectra['cal.csv#0']);

    await client.calibrate({
      standards: [0, 1].map((i) => ({ id: `cal.csv#${i}`, concentration: i })),
      unknownIds: [],
      line,
    });
    expect(state.getState().calibration?.status).toBe('failed');
    expect(store.getState().problems.at(-1)?.code).toBe('INVALID_DATA');
    client.showCalibration(true);
    expect(state.getState().calibrationOpen).toBe(true);
  });
});
