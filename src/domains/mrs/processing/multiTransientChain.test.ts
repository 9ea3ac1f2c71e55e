import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { magnitudeSpectrum } from '../conjugation';
import { alignTransients } from './alignTransients';
import { averageTransients } from './averageTransients';
import { coilCombine } from './coilCombine';
import { eddyCurrentCorrection } from './eddyCurrentCorrection';
import { rejectOutliers } from './rejectOutliers';
import { removeWater } from './removeWater';
import { fidOf } from './transientData';
import { ACQ, BRAIN, fidOfPeaks, gaussian, type Peak, seeded, sigmaForSnr, transient } from './transientTestSupport';

/** Eddy-current phase (rad) at time t (s). */
const eddy = (t: number) => 0.8 * Math.exp(-t / 0.04);

/** 8 coils × 32 dynamics of drifting metabolites with residual water, 2 corrupted dynamics, and an 8-coil water reference, all with eddy currents. */
function acquisition() {
  const uniform = seeded(71);
  const normal = gaussian(uniform);
  const coils = Array.from({ length: 8 }, () => [0.3 + uniform(), 2 * Math.PI * uniform()] as const);
  const sigma = sigmaForSnr(fidOfPeaks(BRAIN), 6); // per coil and transient
  const record = (
    peaks: readonly Peak[],
    shift: number,
    phase: number,
    indices: Record<string, number>,
    role: 'metabolite' | 'water',
  ) => {
    const fid = fidOfPeaks(peaks, shift, phase);
    return coils.map(([gain, angle], coil) => {
      const re = new Float64Array(ACQ.n);
      const im = new Float64Array(ACQ.n);
      for (let t = 0; t < ACQ.n; t++) {
        const rotation = angle + eddy(t * ACQ.dwell);
        const c = gain * Math.cos(rotation);
        const s = gain * Math.sin(rotation);
        re[t] = c * (fid.re[t] as number) - s * (fid.im[t] as number) + sigma * normal();
        im[t] = c * (fid.im[t] as number) + s * (fid.re[t] as number) + sigma * normal();
      }
      return transient({ re, im }, { ...indices, coil }, { role, file: role === 'water' ? 'ref.nii' : 'metab.nii' });
    });
  };
  const residualWater: Peak = { ppm: 4.65, amplitude: 4, widthHz: 7 };
  const metabolites = Array.from({ length: 32 }, (_, dynamic) => {
    const corrupted = dynamic === 9 || dynamic === 23;
    const peaks = corrupted
      ? [...BRAIN, residualWater, { ppm: 1.3, amplitude: 4, widthHz: 25 }]
      : [...BRAIN, residualWater];
    return record(peaks, (2 * uniform() - 1) * 4, (2 * uniform() - 1) * 20, { dynamic }, 'metabolite');
  }).flat();
  const water = record([{ ppm: 4.65, amplitude: 200, widthHz: 7 }], 0, 0, {}, 'water');
  return { metabolites, water };
}

/** ppm of the tallest |S| in [low, high]. */
function tallest(fid: ComplexArrays, low: number, high: number): number {
  const { ppm, magnitude } = magnitudeSpectrum(fid.re, fid.im, ACQ.sf, ACQ.dwell, ACQ.centre);
  let best = Number.NaN;
  let height = -1;
  ppm.forEach((p, k) => {
    if (p >= low && p <= high && (magnitude[k] as number) > height) {
      height = magnitude[k] as number;
      best = p;
    }
  });
  return best;
}

describe('multi-transient chain: coil combination → alignment → outliers → average → ECC → HLSVD', () => {
  it('turns 256 raw coil transients into one clean spectrum with NAA at 2.01 ppm', () => {
    const { metabolites, water } = acquisition();
    const combined = coilCombine(metabolites, { reference: water });
    expect(combined.spectra).toHaveLength(32);
    const aligned = alignTransients(combined.spectra, { ppmRange: [1.8, 4.2] });
    const outliers = rejectOutliers(aligned.spectra, { ppmRange: [0.2, 4.2] });
    expect(outliers.rejectedIndices).toEqual([9, 23]);
    const [average] = averageTransients(outliers.kept) as [Spectrum];
    expect(average.meta.averages).toBe(30);
    expect(average.meta.averagedPositions).toBe('0-8,10-22,24-31');
    const ecc = eddyCurrentCorrection([average], (combined.reference as Spectrum[])[0] as Spectrum);
    const { spectrum, removed } = removeWater(ecc.spectra[0] as Spectrum);
    const final = fidOf(spectrum);
    const naa = tallest(final, 1.8, 2.2);
    console.info(
      `chain: NAA at ${naa.toFixed(3)} ppm, ${outliers.rejectedIndices.length} rejected, ` +
        `${removed.length} water components removed; meta ${JSON.stringify({
          coilCombination: spectrum.meta.coilCombination,
          averages: spectrum.meta.averages,
          eddyCurrentCorrection: spectrum.meta.eddyCurrentCorrection,
          waterRemoval: spectrum.meta.waterRemoval,
        })}`,
    );
    expect(Math.abs(naa - 2.01)).toBeLessThan(0.03);
    expect(Math.abs(tallest(final, 2.9, 3.1) - 3.03)).toBeLessThan(0.03);
    expect(spectrum.meta.coilCombination).toBe('wsvd');
    expect(spectrum.meta.eddyCurrentCorrection).toBe('klose');
    expect(spectrum.meta.waterRemoval).toBe('hlsvd');
    expect(spectrum.meta['index.coil']).toBeUndefined();
    expect(spectrum.meta['index.dynamic']).toBeUndefined();
  });
});
