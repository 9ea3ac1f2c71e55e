import { voigtProfile } from './lineProfiles';

/**
 * Self-absorption in a homogeneous LTE slab (optical-notes §3.3): the spectral radiance of a line
 * is I(λ) = B_λ(T)·(1 − e^{−τ(λ)}) with τ(λ) = τ₀·V(λ − λ₀)/V(0), V the line's normalised Voigt
 * profile and τ₀ its optical depth at the centre. The optically thin limit is B_λ·τ(λ) = ε·ℓ·V.
 * Everything here is in units of B_λ(T) (taken constant over a line), offsets and widths in nm.
 */

/**
 * Self-absorption coefficient at the line centre, SA = I(λ₀)/I_thin(λ₀) = (1 − e^{−τ₀})/τ₀
 * (El Sherbini et al., Spectrochim. Acta B 60 (2005) 1573): 1 for a thin line, → 1/τ₀ when thick.
 */
export function selfAbsorptionCoefficient(tau0: number): number {
  return tau0 < 1e-12 ? 1 : -Math.expm1(-tau0) / tau0;
}

/** Central optical depth τ₀ = K·ℓ·V(0) of a line with integrated opacity K·ℓ (nm). */
export function centralOpticalDepth(integratedOpacityNm: number, sigma: number, gamma: number): number {
  return integratedOpacityNm * voigtProfile(0, sigma, gamma);
}

/**
 * Offset |x| (nm) where the optical depth falls to `threshold`, τ₀·V(x)/V(0) = threshold
 * (bisection on the unimodal Voigt); 0 when τ₀ ≤ threshold.
 */
