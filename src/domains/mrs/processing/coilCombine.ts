import { type Spectrum, WorkbenchError } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { accumulateOuter, coilNoiseCovariance } from './coilNoiseCovariance';
import { groupTransients, type TransientGroup } from './groupTransients';
import { type ComplexMatrix, hermitianEigen } from './hermitianEigen';
import { fidOf, groupName, sharedAcquisition, withFid } from './transientData';

/** Options of {@link coilCombine}. */
export interface CoilCombineOptions {
  /**
   * Uncombined water reference (one spectrum per coil, any number of dynamics): the coil weights
   * come from it (better SNR) and it is combined with the same weights. Default: weights from the
   * metabolite data.
   */
  readonly reference?: readonly Spectrum[];
  /** `wsvd` (default): noise-prewhitened SVD; `svd`: SVD without prewhitening (white noise assumed). */
  readonly method?: 'wsvd' | 'svd';
  /** Fraction of each FID, at its end, used to estimate the coil noise covariance. Default 0.25. */
  readonly noiseFraction?: number;
}

/** What {@link coilCombine} did. */
export interface CoilCombineResult {
  /** One combined FID per group of coils (per dynamic/edit …), meta `coilCombination`, `coils`. */
  readonly spectra: Spectrum[];
  /** The reference combined with the same weights, when one was given. */
  readonly reference?: Spectrum[];
  /** Complex weight of each coil: combined(t) = Σ_c w_c·d_c(t). */
  readonly weights: ComplexArrays;
  /** `index.coil` of each weight. */
  readonly coils: readonly number[];
  /** Noise covariance Ψ (coils × coils, row-major) estimated from the FID tails. */
  readonly noiseCovariance: ComplexMatrix;
  /** Rodgers & Robson's quality: (σ₁/‖σ‖·√C − 1)/(√C − 1), 1 when one coil profile explains all signal. */
  readonly svdQuality: number;
}

/**
 * Combines the coils of multi-coil MRS transients by whitened SVD (WSVD, Rodgers & Robson, MRM
 * 63:881, 2010; FSL-MRS `fsl_mrs_proc coilcombine`). The noise covariance Ψ of the coils comes from
 * the last `noiseFraction` of every metabolite FID, all transients pooled, with what is not noise
 * there left out (long-T2 water, end-of-FID bursts: `coilNoiseCovariance.ts`; without that the
 * real 7 T reference of the tests combined to a third of its best coil's SNR); data are whitened
 * with W = Ψ^{−1/2} (eigenvalues floored at 1e-12 of the largest). The coil profile u₁ is the dominant
 * eigenvector of R = Σ_t W·d(t)·d(t)ᴴ·Wᴴ summed over every time point of the reference (or, without
 * one, of every metabolite transient): the first left singular vector of the whitened data, one
 * profile shared by all transients (so their relative phases survive, which alignment needs).
 * Weights w = s·u₁ᴴ·W give the SNR-optimal combination w ∝ (Ψ⁻¹ŝ)ᴴ of the coil sensitivities ŝ.
 * The scale s = ‖W⁻¹u₁‖·e^{−iφ} makes the combined amplitude the root-sum-of-squares of the coil
 * amplitudes (for white noise: Σ ŝ_c*·d_c/‖ŝ‖) and puts the first point of the combined source
 * (the reference, else the mean metabolite transient) on the positive real axis.
 *
 * Input: every coil of every transient (`index.coil`; grouped by `groupTransients(…, 'coil')`),
 * all groups with the same coils. Outputs keep each group's meta with `index.coil` removed,
 * `coilCombination: 'wsvd' | 'svd'`, `coils: C`.
 * @throws WorkbenchError INVALID_OPTION for bad options or groups with different coils,
 *   INVALID_DATA for mismatched acquisitions or a singular noise covariance.
 */
