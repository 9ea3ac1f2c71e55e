import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import type { LoadedFile } from '../store/spectraSlice';
import { mrsQuantifyChoices } from './mrsQuantifyInputs';

function fid(file: string, index: number, meta: Spectrum['meta'] = {}, unit: 's' | 'ppm' = 's'): Spectrum {
  return {
    id: `${file}#${index}${unit === 'ppm' ? '/ppm' : ''}`,
    name: `${file} ${index}`,
    file,
    domain: 'mrs',
    x: { values: Float64Array.from([0, 1]), unit, quantity: unit === 's' ? 'time' : 'chemical shift' },
    y: { values: new Float64Array(2), imaginary: new Float64Array(2), unit: 'a.u.' },
    meta,
  };
}

function loaded(...groups: Spectrum[][]) {
  const files: LoadedFile[] = groups.map((spectra) => ({
    file: (spectra[0] as Spectrum).file,
    format: 'f',
    domain: 'mrs',
    spectrumIds: spectra.map((s) => s.id),
  }));
  const spectra = Object.fromEntries(groups.flat().map((s) => [s.id, s]));
  return { files, spectra };
}

describe('mrsQuantifyChoices', () => {
  const data = [fid('act.sdat', 0, { echoTimeS: 0.035, repetitionTimeS: 2, role: 'metabolite' })];
  const view = fid('act.sdat', 0, {}, 'ppm');
  const water = [fid('ref.sdat', 0, { role: 'water' })];
  const basis = [fid('b.BASIS', 0, { basisSet: true }), fid('b.BASIS', 1, { basisSet: true })];
  const raw = [fid('naa.RAW', 0)];

  it('preselects the .BASIS file as basis and the water file as water, TE/TR from the data in ms', () => {
    const { files, spectra } = loaded([...data, view], water, basis, raw);
    const choices = mrsQuantifyChoices(files, spectra, [view.id], 'act.sdat');
    expect(choices.dataIds).toEqual(['act.sdat#0']);
    expect(choices.others.map((o) => o.file)).toEqual(['ref.sdat', 'b.BASIS', 'naa.RAW']);
    expect(choices.defaultBasisFiles).toEqual(['b.BASIS']);
    expect(choices.defaultWaterFile).toBe('ref.sdat');
    expect(choices.echoTimeMs).toBe(35);
    expect(choices.repetitionTimeMs).toBe(2000);
    expect(choices.others.find((o) => o.file === 'b.BASIS')?.ids).toHaveLength(2);
  });

  it('preselects no water file when the data hold their own water frames, and states no TE it does not know', () => {
    const own = [fid('dicom', 0, { role: 'metabolite' }), fid('dicom', 1, { role: 'water' })];
    const { files, spectra } = loaded(own, water);
    const choices = mrsQuantifyChoices(files, spectra, [], 'dicom');
    expect(choices.dataHasWater).toBe(true);
    expect(choices.defaultWaterFile).toBeNull();
    expect(choices.echoTimeMs).toBeUndefined();
  });
});
