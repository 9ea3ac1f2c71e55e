import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { blockDot } from './blockDot';
import type { LcmModel } from './lcmModel';

/** π²/(4 ln 2): a Gaussian of FWHM g Hz decays as e^{−GAUSS·g²·t²}. */
export const GAUSS = Math.PI ** 2 / (4 * Math.LN2);

/**
 * Derivatives of the data rows of {@link LcmModel} with respect to its nonlinear parameters, in
 * layout order from φ0, before the phase factor P = e^{i(φ0 + φ1·(ppm − pivot))} (every one carries
 * it): column k at `out[2k·K …]` (real parts on the fit bins, then imaginary parts). With Q = Σ c_m·
 * column_m and S_g(t) = Σ_{m∈g} c_m·b_m(t), E_g the group's envelope and V_g its Voigt factor:
 * ∂/∂φ0 = i·Q, ∂/∂φ1 = i·(ppm − pivot)·Q, ∂/∂l = −π·F[t·S·E], ∂/∂(g²) = −GAUSS·F[t²·S·E],
 * ∂/∂δ = −2πi·F[t·S·E], ∂/∂s_k = F[(e^{2πiν_k t} − 1)·S·V] (one transform per group and per kernel weight).
 */
export function nonlinearDerivatives(model: LcmModel, p: ArrayLike<number>, out?: Float64Array): Float64Array {
  const K = model.bins;
  const derivatives = out ?? new Float64Array(2 * K * model.nonlinearCount);
  const sum = model.metaboliteSum(p);
  for (let j = 0; j < K; j++) {
    const qr = sum.re[j] as number;
    const qi = sum.im[j] as number;
    const lever = (model.ppm[j] as number) - model.phasePivotPpm;
    derivatives[j] = -qi;
    derivatives[K + j] = qr;
    derivatives[2 * K + j] = -qi * lever;
    derivatives[3 * K + j] = qr * lever;
  }
  const { envelope, voigt } = model.envelopes(p);
  const points = model.time.length;
  const kernelFirst = model.layout.kernel - model.layout.phase0;
  for (let g = 0; g < model.groupNames.length; g++) {
    const s = groupSignal(model, p, g);
    const column = 2 + 3 * g;
    if (s === undefined) {
      derivatives.fill(0, 2 * column * K, 2 * (column + 3) * K);
      if (g === model.kernelGroup) derivatives.fill(0, 2 * kernelFirst * K, derivatives.length);
      continue;
    }
    const t1Re = new Float64Array(points);
    const t1Im = new Float64Array(points);
    const t2Re = new Float64Array(points);
    const t2Im = new Float64Array(points);
    const e = envelope[g] as ComplexArrays;
    for (let i = 0; i < points; i++) {
      const t = model.time[i] as number;
      const er = e.re[i] as number;
      const ei = e.im[i] as number;
      const a = (s.re[i] as number) * er - (s.im[i] as number) * ei;
      const b = (s.re[i] as number) * ei + (s.im[i] as number) * er;
      t1Re[i] = t * a;
      t1Im[i] = t * b;
      t2Re[i] = t * t * a;
      t2Im[i] = t * t * b;
    }
    const d1 = model.transformBins(t1Re, t1Im);
    const d2 = model.transformBins(t2Re, t2Im);
    for (let j = 0; j < K; j++) {
      const xr = d1.re[j] as number;
      const xi = d1.im[j] as number;
      derivatives[2 * column * K + j] = -Math.PI * xr;
      derivatives[(2 * column + 1) * K + j] = -Math.PI * xi;
      derivatives[2 * (column + 1) * K + j] = -GAUSS * (d2.re[j] as number);
      derivatives[(2 * (column + 1) + 1) * K + j] = -GAUSS * (d2.im[j] as number);
      derivatives[2 * (column + 2) * K + j] = 2 * Math.PI * xi;
      derivatives[(2 * (column + 2) + 1) * K + j] = -2 * Math.PI * xr;
    }
    if (g !== model.kernelGroup) continue;
    // Kernel weights: F[(e^{2πiν_k t} − 1)·S·V].
    const v = multiply(s, voigt[g] as ComplexArrays);
    const xRe = new Float64Array(points);
    const xIm = new Float64Array(points);
    for (let k = 0; k < model.kernelCount; k++) {
      const phasor = model.kernelPhasor(k);
      for (let i = 0; i < points; i++) {
        const fr = phasor.re[i] as number;
        const fi = phasor.im[i] as number;
        xRe[i] = (v.re[i] as number) * fr - (v.im[i] as number) * fi;
        xIm[i] = (v.re[i] as number) * fi + (v.im[i] as number) * fr;
      }
      const d = model.transformBins(xRe, xIm);
      derivatives.set(d.re, 2 * (kernelFirst + k) * K);
      derivatives.set(d.im, (2 * (kernelFirst + k) + 1) * K);
    }
  }
  return derivatives;
}

/**
 * Re⟨∂column_m/∂θ_k, r⟩ on the fit bins for every component m and nonlinear parameter θ_k (components
 * × nonlinear, row-major; before the phase, so r is the residual rotated back by P̄): the D_kᵀ·r of
 * Golub and Pereyra's exact variable-projection Jacobian, which Kaufman's approximation drops.
 * Through the adjoint transform ρ of r, each is an inner product over time with the basis FID:
 * ⟨F[t·b_m·E_g], r⟩ = Σ_n t_n·conj(b_m·E_g)(n)·ρ_n, and likewise for t², and for the kernel weights
 * with (e^{2πiν_k t} − 1)·V_g; one transform for all. `components` (1 = wanted) limits the rows
 * computed (the others stay 0).
 */
