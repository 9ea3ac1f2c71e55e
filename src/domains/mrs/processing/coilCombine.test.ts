import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseFile } from '../../../formats';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { registerDomains } from '../../registerDomains';
import { coilCombine } from './coilCombine';
import type { ComplexMatrix } from './hermitianEigen';
import { acquisitionOf, fidOf, spectrumOfFid } from './transientData';
import { ACQ, BRAIN, fidOfPeaks, gaussian, seeded, sigmaForSnr, transient } from './transientTestSupport';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/mrs/osprey_niftimrs/sub-01_ses-01_SVS-ref.nii.gz');

/** Multi-coil data: coil c = s_c·signal + L·z (z white), the true sensitivities and noise covariance Ψ = 2·L·Lᴴ. */
function multiCoil(seed: number, coils: number, transients: number, snr: number, artefacts = false) {
  const uniform = seeded(seed);
  const normal = gaussian(uniform);
  const sens = { re: new Float64Array(coils), im: new Float64Array(coils) };
  for (let c = 0; c < coils; c++) {
    const magnitude = 0.1 + uniform();
    const phase = 2 * Math.PI * uniform();
    sens.re[c] = magnitude * Math.cos(phase);
    sens.im[c] = magnitude * Math.sin(phase);
  }
  const clean = fidOfPeaks(BRAIN);
  const sigma = sigmaForSnr(clean, snr);
  // artefacts seen on real data: long-T2 residual water (alive at the end of the FID) and a burst in the last points
  const metabolite = artefacts ? fidOfPeaks([...BRAIN, { ppm: 4.66, amplitude: 20, widthHz: 0.5 }]) : clean;
  if (artefacts) {
    for (let t = ACQ.n - 40; t < ACQ.n; t++) {
      const burst = 100 * Math.exp((t - ACQ.n) / 8) * (t % 2 === 0 ? 1 : -1);
      metabolite.re[t] = (metabolite.re[t] as number) + burst;
    }
  }
  // L: unequal coil noise levels (0.5–2) and correlations (lower triangle)
  const lr = new Float64Array(coils * coils);
  const li = new Float64Array(coils * coils);
  for (let i = 0; i < coils; i++) {
    lr[i * coils + i] = sigma * (0.5 + 1.5 * uniform());
    for (let j = 0; j < i; j++) {
      lr[i * coils + j] = sigma * 0.3 * normal();
      li[i * coils + j] = sigma * 0.3 * normal();
    }
  }
  const psi = { re: new Float64Array(coils * coils), im: new Float64Array(coils * coils) };
  for (let i = 0; i < coils; i++)
    for (let j = 0; j < coils; j++)
      for (let k = 0; k < coils; k++) {
        const ar = lr[i * coils + k] as number;
        const ai = li[i * coils + k] as number;
        const br = lr[j * coils + k] as number;
        const bi = -(li[j * coils + k] as number);
        psi.re[i * coils + j] = (psi.re[i * coils + j] as number) + 2 * (ar * br - ai * bi);
        psi.im[i * coils + j] = (psi.im[i * coils + j] as number) + 2 * (ar * bi + ai * br);
      }
  const acquire = (signal: ComplexArrays, dynamic: number, role: 'metabolite' | 'water'): Spectrum[] => {
    const z = Array.from({ length: coils }, () => ({
      re: Float64Array.from({ length: ACQ.n }, normal),
      im: Float64Array.from({ length: ACQ.n }, normal),
    }));
    return Array.from({ length: coils }, (_, c) => {
      const re = new Float64Array(ACQ.n);
      const im = new Float64Array(ACQ.n);
      const sr = sens.re[c] as number;
      const si = sens.im[c] as number;
      for (let t = 0; t < ACQ.n; t++) {
        let nr = 0;
        let ni = 0;
        for (let k = 0; k <= c; k++) {
          const ar = lr[c * coils + k] as number;
          const ai = li[c * coils + k] as number;
          const zr = (z[k] as ComplexArrays).re[t] as number;
          const zi = (z[k] as ComplexArrays).im[t] as number;
          nr += ar * zr - ai * zi;
          ni += ar * zi + ai * zr;
        }
        const xr = signal.re[t] as number;
        const xi = signal.im[t] as number;
        re[t] = sr * xr - si * xi + nr;
        im[t] = sr * xi + si * xr + ni;
      }
      return transient({ re, im }, { coil: c, dynamic }, { role, file: role === 'water' ? 'w.nii' : 'm.nii' });
    });
  };
  const spectra = Array.from({ length: transients }, (_, d) => acquire(metabolite, d, 'metabolite')).flat();
  const water = acquire(fidOfPeaks([{ ppm: 4.65, amplitude: 50, widthHz: 6 }]), 0, 'water');
  return { spectra, water, sens, psi };
}

