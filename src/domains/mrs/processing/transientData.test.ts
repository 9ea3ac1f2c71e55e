import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import {
  acquisitionOf,
  complexMedian,
  hzToPpm,
  indicesOf,
  medianOf,
  ppmBins,
  ppmToHz,
  sharedAcquisition,
  withFid,
} from './transientData';
import { ACQ, BRAIN, fidOfPeaks, seeded, transient } from './transientTestSupport';

describe('transientData', () => {
  const spectrum = transient(fidOfPeaks(BRAIN), { coil: 2, dynamic: 5 });

  it('reads the acquisition and maps ppm ↔ Hz in the NIfTI-MRS convention', () => {
    const acquisition = acquisitionOf(spectrum);
    expect(acquisition).toEqual({
      points: ACQ.n,
      dwellTimeS: ACQ.dwell,
      spectrometerFrequencyMHz: ACQ.sf,
      centrePpm: 4.65,
    });
    expect(ppmToHz(2.01, acquisition)).toBeCloseTo(2.64 * ACQ.sf, 9);
    expect(hzToPpm(ppmToHz(3.2, acquisition), acquisition)).toBeCloseTo(3.2, 12);
    const bins = ppmBins(ACQ.n, acquisition, [4.6, 4.7]);
    expect(bins[0]).toBe(1); // 0 Hz = 4.65 ppm
    expect(bins[ACQ.n / 2]).toBe(0);
    expect(indicesOf(spectrum)).toEqual({ coil: 2, dynamic: 5 });
  });

  it('refuses what is not an MRS FID and mismatched lists', () => {
    const frequency = { ...spectrum, x: { ...spectrum.x, unit: 'ppm' as const } } as Spectrum;
    expect(() => acquisitionOf(frequency)).toThrow(/time-domain FID/);
    const noFrequency = { ...spectrum, meta: { ...spectrum.meta, spectrometerFrequencyMHz: 'x' } };
    expect(() => acquisitionOf(noFrequency)).toThrow(/spectrometer frequency/);
    const short = transient({ re: new Float64Array(100), im: new Float64Array(100) });
    expect(() => sharedAcquisition([spectrum, short], 'test')).toThrow(/100 points/);
    expect(() => sharedAcquisition([], 'test')).toThrow(/no spectrum/);
  });

  it('takes medians (odd and even counts, ties) like a sort would', () => {
    const uniform = seeded(4);
    for (let n = 1; n < 40; n++) {
      const values = Array.from({ length: n }, () => Math.floor(uniform() * 6));
      const sorted = [...values].sort((a, b) => a - b);
      const expected = n % 2 ? sorted[n >> 1] : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
      expect(medianOf(values)).toBe(expected);
    }
    expect(medianOf([])).toBeNaN();
    const median = complexMedian([
      { re: Float64Array.of(1, 5), im: Float64Array.of(0, 1) },
      { re: Float64Array.of(3, 4), im: Float64Array.of(9, 2) },
      { re: Float64Array.of(2, 6), im: Float64Array.of(1, 3) },
    ]);
    expect([...median.re, ...median.im]).toEqual([2, 5, 1, 2]);
  });

  it('builds a new spectrum with meta added and removed', () => {
    const out = withFid(
      spectrum,
      { re: new Float64Array(ACQ.n), im: new Float64Array(ACQ.n) },
      { 'index.coil': undefined, done: 1 },
      'x',
    );
    expect(out.id).toBe(`${spectrum.id}/x`);
    expect(out.meta['index.coil']).toBeUndefined();
    expect(out.meta.done).toBe(1);
    expect(spectrum.meta['index.coil']).toBe(2);
  });
});
