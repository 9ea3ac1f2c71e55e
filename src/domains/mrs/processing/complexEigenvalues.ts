import { WorkbenchError } from '../../../core';
import type { ComplexMatrix } from './hermitianEigen';

/**
 * Eigenvalues of a small general complex matrix (n up to ~100, row-major): Householder reduction
 * to upper Hessenberg form, then the single-shift complex QR algorithm with Wilkinson shifts,
 * Givens rotations and deflation at negligible subdiagonals (Golub & Van Loan, Matrix
 * Computations 4th ed. §7.4–7.5; the exceptional shift of EISPACK `comqr` after 10 and 20 idle
 * iterations). Eigenvectors are not formed. Cost about 10·n³. Used by HSVD (`hlsvd.ts`) for the
 * signal poles of the K × K shift-invariance matrix. Order of the result: as deflated.
 * @throws WorkbenchError INVALID_OPTION for a malformed matrix, INVALID_DATA when QR does not
 *   converge within 60·n iterations (NaN in the input).
 */
export function complexEigenvalues(matrix: ComplexMatrix, n: number): { re: Float64Array; im: Float64Array } {
  if (!(Number.isInteger(n) && n >= 1) || matrix.re.length !== n * n || matrix.im.length !== n * n) {
    throw new WorkbenchError('INVALID_OPTION', `complexEigenvalues: expected ${n} × ${n} values`);
  }
  const hr = Float64Array.from(matrix.re);
  const hi = Float64Array.from(matrix.im);
  toHessenberg(hr, hi, n);
  const outR = new Float64Array(n);
  const outI = new Float64Array(n);
  const at = (i: number, j: number) => i * n + j;
  let high = n - 1;
  let idle = 0;
  let iterations = 0;
  while (high >= 0) {
    let low = high;
    for (; low > 0; low--) {
      const sub = Math.hypot(hr[at(low, low - 1)] as number, hi[at(low, low - 1)] as number);
      const diag =
        Math.hypot(hr[at(low, low)] as number, hi[at(low, low)] as number) +
        Math.hypot(hr[at(low - 1, low - 1)] as number, hi[at(low - 1, low - 1)] as number);
      if (sub <= 1e-15 * diag || sub < 1e-300) {
        hr[at(low, low - 1)] = 0;
        hi[at(low, low - 1)] = 0;
        break;
      }
    }
    if (low === high) {
      outR[high] = hr[at(high, high)] as number;
      outI[high] = hi[at(high, high)] as number;
      high -= 1;
      idle = 0;
      continue;
    }
    iterations += 1;
    idle += 1;
    if (iterations > 60 * n) throw new WorkbenchError('INVALID_DATA', 'complexEigenvalues: QR did not converge');
    const [muR, muI] = shift(hr, hi, n, low, high, idle);
    qrStep(hr, hi, n, low, high, muR, muI);
  }
  return { re: outR, im: outI };
}

/** Wilkinson shift (eigenvalue of the trailing 2 × 2 nearer the corner), or an exceptional one. */
function shift(
  hr: Float64Array,
  hi: Float64Array,
  n: number,
  low: number,
  high: number,
  idle: number,
): [number, number] {
  const at = (i: number, j: number) => i * n + j;
  if (idle % 10 === 0) {
    const s =
      Math.abs(hr[at(high, high - 1)] as number) +
      Math.abs(hr[at(high - 1, high - 2 >= low ? high - 2 : high - 1)] as number);
    return [(hr[at(high, high)] as number) + s, hi[at(high, high)] as number];
  }
  const ar = hr[at(high - 1, high - 1)] as number;
  const ai = hi[at(high - 1, high - 1)] as number;
  const br = hr[at(high - 1, high)] as number;
  const bi = hi[at(high - 1, high)] as number;
  const cr = hr[at(high, high - 1)] as number;
  const ci = hi[at(high, high - 1)] as number;
  const dr = hr[at(high, high)] as number;
  const di = hi[at(high, high)] as number;
  // λ = (a + d)/2 ± √(((a − d)/2)² + b·c)
  const hr2 = (ar - dr) / 2;
  const hi2 = (ai - di) / 2;
  const qr = hr2 * hr2 - hi2 * hi2 + br * cr - bi * ci;
  const qi = 2 * hr2 * hi2 + br * ci + bi * cr;
  const modulus = Math.hypot(qr, qi);
  let sr = Math.sqrt((modulus + qr) / 2);
  let si = Math.sqrt(Math.max(0, (modulus - qr) / 2)) * (qi < 0 ? -1 : 1);
  const mr = (ar + dr) / 2;
  const mi = (ai + di) / 2;
  // pick the root nearer d: (m + s) − d = h + s, (m − s) − d = h − s
  if (Math.hypot(hr2 + sr, hi2 + si) > Math.hypot(hr2 - sr, hi2 - si)) {
    sr = -sr;
    si = -si;
  }
  return [mr + sr, mi + si];
}

