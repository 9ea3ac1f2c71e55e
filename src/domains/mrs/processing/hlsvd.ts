import { WorkbenchError } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { complexEigenvalues } from './complexEigenvalues';
import { complexLeastSquares } from './complexLeastSquares';
import { hankelLanczos } from './hankelLanczos';

/** One damped complex exponential a·e^{(−d + 2πi·f)·t} of an HSVD model. */
export interface HlsvdComponent {
  /** Hz (positive: counter-clockwise; ppm = centre − f/SF in the NIfTI-MRS convention). */
  readonly frequencyHz: number;
  /** Decay rate d, 1/s (Lorentzian FWHM = d/π Hz); negative for a growing component. */
  readonly dampingPerS: number;
  /** Complex amplitude at t = 0. */
  readonly re: number;
  readonly im: number;
}

/** Options of {@link hlsvd}. */
export interface HlsvdOptions {
  /** Number K of exponentials (the model order). Default 25 (as Osprey's and FSL-MRS's water filters, 20–25). */
  readonly components?: number;
  /** FID points used (the first ones). Default all. */
  readonly points?: number;
  /** Rows L of the Hankel matrix (M = points − L + 1 columns). Default ⌊points/2⌋. */
  readonly rows?: number;
}

/** What {@link hlsvd} found. */
export interface HlsvdResult {
  readonly components: HlsvdComponent[];
  /** Largest singular values of the Hankel matrix (K of them): a gap shows the model order. */
  readonly singularValues: Float64Array;
}

/**
 * HSVD / HLSVD (Barkhuijsen, de Beer & van Ormondt, JMR 73:553, 1987; Pijnappel et al., JMR
 * 97:122, 1992): models an FID as K damped complex exponentials. The signal subspace is spanned by
 * the K largest left singular vectors U of the L × M Hankel matrix H[i][j] = x[i + j], found by
 * Lanczos bidiagonalisation with FFT products (`hankelLanczos.ts`, never forming H); the poles
 * z_k = e^{(−d_k + 2πi f_k)·dwell} are the eigenvalues of the least-squares solution Z of
 * U↓·Z = U↑ (U without its last / first row: shift invariance), and the amplitudes solve the
 * Vandermonde least-squares problem x[n] ≈ Σ a_k z_kⁿ over the fitted points. Poles that would grow
 * by more than 10¹⁰ over the FID are dropped (noise), so fewer than K components may come back.
 *
 * Sizes and cost for N = 2048, L = 1024, K = 25: 70 Lanczos steps (four 2048-point FFTs and a
 * full reorthogonalisation against ≤ 70 vectors of 1024 each), a 70 × 70 Jacobi eigenproblem, a
 * 25 × 25 QR eigenproblem and a 2048 × 25 least squares: ≈ 100–150 ms in Node on one core,
 * mostly the reorthogonalisation (∝ steps²·N). A dense SVD of the 1024 × 1025 complex Hankel
 * matrix would be ≈ 10¹⁰ flops (tens of seconds in JavaScript).
 * @throws WorkbenchError INVALID_OPTION for out-of-range options.
 */
export function hlsvd(fid: ComplexArrays, dwellTimeS: number, options: HlsvdOptions = {}): HlsvdResult {
  const total = fid.re.length;
  const n = options.points ?? total;
  if (!(Number.isInteger(n) && n >= 8 && n <= total)) {
    throw new WorkbenchError('INVALID_OPTION', `hlsvd: points must be an integer in 8…${total} (got ${n})`);
  }
  const rows = options.rows ?? Math.floor(n / 2);
  if (!(Number.isInteger(rows) && rows >= 2 && n - rows + 1 >= 2)) {
    throw new WorkbenchError('INVALID_OPTION', `hlsvd: rows must be an integer in 2…${n - 1} (got ${rows})`);
  }
  const k = options.components ?? 25;
  const most = Math.min(rows, n - rows + 1) - 1;
  if (!(Number.isInteger(k) && k >= 1 && k <= most)) {
    throw new WorkbenchError('INVALID_OPTION', `hlsvd: components must be an integer in 1…${most} (got ${k})`);
  }
  if (!(dwellTimeS > 0 && Number.isFinite(dwellTimeS))) {
    throw new WorkbenchError('INVALID_OPTION', `hlsvd: dwellTimeS must be > 0 (got ${dwellTimeS})`);
  }
  const signal = { re: fid.re.subarray(0, n), im: fid.im.subarray(0, n) };
  const { vectors, singularValues } = hankelLanczos(signal, rows, k);
  const kept = vectors.length;
  const upper = vectors.map((u) => ({ re: u.re.subarray(0, rows - 1), im: u.im.subarray(0, rows - 1) }));
  const lower = vectors.map((u) => ({ re: u.re.subarray(1), im: u.im.subarray(1) }));
  const solution = complexLeastSquares(upper, lower); // column j of Z
  const zr = new Float64Array(kept * kept);
  const zi = new Float64Array(kept * kept);
  solution.forEach((column, j) => {
    for (let i = 0; i < kept; i++) {
      zr[i * kept + j] = column.re[i] as number;
      zi[i * kept + j] = column.im[i] as number;
    }
  });
  const poles = complexEigenvalues({ re: zr, im: zi }, kept);
  const basis: ComplexArrays[] = [];
  const found: { frequencyHz: number; dampingPerS: number }[] = [];
  for (let c = 0; c < kept; c++) {
    const pr = poles.re[c] as number;
    const pi = poles.im[c] as number;
    const modulus = Math.hypot(pr, pi);
    if (!(modulus > 0) || Math.log(modulus) * n > Math.log(1e10)) continue;
    const column = { re: new Float64Array(n), im: new Float64Array(n) };
    let wr = 1;
    let wi = 0;
    for (let t = 0; t < n; t++) {
      column.re[t] = wr;
      column.im[t] = wi;
      const nr = wr * pr - wi * pi;
      wi = wr * pi + wi * pr;
      wr = nr;
    }
    basis.push(column);
    found.push({
      frequencyHz: Math.atan2(pi, pr) / (2 * Math.PI * dwellTimeS),
      dampingPerS: -Math.log(modulus) / dwellTimeS,
    });
  }
  const [amplitudes] = basis.length === 0 ? [undefined] : complexLeastSquares(basis, [signal]);
  const components = found.map((pole, c) => ({
    ...pole,
    re: (amplitudes?.re[c] as number) ?? 0,
    im: (amplitudes?.im[c] as number) ?? 0,
  }));
  return { components, singularValues };
}

/** The FID (n points at `dwellTimeS`) of a sum of HSVD components. */
export function hlsvdSignal(components: readonly HlsvdComponent[], n: number, dwellTimeS: number): ComplexArrays {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const c of components) {
    const modulus = Math.exp(-c.dampingPerS * dwellTimeS);
    const angle = 2 * Math.PI * c.frequencyHz * dwellTimeS;
    const pr = modulus * Math.cos(angle);
    const pi = modulus * Math.sin(angle);
    let wr = c.re;
    let wi = c.im;
    for (let t = 0; t < n; t++) {
      re[t] = (re[t] as number) + wr;
      im[t] = (im[t] as number) + wi;
      const nr = wr * pr - wi * pi;
      wi = wr * pi + wi * pr;
      wr = nr;
    }
  }
  return { re, im };
}
