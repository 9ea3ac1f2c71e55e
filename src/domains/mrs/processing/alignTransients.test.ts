import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { alignTransients } from './alignTransients';
import { fidOf } from './transientData';
import { ACQ, addNoise, BRAIN, fidOfPeaks, gaussian, seeded, sigmaForSnr, transient } from './transientTestSupport';

/** 32 transients of NAA/Cr/Cho with shifts U(±5 Hz), phases U(±30°) and noise at a single-transient SNR. */
function drifting(seed: number, snr: number, count = 32, maxShift = 5, peaks = BRAIN) {
  const uniform = seeded(seed);
  const normal = gaussian(uniform);
  const clean = fidOfPeaks(peaks);
  const sigma = sigmaForSnr(clean, snr);
  const shifts: number[] = [];
  const phases: number[] = [];
  const spectra: Spectrum[] = [];
  for (let k = 0; k < count; k++) {
    shifts.push((2 * uniform() - 1) * maxShift);
    phases.push((2 * uniform() - 1) * 30);
    const fid = addNoise(fidOfPeaks(peaks, shifts[k], phases[k]), sigma, normal);
    spectra.push(transient(fid, { dynamic: k }, { index: k }));
  }
  return { spectra, shifts, phases, clean };
}

/** Mean absolute error of estimate + truth, after removing the common offset when `relative`. */
function mae(estimated: ArrayLike<number>, truth: readonly number[], relative: boolean): number {
  const errors = truth.map((t, k) => (estimated[k] as number) + t);
  const offset = relative ? errors.reduce((a, b) => a + b, 0) / errors.length : 0;
  return errors.reduce((a, e) => a + Math.abs(e - offset), 0) / errors.length;
}

/**
 * Cramér–Rao bound on the SD of shift (Hz) and phase (°) for a transient matched to its noise-free
 * template: Fisher information (1/σ²)·[[Σ(2πt)²|s|², Σ2πt|s|²], [Σ2πt|s|², Σ|s|²]] over the fitted 0.2 s.
 */
function cramerRao(clean: { re: Float64Array; im: Float64Array }, sigma: number): [number, number] {
  let a = 0;
  let b = 0;
  let c = 0;
  for (let t = 0; t < Math.round(0.2 / ACQ.dwell); t++) {
    const power = (clean.re[t] as number) ** 2 + (clean.im[t] as number) ** 2;
    const w = 2 * Math.PI * t * ACQ.dwell;
    a += w * w * power;
    b += w * power;
    c += power;
  }
  const det = a * c - b * b;
  return [Math.sqrt((sigma * sigma * c) / det), (Math.sqrt((sigma * sigma * a) / det) * 180) / Math.PI];
}

/** MAE (Hz, °; common offset removed) over `sets` independent sets of 32 transients, and the CRLB's MAE (√(2/π)·SD). */
function measure(snr: number, sets: number, seed: number) {
  let hz = 0;
  let deg = 0;
  let sigma = 0;
  for (let set = 0; set < sets; set++) {
    const data = drifting(seed + set, snr);
    sigma = sigmaForSnr(data.clean, snr);
    const result = alignTransients(data.spectra);
    hz += mae(result.shiftsHz, data.shifts, true) / sets;
    deg += mae(result.phasesDeg, data.phases, true) / sets;
  }
  const [sdHz, sdDeg] = cramerRao(fidOfPeaks(BRAIN), sigma);
  const k = Math.sqrt(2 / Math.PI);
  return { hz, deg, boundHz: k * sdHz, boundDeg: k * sdDeg };
}

