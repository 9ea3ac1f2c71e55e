/**
 * Dense square matrix products for the density-matrix simulator, row-major n × n, complex matrices
 * as separate real and imaginary arrays. Zero rows of the left factor are skipped (density
 * matrices after a coherence filter are sparse).
 */

/** C = A·B (complex). */
export function complexMultiply(
  ar: Float64Array,
  ai: Float64Array,
  br: Float64Array,
  bi: Float64Array,
  n: number,
): { re: Float64Array; im: Float64Array } {
  const cr = new Float64Array(n * n);
  const ci = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let k = 0; k < n; k++) {
      const xr = ar[row + k] as number;
      const xi = ai[row + k] as number;
      if (xr === 0 && xi === 0) continue;
      const other = k * n;
      for (let j = 0; j < n; j++) {
        const yr = br[other + j] as number;
        const yi = bi[other + j] as number;
        cr[row + j] = (cr[row + j] as number) + xr * yr - xi * yi;
        ci[row + j] = (ci[row + j] as number) + xr * yi + xi * yr;
      }
    }
  }
  return { re: cr, im: ci };
}

/** C = A·Bᴴ (complex): C_ij = Σ_k A_ik·conj(B_jk). */
export function complexMultiplyAdjoint(
  ar: Float64Array,
  ai: Float64Array,
  br: Float64Array,
  bi: Float64Array,
  n: number,
): { re: Float64Array; im: Float64Array } {
  const cr = new Float64Array(n * n);
  const ci = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let empty = true;
    for (let k = 0; k < n && empty; k++) empty = ar[row + k] === 0 && ai[row + k] === 0;
    if (empty) continue;
    for (let j = 0; j < n; j++) {
      const other = j * n;
      let sr = 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        const xr = ar[row + k] as number;
        const xi = ai[row + k] as number;
        const yr = br[other + k] as number;
        const yi = bi[other + k] as number;
        sr += xr * yr + xi * yi;
        si += xi * yr - xr * yi;
      }
      cr[row + j] = sr;
      ci[row + j] = si;
    }
  }
  return { re: cr, im: ci };
}

/** Vᵀ·X·V for real V and X. */
export function realSandwich(v: Float64Array, x: Float64Array, n: number): Float64Array {
  const xv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const a = x[i * n + k] as number;
      if (a === 0) continue;
      for (let j = 0; j < n; j++) xv[i * n + j] = (xv[i * n + j] as number) + a * (v[k * n + j] as number);
    }
  }
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const a = v[k * n + i] as number; // (Vᵀ)_ik
      if (a === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] = (out[i * n + j] as number) + a * (xv[k * n + j] as number);
    }
  }
  return out;
}
