import type { Spectrum } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { magnitudeSpectrum } from '../conjugation';
import {
  ACQ,
  BRAIN,
  fidOfPeaks,
  gaussian,
  type Peak,
  seeded,
  sigmaForSnr,
  transient,
} from '../processing/transientTestSupport';

/** Eddy-current phase (rad) at time t (s). */
const eddy = (t: number) => 0.8 * Math.exp(-t / 0.04);

/** Options of {@link multiTransientAcquisition}. */
export interface AcquisitionOptions {
  readonly coils?: number;
  readonly dynamics?: number;
  readonly metaboliteFile?: string;
  readonly waterFile?: string;
  readonly seed?: number;
}

/**
 * Test support, the acquisition of `processing/multiTransientChain.test.ts`: coils × dynamics of
 * drifting NAA/Cr/Cho with residual water (dynamics 9 and 23 corrupted by a broad lipid line), and
 * a water reference with the same coils, all with the same eddy-current phase. Returns the
 * metabolite transients, the water reference and each dynamic's true shift (Hz) and phase (°).
 */
export function multiTransientAcquisition(options: AcquisitionOptions = {}) {
  const { coils: coilCount = 8, dynamics = 32, metaboliteFile = 'metab.nii', waterFile = 'ref.nii' } = options;
  const uniform = seeded(options.seed ?? 71);
  const normal = gaussian(uniform);
  const coils = Array.from({ length: coilCount }, () => [0.3 + uniform(), 2 * Math.PI * uniform()] as const);
  const sigma = sigmaForSnr(fidOfPeaks(BRAIN), 6);
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
      const file = role === 'water' ? waterFile : metaboliteFile;
      return transient({ re, im }, { ...indices, coil }, { role, file });
    });
  };
  const residualWater: Peak = { ppm: 4.65, amplitude: 4, widthHz: 7 };
  const shiftsHz: number[] = [];
  const phasesDeg: number[] = [];
  const metabolites = Array.from({ length: dynamics }, (_, dynamic) => {
    const corrupted = dynamic === 9 || dynamic === 23;
    const peaks = corrupted
      ? [...BRAIN, residualWater, { ppm: 1.3, amplitude: 4, widthHz: 25 }]
      : [...BRAIN, residualWater];
    shiftsHz.push((2 * uniform() - 1) * 4);
    phasesDeg.push((2 * uniform() - 1) * 20);
    return record(peaks, shiftsHz[dynamic] as number, phasesDeg[dynamic] as number, { dynamic }, 'metabolite');
  }).flat();
  const water: Spectrum[] = record([{ ppm: 4.65, amplitude: 200, widthHz: 7 }], 0, 0, {}, 'water');
  return { metabolites, water, shiftsHz, phasesDeg };
}

/** ppm of the tallest |S| in [low, high] of an FID of the {@link ACQ} acquisition. */
export function tallestPpm(fid: ComplexArrays, low: number, high: number): number {
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
