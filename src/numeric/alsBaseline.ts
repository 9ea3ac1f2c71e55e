import { WorkbenchError } from '../core/errors';

/** Options of {@link alsBaseline}. */
export interface AlsBaselineOptions {
  /** Smoothness λ of the second-difference penalty, for the point spacing as given. Default 1e4. */
  readonly lambda?: number;
  /** Asymmetry p: weight of points above the baseline (1 − p below). Default 0.001. */
  readonly p?: number;
  /** Most reweighting passes (stops earlier when no weight changes). Default 20. */
  readonly iterations?: number;
}

/**
 * Baseline of a real signal by asymmetric least squares (Eilers & Boelens 2005, "Baseline
 * correction with asymmetric least squares smoothing", Leiden University Medical Centre report;
 * spant `bc_als`, whose defaults λ = 1e4, p = 0.001 are ours): the Whittaker smoother z minimising
 * Σ wᵢ(yᵢ − zᵢ)² + λ·Σ(Δ²zᵢ)², with wᵢ = p where yᵢ > zᵢ and 1 − p elsewhere, recomputed until the
 * weights settle. Peaks sit above the baseline and barely pull it; noise pulls it to the lower
 * edge of the noise band. λ acts per point: the baseline bends over about λ^{1/4} points, so
 * zero-filling ×2 needs λ ×16 for the same stiffness. The system (W + λDᵀD)z = Wy is pentadiagonal
 * and solved by a banded Cholesky factorisation, O(n) per pass.
 *
 * Why not ml-spectra-processing's `xWhittakerSmoother`: it penalises first differences (its
 * tridiagonal system) and reweights symmetrically (Gaussian of the residual over 3 MADs), so its
 * line passes through broad peaks instead of under them.
 * @throws WorkbenchError INVALID_OPTION for λ ≤ 0, p outside (0, 1), fewer than 3 points.
 */
export function alsBaseline(y: ArrayLike<number>, options: AlsBaselineOptions = {}): Float64Array {
  const lambda = options.lambda ?? 1e4;
  const p = options.p ?? 0.001;
  const iterations = options.iterations ?? 20;
  const n = y.length;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `alsBaseline: ${message}`);
  };
  if (!(lambda > 0 && Number.isFinite(lambda))) fail(`lambda must be > 0 (got ${lambda})`);
  if (!(p > 0 && p < 1)) fail(`p must lie in (0, 1) (got ${p})`);
  if (!(Number.isInteger(iterations) && iterations >= 1))
    fail(`iterations must be a positive integer (got ${iterations})`);
  if (n < 3) fail(`needs at least 3 points (got ${n})`);
  // λ·DᵀD of the second-difference operator: diagonals 1 5 6 … 6 5 1, −2 −4 … −4 −2, 1 … 1
  const d0 = new Float64Array(n);
  const d1 = new Float64Array(n);
  const d2 = new Float64Array(n);
  for (let i = 0; i < n - 2; i++) {
    d0[i] = (d0[i] as number) + lambda;
    d0[i + 1] = (d0[i + 1] as number) + 4 * lambda;
    d0[i + 2] = (d0[i + 2] as number) + lambda;
    d1[i] = (d1[i] as number) - 2 * lambda;
    d1[i + 1] = (d1[i + 1] as number) - 2 * lambda;
    d2[i] = lambda;
  }
  const weights = new Float64Array(n).fill(1);
  const z = new Float64Array(n);
  const l0 = new Float64Array(n);
  const l1 = new Float64Array(n);
  const l2 = new Float64Array(n);
  const u = new Float64Array(n);
  for (let pass = 0; pass < iterations; pass++) {
    // banded Cholesky of A = W + λDᵀD: L has the diagonal l0 and sub-diagonals l1, l2
    for (let i = 0; i < n; i++) {
      const a = (d0[i] as number) + (weights[i] as number);
      const b1 = i >= 1 ? (l1[i - 1] as number) : 0;
      const b2 = i >= 2 ? (l2[i - 2] as number) : 0;
      l0[i] = Math.sqrt(a - b1 * b1 - b2 * b2);
      l1[i] = ((d1[i] as number) - (i >= 1 ? (l2[i - 1] as number) * (l1[i - 1] as number) : 0)) / (l0[i] as number);
      l2[i] = (d2[i] as number) / (l0[i] as number);
    }
    for (let i = 0; i < n; i++) {
      let value = (weights[i] as number) * (y[i] as number);
      if (i >= 1) value -= (l1[i - 1] as number) * (u[i - 1] as number);
      if (i >= 2) value -= (l2[i - 2] as number) * (u[i - 2] as number);
      u[i] = value / (l0[i] as number);
    }
    for (let i = n - 1; i >= 0; i--) {
      let value = u[i] as number;
      if (i + 1 < n) value -= (l1[i] as number) * (z[i + 1] as number);
      if (i + 2 < n) value -= (l2[i] as number) * (z[i + 2] as number);
      z[i] = value / (l0[i] as number);
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      const w = (y[i] as number) > (z[i] as number) ? p : 1 - p;
      if (w !== weights[i]) changed = true;
      weights[i] = w;
    }
    if (!changed) break;
  }
  return z;
}
