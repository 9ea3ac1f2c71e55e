import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { rejectOutliers } from './rejectOutliers';
import { addNoise, BRAIN, fidOfPeaks, gaussian, seeded, sigmaForSnr, transient } from './transientTestSupport';

/** 32 aligned transients at SNR 15; the ones in `corrupt` get a motion-like corruption. */
function acquisition(seed: number, corrupt: Record<number, 'dropout' | 'lipid' | 'motion'> = {}) {
  const normal = gaussian(seeded(seed));
  const sigma = sigmaForSnr(fidOfPeaks(BRAIN), 15);
  return Array.from({ length: 32 }, (_, k) => {
    const kind = corrupt[k];
    let peaks = BRAIN;
    let shift = 0;
    let phase = 0;
    if (kind === 'dropout') peaks = BRAIN.map((p) => ({ ...p, amplitude: 0.5 * p.amplitude, widthHz: 12 })); // signal loss, broadening
    if (kind === 'lipid')
      peaks = [...BRAIN, { ppm: 1.3, amplitude: 3, widthHz: 25 }, { ppm: 0.9, amplitude: 1, widthHz: 25 }];
    if (kind === 'motion') {
      shift = 4;
      phase = 50;
    }
    return transient(addNoise(fidOfPeaks(peaks, shift, phase), sigma, normal), { dynamic: k }, { index: k });
  });
}

describe('rejectOutliers', () => {
  it('finds exactly the motion-corrupted transients', () => {
    const spectra = acquisition(31, { 5: 'dropout', 17: 'lipid', 26: 'motion' });
    const result = rejectOutliers(spectra);
    const sorted = [...result.residuals].sort((a, b) => a - b);
    console.info(
      `outliers: rejected ${result.rejectedIndices.join(', ')}; cut-off ${result.cutoff.toFixed(3)}, ` +
        `median residual ${sorted[16]?.toFixed(3)}, corrupted ${[5, 17, 26].map((i) => result.residuals[i]?.toFixed(2)).join(' / ')}`,
    );
    expect(result.rejectedIndices).toEqual([5, 17, 26]);
    expect(result.keptIndices).toHaveLength(29);
    expect(result.kept.every((s) => typeof s.meta.outlierResidual === 'number')).toBe(true);
    expect(result.rejected.every((s) => s.meta.rejectedAsOutlier === true)).toBe(true);
    expect(result.kept[0]?.id).toBe(spectra[0]?.id);
  });

  it('keeps every transient of a clean acquisition', () => {
    for (const seed of [41, 42, 43]) expect(rejectOutliers(acquisition(seed)).rejectedIndices).toEqual([]);
  });

  it('never rejects more than half, and rejects bad options', () => {
    const corrupt: Record<number, 'lipid'> = {};
    for (let k = 0; k < 14; k++) corrupt[k] = 'lipid';
    const result = rejectOutliers(acquisition(51, corrupt));
    expect(result.kept.length).toBeGreaterThanOrEqual(16);
    const three = acquisition(52).slice(0, 3) as Spectrum[];
    expect(() => rejectOutliers(three.slice(0, 2))).toThrow(/at least 3/);
    expect(() => rejectOutliers(three, { threshold: 0 })).toThrow(/threshold/);
    expect(() => rejectOutliers(three, { ppmRange: [30, 40] })).toThrow(/ppmRange/);
    expect(() => rejectOutliers(three, { iterations: 0 })).toThrow(/iterations/);
  });
});
