import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import { createWorkbenchStore } from './workbenchStore';

function spectrum(file: string, index: number, points = 10): Spectrum {
  return {
    id: `${file}#${index}`,
    name: `${file} ${index}`,
    file,
    domain: 'generic',
    x: { values: Float64Array.from({ length: points }, (_, i) => i), unit: 'index', quantity: 'index' },
    y: { values: new Float64Array(points), unit: 'a.u.' },
    meta: {},
  };
}

const loaded = (file: string, spectra: Spectrum[]) => ({
  file,
  format: 'delimited-text',
  domain: 'generic' as const,
  spectrumIds: spectra.map((s) => s.id),
});

describe('workbench store', () => {
  it('adds files, keeps spectra by reference, and selects the first spectrum when nothing is selected', () => {
    const store = createWorkbenchStore();
    const a = [spectrum('a.csv', 0), spectrum('a.csv', 1)];
    store.getState().addFile(loaded('a.csv', a), a);
    const state = store.getState();
    expect(state.spectrumOrder).toEqual(['a.csv#0', 'a.csv#1']);
    expect(state.spectra['a.csv#0']).toBe(a[0]);
    expect(state.spectra['a.csv#0']?.y.values).toBe(a[0]?.y.values);
    expect(state.selectedIds).toEqual(['a.csv#0']);
    const b = [spectrum('b.csv', 0)];
    store.getState().addFile(loaded('b.csv', b), b);
    expect(store.getState().selectedIds).toEqual(['a.csv#0']);
  });

  it('replaces a file of the same name instead of duplicating it', () => {
    const store = createWorkbenchStore();
    const first = [spectrum('a.csv', 0), spectrum('a.csv', 1)];
    store.getState().addFile(loaded('a.csv', first), first);
    const again = [spectrum('a.csv', 0, 20)];
    store.getState().addFile(loaded('a.csv', again), again);
    const state = store.getState();
    expect(state.files).toHaveLength(1);
    expect(state.spectrumOrder).toEqual(['a.csv#0']);
    expect(state.spectra['a.csv#0']?.x.values.length).toBe(20);
    expect(state.spectra['a.csv#1']).toBeUndefined();
    expect(state.selectedIds).toEqual(['a.csv#0']);
  });

  it('removing a file drops its spectra, selection and processed results', () => {
    const store = createWorkbenchStore();
    const a = [spectrum('a.csv', 0)];
    const b = [spectrum('b.csv', 0)];
    store.getState().addFile(loaded('a.csv', a), a);
    store.getState().addFile(loaded('b.csv', b), b);
    store.getState().toggleSelected('b.csv#0');
    store.getState().setProcessed([{ inputId: 'a.csv#0', result: spectrum('a.csv', 9) }]);
    store.getState().removeFile('a.csv');
    const state = store.getState();
    expect(state.files.map((f) => f.file)).toEqual(['b.csv']);
    expect(state.spectrumOrder).toEqual(['b.csv#0']);
    expect(state.selectedIds).toEqual(['b.csv#0']);
    expect(state.processed).toEqual({});
    store.getState().removeFile('missing.csv');
    expect(store.getState().files).toHaveLength(1);
  });

  it('keeps problems with ids so each can be dismissed', () => {
    const store = createWorkbenchStore();
    store.getState().reportProblem({ code: 'EMPTY_FILE', message: 'the file is empty', file: 'e.csv' });
    store.getState().reportProblem({ code: 'BINARY_FILE', message: 'binary', file: 'b.bin' });
    const [first, second] = store.getState().problems;
    expect(first?.id).not.toBe(second?.id);
    store.getState().dismissProblem(first?.id as number);
    expect(store.getState().problems.map((p) => p.file)).toEqual(['b.bin']);
  });

  it('merges smoothing settings and toggles selection', () => {
    const store = createWorkbenchStore();
    store.getState().setSmoothing({ windowLength: 21 });
    expect(store.getState().smoothing).toEqual({ enabled: true, windowLength: 21, polynomialOrder: 3 });
    store.getState().toggleSelected('x');
    store.getState().toggleSelected('y');
    store.getState().toggleSelected('x');
    expect(store.getState().selectedIds).toEqual(['y']);
  });
});
