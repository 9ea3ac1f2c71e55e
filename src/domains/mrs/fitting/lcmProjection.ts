import { blockDot } from './blockDot';
import { nonlinearDerivatives, parameterProducts } from './lcmDerivatives';
import type { LcmLinearPart } from './lcmLinearPart';
import type { LcmModel } from './lcmModel';
import { schurProjection } from './varpro';

/**
 * Projected normal equations of {@link LcmModel} for variable projection (see `variableProjection`),
 * built from the model's structure instead of its full Jacobian: the nonlinear derivatives before
 * the phase (the phase factor has modulus 1, so inner products with the unphased basis columns need
 * no phase), the four splines per bin, the priors as one diagonal term each, and the linear Gram
 * matrix from {@link LcmLinearPart}. With `exact` (default) they include Golub and Pereyra's term
 * (`parameterProducts`), i.e. they are those of the exact Jacobian of the projected model (test:
 * finite differences); without it, Kaufman's, equal to `kaufmanNormalEquations` on the full
 * Jacobian to rounding (test). On the Philips fixture the exact ones take 13 iterations, Kaufman's 20.
 *
 * @param p - Full parameter vector with its linear parameters solved.
 * @param modelValues - The model's rows at p.
 * @param dataWeight - Weight of the data and baseline-penalty rows (1/σ²); prior rows weigh 1.
 * @param linear - Free linear parameters (layout indices: amplitudes not at 0, baseline coefficients).
 */
export function lcmProjectedNormalEquations(
  model: LcmModel,
  part: LcmLinearPart,
  p: Float64Array,
  modelValues: Float64Array,
  dataWeight: number,
  linear: Int32Array,
  normal: Float64Array,
  gradient: Float64Array,
  exact = true,
): void {
  const q = model.nonlinearCount;
  const s = linear.length;
  const products = structuredProducts(model, part, p, modelValues, dataWeight, linear);
  normal.set(products.normal);
  gradient.set(products.gradient);
  // Golub–Pereyra's term: (∂A/∂θ)ᵀ·W·r of the free amplitudes (the baseline does not depend on θ).
  let second: Float64Array | undefined;
  if (exact) {
    const free = new Uint8Array(model.components);
    for (const index of linear)
      if (index - model.layout.amplitudes < model.components) free[index - model.layout.amplitudes] = 1;
    const byComponent = parameterProducts(model, p, products.rotatedResidual, free);
    second = new Float64Array(s * q);
    for (let u = 0; u < s; u++) {
      const m = (linear[u] as number) - model.layout.amplitudes;
      if (m >= model.components) continue;
      for (let k = 0; k < q; k++) second[u * q + k] = dataWeight * (byComponent[m * q + k] as number);
    }
  }
  schurProjection(products.gram, products.cross, products.linearGradient, s, q, normal, gradient, second);
}

/**
 * JᵀWJ of {@link LcmModel}'s full Jacobian (parameters × parameters, row-major) at p from the same
 * structure (Gram blocks, derivative products, priors): what `variableProjection` inverts for the
 * Cramér–Rao bounds, without forming the Jacobian (equal to the sums over its rows to rounding; test).
 */
export function lcmNormalMatrix(
  model: LcmModel,
  part: LcmLinearPart,
  p: Float64Array,
  dataWeight: number,
): Float64Array {
  const layout = model.layout;
  const n = layout.count;
  const q = model.nonlinearCount;
  const linear = Int32Array.from({ length: n }, (_, k) => k).filter(
    (k) => k < layout.amplitudes + model.components || k >= layout.baseline,
  );
  const values = new Float64Array(model.rows);
  model.evaluate(p, values);
  const products = structuredProducts(model, part, p, values, dataWeight, linear);
  const s = linear.length;
  const out = new Float64Array(n * n);
  for (let u = 0; u < s; u++) {
    const a = linear[u] as number;
    for (let v = 0; v < s; v++) out[a * n + (linear[v] as number)] = products.gram[u * s + v] as number;
    for (let k = 0; k < q; k++) {
      const value = products.cross[u * q + k] as number;
      out[a * n + layout.phase0 + k] = value;
      out[(layout.phase0 + k) * n + a] = value;
    }
  }
  for (let k = 0; k < q; k++) {
    for (let l = 0; l < q; l++) out[(layout.phase0 + k) * n + layout.phase0 + l] = products.normal[k * q + l] as number;
  }
  return out;
}

interface StructuredProducts {
  /** J_NᵀWJ_N with the priors, and J_NᵀW·r (q × q, q). */
  readonly normal: Float64Array;
  readonly gradient: Float64Array;
  /** J_LᵀWJ_L, J_LᵀWJ_N and J_LᵀW·r for the linear parameters asked for. */
  readonly gram: Float64Array;
  readonly cross: Float64Array;
  readonly linearGradient: Float64Array;
  /** The data rows' residual rotated back by the phase (P̄·r on the fit bins, real then imaginary). */
  readonly rotatedResidual: Float64Array;
}

