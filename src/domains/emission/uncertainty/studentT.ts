/**
 * Student-t distribution: cumulative probability and quantile, for the t-factors of calibration
 * bands, inverse-prediction intervals and bias tests. No installed package gives it (`jstat` and
 * `ml-stat` are absent, `ml-spectra-processing` has none), so it is built here from the regularised
 * incomplete beta function:
 *
 *   P(T ≤ t) = 1 − ½·I_{ν/(ν+t²)}(ν/2, ½)  for t ≥ 0, symmetric for t < 0
 *
 * (Abramowitz & Stegun 26.7.1; Press et al., Numerical Recipes 3rd ed. §6.14).
 * I_x(a, b) is evaluated by its continued fraction with the modified Lentz method (Numerical
 * Recipes §6.4, `betacf`), ln Γ by the Lanczos approximation (g = 7, 9 terms; the coefficients of
 * Godfrey's published set, accurate to ~1e-15). The quantile is found by bisection on the upper tail
 * probability, so it is exact to a few ulps of t and needs no starting approximation (Hill 1970
 * would be faster; speed does not matter at calibration sizes).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7), with the reflection formula below ½. */
export function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
  const x = z - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of I_x(a, b) (Numerical Recipes `betacf`, modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  const maxIterations = 10000 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIterations; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) return h;
  }
  return h;
}

/**
 * Regularised incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), for a, b > 0 and
 * 0 ≤ x ≤ 1 (Numerical Recipes §6.4: the continued fraction converges fast for
 * x < (a + 1)/(a + b + 2); otherwise the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !(x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0 || x === 1) return x;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Upper tail P(T > t) for t ≥ 0 with ν degrees of freedom (A&S 26.7.1). */
function upperTail(t: number, nu: number): number {
  return 0.5 * regularizedIncompleteBeta(nu / (nu + t * t), nu / 2, 0.5);
}

/** P(T ≤ t) of the Student-t distribution with ν > 0 degrees of freedom (ν need not be an integer). */
export function studentTCdf(t: number, nu: number): number {
  if (!(nu > 0) || Number.isNaN(t)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = upperTail(Math.abs(t), nu);
  return t >= 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of the Student-t distribution with ν > 0 degrees of freedom: the t with
 * P(T ≤ t) = p. Two-sided 95 % intervals use `studentTQuantile(0.975, ν)` (e.g. 2.776 for ν = 4).
 * Returns NaN for p outside (0, 1) or ν ≤ 0.
 */
export function studentTQuantile(p: number, nu: number): number {
  if (!(p > 0 && p < 1) || !(nu > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  const q = p > 0.5 ? 1 - p : p; // upper-tail probability of |t|
  let lo = 0;
  let hi = 1;
  while (upperTail(hi, nu) > q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return p > 0.5 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (upperTail(mid, nu) > q) lo = mid;
    else hi = mid;
  }
  const t = 0.5 * (lo + hi);
  return p > 0.5 ? t : -t;
}
