import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import type { LoadedFile } from '../store/spectraSlice';
import { findTimeSeries } from './findTimeSeries';

function spectrum(file: string, index: number, meta: Spectrum['meta'], channels = 16): Spectrum {
  return {
    id: `${file}#${index}`,
    name: `${file} ${index}`,
    file,
    domain: 'gamma',
    x: { values: Float64Array.from({ length: channels }, (_, i) => i), unit: 'keV', quantity: 'energy' },
    y: { values: new Float64Array(channels), unit: 'counts' },
    meta,
  };
}

function load(file: string, spectra: Spectrum[], domain: LoadedFile['domain'] = 'gamma') {
  const loaded: LoadedFile = { file, format: 'x', domain, spectrumIds: spectra.map((s) => s.id) };
  return { loaded, byId: Object.fromEntries(spectra.map((s) => [s.id, s])) };
}

describe('findTimeSeries', () => {
  it('groups a file’s spectra by detector, leaving out backgrounds, cumulative totals and derived sums', () => {
    const spectra = [
      ...Array.from({ length: 9 }, (_, i) => spectrum('a.n42', i, { detector: i % 2 === 0 ? 'Aa1' : 'Ba1' })),
      ...Array.from({ length: 8 }, (_, i) => spectrum('a.n42', 9 + i, { detector: 'Aa1' })),
      spectrum('a.n42', 17, { detector: 'Aa1', measurementClass: 'Background' }),
      spectrum('a.n42', 18, { detector: 'Aa1', cumulative: true }),
      spectrum('a.n42', 19, { detector: 'Aa1', summedSpectra: 3 }),
    ];
    const { loaded, byId } = load('a.n42', spectra);
    const series = findTimeSeries([loaded], byId, ['a.n42#19']);
    expect(series).toHaveLength(1);
    expect(series[0]?.detector).toBe('Aa1');
    expect(series[0]?.ids).toHaveLength(13);
    expect(series[0]?.ids).not.toContain('a.n42#17');
  });

  it('needs eight spectra with the same channel count, and gamma files only', () => {
    const seven = Array.from({ length: 7 }, (_, i) => spectrum('b.rcspg', i, { instrument: 'RC-102' }));
    const odd = spectrum('b.rcspg', 7, { instrument: 'RC-102' }, 32);
    const a = load('b.rcspg', [...seven, odd]);
    expect(findTimeSeries([a.loaded], a.byId)).toEqual([]);
    const eight = Array.from({ length: 8 }, (_, i) => spectrum('c.csv', i, {}));
    const c = load('c.csv', eight, 'generic');
    expect(findTimeSeries([c.loaded], c.byId)).toEqual([]);
    const d = load(
      'd.rcspg',
      Array.from({ length: 8 }, (_, i) => spectrum('d.rcspg', i, { instrument: 'RC-102' })),
    );
    expect(findTimeSeries([a.loaded, d.loaded], { ...a.byId, ...d.byId }).map((t) => [t.file, t.detector])).toEqual([
      ['d.rcspg', 'RC-102'],
    ]);
  });
});
