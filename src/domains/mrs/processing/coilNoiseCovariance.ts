import { type ComplexArrays, fftAnyLength } from '../../../numeric/fftAnyLength';
import type { ComplexMatrix } from './hermitianEigen';
import { medianOf } from './transientData';

/** Σ_t d(t)·d(t)ᴴ over t in [from, to), added into `out` (coils × coils). */
export function accumulateOuter(
  coilFids: readonly ComplexArrays[],
  from: number,
  to: number,
  out: ComplexMatrix,
): void {
  const c = coilFids.length;
  for (let i = 0; i < c; i++) {
    const a = coilFids[i] as ComplexArrays;
    for (let j = i; j < c; j++) {
      const b = coilFids[j] as ComplexArrays;
      let sr = 0;
      let si = 0;
      for (let t = from; t < to; t++) {
        const ar = a.re[t] as number;
        const ai = a.im[t] as number;
        const br = b.re[t] as number;
        const bi = b.im[t] as number;
        sr += ar * br + ai * bi;
        si += ai * br - ar * bi;
      }
      out.re[i * c + j] = (out.re[i * c + j] as number) + sr;
      out.im[i * c + j] = (out.im[i * c + j] as number) + si;
      if (j !== i) {
        out.re[j * c + i] = (out.re[j * c + i] as number) + sr;
        out.im[j * c + i] = (out.im[j * c + i] as number) - si;
      }
    }
  }
}

/**
 * Coil noise covariance from the last `tail` points of every transient, robust to what is not
 * noise there (all seen on the Siemens 7 T reference of the tests):
 * 1. a burst at the very end (filter artefact, last ~50 points): trailing samples whose normalised
 *    power exceeds the gate are cut off (plus 4 more);
 * 2. slowly decaying signal (long-T2 water, CSF) and a coherent line at the Nyquist frequency:
 *    the segment is Fourier transformed per coil and bins whose normalised power exceeds the gate
 *    are left out.
 * Normalised power of a sample or bin: Σ_c |e_c|²·ln2 / median|e_c|² (Gamma(C, 1) for pure noise);
 * gate C + 6√C + 6. The DFT bins of white noise of covariance Ψ have covariance L·Ψ (L the segment
 * length), so Ψ = Σ_kept e·eᴴ / (L·kept).
 * @param fids - Per transient, the FIDs of its `c` coils (coil order).
 * @param tail - Points at the end of each FID to use.
 */
export function coilNoiseCovariance(fids: readonly ComplexArrays[][], c: number, tail: number): ComplexMatrix {
  const gate = c + 6 * Math.sqrt(c) + 6;
  // 1. each transient's segment, trailing bursts cut off
  const segments: [number, number][] = fids.map((coilFids) => {
    const n = (coilFids[0] as ComplexArrays).re.length;
    const from = Math.max(0, n - tail);
    const power = normalisedPower(coilFids.map((fid) => ({ re: fid.re.subarray(from), im: fid.im.subarray(from) })));
    let to = n;
    while (to > from + 1 && (power[to - from - 1] as number) > gate) to -= 1;
    if (to < n) to = Math.max(from + 2, to - 4);
    return [from, to];
  });
  const total = segments.reduce((sum, [from, to]) => sum + to - from, 0);
  // 2. their DFTs, scaled by 1/√L, concatenated per coil
  const bins = Array.from({ length: c }, () => ({ re: new Float64Array(total), im: new Float64Array(total) }));
  let offset = 0;
  fids.forEach((coilFids, g) => {
    const [from, to] = segments[g] as [number, number];
    const scale = 1 / Math.sqrt(to - from);
    coilFids.forEach((fid, k) => {
      const spectrum = fftAnyLength(fid.re.slice(from, to), fid.im.slice(from, to));
      const target = bins[k] as ComplexArrays;
      for (let q = 0; q < to - from; q++) {
        target.re[offset + q] = (spectrum.re[q] as number) * scale;
        target.im[offset + q] = (spectrum.im[q] as number) * scale;
      }
    });
    offset += to - from;
  });
  // 3. bins holding signal left out
  const power = normalisedPower(bins);
  const kept: number[] = [];
  for (let q = 0; q < total; q++) if ((power[q] as number) <= gate) kept.push(q);
  const gated = bins.map((coil) => {
    const re = new Float64Array(kept.length);
    const im = new Float64Array(kept.length);
    kept.forEach((q, i) => {
      re[i] = coil.re[q] as number;
      im[i] = coil.im[q] as number;
    });
    return { re, im };
  });
  const out = { re: new Float64Array(c * c), im: new Float64Array(c * c) };
  accumulateOuter(gated, 0, kept.length, out);
  for (let k = 0; k < c * c; k++) {
    out.re[k] = (out.re[k] as number) / Math.max(1, kept.length);
    out.im[k] = (out.im[k] as number) / Math.max(1, kept.length);
  }
  return out;
}

/** Σ_c |e_c(t)|²·ln2 / median_t |e_c|² for every t (coils as rows of equal length). */
function normalisedPower(coils: readonly ComplexArrays[]): Float64Array {
  const count = coils[0]?.re.length ?? 0;
  const power = new Float64Array(count);
  const energy = new Float64Array(count);
  for (const coil of coils) {
    for (let t = 0; t < count; t++) energy[t] = (coil.re[t] as number) ** 2 + (coil.im[t] as number) ** 2;
    const median = medianOf(energy);
    const scale = median > 0 ? Math.LN2 / median : 0;
    for (let t = 0; t < count; t++) power[t] = (power[t] as number) + (energy[t] as number) * scale;
  }
  return power;
}
