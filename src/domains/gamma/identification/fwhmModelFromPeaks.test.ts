import { describe, expect, it } from 'vitest';
import type { GammaPeak } from '../peaks/gammaPeak';
import { fwhmModelFromPeaks } from './fwhmModelFromPeaks';

const peak = (centroidKeV: number, fwhmKeV: number): GammaPeak => ({
  centroidKeV,
  centroidSigmaKeV: 0.01,
  fwhmKeV,
  fwhmSigmaKeV: 0.01,
  netArea: 1000,
  netAreaSigma: 40,
  significance: 25,
  centroidChannel: centroidKeV,
  regionId: 0,
});

describe('fwhmModelFromPeaks', () => {
  const truth = (e: number): number => Math.sqrt(0.565 + 0.00201 * e);

  it('recovers FWHM² = a + b·E from the peaks, ignoring a multiplet fitted too wide', () => {
    const energies = [122, 344, 662, 1173, 1332, 1408, 2614];
    const model = fwhmModelFromPeaks([...energies.map((e) => peak(e, truth(e))), peak(900, 3 * truth(900))]);
    for (const e of [100, 500, 1500, 3000]) expect(model(e)).toBeCloseTo(truth(e), 2);
  });

  it('scales a single peak as √(E + 300 keV), and falls back to 1 keV with no usable width', () => {
    const one = fwhmModelFromPeaks([peak(662, 1.5)]);
    expect(one(662)).toBeCloseTo(1.5, 10);
    expect(one(1662)).toBeCloseTo(1.5 * Math.sqrt(1962 / 962), 10);
    expect(fwhmModelFromPeaks([])(500)).toBe(1);
    expect(fwhmModelFromPeaks([peak(662, Number.NaN), peak(800, 0)])(500)).toBe(1);
  });

  it('never returns a negative or zero width, even from widths that fall with energy', () => {
    const model = fwhmModelFromPeaks([peak(100, 3), peak(1000, 1), peak(2000, 0.5)]);
    for (const e of [0, 50, 1000, 5000]) expect(model(e)).toBeGreaterThan(0);
  });
});