describe('alignTransients', () => {
  it('reaches the Cramér–Rao bound at single-transient SNR 10, 15 and 20 (32 transients, ±5 Hz, ±30°)', () => {
    for (const snr of [10, 15, 20]) {
      const r = measure(snr, 6, 100 * snr);
      console.info(
        `spectral registration, SNR ${snr}: MAE ${r.hz.toFixed(3)} Hz, ${r.deg.toFixed(2)}° ` +
          `(Cramér–Rao: ${r.boundHz.toFixed(3)} Hz, ${r.boundDeg.toFixed(2)}°)`,
      );
      expect(r.hz).toBeLessThan(1.3 * r.boundHz);
      expect(r.deg).toBeLessThan(1.3 * r.boundDeg);
      if (snr >= 15) expect(r.hz).toBeLessThanOrEqual(0.1);
    }
  });

  it('meets ≤ 0.1 Hz and ≤ 1° mean absolute error where the bound allows it (SNR 30)', () => {
    const r = measure(30, 3, 3000);
    console.info(
      `SNR 30: MAE ${r.hz.toFixed(3)} Hz, ${r.deg.toFixed(2)}° (bound ${r.boundHz.toFixed(3)} Hz, ${r.boundDeg.toFixed(2)}°)`,
    );
    expect(r.hz).toBeLessThanOrEqual(0.1);
    expect(r.deg).toBeLessThanOrEqual(1);
  });

  it('records shift and phase in meta, with uncertainties of the size of the errors', () => {
    const { spectra, shifts } = drifting(21, 15);
    const result = alignTransients(spectra);
    const first = result.spectra[0] as Spectrum;
    expect(first.meta.alignedShiftHz).toBe(result.shiftsHz[0]);
    expect(first.meta.alignedPhaseDeg).toBe(result.phasesDeg[0]);
    expect(first.meta.alignmentPasses).toBe(result.passes);
    expect(first.meta['index.dynamic']).toBe(0);
    const hz = mae(result.shiftsHz, shifts, true);
    const meanSd = result.shiftSdHz.reduce((a, b) => a + b, 0) / 32;
    expect(meanSd).toBeGreaterThan(hz / 3);
    expect(meanSd).toBeLessThan(hz * 3);
  });

  it('aligns to a given template without any common offset', () => {
    const { spectra, shifts, phases, clean } = drifting(22, 20);
    const known = alignTransients(spectra, { reference: clean });
    const hz = mae(known.shiftsHz, shifts, false);
    const deg = mae(known.phasesDeg, phases, false);
    console.info(`known template, SNR 20 (absolute): MAE ${hz.toFixed(3)} Hz, ${deg.toFixed(2)}°`);
    expect(hz).toBeLessThanOrEqual(0.1);
    expect(deg).toBeLessThan(1.5);
    expect(known.passes).toBe(1);
  });

  it('catches shifts of ±15 Hz and fits a ppm band only', () => {
    const { spectra, shifts, phases } = drifting(23, 15, 16, 15);
    const wide = alignTransients(spectra, { maxShiftHz: 30 });
    expect(mae(wide.shiftsHz, shifts, true)).toBeLessThanOrEqual(0.1);
    const band = alignTransients(spectra, { maxShiftHz: 30, ppmRange: [1.7, 3.6] });
    const hz = mae(band.shiftsHz, shifts, true);
    const deg = mae(band.phasesDeg, phases, true);
    console.info(`±15 Hz, band 1.7–3.6 ppm: MAE ${hz.toFixed(4)} Hz, ${deg.toFixed(3)}°`);
    expect(hz).toBeLessThanOrEqual(0.15);
    expect(deg).toBeLessThanOrEqual(1.5);
  });

  it('ignores a large water line that drifts on its own when the fit is restricted to the metabolite band', () => {
    const uniform = seeded(24);
    const normal = gaussian(uniform);
    const shifts: number[] = [];
    const spectra = Array.from({ length: 16 }, (_, k) => {
      shifts.push((2 * uniform() - 1) * 5);
      const fid = fidOfPeaks(BRAIN, shifts[k]);
      const water = fidOfPeaks([{ ppm: 4.65, amplitude: 3, widthHz: 8 }], (2 * uniform() - 1) * 10, 360 * uniform());
      for (let t = 0; t < fid.re.length; t++) {
        fid.re[t] = (fid.re[t] as number) + (water.re[t] as number);
        fid.im[t] = (fid.im[t] as number) + (water.im[t] as number);
      }
      return transient(addNoise(fid, 0.02, normal), { dynamic: k });
    });
    const whole = alignTransients(spectra);
    const restricted = alignTransients(spectra, { ppmRange: [1.8, 3.4] });
    console.info(
      `drifting water 3×: MAE ${mae(whole.shiftsHz, shifts, true).toFixed(3)} Hz whole FID, ${mae(restricted.shiftsHz, shifts, true).toFixed(3)} Hz in 1.8–3.4 ppm`,
    );
    expect(mae(whole.shiftsHz, shifts, true)).toBeGreaterThan(1);
    expect(mae(restricted.shiftsHz, shifts, true)).toBeLessThan(0.1);
  });

  it('keeps fidOf consistent and rejects bad options', () => {
    const { spectra } = drifting(25, 15, 4);
    const result = alignTransients(spectra, { iterations: 1 });
    expect(fidOf(result.spectra[1] as Spectrum).re).toHaveLength(2048);
    expect(() => alignTransients(spectra, { fitTimeS: 0 })).toThrow(/fitTimeS/);
    expect(() => alignTransients(spectra, { iterations: 0 })).toThrow(/iterations/);
    expect(() => alignTransients(spectra, { ppmRange: [40, 50] })).toThrow(/ppmRange/);
    expect(() => alignTransients(spectra, { reference: { re: new Float64Array(3), im: new Float64Array(3) } })).toThrow(
      /2048/,
    );
    expect(() => alignTransients([])).toThrow(/no spectrum/);
  });
});
