import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { averageTransients } from './averageTransients';
import { ACQ, BRAIN, fidOfPeaks, transient } from './transientTestSupport';

describe('averageTransients', () => {
  const clean = fidOfPeaks(BRAIN);
  const scaled = (factor: number) => ({ re: clean.re.map((v) => v * factor), im: clean.im.map((v) => v * factor) });

  it('averages each edit condition over its dynamics and updates the meta', () => {
    const spectra: Spectrum[] = [];
    for (const edit of [0, 1]) {
      for (const dynamic of [0, 1, 2, 3, 5]) {
        const s = transient(scaled(edit + dynamic), { dynamic, edit });
        spectra.push({ ...s, meta: { ...s.meta, alignedShiftHz: 0.3, alignedPhaseDeg: 2, outlierResidual: 0.2 } });
      }
    }
    const averaged = averageTransients(spectra);
    expect(averaged).toHaveLength(2);
    const [off, on] = averaged as [Spectrum, Spectrum];
    expect(off.y.values[0]).toBeCloseTo((clean.re[0] as number) * (11 / 5), 12);
    expect(on.y.imaginary?.[7]).toBeCloseTo((clean.im[7] as number) * (16 / 5), 12);
    expect(off.meta.averages).toBe(5);
    expect(off.meta.averagedTransients).toBe(5);
    expect(off.meta.averagedPositions).toBe('0-3,5');
    expect(off.meta['index.dynamic']).toBeUndefined();
    expect(off.meta['index.edit']).toBe(0);
    expect(on.meta['index.edit']).toBe(1);
    expect(off.meta.alignedShiftHz).toBeUndefined();
    expect(off.meta.outlierResidual).toBeUndefined();
    expect(off.name).toBe('synthetic.nii (edit 0, mean of 5 transients)');
    expect(off.x.values).toHaveLength(ACQ.n);
  });

  it('sums the averages the transients already hold, and averages along another dimension', () => {
    const spectra = [0, 1, 2].map((k) => {
      const s = transient(scaled(1), { repeat: k });
      return { ...s, meta: { ...s.meta, averages: 4 } };
    });
    const [mean] = averageTransients(spectra, { along: 'repeat' });
    expect(mean?.meta.averages).toBe(12);
    expect(mean?.meta.averagedPositions).toBe('0-2');
    expect(() => averageTransients([])).toThrow(/no spectrum/);
  });
});