/** SNR of a combination Σ w_c d_c for sensitivities s and noise covariance Ψ: |wᵀs| / √(w Ψ wᴴ). */
function combinationSnr(w: ComplexArrays, s: ComplexArrays, psi: ComplexMatrix): number {
  const c = s.re.length;
  let gr = 0;
  let gi = 0;
  let noise = 0;
  for (let i = 0; i < c; i++) {
    gr += (w.re[i] as number) * (s.re[i] as number) - (w.im[i] as number) * (s.im[i] as number);
    gi += (w.re[i] as number) * (s.im[i] as number) + (w.im[i] as number) * (s.re[i] as number);
    for (let j = 0; j < c; j++) {
      // w_i Ψ_ij conj(w_j)
      const ar =
        (w.re[i] as number) * (psi.re[i * c + j] as number) - (w.im[i] as number) * (psi.im[i * c + j] as number);
      const ai =
        (w.re[i] as number) * (psi.im[i * c + j] as number) + (w.im[i] as number) * (psi.re[i * c + j] as number);
      noise += ar * (w.re[j] as number) + ai * (w.im[j] as number);
    }
  }
  return Math.hypot(gr, gi) / Math.sqrt(noise);
}

/** SNR of the optimal combination: √(sᴴ Ψ⁻¹ s) (Ψ⁻¹ s solved by Gauss–Jordan on the real 2C form). */
function optimalSnr(s: ComplexArrays, psi: ComplexMatrix): number {
  const c = s.re.length;
  const m = 2 * c;
  const a: Float64Array[] = Array.from({ length: m }, () => new Float64Array(m + 1));
  for (let i = 0; i < c; i++) {
    for (let j = 0; j < c; j++) {
      const pr = psi.re[i * c + j] as number;
      const pi = psi.im[i * c + j] as number;
      (a[i] as Float64Array)[j] = pr;
      (a[i] as Float64Array)[j + c] = -pi;
      (a[i + c] as Float64Array)[j] = pi;
      (a[i + c] as Float64Array)[j + c] = pr;
    }
    (a[i] as Float64Array)[m] = s.re[i] as number;
    (a[i + c] as Float64Array)[m] = s.im[i] as number;
  }
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++)
      if (Math.abs((a[r] as Float64Array)[col] as number) > Math.abs((a[pivot] as Float64Array)[col] as number))
        pivot = r;
    [a[col], a[pivot]] = [a[pivot] as Float64Array, a[col] as Float64Array];
    const row = a[col] as Float64Array;
    for (let r = 0; r < m; r++) {
      if (r === col) continue;
      const f = ((a[r] as Float64Array)[col] as number) / (row[col] as number);
      for (let k = col; k <= m; k++)
        (a[r] as Float64Array)[k] = ((a[r] as Float64Array)[k] as number) - f * (row[k] as number);
    }
  }
  let quad = 0;
  for (let i = 0; i < c; i++) {
    const xr = ((a[i] as Float64Array)[m] as number) / ((a[i] as Float64Array)[i] as number);
    const xi = ((a[i + c] as Float64Array)[m] as number) / ((a[i + c] as Float64Array)[i + c] as number);
    quad += (s.re[i] as number) * xr + (s.im[i] as number) * xi;
  }
  return Math.sqrt(quad);
}

const ones = (c: number) => ({ re: new Float64Array(c).fill(1), im: new Float64Array(c) });

