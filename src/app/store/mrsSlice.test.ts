import { describe, expect, it } from 'vitest';
import { fakeQuantifyView } from '../plot/mrsFit.testUtil';
import { shownMrsComponents } from './mrsSlice';
import { createWorkbenchStore } from './workbenchStore';

const done = () => ({
  status: 'done' as const,
  dataFile: 'a',
  waterFile: null,
  basisFiles: ['b'],
  result: fakeQuantifyView(),
  error: null,
});

describe('mrsSlice', () => {
  it('toggles a component starting from the default set, and a new result shows its defaults again', () => {
    const store = createWorkbenchStore();
    store.getState().setMrsQuantify(done());
    expect(shownMrsComponents(store.getState())).toEqual(['NAA', 'Cr']);
    store.getState().toggleMrsComponent('NAA');
    expect(shownMrsComponents(store.getState())).toEqual(['Cr']);
    store.getState().toggleMrsComponent('MM20');
    expect(shownMrsComponents(store.getState())).toEqual(['Cr', 'MM20']);
    store.getState().setMrsQuantify(done());
    expect(shownMrsComponents(store.getState())).toEqual(['NAA', 'Cr']);
  });

  it('keeps the choice when the same result is set again', () => {
    const store = createWorkbenchStore();
    store.getState().setMrsQuantify(done());
    store.getState().setMrsShownComponents([]);
    const current = store.getState().mrsQuantify;
    if (current) store.getState().setMrsQuantify({ ...current, status: 'done' });
    expect(shownMrsComponents(store.getState())).toEqual([]);
  });
});
