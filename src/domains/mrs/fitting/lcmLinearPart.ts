import { type CholeskyFactor, cholesky } from '../../../numeric/cholesky';
import { nonNegativeLeastSquares } from '../../../numeric/nonNegativeLeastSquares';
import { blockDot } from './blockDot';
import type { LcmModel } from './lcmModel';
import { type ReducedLcmSystem, reducedCost, reducedSystem } from './reducedLcmSystem';

/**
 * The linear parameters of {@link LcmModel} — amplitudes c ≥ 0 and the complex spline baseline β —
 * solved exactly for given phases, widths, shifts and kernel weights, as variable projection needs
 * them (Golub & Pereyra, Inverse Problems 2003;19:R1). The sum of squares over the data rows plus
 * the baseline penalty rows (which share the data's weight) is
 *
 *   ‖y − A·c − B·β‖² + s·‖D·β‖²,   A = phased basis columns, B = splines, D = second differences,
 *
 * whose normal matrix has blocks Gaa = AᵀA (the phase cancels: cached per set of columns), Gab = AᵀB
 * (sparse: four splines per bin), Gbb = BᵀB + s·DᵀD (constant, factored once; the same for the real
 * and imaginary coefficients, which do not couple). The free baseline is eliminated exactly (Schur
 * complement), leaving a non-negative least-squares problem in the amplitudes alone (Lawson–Hanson
 * on a components × components matrix instead of components + 2·splines).
 */
export class LcmLinearPart {
  private readonly model: LcmModel;
  private readonly components: number;
  private readonly splines: number;
  /** Per spline b: its first non-zero bin, number of bins, and where its values start in `splineDense`. */
  private readonly splineLow: Int32Array;
  private readonly splineLength: Int32Array;
  private readonly splineOffset: Int32Array;
  private readonly splineDense: Float64Array;
  /** Work block for the phased columns (components × 2·bins). */
  private readonly phasedBlock: Float64Array;
  private readonly baselineFactor: CholeskyFactor | undefined;
  /** Gbb⁻¹·hb (real, then imaginary coefficients) and hbᵀ·Gbb⁻¹·hb. */
  private readonly solvedData: Float64Array;
  private readonly constant: number;
  private readonly gbb: Float64Array;
  private gaa = new Float64Array(0);
  private gaaVersion = -1;
  /** Gab of the last {@link reduced} call, and the columns version and phases it was made for. */
  private last: { gab: Float64Array; version: number; phase0: number; phase1: number } | undefined;

  /**
   * @param smoothness - s, the baseline's second-difference penalty in the units of the data rows'
   *   weight (0: a free baseline, as the starting grid uses).
   */
  constructor(model: LcmModel, smoothness: number) {
    this.model = model;
    this.components = model.components;
    const spline = model.splineBasis;
    const nb = spline.count;
    this.splines = nb;
    const K = model.bins;
    this.splineLow = new Int32Array(nb);
    this.splineLength = new Int32Array(nb);
    this.splineOffset = new Int32Array(nb);
    const dense: number[] = [];
    for (let b = 0; b < nb; b++) {
      let low = 0;
      while (low < K && spline.values[low * nb + b] === 0) low++;
      let high = K;
      while (high > low && spline.values[(high - 1) * nb + b] === 0) high--;
      this.splineLow[b] = low;
      this.splineLength[b] = high - low;
      this.splineOffset[b] = dense.length;
      for (let j = low; j < high; j++) dense.push(spline.values[j * nb + b] as number);
    }
    this.splineDense = Float64Array.from(dense);
    this.phasedBlock = new Float64Array(this.components * 2 * K);
    const y = model.data;
    const hb = new Float64Array(2 * nb);
    this.splineProducts(Float64Array.from([...y.re, ...y.im]), 2 * K, 1, hb);
    const gbb = new Float64Array(nb * nb);
    for (let b = 0; b < nb; b++) {
      for (let c = 0; c < nb; c++) {
        let sum = 0;
        for (let j = 0; j < K; j++)
          sum += (spline.values[j * nb + b] as number) * (spline.values[j * nb + c] as number);
        gbb[b * nb + c] = sum;
      }
    }
    if (nb >= 3) {
      // s·DᵀD, D the (nb − 2) × nb second-difference matrix (the model's penalty rows).
      const stencil = [1, -2, 1];
      for (let row = 1; row < nb - 1; row++) {
        for (let a = 0; a < 3; a++) {
          for (let b = 0; b < 3; b++) {
            const at = (row - 1 + a) * nb + row - 1 + b;
            gbb[at] = (gbb[at] as number) + smoothness * (stencil[a] as number) * (stencil[b] as number);
          }
        }
      }
    }
    this.gbb = gbb;
    this.baselineFactor = nb === 0 ? undefined : factorWithRidge(gbb, nb);
    this.solvedData = new Float64Array(2 * nb);
    for (let part = 0; part < 2 && this.baselineFactor !== undefined; part++) {
      this.solvedData.set(this.baselineFactor.solve(hb.subarray(part * nb, (part + 1) * nb)), part * nb);
    }
    let yy = 0;
    for (let j = 0; j < K; j++) yy += (y.re[j] as number) ** 2 + (y.im[j] as number) ** 2;
    let explained = 0;
    for (let b = 0; b < 2 * nb; b++) explained += (hb[b] as number) * (this.solvedData[b] as number);
    this.constant = yy - explained;
  }