describe('coilCombine (synthetic)', () => {
  const { spectra, water, sens, psi } = multiCoil(7, 16, 8, 3);
  const optimal = optimalSnr(sens, psi);
  const plainSum = combinationSnr(ones(16), sens, psi);

  it('reaches ≥ 95 % of the optimal SNR with weights from the water reference, and beats the plain sum', () => {
    const result = coilCombine(spectra, { reference: water });
    const snr = combinationSnr(result.weights, sens, psi);
    console.info(
      `WSVD (water reference): SNR ${(snr / optimal).toFixed(4)} of optimal; plain sum ${(plainSum / optimal).toFixed(4)}; quality ${result.svdQuality.toFixed(3)}`,
    );
    expect(snr / optimal).toBeGreaterThanOrEqual(0.95);
    expect(snr).toBeGreaterThan(plainSum);
    expect(result.spectra).toHaveLength(8);
    const first = result.spectra[0] as Spectrum;
    expect(first.meta['index.coil']).toBeUndefined();
    expect(first.meta['index.dynamic']).toBe(0);
    expect(first.meta.coilCombination).toBe('wsvd');
    expect(first.meta.coils).toBe(16);
    const ref = result.reference?.[0] as Spectrum;
    expect(ref.meta.role).toBe('water');
    expect(ref.y.values[0]).toBeGreaterThan(0);
    expect(Math.abs(ref.y.imaginary?.[0] as number)).toBeLessThan(1e-9 * (ref.y.values[0] as number));
  });

  it('reaches ≥ 95 % of the optimal SNR from the metabolite transients alone (per-coil SNR 3)', () => {
    const result = coilCombine(spectra);
    const snr = combinationSnr(result.weights, sens, psi);
    console.info(`WSVD (metabolite only, 8 transients): SNR ${(snr / optimal).toFixed(4)} of optimal`);
    expect(snr / optimal).toBeGreaterThanOrEqual(0.95);
    expect(snr).toBeGreaterThan(plainSum);
    // the mean combined transient starts on the positive real axis
    const sum = result.spectra.reduce(
      (a, s): [number, number] => [a[0] + (s.y.values[0] as number), a[1] + (s.y.imaginary?.[0] as number)],
      [0, 0] as [number, number],
    );
    expect(Math.abs(sum[1] as number)).toBeLessThan(1e-9 * Math.abs(sum[0] as number));
    expect(sum[0]).toBeGreaterThan(0);
  });

  it('estimates the noise covariance from the FID tails, and prewhitening beats plain SVD under coloured noise', () => {
    const wsvd = coilCombine(spectra, { reference: water });
    const svd = coilCombine(spectra, { reference: water, method: 'svd' });
    for (let c = 0; c < 16; c++) {
      const truth = psi.re[c * 16 + c] as number;
      expect(Math.abs((wsvd.noiseCovariance.re[c * 16 + c] as number) / truth - 1)).toBeLessThan(0.1);
    }
    const snrW = combinationSnr(wsvd.weights, sens, psi);
    const snrS = combinationSnr(svd.weights, sens, psi);
    console.info(`SVD without prewhitening: ${(snrS / optimal).toFixed(4)} of optimal`);
    expect(snrW).toBeGreaterThan(snrS);
    expect(svd.spectra[0]?.meta.coilCombination).toBe('svd');
  });

  it('keeps ≥ 95 % of the optimal SNR when the FID tails hold long-T2 water and an end-of-FID burst', () => {
    const dirty = multiCoil(8, 16, 8, 3, true);
    const result = coilCombine(dirty.spectra, { reference: dirty.water });
    const snr = combinationSnr(result.weights, dirty.sens, dirty.psi);
    console.info(`WSVD with tail artefacts: SNR ${(snr / optimalSnr(dirty.sens, dirty.psi)).toFixed(4)} of optimal`);
    expect(snr / optimalSnr(dirty.sens, dirty.psi)).toBeGreaterThanOrEqual(0.95);
  });

  it('rejects groups with different coils and bad options', () => {
    expect(() =>
      coilCombine(spectra.filter((s) => !(s.meta['index.dynamic'] === 1 && s.meta['index.coil'] === 3))),
    ).toThrow(/coils/);
    expect(() => coilCombine(spectra, { noiseFraction: 0 })).toThrow(/noiseFraction/);
    expect(() => coilCombine(spectra, { method: 'mean' as 'svd' })).toThrow(/method/);
    expect(() => coilCombine([])).toThrow(/no spectrum/);
  });
});

