import { WorkbenchError } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';

/**
 * Least-squares solution X (K × R) of min ‖A·X − B‖ for a tall complex matrix A given by its K
 * columns (each m long) and R right-hand sides, by a thin QR of A with modified Gram–Schmidt and
 * one reorthogonalisation pass ("twice is enough", Giraud et al., Numer. Math. 101:87, 2005), then
 * X = R⁻¹·Qᴴ·B. A column whose remainder after projection is below 1e-12 of its norm (A rank
 * deficient, e.g. two equal HSVD poles) gets a zero coefficient. Cost ≈ 4·m·K² + 2·m·K·R.
 * Returns one K-vector (re, im) per right-hand side.
 * @throws WorkbenchError INVALID_OPTION when the lengths disagree.
 */
export function complexLeastSquares(columns: readonly ComplexArrays[], rhs: readonly ComplexArrays[]): ComplexArrays[] {
  const k = columns.length;
  const m = columns[0]?.re.length ?? 0;
  for (const c of [...columns, ...rhs]) {
    if (c.re.length !== m || c.im.length !== m) {
      throw new WorkbenchError('INVALID_OPTION', `complexLeastSquares: every column must hold ${m} values`);
    }
  }
  const q: ComplexArrays[] = [];
  const rRe = new Float64Array(k * k);
  const rIm = new Float64Array(k * k);
  const usable: boolean[] = [];
  for (let j = 0; j < k; j++) {
    const col = columns[j] as ComplexArrays;
    const v = { re: Float64Array.from(col.re), im: Float64Array.from(col.im) };
    const original = norm(v);
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        const [dr, di] = dot(q[i] as ComplexArrays, v);
        subtract(v, q[i] as ComplexArrays, dr, di);
        rRe[i * k + j] = (rRe[i * k + j] as number) + dr;
        rIm[i * k + j] = (rIm[i * k + j] as number) + di;
      }
    }
    const remainder = norm(v);
    usable.push(remainder > 1e-12 * original && remainder > 0);
    rRe[j * k + j] = remainder;
    if (remainder > 0) {
      for (let t = 0; t < m; t++) {
        v.re[t] = (v.re[t] as number) / remainder;
        v.im[t] = (v.im[t] as number) / remainder;
      }
    }
    q.push(v);
  }
  return rhs.map((b) => {
    const yr = new Float64Array(k);
    const yi = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      if (!usable[i]) continue;
      const [dr, di] = dot(q[i] as ComplexArrays, b);
      yr[i] = dr;
      yi[i] = di;
    }
    const xr = new Float64Array(k);
    const xi = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) {
      if (!usable[i]) continue;
      let sr = yr[i] as number;
      let si = yi[i] as number;
      for (let j = i + 1; j < k; j++) {
        const ar = rRe[i * k + j] as number;
        const ai = rIm[i * k + j] as number;
        sr -= ar * (xr[j] as number) - ai * (xi[j] as number);
        si -= ar * (xi[j] as number) + ai * (xr[j] as number);
      }
      xr[i] = sr / (rRe[i * k + i] as number);
      xi[i] = si / (rRe[i * k + i] as number);
    }
    return { re: xr, im: xi };
  });
}

function norm(a: ComplexArrays): number {
  let sum = 0;
  for (let t = 0; t < a.re.length; t++) sum += (a.re[t] as number) ** 2 + (a.im[t] as number) ** 2;
  return Math.sqrt(sum);
}

/** ⟨a, b⟩ = Σ conj(a)·b. */
function dot(a: ComplexArrays, b: ComplexArrays): [number, number] {
  let dr = 0;
  let di = 0;
  for (let t = 0; t < a.re.length; t++) {
    const ar = a.re[t] as number;
    const ai = a.im[t] as number;
    const br = b.re[t] as number;
    const bi = b.im[t] as number;
    dr += ar * br + ai * bi;
    di += ar * bi - ai * br;
  }
  return [dr, di];
}

/** v ← v − (dr + i·di)·a. */
function subtract(v: ComplexArrays, a: ComplexArrays, dr: number, di: number): void {
  for (let t = 0; t < v.re.length; t++) {
    const ar = a.re[t] as number;
    const ai = a.im[t] as number;
    v.re[t] = (v.re[t] as number) - (dr * ar - di * ai);
    v.im[t] = (v.im[t] as number) - (dr * ai + di * ar);
  }
}