function structuredProducts(
  model: LcmModel,
  part: LcmLinearPart,
  p: Float64Array,
  modelValues: Float64Array,
  dataWeight: number,
  linear: Int32Array,
): StructuredProducts {
  const K = model.bins;
  const q = model.nonlinearCount;
  const layout = model.layout;
  const w = dataWeight;
  const derivatives = nonlinearDerivatives(model, p);
  // Residual on the fit bins, rotated back by the phase (P̄·r): inner products with unphased vectors.
  const cos = new Float64Array(K);
  const sin = new Float64Array(K);
  const residual = new Float64Array(2 * K);
  const rotated = new Float64Array(2 * K);
  const y = model.data;
  for (let j = 0; j < K; j++) {
    const angle =
      (p[layout.phase0] as number) + (p[layout.phase1] as number) * ((model.ppm[j] as number) - model.phasePivotPpm);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    cos[j] = c;
    sin[j] = s;
    const rr = (y.re[j] as number) - (modelValues[j] as number);
    const ri = (y.im[j] as number) - (modelValues[K + j] as number);
    residual[j] = rr;
    residual[K + j] = ri;
    rotated[j] = c * rr + s * ri;
    rotated[K + j] = c * ri - s * rr;
  }
  const K2 = 2 * K;
  const normal = new Float64Array(q * q);
  const gradient = new Float64Array(q);
  blockDot(rotated, 0, derivatives, 0, K2, q, K2, gradient, 0);
  for (let k = 0; k < q; k++) {
    gradient[k] = w * (gradient[k] as number);
    blockDot(derivatives, k * K2, derivatives, k * K2, K2, q - k, K2, normal, k * q + k);
    for (let l = k; l < q; l++) {
      const value = w * (normal[k * q + l] as number);
      normal[k * q + l] = value;
      normal[l * q + k] = value;
    }
    const sd = model.nonlinearPriorSd(k);
    if (Number.isFinite(sd)) {
      normal[k * q + k] = (normal[k * q + k] as number) + 1 / (sd * sd);
      gradient[k] = (gradient[k] as number) - (p[layout.phase0 + k] as number) / (sd * sd);
    }
  }
  const s = linear.length;
  const cross = new Float64Array(s * q);
  const linearGradient = new Float64Array(s);
  const baselineCross = baselineProducts(model, part, derivatives, cos, sin);
  const baselineGradient = baselineResidualProducts(model, part, p, residual);
  const block = model.columnBlockAt(p);
  for (let u = 0; u < s; u++) {
    const index = linear[u] as number;
    if (index < layout.amplitudes + model.components) {
      const from = (index - layout.amplitudes) * K2;
      linearGradient[u] = w * dot(block, from, rotated, 0, K2);
      blockDot(block, from, derivatives, 0, K2, q, K2, cross, u * q);
      for (let k = 0; k < q; k++) cross[u * q + k] = w * (cross[u * q + k] as number);
    } else {
      const b = index - layout.baseline;
      linearGradient[u] = w * (baselineGradient[b] as number);
      for (let k = 0; k < q; k++) cross[u * q + k] = w * (baselineCross[b * q + k] as number);
    }
  }
  const gram = new Float64Array(s * s);
  part.gramOf(p, linear, gram);
  for (let k = 0; k < gram.length; k++) gram[k] = w * (gram[k] as number);
  return { normal, gradient, gram, cross, linearGradient, rotatedResidual: rotated };
}

/** Σ_j B_b(j)·(P·∂_k)(j), real parts for the real coefficients and imaginary for the imaginary: (2·splines) × q. */
function baselineProducts(
  model: LcmModel,
  part: LcmLinearPart,
  derivatives: Float64Array,
  cos: Float64Array,
  sin: Float64Array,
): Float64Array {
  const K = model.bins;
  const q = model.nonlinearCount;
  const phased = new Float64Array(derivatives.length);
  for (let k = 0; k < q; k++) {
    const re = k * 2 * K;
    const im = re + K;
    for (let j = 0; j < K; j++) {
      const a = derivatives[re + j] as number;
      const b = derivatives[im + j] as number;
      phased[re + j] = a * (cos[j] as number) - b * (sin[j] as number);
      phased[im + j] = a * (sin[j] as number) + b * (cos[j] as number);
    }
  }
  const out = new Float64Array(2 * model.splineCount * q);
  part.splineProducts(phased, 2 * K, q, out);
  return out;
}

/** Bᵀ·r of the data rows minus s·DᵀD·β of the penalty rows, per baseline coefficient (unweighted). */
function baselineResidualProducts(
  model: LcmModel,
  part: LcmLinearPart,
  p: Float64Array,
  residual: Float64Array,
): Float64Array {
  const nb = model.splineCount;
  const out = new Float64Array(2 * nb);
  if (nb === 0) return out;
  part.splineProducts(residual, residual.length, 1, out);
  if (nb >= 3) {
    const smoothness = model.baselineSmoothness;
    for (let half = 0; half < 2; half++) {
      const at = model.layout.baseline + half * nb;
      for (let r = 1; r < nb - 1; r++) {
        const d = (p[at + r - 1] as number) - 2 * (p[at + r] as number) + (p[at + r + 1] as number);
        out[half * nb + r - 1] = (out[half * nb + r - 1] as number) - smoothness * d;
        out[half * nb + r] = (out[half * nb + r] as number) + 2 * smoothness * d;
        out[half * nb + r + 1] = (out[half * nb + r + 1] as number) - smoothness * d;
      }
    }
  }
  return out;
}

function dot(a: Float64Array, aFrom: number, b: Float64Array, bFrom: number, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += (a[aFrom + i] as number) * (b[bFrom + i] as number);
  return sum;
}