/**
 * SNR of a spectrum: tallest point in 4.2–5.2 ppm over the noise SD in −4…−1 ppm, from second
 * differences along frequency (var(x[k+1] − 2x[k] + x[k−1]) = 6σ² for white noise), so that the
 * smooth tails of the water line do not count as noise.
 */
function spectrumSnr(peakOf: Float64Array, noiseOf: readonly Float64Array[], ppm: Float64Array): number {
  let peak = 0;
  const band: number[] = [];
  ppm.forEach((p, k) => {
    if (p >= 4.2 && p <= 5.2) peak = Math.max(peak, peakOf[k] as number);
    if (p >= -4 && p <= -1) band.push(k);
  });
  band.sort((a, b) => (ppm[a] as number) - (ppm[b] as number));
  let sum = 0;
  let count = 0;
  for (const values of noiseOf) {
    for (let i = 2; i < band.length; i++) {
      const d =
        (values[band[i] as number] as number) -
        2 * (values[band[i - 1] as number] as number) +
        (values[band[i - 2] as number] as number);
      sum += d * d;
      count += 1;
    }
  }
  return peak / Math.sqrt(sum / count / 6);
}

describe('coilCombine (real 32-coil 7 T water reference, osprey sub-01)', () => {
  it('gives a water SNR above every single coil, the plain sum and the magnitude sum', async () => {
    registerDomains();
    const parsed = await parseFile(new Uint8Array(readFileSync(FIXTURE)), 'sub-01_ses-01_SVS-ref.nii.gz');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const coils = parsed.value.spectra;
    expect(coils).toHaveLength(32);
    const acq = acquisitionOf(coils[0] as Spectrum);
    const n = acq.points;
    const ppm = Float64Array.from(
      { length: n },
      (_, k) => acq.centrePpm - (k < n / 2 ? k : k - n) / (n * acq.dwellTimeS) / acq.spectrometerFrequencyMHz,
    );
    const spectra = coils.map((s) => spectrumOfFid(fidOf(s)));
    const coilSnr = spectra.map((s) =>
      spectrumSnr(
        s.re.map((r, k) => Math.hypot(r, s.im[k] as number)),
        [s.re, s.im],
        ppm,
      ),
    );
    const magnitudeSum = new Float64Array(n);
    const plain = { re: new Float64Array(n), im: new Float64Array(n) };
    for (const s of spectra) {
      for (let k = 0; k < n; k++) {
        magnitudeSum[k] = (magnitudeSum[k] as number) + Math.hypot(s.re[k] as number, s.im[k] as number);
        plain.re[k] = (plain.re[k] as number) + (s.re[k] as number);
        plain.im[k] = (plain.im[k] as number) + (s.im[k] as number);
      }
    }
    const magnitudeSnr = spectrumSnr(magnitudeSum, [magnitudeSum], ppm);
    const plainSnr = spectrumSnr(
      plain.re.map((r, k) => Math.hypot(r, plain.im[k] as number)),
      [plain.re, plain.im],
      ppm,
    );
    const result = coilCombine(coils);
    const combined = spectrumOfFid(fidOf(result.spectra[0] as Spectrum));
    const combinedSnr = spectrumSnr(
      combined.re.map((r, k) => Math.hypot(r, combined.im[k] as number)),
      [combined.re, combined.im],
      ppm,
    );
    const bestCoil = Math.max(...coilSnr);
    console.info(
      `real 32-coil water: WSVD SNR ${combinedSnr.toFixed(0)}, best coil ${bestCoil.toFixed(0)} (coil ${coilSnr.indexOf(bestCoil)}), ` +
        `median coil ${[...coilSnr].sort((a, b) => a - b)[16]?.toFixed(0)}, plain complex sum ${plainSnr.toFixed(0)}, ` +
        `magnitude sum ${magnitudeSnr.toFixed(0)}; SVD quality ${result.svdQuality.toFixed(3)}`,
    );
    expect(combinedSnr).toBeGreaterThan(bestCoil);
    expect(combinedSnr).toBeGreaterThan(magnitudeSnr);
    expect(combinedSnr).toBeGreaterThan(plainSnr);
    expect(result.spectra[0]?.y.values[0]).toBeGreaterThan(0);
  });
});
