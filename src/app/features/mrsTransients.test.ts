import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import { TRANSIENT_DIMENSIONS as ENGINE_DIMENSIONS } from '../../workers/mrsTransientView';
import { createWorkbenchStore } from '../store/workbenchStore';
import { fileFids, TRANSIENT_DIMENSIONS, transientCount } from './mrsTransients';

function fid(file: string, meta: Record<string, number | boolean> = {}, unit: 's' | 'ppm' = 's'): Spectrum {
  const id = `${file}#${JSON.stringify(meta)}${unit}`;
  return {
    id,
    name: id,
    file,
    domain: 'mrs',
    x: { values: Float64Array.from([0, 1]), unit, quantity: 'time' },
    y: { values: new Float64Array(2), imaginary: new Float64Array(2), unit: 'a.u.' },
    meta,
  };
}

describe('transientCount', () => {
  it('counts transients along the first transient dimension present, and coils', () => {
    const spectra = [0, 1, 2].flatMap((dynamic) =>
      [0, 1].map((coil) => fid('a', { 'index.dynamic': dynamic, 'index.coil': coil })),
    );
    expect(transientCount(spectra)).toEqual({ transients: 3, coils: 2 });
    expect(transientCount([fid('b', { 'index.row': 0 }), fid('b', { 'index.row': 1 })])).toEqual({
      transients: 2,
      coils: 1,
    });
    // coils alone are one transient; MRSI voxels (x, y) are not transients
    expect(transientCount([0, 1, 2].map((coil) => fid('c', { 'index.coil': coil }))).transients).toBe(1);
    expect(transientCount([fid('d', { 'index.x': 0 }), fid('d', { 'index.x': 1 })]).transients).toBe(1);
    expect(transientCount([])).toEqual({ transients: 1, coils: 1 });
  });

  it('uses the same transient dimensions as the engine', () => {
    expect(TRANSIENT_DIMENSIONS).toEqual(ENGINE_DIMENSIONS);
  });
});

describe('fileFids', () => {
  it('gives the FIDs of a file, without views made in the app or basis spectra', () => {
    const store = createWorkbenchStore();
    const spectra = [fid('a', { 'index.dynamic': 0 }), fid('a', { 'index.dynamic': 1 }), fid('a', { basisSet: true })];
    store.getState().addFile({ file: 'a', format: 'f', domain: 'mrs', spectrumIds: spectra.map((s) => s.id) }, spectra);
    store.getState().addDerivedSpectrum('a', fid('a', {}, 'ppm'));
    const state = store.getState();
    expect(fileFids(state.files, state.spectra, state.derivedIds, 'a').map((s) => s.id)).toEqual([
      spectra[0]?.id,
      spectra[1]?.id,
    ]);
    expect(fileFids(state.files, state.spectra, state.derivedIds, 'nope')).toEqual([]);
  });
});