export function parameterProducts(
  model: LcmModel,
  p: ArrayLike<number>,
  residual: Float64Array,
  components?: Uint8Array,
): Float64Array {
  const K = model.bins;
  const q = model.nonlinearCount;
  const m = model.components;
  const points = model.time.length;
  const out = new Float64Array(m * q);
  // Phases: ∂column/∂φ0 = i·column, ∂/∂φ1 = i·(ppm − pivot)·column.
  const quadrature = new Float64Array(2 * K);
  const leverQuadrature = new Float64Array(2 * K);
  for (let j = 0; j < K; j++) {
    const lever = (model.ppm[j] as number) - model.phasePivotPpm;
    quadrature[j] = residual[K + j] as number;
    quadrature[K + j] = -(residual[j] as number);
    leverQuadrature[j] = lever * (quadrature[j] as number);
    leverQuadrature[K + j] = lever * (quadrature[K + j] as number);
  }
  const block = model.columnBlockAt(p);
  const phases = new Float64Array(2 * m);
  blockDot(quadrature, 0, block, 0, 2 * K, m, 2 * K, phases, 0);
  blockDot(leverQuadrature, 0, block, 0, 2 * K, m, 2 * K, phases, m);
  for (let c = 0; c < m; c++) {
    out[c * q] = phases[c] as number;
    out[c * q + 1] = phases[m + c] as number;
  }
  const rho = model.adjointBins(residual);
  const { envelope, voigt } = model.envelopes(p);
  const kernelFirst = model.layout.kernel - model.layout.phase0;
  for (let g = 0; g < model.groupNames.length; g++) {
    // Vectors y (real parts, then imaginary) with Re Σ conj(b)·Y = Σ b_re·y_re + b_im·y_im.
    const count = 3 + (g === model.kernelGroup ? model.kernelCount : 0);
    const vectors = new Float64Array(count * 2 * points);
    const u = multiplyConjugate(envelope[g] as ComplexArrays, rho);
    for (let i = 0; i < points; i++) {
      const t = model.time[i] as number;
      const ur = u.re[i] as number;
      const ui = u.im[i] as number;
      // l: −π·Re Σ t·conj(b)·u; g²: −GAUSS·Re Σ t²·conj(b)·u; δ: Re(2πi·Σ t·conj(b)·u) = −2π·Im Σ t·conj(b)·u.
      vectors[i] = -Math.PI * t * ur;
      vectors[points + i] = -Math.PI * t * ui;
      vectors[2 * points + i] = -GAUSS * t * t * ur;
      vectors[3 * points + i] = -GAUSS * t * t * ui;
      vectors[4 * points + i] = -2 * Math.PI * t * ui;
      vectors[5 * points + i] = 2 * Math.PI * t * ur;
    }
    if (g === model.kernelGroup) {
      const v = multiplyConjugate(voigt[g] as ComplexArrays, rho);
      for (let k = 0; k < model.kernelCount; k++) {
        const phasor = model.kernelPhasor(k);
        const at = (3 + k) * 2 * points;
        for (let i = 0; i < points; i++) {
          // conj(φ_k)·v
          const fr = phasor.re[i] as number;
          const fi = phasor.im[i] as number;
          vectors[at + i] = fr * (v.re[i] as number) + fi * (v.im[i] as number);
          vectors[at + points + i] = fr * (v.im[i] as number) - fi * (v.re[i] as number);
        }
      }
    }
    const products = new Float64Array(count);
    for (let c = 0; c < m; c++) {
      if (model.componentGroup[c] !== g || components?.[c] === 0) continue;
      blockDot(model.basisBlock, c * 2 * points, vectors, 0, 2 * points, count, 2 * points, products, 0);
      out.set(products.subarray(0, 3), c * q + 2 + 3 * g);
      if (count > 3) out.set(products.subarray(3), c * q + kernelFirst);
    }
  }
  return out;
}

/** S_g(t) = Σ_{m∈g} c_m·b_m(t), or undefined when every amplitude of the group is 0. */
function groupSignal(model: LcmModel, p: ArrayLike<number>, g: number): ComplexArrays | undefined {
  const points = model.time.length;
  const re = new Float64Array(points);
  const im = new Float64Array(points);
  let any = false;
  for (let c = 0; c < model.components; c++) {
    const amplitude = p[c] as number;
    if (model.componentGroup[c] !== g || amplitude === 0) continue;
    any = true;
    const fid = model.basisFid(c);
    for (let i = 0; i < points; i++) {
      re[i] = (re[i] as number) + amplitude * (fid.re[i] as number);
      im[i] = (im[i] as number) + amplitude * (fid.im[i] as number);
    }
  }
  return any ? { re, im } : undefined;
}

function multiply(a: ComplexArrays, b: ComplexArrays): ComplexArrays {
  const n = a.re.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ar = a.re[i] as number;
    const ai = a.im[i] as number;
    const br = b.re[i] as number;
    const bi = b.im[i] as number;
    re[i] = ar * br - ai * bi;
    im[i] = ar * bi + ai * br;
  }
  return { re, im };
}

/** conj(a)·b. */
function multiplyConjugate(a: ComplexArrays, b: ComplexArrays): ComplexArrays {
  const n = a.re.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ar = a.re[i] as number;
    const ai = a.im[i] as number;
    const br = b.re[i] as number;
    const bi = b.im[i] as number;
    re[i] = ar * br + ai * bi;
    im[i] = ar * bi - ai * br;
  }
  return { re, im };
}