export function opticalDepthHalfWidth(tau0: number, sigma: number, gamma: number, threshold: number): number {
  if (tau0 <= threshold) return 0;
  const peak = voigtProfile(0, sigma, gamma);
  const target = (threshold / tau0) * peak;
  let lo = 0;
  let hi = Math.max(sigma, gamma, 1e-9);
  while (voigtProfile(hi, sigma, gamma) > target) hi *= 2;
  for (let i = 0; i < 60 && hi - lo > 1e-9 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (voigtProfile(mid, sigma, gamma) > target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Nodes and trapezoid weights of ∫f(x)dx over [−extent, extent], dense at 0. */
interface QuadratureGrid {
  readonly x: Float64Array;
  readonly weight: Float64Array;
}

const MAX_NODES = 20001;

/**
 * A symmetric grid x(u) on u uniform with step `du`: x = s·sinh(u) near 0 (relative spacing du:
 * resolves a core of width ~s and its wings), continued linearly (C¹) once the spacing reaches
 * `maxStep`, out to `extent`. The trapezoid rule in u then integrates smooth f(x)·x′(u).
 */
function quadratureGrid(scale: number, extent: number, du: number, maxStep: number): QuadratureGrid {
  const uMax = Math.asinh(extent / scale);
  // Junction where s·cosh(u)·du = maxStep (or none when the sinh part reaches the extent first).
  const uJoin = Math.min(uMax, maxStep / (scale * du) > 1 ? Math.acosh(maxStep / (scale * du)) : 0);
  const xJoin = scale * Math.sinh(uJoin);
  const slope = scale * Math.cosh(uJoin);
  const uEnd = uJoin + Math.max(0, extent - xJoin) / slope;
  const half = Math.min(Math.ceil(uEnd / du), (MAX_NODES - 1) / 2);
  const step = uEnd / half;
  const n = 2 * half + 1;
  const x = new Float64Array(n);
  const weight = new Float64Array(n);
  // e^{u} by repeated multiplication (sinh and cosh from it): the grid is built for every thick line.
  const growth = Math.exp(step);
  let e = 1;
  for (let k = 0; k <= half; k++) {
    const u = k * step;
    const inner = u <= uJoin;
    const xk = inner ? 0.5 * scale * (e - 1 / e) : xJoin + slope * (u - uJoin);
    const wk = (inner ? 0.5 * scale * (e + 1 / e) : slope) * step * (k === half ? 0.5 : 1);
    x[half + k] = xk;
    x[half - k] = -xk;
    weight[half + k] = wk;
    weight[half - k] = wk;
    e *= growth;
  }
  return { x, weight };
}

/** The slab's line shape 1 − e^{−τ(x)} on a grid. */
function absorbedShape(grid: QuadratureGrid, tau0: number, sigma: number, gamma: number): Float64Array {
  const scale = tau0 / voigtProfile(0, sigma, gamma);
  const out = new Float64Array(grid.x.length);
  for (let i = 0; i < out.length; i++) out[i] = -Math.expm1(-scale * voigtProfile(grid.x[i] as number, sigma, gamma));
  return out;
}

/**
 * Curve of growth: the equivalent width W(τ₀) = ∫(1 − e^{−τ(x)})dx (nm, radiance area in units of
 * B_λ) of a Voigt line (Gaussian σ, Lorentzian HWHM γ, nm). W = τ₀/V(0) (slope 1) while thin; for a
 * Lorentzian it tends to 2γ√(πτ₀) (slope ½; Ladenburg & Reiche 1913), for a pure Gaussian it
 * grows as √(ln τ₀). Quadrature on a sinh-mapped grid out to where τ = 10⁻⁶, plus the Lorentzian wings
 * beyond it in closed form; relative accuracy ~10⁻⁶ (checked against Ladenburg–Reiche).
 */
export function equivalentWidthNm(tau0: number, sigma: number, gamma: number): number {
  const thin = tau0 / voigtProfile(0, sigma, gamma);
  if (tau0 < 1e-9) return thin;
  const scale = Math.max(Math.min(sigma || gamma, gamma || sigma), 1e-12);
  const extent = Math.max(opticalDepthHalfWidth(tau0, sigma, gamma, 1e-6), 100 * Math.max(sigma, gamma));
  const grid = quadratureGrid(scale, extent, 0.05, Number.POSITIVE_INFINITY);
  const shape = absorbedShape(grid, tau0, sigma, gamma);
  let w = 0;
  for (let i = 0; i < shape.length; i++) w += (shape[i] as number) * (grid.weight[i] as number);
  // Beyond ±extent the line is thin: ∫ τ dx over both wings, with V ≈ γ/(πx²) there.
  return w + (2 * (tau0 / voigtProfile(0, sigma, gamma)) * gamma) / (Math.PI * extent);
}

/**
 * The slab line shape seen through a Gaussian instrument function of standard deviation
 * `instrumentSigma` (nm): out[k] = ∫(1 − e^{−τ(x)})·G(offsets[k] − x)dx, in units of B_λ, for
 * offsets from the line centre (nm). Exact (quadrature on a sinh grid) within R = x(τ = 0.01) +
 * 6σ_instr of the centre; beyond R the line is thin there and the closed form (τ₀/V(0))·Voigt
 * with the instrument added in quadrature to the Gaussian width is used (error < 0.5 %).
 */
export function convolvedSlabShape(
  offsets: ArrayLike<number>,
  out: Float64Array,
  tau0: number,
  sigma: number,
  gamma: number,
  instrumentSigma: number,
): void {
  const thinScale = tau0 / voigtProfile(0, sigma, gamma);
  const sigmaTotal = Math.hypot(sigma, instrumentSigma);
  const core = opticalDepthHalfWidth(tau0, sigma, gamma, 0.01);
  const reach = core + 6 * instrumentSigma;
  const inside: number[] = [];
  for (let k = 0; k < offsets.length; k++) {
    const d = offsets[k] as number;
    if (Math.abs(d) >= reach || instrumentSigma <= 0) {
      out[k] =
        instrumentSigma <= 0 && Math.abs(d) < reach
          ? -Math.expm1(-thinScale * voigtProfile(d, sigma, gamma))
          : thinScale * voigtProfile(d, sigmaTotal, gamma);
    } else inside.push(k);
  }
  if (inside.length === 0) return;
  const scale = Math.max(Math.min(sigma || gamma, gamma || sigma), 1e-9);
  const grid = quadratureGrid(scale, reach + 6 * instrumentSigma, 0.1, instrumentSigma / 2);
  const shape = absorbedShape(grid, tau0, sigma, gamma);
  const weighted = new Float64Array(shape.length);
  for (let j = 0; j < shape.length; j++) weighted[j] = (shape[j] as number) * (grid.weight[j] as number);
  const norm = 1 / (instrumentSigma * Math.sqrt(2 * Math.PI));
  const inv2s2 = 1 / (2 * instrumentSigma * instrumentSigma);
  const cut = 6 * instrumentSigma;
  const x = grid.x;
  for (const k of inside) {
    const d = offsets[k] as number;
    let sum = 0;
    for (let j = lowerIndex(x, d - cut); j < x.length && (x[j] as number) <= d + cut; j++) {
      const r = d - (x[j] as number);
      sum += (weighted[j] as number) * Math.exp(-r * r * inv2s2);
    }
    out[k] = sum * norm;
  }
}

/** First index with x[i] ≥ value (x ascending). */
function lowerIndex(x: Float64Array, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((x[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