/** One shifted QR step on the active block [low, high] of an upper Hessenberg matrix. */
function qrStep(hr: Float64Array, hi: Float64Array, n: number, low: number, high: number, muR: number, muI: number) {
  const at = (i: number, j: number) => i * n + j;
  for (let k = low; k <= high; k++) {
    hr[at(k, k)] = (hr[at(k, k)] as number) - muR;
    hi[at(k, k)] = (hi[at(k, k)] as number) - muI;
  }
  const cR = new Float64Array(high - low);
  const cI = new Float64Array(high - low);
  const sR = new Float64Array(high - low);
  const sI = new Float64Array(high - low);
  for (let k = low; k < high; k++) {
    const xr = hr[at(k, k)] as number;
    const xi = hi[at(k, k)] as number;
    const yr = hr[at(k + 1, k)] as number;
    const yi = hi[at(k + 1, k)] as number;
    const r = Math.sqrt(xr * xr + xi * xi + yr * yr + yi * yi);
    const g = k - low;
    if (r === 0) {
      cR[g] = 1;
      continue;
    }
    cR[g] = xr / r;
    cI[g] = xi / r;
    sR[g] = yr / r;
    sI[g] = yi / r;
    // rows k, k+1 ← Gᴴ·rows with Gᴴ = [[c̄, s̄], [−s, c]]
    for (let j = k; j <= high; j++) {
      const ur = hr[at(k, j)] as number;
      const ui = hi[at(k, j)] as number;
      const vr = hr[at(k + 1, j)] as number;
      const vi = hi[at(k + 1, j)] as number;
      const c1 = cR[g] as number;
      const c2 = cI[g] as number;
      const s1 = sR[g] as number;
      const s2 = sI[g] as number;
      hr[at(k, j)] = c1 * ur + c2 * ui + s1 * vr + s2 * vi;
      hi[at(k, j)] = c1 * ui - c2 * ur + s1 * vi - s2 * vr;
      hr[at(k + 1, j)] = -(s1 * ur - s2 * ui) + (c1 * vr - c2 * vi);
      hi[at(k + 1, j)] = -(s1 * ui + s2 * ur) + (c1 * vi + c2 * vr);
    }
  }
  for (let k = low; k < high; k++) {
    const g = k - low;
    const c1 = cR[g] as number;
    const c2 = cI[g] as number;
    const s1 = sR[g] as number;
    const s2 = sI[g] as number;
    // columns k, k+1 ← columns·G with G = [[c, −s̄], [s, c̄]]
    for (let i = low; i <= Math.min(k + 2, high); i++) {
      const ur = hr[at(i, k)] as number;
      const ui = hi[at(i, k)] as number;
      const vr = hr[at(i, k + 1)] as number;
      const vi = hi[at(i, k + 1)] as number;
      hr[at(i, k)] = ur * c1 - ui * c2 + (vr * s1 - vi * s2);
      hi[at(i, k)] = ur * c2 + ui * c1 + (vr * s2 + vi * s1);
      hr[at(i, k + 1)] = -(ur * s1 + ui * s2) + (vr * c1 + vi * c2);
      hi[at(i, k + 1)] = -(ui * s1 - ur * s2) + (vi * c1 - vr * c2);
    }
  }
  for (let k = low; k <= high; k++) {
    hr[at(k, k)] = (hr[at(k, k)] as number) + muR;
    hi[at(k, k)] = (hi[at(k, k)] as number) + muI;
  }
}

/** Householder reduction to upper Hessenberg form, in place (similarity: eigenvalues kept). */
function toHessenberg(hr: Float64Array, hi: Float64Array, n: number): void {
  const vr = new Float64Array(n);
  const vi = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += (hr[i * n + k] as number) ** 2 + (hi[i * n + k] as number) ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const x0r = hr[(k + 1) * n + k] as number;
    const x0i = hi[(k + 1) * n + k] as number;
    const x0 = Math.hypot(x0r, x0i);
    const phR = x0 === 0 ? 1 : x0r / x0;
    const phI = x0 === 0 ? 0 : x0i / x0;
    // v = x + e^{i arg x0}·‖x‖·e1, then normalised
    vr.fill(0);
    vi.fill(0);
    for (let i = k + 1; i < n; i++) {
      vr[i] = hr[i * n + k] as number;
      vi[i] = hi[i * n + k] as number;
    }
    vr[k + 1] = x0r + phR * norm;
    vi[k + 1] = x0i + phI * norm;
    let vNorm = 0;
    for (let i = k + 1; i < n; i++) vNorm += (vr[i] as number) ** 2 + (vi[i] as number) ** 2;
    vNorm = Math.sqrt(vNorm);
    for (let i = k + 1; i < n; i++) {
      vr[i] = (vr[i] as number) / vNorm;
      vi[i] = (vi[i] as number) / vNorm;
    }
    // A ← (I − 2vvᴴ) A: row block
    for (let j = 0; j < n; j++) {
      let dr = 0;
      let di = 0;
      for (let i = k + 1; i < n; i++) {
        const ar = hr[i * n + j] as number;
        const ai = hi[i * n + j] as number;
        dr += (vr[i] as number) * ar + (vi[i] as number) * ai;
        di += (vr[i] as number) * ai - (vi[i] as number) * ar;
      }
      for (let i = k + 1; i < n; i++) {
        hr[i * n + j] = (hr[i * n + j] as number) - 2 * ((vr[i] as number) * dr - (vi[i] as number) * di);
        hi[i * n + j] = (hi[i * n + j] as number) - 2 * ((vr[i] as number) * di + (vi[i] as number) * dr);
      }
    }
    // A ← A (I − 2vvᴴ): column block
    for (let i = 0; i < n; i++) {
      let dr = 0;
      let di = 0;
      for (let j = k + 1; j < n; j++) {
        const ar = hr[i * n + j] as number;
        const ai = hi[i * n + j] as number;
        dr += ar * (vr[j] as number) - ai * (vi[j] as number);
        di += ar * (vi[j] as number) + ai * (vr[j] as number);
      }
      for (let j = k + 1; j < n; j++) {
        // subtract 2·d·conj(v_j)
        hr[i * n + j] = (hr[i * n + j] as number) - 2 * (dr * (vr[j] as number) + di * (vi[j] as number));
        hi[i * n + j] = (hi[i * n + j] as number) - 2 * (di * (vr[j] as number) - dr * (vi[j] as number));
      }
    }
    for (let i = k + 2; i < n; i++) {
      hr[i * n + k] = 0;
      hi[i * n + k] = 0;
    }
  }
}
