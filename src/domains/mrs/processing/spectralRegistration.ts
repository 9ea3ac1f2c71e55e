import type { ComplexArrays } from '../../../numeric/fftAnyLength';

/** What {@link spectralRegistration} found. */
export interface RegistrationFit {
  readonly shiftHz: number;
  readonly phaseRad: number;
  /** 1-σ uncertainties (least-squares covariance scaled by the residual variance). */
  readonly shiftSdHz: number;
  readonly phaseSdRad: number;
}

/**
 * Spectral registration (Near et al., MRM 73:44, 2015) of one transient x to a target r, both the
 * first m points of their FIDs (dwell s): the shift f (Hz) and phase φ (rad) that minimise
 * Σ_t |r(t) − x(t)·e^{i(2π·f·t + φ)}|², searched over ±maxShift (or ±1 Hz around `around`). For a fixed
 * shift f the best phase is arg C(f) with C(f) = Σ_t r(t)·conj(x(t))·e^{−2πi·f·t·dwell}, and
 * χ²(f) = Σ|r|² + Σ|x|² − 2|C(f)|, so the least-squares shift maximises |C(f)|²: a grid start,
 * then Newton steps on d|C|²/df = 0 with exact derivatives, kept inside the grid cell around the
 * start. (Gauss–Newton / Levenberg–Marquardt on the stacked residuals converges only linearly
 * here: with noise in x as well as in r, JᵀJ overestimates the curvature of χ² — 50 to 120
 * iterations per transient at SNR 10.) The uncertainties are the least-squares covariance
 * σ²·(JᵀJ)⁻¹ with σ² = χ²/(2m − 2), J the derivatives of x·e^{i(2πft+φ)} in (f, φ).
 */
export function spectralRegistration(
  x: ComplexArrays,
  r: ComplexArrays,
  dwell: number,
  maxShift: number,
  around?: number,
): RegistrationFit {
  const m = x.re.length;
  const pr = new Float64Array(m);
  const pi = new Float64Array(m);
  let energy = 0;
  for (let t = 0; t < m; t++) {
    const xr = x.re[t] as number;
    const xi = x.im[t] as number;
    const rr = r.re[t] as number;
    const ri = r.im[t] as number;
    pr[t] = rr * xr + ri * xi;
    pi[t] = ri * xr - rr * xi;
    energy += xr * xr + xi * xi + rr * rr + ri * ri;
  }
  /** C(f) and its first two derivatives in f: [C, C′, C″] as (re, im) pairs. */
  const correlation = (f: number, derivatives: boolean): number[] => {
    let c0r = 0;
    let c0i = 0;
    let c1r = 0;
    let c1i = 0;
    let c2r = 0;
    let c2i = 0;
    const step = -2 * Math.PI * f * dwell;
    const cs = Math.cos(step);
    const sn = Math.sin(step);
    let wr = 1;
    let wi = 0;
    for (let t = 0; t < m; t++) {
      const vr = (pr[t] as number) * wr - (pi[t] as number) * wi;
      const vi = (pr[t] as number) * wi + (pi[t] as number) * wr;
      c0r += vr;
      c0i += vi;
      if (derivatives) {
        const w = 2 * Math.PI * t * dwell; // d/df e^{−iwf} = −iw·e^{−iwf}
        c1r += w * vi;
        c1i -= w * vr;
        c2r -= w * w * vr;
        c2i -= w * w * vi;
      }
      const nr = wr * cs - wi * sn;
      wi = wr * sn + wi * cs;
      wr = nr;
      if ((t & 255) === 255) {
        // renormalise the rotating phasor against drift
        const angle = step * (t + 1);
        wr = Math.cos(angle);
        wi = Math.sin(angle);
      }
    }
    return [c0r, c0i, c1r, c1i, c2r, c2i];
  };
  const gridStep = 1 / (10 * m * dwell); // a tenth of the Fourier resolution of the fitted span
  let best = 0;
  let bestValue = -1;
  const [low, high] = around === undefined ? [-maxShift, maxShift] : [around - 1, around + 1];
  for (let f = low; f <= high + gridStep / 2; f += gridStep) {
    const [cr = 0, ci = 0] = correlation(f, false);
    if (cr * cr + ci * ci > bestValue) {
      bestValue = cr * cr + ci * ci;
      best = f;
    }
  }
  let f = best;
  for (let iteration = 0; iteration < 30; iteration++) {
    const [c0r = 0, c0i = 0, c1r = 0, c1i = 0, c2r = 0, c2i = 0] = correlation(f, true);
    const slope = 2 * (c0r * c1r + c0i * c1i);
    const curvature = 2 * (c1r * c1r + c1i * c1i + c0r * c2r + c0i * c2i);
    let next = curvature < 0 ? f - slope / curvature : f + Math.sign(slope) * gridStep * 0.25;
    next = Math.min(best + gridStep, Math.max(best - gridStep, next));
    const moved = Math.abs(next - f);
    f = next;
    if (moved < 1e-9) break;
  }
  const [cr = 0, ci = 0] = correlation(f, false);
  const phase = Math.atan2(ci, cr);
  // least-squares covariance in (f, φ): JᵀJ = [[Σw²|x|², Σw|x|²], [Σw|x|², Σ|x|²]]
  let a = 0;
  let b = 0;
  let c = 0;
  for (let t = 0; t < m; t++) {
    const power = (x.re[t] as number) ** 2 + (x.im[t] as number) ** 2;
    const w = 2 * Math.PI * t * dwell;
    a += w * w * power;
    b += w * power;
    c += power;
  }
  const chiSquare = Math.max(0, energy - 2 * Math.hypot(cr, ci));
  const variance = chiSquare / Math.max(1, 2 * m - 2);
  const determinant = a * c - b * b;
  return {
    shiftHz: f,
    phaseRad: phase,
    shiftSdHz: determinant > 0 ? Math.sqrt((variance * c) / determinant) : Number.NaN,
    phaseSdRad: determinant > 0 ? Math.sqrt((variance * a) / determinant) : Number.NaN,
  };
}