  /** The reduced system at the nonlinear parameters of p (phases, group parameters, kernel weights). */
  reduced(p: ArrayLike<number>): ReducedLcmSystem {
    const model = this.model;
    const m = this.components;
    const nb = this.splines;
    const K = model.bins;
    const layout = model.layout;
    const gaa = this.amplitudeGram(p);
    const block = model.columnBlockAt(p);
    const K2 = 2 * K;
    const phase0 = p[layout.phase0] as number;
    const phase1 = p[layout.phase1] as number;
    const pivot = model.phasePivotPpm;
    // u = P̄·y and the same at 90° (i·P̄·y rotated back): ha = colsᵀ·u, its quadrature colsᵀ·(Im u, −Re u).
    const u = new Float64Array(K2);
    const uQuadrature = new Float64Array(K2);
    const cos = new Float64Array(K);
    const sin = new Float64Array(K);
    for (let j = 0; j < K; j++) {
      const angle = phase0 + phase1 * ((model.ppm[j] as number) - pivot);
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      cos[j] = c;
      sin[j] = s;
      const yr = model.data.re[j] as number;
      const yi = model.data.im[j] as number;
      u[j] = c * yr + s * yi;
      u[K + j] = c * yi - s * yr;
      uQuadrature[j] = u[K + j] as number;
      uQuadrature[K + j] = -(u[j] as number);
    }
    const ha = new Float64Array(m);
    const haQuadrature = new Float64Array(m);
    blockDot(u, 0, block, 0, K2, m, K2, ha, 0);
    blockDot(uQuadrature, 0, block, 0, K2, m, K2, haQuadrature, 0);
    // Gab = (phased columns)ᵀ·B, per spline over the bins where it is non-zero.
    const phased = this.phasedBlock;
    for (let a = 0; a < m; a++) {
      const at = a * K2;
      for (let j = 0; j < K; j++) {
        const cr = block[at + j] as number;
        const ci = block[at + K + j] as number;
        phased[at + j] = cr * (cos[j] as number) - ci * (sin[j] as number);
        phased[at + K + j] = cr * (sin[j] as number) + ci * (cos[j] as number);
      }
    }
    const gba = new Float64Array(2 * nb * m);
    this.splineProducts(phased, K2, m, gba);
    const gab = new Float64Array(m * 2 * nb);
    for (let b = 0; b < 2 * nb; b++) for (let a = 0; a < m; a++) gab[a * 2 * nb + b] = gba[b * m + a] as number;
    this.last = { gab, version: model.columnsVersion, phase0, phase1 };
    // Z = Gbb⁻¹·Gba (per amplitude, the best baseline for a unit amplitude), R = Gaa − Gab·Z, r = ha − Gab·Gbb⁻¹·hb.
    const z = new Float64Array(m * 2 * nb);
    const factor = this.baselineFactor;
    if (factor !== undefined) {
      for (let a = 0; a < m; a++) {
        for (let part = 0; part < 2; part++) {
          const from = a * 2 * nb + part * nb;
          z.set(factor.solve(gab.subarray(from, from + nb)), from);
        }
      }
    }
    const gram = new Float64Array(m * m);
    const rhs = new Float64Array(m);
    const rhsQuadrature = new Float64Array(m);
    const solved = this.solvedData;
    for (let a = 0; a < m; a++) {
      let r = ha[a] as number;
      let rq = haQuadrature[a] as number;
      const row = a * 2 * nb;
      for (let b = 0; b < nb; b++) {
        const re = gab[row + b] as number;
        const im = gab[row + nb + b] as number;
        // At φ0 + 90° the columns are i·(re + i·im): Gab becomes (−im, re).
        r -= re * (solved[b] as number) + im * (solved[nb + b] as number);
        rq -= -im * (solved[b] as number) + re * (solved[nb + b] as number);
      }
      rhs[a] = r;
      rhsQuadrature[a] = rq;
      for (let c = 0; c <= a; c++) {
        let sum = gaa[a * m + c] as number;
        for (let b = 0; b < 2 * nb; b++) sum -= (gab[row + b] as number) * (z[c * 2 * nb + b] as number);
        gram[a * m + c] = sum;
        gram[c * m + a] = sum;
      }
    }
    return reducedSystem({ gram, rhs, rhsQuadrature, z, solved, constant: this.constant, splines: nb }, 0);
  }

