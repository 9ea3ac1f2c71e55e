import { describe, expect, it } from 'vitest';
import { err, ok } from '../../core/result';
import type { Spectrum } from '../../core/spectrum';
import type { MrsQuantifyRequest } from '../../workers/mrsMethods';
import type { MrsTransientView } from '../../workers/mrsTransientView';
import { fakeQuantifyView } from '../plot/mrsFit.testUtil';
import { fakeTransientGroup } from '../plot/mrsTransients.testUtil';
import { createWorkbenchStore } from '../store/workbenchStore';
import type { EngineBridge } from './engineBridge';
import { MrsClient } from './mrsClient';

function fid(file: string, index: number, unit: 's' | 'ppm' = 's'): Spectrum {
  return {
    id: `${file}#${index}${unit === 'ppm' ? '/ppm' : ''}`,
    name: `${file} ${index}`,
    file,
    domain: 'mrs',
    x: { values: Float64Array.from([0, 1]), unit, quantity: unit === 's' ? 'time' : 'chemical shift' },
    y: { values: new Float64Array(2), imaginary: new Float64Array(2), unit: 'a.u.' },
    meta: {},
  };
}

function setup(fail = false) {
  const store = createWorkbenchStore();
  const requests: MrsQuantifyRequest[] = [];
  const transientRequests: Spectrum[][] = [];
  const engine = {
    quantifyMrs: async (_jobId: string, request: MrsQuantifyRequest) => {
      requests.push(request);
      return fail ? err({ code: 'BASIS_MISMATCH' as const, message: 'no basis', file: 'act' }) : ok(fakeQuantifyView());
    },
    mrsTransientView: async (_jobId: string, spectra: Spectrum[]) => {
      transientRequests.push(spectra);
      const view: MrsTransientView = {
        file: 'act',
        transients: 4,
        coils: 1,
        groups: [fakeTransientGroup()],
        notes: [],
        totalMs: 1,
      };
      return fail ? err({ code: 'INVALID_DATA' as const, message: 'no FID', file: 'act' }) : ok(view);
    },
  };
  const bridge = {
    engine,
    call: (job: (remote: typeof engine, jobId: string) => Promise<unknown>) => job(engine, 'j'),
  };
  const client = new MrsClient(store, bridge as unknown as EngineBridge);
  for (const spectra of [[fid('act', 0), fid('act', 1)], [fid('ref', 0)], [fid('b', 0), fid('b', 1), fid('b', 2)]]) {
    const file = (spectra[0] as Spectrum).file;
    store.getState().addFile({ file, format: 'f', domain: 'mrs', spectrumIds: spectra.map((s) => s.id) }, spectra);
  }
  store.getState().addDerivedSpectrum('act', fid('act', 0, 'ppm'));
  return { store, client, requests, transientRequests };
}

describe('MrsClient', () => {
  it('sends the FIDs of the chosen files by role (not the ppm view) and stores the result', async () => {
    const { store, client, requests } = setup();
    const running = client.quantify({
      dataFile: 'act',
      waterFile: 'ref',
      basisFiles: ['b'],
      options: { echoTimeMs: 30 },
    });
    expect(store.getState().mrsQuantify?.status).toBe('running');
    expect(store.getState().job?.label).toMatch(/Quantifying act/);
    await running;
    const [request] = requests;
    expect(request?.data.map((s) => s.id)).toEqual(['act#0', 'act#1']);
    expect(request?.water.map((s) => s.id)).toEqual(['ref#0']);
    expect(request?.basis).toHaveLength(3);
    expect(request?.options).toEqual({ echoTimeMs: 30 });
    expect(store.getState().mrsQuantify).toMatchObject({ status: 'done', dataFile: 'act', waterFile: 'ref' });
    expect(store.getState().mrsQuantify?.result?.fit.names).toContain('NAA');
    expect(store.getState().job).toBeNull();
  });

  it('reports a failure in the run and in the problem list', async () => {
    const { store, client } = setup(true);
    await client.quantify({ dataFile: 'act', waterFile: null, basisFiles: [], options: {} });
    expect(store.getState().mrsQuantify).toMatchObject({ status: 'failed', error: { code: 'BASIS_MISMATCH' } });
    expect(store.getState().problems.map((p) => p.code)).toEqual(['BASIS_MISMATCH']);
  });
});

describe('MrsClient transient view', () => {
  it('sends the FIDs of the file (not the ppm view) and stores the view', async () => {
    const { store, client, transientRequests } = setup();
    const running = client.showTransients('act');
    expect(store.getState().mrsTransients).toMatchObject({ file: 'act', status: 'running' });
    expect(store.getState().job?.label).toMatch(/Transients of act/);
    await running;
    expect(transientRequests[0]?.map((s) => s.id)).toEqual(['act#0', 'act#1']);
    expect(store.getState().mrsTransients).toMatchObject({ file: 'act', status: 'done', error: null });
    expect(store.getState().mrsTransients?.result?.groups[0]?.rejected).toEqual([3]);
    expect(store.getState().job).toBeNull();
  });

  it('reports a failure in the view and in the problem list', async () => {
    const { store, client } = setup(true);
    await client.showTransients('act');
    expect(store.getState().mrsTransients).toMatchObject({ status: 'failed', error: { code: 'INVALID_DATA' } });
    expect(store.getState().problems.map((p) => p.code)).toEqual(['INVALID_DATA']);
  });
});