export function coilCombine(spectra: readonly Spectrum[], options: CoilCombineOptions = {}): CoilCombineResult {
  const method = options.method ?? 'wsvd';
  const fraction = options.noiseFraction ?? 0.25;
  if (method !== 'wsvd' && method !== 'svd') {
    throw new WorkbenchError('INVALID_OPTION', `coilCombine: method must be wsvd or svd (got ${method})`);
  }
  if (!(fraction > 0 && fraction <= 1)) {
    throw new WorkbenchError('INVALID_OPTION', `coilCombine: noiseFraction must be in (0, 1] (got ${fraction})`);
  }
  const acquisition = sharedAcquisition(spectra, 'coil combination');
  if (options.reference !== undefined) sharedAcquisition(options.reference, 'coil combination (reference)');
  const groups = groupTransients(spectra, 'coil');
  const refGroups = options.reference === undefined ? undefined : groupTransients(options.reference, 'coil');
  const coils = (groups[0] as TransientGroup).positions;
  const c = coils.length;
  for (const group of [...groups, ...(refGroups ?? [])]) {
    if (group.positions.join() !== coils.join()) {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `coilCombine: ${group.members[0]?.name} has coils ${group.positions.join(',')}, expected ${coils.join(',')}`,
      );
    }
  }
  const n = acquisition.points;
  const fids = groups.map((group) => group.members.map(fidOf));
  const refFids = refGroups?.map((group) => group.members.map(fidOf));
  const noiseCovariance = coilNoiseCovariance(fids, c, Math.max(2, Math.round(fraction * n)));
  const { whiten, unwhitenNorm } = whitening(method === 'wsvd' ? noiseCovariance : identity(c), c);
  // R = W·(Σ d dᴴ)·Wᴴ over the weight source
  const source = refFids ?? fids;
  const raw = { re: new Float64Array(c * c), im: new Float64Array(c * c) };
  for (const coilFids of source) accumulateOuter(coilFids, 0, n, raw);
  const r = sandwich(whiten, raw, c);
  const eigen = hermitianEigen(r, c);
  const u = { re: new Float64Array(c), im: new Float64Array(c) };
  for (let k = 0; k < c; k++) {
    u.re[k] = eigen.vectors.re[k * c] as number;
    u.im[k] = eigen.vectors.im[k * c] as number;
  }
  // w_c = Σ_k conj(u_k)·W[k][c], scaled by ‖W⁻¹u‖
  const weights = { re: new Float64Array(c), im: new Float64Array(c) };
  const scale = unwhitenNorm(u);
  for (let col = 0; col < c; col++) {
    let wr = 0;
    let wi = 0;
    for (let k = 0; k < c; k++) {
      const ur = u.re[k] as number;
      const ui = -(u.im[k] as number);
      const mr = whiten.re[k * c + col] as number;
      const mi = whiten.im[k * c + col] as number;
      wr += ur * mr - ui * mi;
      wi += ur * mi + ui * mr;
    }
    weights.re[col] = wr * scale;
    weights.im[col] = wi * scale;
  }
  // phase: the combined source's mean first point on the positive real axis
  let firstRe = 0;
  let firstIm = 0;
  for (const coilFids of source) {
    coilFids.forEach((fid, k) => {
      const wr = weights.re[k] as number;
      const wi = weights.im[k] as number;
      firstRe += wr * (fid.re[0] as number) - wi * (fid.im[0] as number);
      firstIm += wr * (fid.im[0] as number) + wi * (fid.re[0] as number);
    });
  }
  const phase = Math.atan2(firstIm, firstRe);
  const [pr, pi] = [Math.cos(phase), -Math.sin(phase)];
  for (let k = 0; k < c; k++) {
    const wr = weights.re[k] as number;
    const wi = weights.im[k] as number;
    weights.re[k] = wr * pr - wi * pi;
    weights.im[k] = wr * pi + wi * pr;
  }
  let energy = 0;
  for (const value of eigen.values) energy += Math.max(0, value);
  const ratio = Math.sqrt(Math.max(0, eigen.values[0] as number) / energy);
  const svdQuality = c === 1 ? 1 : (ratio * Math.sqrt(c) - 1) / (Math.sqrt(c) - 1);
  const combineGroups = (list: readonly TransientGroup[], lists: readonly ComplexArrays[][]) =>
    list.map((group, g) => {
      const fid = applyWeights(lists[g] as ComplexArrays[], weights);
      const first = group.members[0] as Spectrum;
      const meta = { 'index.coil': undefined, coilCombination: method, coils: c, coilCombinationQuality: svdQuality };
      return withFid(
        first,
        fid,
        meta,
        'coils combined',
        groupName(first, group.indices, `${method.toUpperCase()} of ${c} coils`),
      );
    });
  const combined = combineGroups(groups, fids);
  return {
    spectra: combined,
    ...(refGroups === undefined ? {} : { reference: combineGroups(refGroups, refFids as ComplexArrays[][]) }),
    weights,
    coils,
    noiseCovariance,
    svdQuality,
  };
}

