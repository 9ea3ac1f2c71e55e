import { describe, expect, it } from 'vitest';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { removeWater } from './removeWater';
import { fidOf, spectrumOfFid } from './transientData';
import { ACQ, addNoise, fidOfPeaks, gaussian, seeded, transient } from './transientTestSupport';

/** ppm of unshifted DFT bin k. */
const ppmOf = (k: number) => ACQ.centre - (k < ACQ.n / 2 ? k : k - ACQ.n) / (ACQ.n * ACQ.dwell) / ACQ.sf;

/** Max |S| and ∫Re S over [low, high] ppm. */
function band(fid: ComplexArrays, low: number, high: number) {
  const s = spectrumOfFid(fid);
  let peak = 0;
  let area = 0;
  for (let k = 0; k < ACQ.n; k++) {
    const ppm = ppmOf(k);
    if (ppm < low || ppm > high) continue;
    peak = Math.max(peak, Math.hypot(s.re[k] as number, s.im[k] as number));
    area += s.re[k] as number;
  }
  return { peak, area };
}

/** Water 1000 × NAA with a Voigt line shape (not a finite sum of exponentials), plus noise. */
function waterAndNaa(seed: number) {
  const naa = fidOfPeaks([{ ppm: 2.01, amplitude: 1, widthHz: 5 }]);
  const water = fidOfPeaks([
    { ppm: 4.65, amplitude: 700, widthHz: 4 },
    { ppm: 4.68, amplitude: 300, widthHz: 9, phaseDeg: 20 },
  ]);
  const normal = gaussian(seeded(seed));
  for (let t = 0; t < ACQ.n; t++) {
    const gauss = Math.exp(-((Math.PI * 3 * t * ACQ.dwell) ** 2)); // 3 Hz Gaussian broadening
    water.re[t] = (water.re[t] as number) * gauss;
    water.im[t] = (water.im[t] as number) * gauss;
  }
  const noise = addNoise({ re: new Float64Array(ACQ.n), im: new Float64Array(ACQ.n) }, 0.005, normal);
  const naaNoisy = {
    re: naa.re.map((v, t) => v + (noise.re[t] as number)),
    im: naa.im.map((v, t) => v + (noise.im[t] as number)),
  };
  const both = {
    re: naaNoisy.re.map((v, t) => v + (water.re[t] as number)),
    im: naaNoisy.im.map((v, t) => v + (water.im[t] as number)),
  };
  return { naaNoisy, both };
}

describe('removeWater', () => {
  it('removes a 1000× water line to < 1 % and keeps the NAA area within 2 %', () => {
    const { naaNoisy, both } = waterAndNaa(11);
    const before = band(both, 4.4, 4.9).peak;
    const { spectrum, removed, model } = removeWater(transient(both));
    const after = fidOf(spectrum);
    const residual = band(after, 4.4, 4.9).peak / before;
    const naaTrue = band(naaNoisy, 1.9, 2.12).area;
    const naaBefore = band(both, 1.9, 2.12).area;
    const naaAfter = band(after, 1.9, 2.12).area;
    console.info(
      `HLSVD water removal: residual ${(100 * residual).toFixed(3)} % of the water peak, ` +
        `NAA area change ${((100 * (naaAfter - naaTrue)) / naaTrue).toFixed(3)} % ` +
        `(before removal ${((100 * (naaBefore - naaTrue)) / naaTrue).toFixed(1)} %), ` +
        `${removed.length} of ${model.length} components removed`,
    );
    expect(residual).toBeLessThan(0.01);
    expect(Math.abs(naaAfter - naaTrue) / naaTrue).toBeLessThan(0.02);
    expect(spectrum.meta.waterRemoval).toBe('hlsvd');
    expect(spectrum.meta.waterRemovalComponents).toBe(removed.length);
    expect(spectrum.meta.waterRemovalPpm).toBe('4.2–5.2');
    for (const component of removed) expect(component.ppm).toBeGreaterThanOrEqual(4.2);
  });

  it('leaves a spectrum without water nearly unchanged outside the band', () => {
    const fid = addNoise(fidOfPeaks([{ ppm: 2.01, amplitude: 1, widthHz: 5 }]), 0.005, gaussian(seeded(3)));
    const { spectrum } = removeWater(transient(fid), { components: 10, ppmRange: [5.2, 4.2] });
    const change = Math.abs(band(fidOf(spectrum), 1.9, 2.12).area / band(fid, 1.9, 2.12).area - 1);
    expect(change).toBeLessThan(0.005);
  });

  it('rejects a degenerate range', () => {
    const fid = fidOfPeaks([{ ppm: 2.01, amplitude: 1, widthHz: 5 }]);
    expect(() => removeWater(transient(fid), { ppmRange: [4, 4] })).toThrow(/ppmRange/);
  });
});
