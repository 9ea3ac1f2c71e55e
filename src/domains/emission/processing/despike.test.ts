import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { despike } from './despike';
import { normalDeviates, opticalFixture, opticalSpectrum, voigt } from './emissionTest.testUtil';

/** Raman-like: Voigt bands of FWHM 3–6 points (heights 50–5000 noise SDs) on a slope, noise SD 1. */
const n = 1500;
const x = Float64Array.from({ length: n }, (_, i) => 200 + i);
const bands = [
  { c: 150.3, area: 5000 * 4, fG: 2, fL: 1.5 }, // FWHM ≈ 3 points, height ≈ 4500
  { c: 400, area: 800, fG: 2.5, fL: 1 },
  { c: 700.6, area: 3e4, fG: 4, fL: 2 },
  { c: 1000, area: 300, fG: 1.5, fL: 2 },
  { c: 1250.2, area: 2e4, fG: 2.5, fL: 0.5 }, // FWHM ≈ 2.8
];
const clean = Float64Array.from(
  x,
  (_, i) => 100 + 0.05 * i + bands.reduce((s, b) => s + b.area * voigt(i, b.c, b.fG, b.fL), 0),
);
/** Spikes: start index, width (points), height. */
const spikes = [
  [80, 1, 40],
  [300, 1, 500],
  [520, 2, 60],
  [860, 3, 200],
  [1100, 1, 15],
  [1400, 2, 1000],
] as const;

function withSpikes(values: Float64Array): Float64Array {
  const out = Float64Array.from(values);
  for (const [start, width, height] of spikes)
    for (let i = start; i < start + width; i++) out[i] = (out[i] as number) + height;
  return out;
}

describe('despike', () => {
  const normal = normalDeviates(17);
  const noisy = Float64Array.from(clean, (v) => v + normal());
  const spectrum = opticalSpectrum(x, withSpikes(noisy), { unit: 'cm-1' });

  it('replaces exactly the spike points (1–3 wide, 15–1000 noise SDs) and leaves every band alone', () => {
    const { spectrum: out, replaced } = despike(spectrum);
    const expected = spikes.flatMap(([start, width]) => Array.from({ length: width }, (_, k) => start + k));
    expect([...replaced.entries()].filter(([, f]) => f === 1).map(([i]) => i)).toEqual(expected);
    for (const [start, width] of spikes) {
      for (let i = start; i < start + width; i++)
        expect(Math.abs((out.y.values[i] as number) - (noisy[i] as number))).toBeLessThan(5);
    }
    expect(out.meta.despiked).toBe(expected.length);
    expect(out.meta.despikedRanges).toBe('280 cm-1, 500 cm-1, 720–721 cm-1, 1060–1062 cm-1, 1300 cm-1, 1600–1601 cm-1');
  });

  it('leaves a spike-free spectrum untouched (bands of FWHM ≥ 2.8 points at SNR up to 4500)', () => {
    const { spectrum: out } = despike(opticalSpectrum(x, noisy));
    expect(out.meta.despiked).toBe(0);
    expect(out.y.values).toEqual(noisy);
  });

  it('removes a spike sitting on top of a broad band', () => {
    const broad = Float64Array.from(x, (_, i) => 10 + 500 * Math.exp(-0.5 * ((i - 600) / 12) ** 2) + normal());
    broad[603] = (broad[603] as number) + 300;
    const { replaced } = despike(opticalSpectrum(x, broad));
    expect([...replaced.entries()].filter(([, f]) => f === 1).map(([i]) => i)).toEqual([603]);
  });

  it('real spectra: HDPE Raman (CC BY 4.0), Ca/Mn and soil LIBS (MIT) keep their lines; injected spikes go', () => {
    // HDPE's 1295 cm⁻¹ band is 1.8 points wide (undersampled) and stays; Ca_Mn starts with zero padding (a step)
    const hdpe = opticalFixture('raman_hdpe.csv')[0] as Spectrum;
    expect(despike(hdpe).spectrum.meta.despiked).toBe(0);
    expect(despike(opticalFixture('Ca_Mn_spec.csv')[0] as Spectrum).spectrum.meta.despiked).toBe(0);
    // soil: lines are 5–8 points wide and stay; only a one-point feature at 302.857 nm goes, the same pixel in
    // 9 of the 10 shots (a detector artefact: no line is one 0.0107 nm point wide here)
    const soil = opticalFixture('specData_soil_LIBS_240-400nm.csv');
    const found = soil.map((s) => String(despike(s).spectrum.meta.despikedRanges ?? ''));
    expect(found.every((r) => r === '302.857 nm' || r === '')).toBe(true);
    expect(found.filter((r) => r === '302.857 nm').length).toBeGreaterThanOrEqual(7); // measured 8
    const values = Float64Array.from(hdpe.y.values);
    values[100] = (values[100] as number) + 400;
    values[501] = (values[501] as number) + 150;
    values[502] = (values[502] as number) + 150;
    const { replaced } = despike({ ...hdpe, y: { ...hdpe.y, values } });
    expect([...replaced.entries()].filter(([, f]) => f === 1).map(([i]) => i)).toEqual([100, 501, 502]);
  });

  it('refuses bad options', () => {
    expect(thrownWorkbenchError(() => despike(spectrum, { maxWidth: 0 })).message).toMatch(/maxWidth/);
    expect(thrownWorkbenchError(() => despike(spectrum, { threshold: 0 })).message).toMatch(/threshold/);
  });
});