function identity(c: number): ComplexMatrix {
  const re = new Float64Array(c * c);
  for (let k = 0; k < c; k++) re[k * c + k] = 1;
  return { re, im: new Float64Array(c * c) };
}

/** W = Ψ^{−1/2} (Hermitian) and the map u ↦ ‖W⁻¹u‖ = ‖Ψ^{1/2}u‖. */
function whitening(psi: ComplexMatrix, c: number) {
  const { values, vectors } = hermitianEigen(psi, c);
  const largest = values[0] as number;
  if (!(largest > 0)) throw new WorkbenchError('INVALID_DATA', 'coil combination: the coil noise covariance is zero');
  const floor = 1e-12 * largest;
  const power = (exponent: number): ComplexMatrix => {
    const re = new Float64Array(c * c);
    const im = new Float64Array(c * c);
    for (let k = 0; k < c; k++) {
      const d = Math.max(values[k] as number, floor) ** exponent;
      for (let i = 0; i < c; i++) {
        const ar = vectors.re[i * c + k] as number;
        const ai = vectors.im[i * c + k] as number;
        for (let j = 0; j < c; j++) {
          const br = vectors.re[j * c + k] as number;
          const bi = -(vectors.im[j * c + k] as number);
          re[i * c + j] = (re[i * c + j] as number) + d * (ar * br - ai * bi);
          im[i * c + j] = (im[i * c + j] as number) + d * (ar * bi + ai * br);
        }
      }
    }
    return { re, im };
  };
  const whiten = power(-0.5);
  const root = power(0.5);
  const unwhitenNorm = (u: ComplexArrays): number => {
    let sum = 0;
    for (let i = 0; i < c; i++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < c; k++) {
        const mr = root.re[i * c + k] as number;
        const mi = root.im[i * c + k] as number;
        sr += mr * (u.re[k] as number) - mi * (u.im[k] as number);
        si += mr * (u.im[k] as number) + mi * (u.re[k] as number);
      }
      sum += sr * sr + si * si;
    }
    return Math.sqrt(sum);
  };
  return { whiten, unwhitenNorm };
}

/** W·A·Wᴴ for Hermitian W (so Wᴴ = W). */
function sandwich(w: ComplexMatrix, a: ComplexMatrix, c: number): ComplexMatrix {
  const product = (x: ComplexMatrix, y: ComplexMatrix): ComplexMatrix => {
    const re = new Float64Array(c * c);
    const im = new Float64Array(c * c);
    for (let i = 0; i < c; i++)
      for (let k = 0; k < c; k++) {
        const xr = x.re[i * c + k] as number;
        const xi = x.im[i * c + k] as number;
        for (let j = 0; j < c; j++) {
          const yr = y.re[k * c + j] as number;
          const yi = y.im[k * c + j] as number;
          re[i * c + j] = (re[i * c + j] as number) + xr * yr - xi * yi;
          im[i * c + j] = (im[i * c + j] as number) + xr * yi + xi * yr;
        }
      }
    return { re, im };
  };
  return product(product(w, a), w);
}

/** Σ_c w_c·d_c(t). */
function applyWeights(coilFids: readonly ComplexArrays[], weights: ComplexArrays): ComplexArrays {
  const n = (coilFids[0] as ComplexArrays).re.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  coilFids.forEach((fid, k) => {
    const wr = weights.re[k] as number;
    const wi = weights.im[k] as number;
    for (let t = 0; t < n; t++) {
      const dr = fid.re[t] as number;
      const di = fid.im[t] as number;
      re[t] = (re[t] as number) + wr * dr - wi * di;
      im[t] = (im[t] as number) + wr * di + wi * dr;
    }
  });
  return { re, im };
}