  /**
   * Solves amplitudes (≥ 0) and baseline for the nonlinear parameters in p and writes them into p
   * (the model's layout). Returns the minimised sum of squares of the data and penalty rows.
   */
  solveInto(p: Float64Array): number {
    const system = this.reduced(p);
    const { solution } = nonNegativeLeastSquares(system.gram, system.rhs);
    const layout = this.model.layout;
    p.set(solution, layout.amplitudes);
    p.set(system.baselineOf(solution), layout.baseline);
    return reducedCost(system, solution);
  }

  /**
   * The normal matrix (unweighted) of the linear parameters at the given indices of the model's
   * layout (amplitudes and baseline coefficients): Gaa, Gab and Gbb as the last solve made them.
   */
  gramOf(p: Float64Array, indices: Int32Array, out: Float64Array): void {
    const model = this.model;
    const layout = model.layout;
    const gaa = this.amplitudeGram(p);
    let last = this.last;
    if (
      last === undefined ||
      last.phase0 !== p[layout.phase0] ||
      last.phase1 !== p[layout.phase1] ||
      last.version !== model.columnsVersion
    ) {
      this.reduced(p);
      last = this.last as NonNullable<typeof last>;
    }
    const gab = last.gab;
    const m = this.components;
    const nb = this.splines;
    const s = indices.length;
    for (let u = 0; u < s; u++) {
      const a = (indices[u] as number) - layout.amplitudes;
      for (let v = 0; v < s; v++) {
        const b = (indices[v] as number) - layout.amplitudes;
        let value: number;
        if (a < m && b < m) value = gaa[a * m + b] as number;
        else if (a < m) value = gab[a * 2 * nb + (b - (layout.baseline - layout.amplitudes))] as number;
        else if (b < m) value = gab[b * 2 * nb + (a - (layout.baseline - layout.amplitudes))] as number;
        else {
          const ra = a - (layout.baseline - layout.amplitudes);
          const rb = b - (layout.baseline - layout.amplitudes);
          // The real and imaginary coefficients do not couple; both parts share Gbb.
          value = ra < nb === rb < nb ? (this.gbb[(ra % nb) * nb + (rb % nb)] as number) : 0;
        }
        out[u * s + v] = value;
      }
    }
  }

  /**
   * Products of every spline with `count` vectors of 2·bins values (real parts, then imaginary) laid
   * out `stride` apart in `vectors`: Σ_j B_b(j)·Re v_k(j) into out[b·count + k] and Σ_j B_b(j)·Im v_k(j)
   * into out[(splines + b)·count + k] (the Gab of the real and of the imaginary baseline coefficients).
   */
  splineProducts(vectors: Float64Array, stride: number, count: number, out: Float64Array): void {
    const nb = this.splines;
    const K = this.model.bins;
    for (let b = 0; b < nb; b++) {
      const low = this.splineLow[b] as number;
      const length = this.splineLength[b] as number;
      const from = this.splineOffset[b] as number;
      blockDot(this.splineDense, from, vectors, low, stride, count, length, out, b * count);
      blockDot(this.splineDense, from, vectors, K + low, stride, count, length, out, (nb + b) * count);
    }
  }

  /** AᵀA of the unphased columns (= that of the phased ones), recomputed when the columns change. */
  private amplitudeGram(p: ArrayLike<number>): Float64Array {
    const model = this.model;
    const m = this.components;
    const block = model.columnBlockAt(p);
    if (this.gaaVersion === model.columnsVersion) return this.gaa;
    const K2 = 2 * model.bins;
    const gaa = new Float64Array(m * m);
    for (let a = 0; a < m; a++) {
      blockDot(block, a * K2, block, 0, K2, a + 1, K2, gaa, a * m);
      for (let b = 0; b < a; b++) gaa[b * m + a] = gaa[a * m + b] as number;
    }
    this.gaa = gaa;
    this.gaaVersion = model.columnsVersion;
    return gaa;
  }
}

/** Cholesky of an SPD matrix; a relative ridge of 1e-12 of the largest diagonal if it is only semi-definite. */
function factorWithRidge(matrix: Float64Array, n: number): CholeskyFactor | undefined {
  const factor = cholesky(matrix, n);
  if (factor !== undefined) return factor;
  let largest = 0;
  for (let k = 0; k < n; k++) largest = Math.max(largest, matrix[k * n + k] as number);
  const ridged = Float64Array.from(matrix);
  for (let k = 0; k < n; k++) ridged[k * n + k] = (ridged[k * n + k] as number) + 1e-12 * largest;
  return cholesky(ridged, n);
}
