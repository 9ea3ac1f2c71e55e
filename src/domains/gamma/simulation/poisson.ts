/**
 * Exact Poisson sampling for every mean (Monte-Carlo noise of simulated spectra):
 * - λ < 10: inversion by sequential search (Devroye 1986, §X.3.3);
 * - λ ≥ 10: PTRS, the transformed rejection with squeeze of Hörmann, "The transformed rejection
 *   method for generating Poisson random variables", Insurance: Math. Econ. 12 (1993) 39–45 — the
 *   algorithm NumPy uses; O(1) per sample, exact (no normal approximation at any λ).
 */

/** A source of uniform numbers on [0, 1). */
export interface UniformSource {
  next(): number;
}

const LOG_FACTORIAL = (() => {
  const t = new Float64Array(256);
  for (let k = 1; k < 256; k++) t[k] = (t[k - 1] as number) + Math.log(k);
  return t;
})();

/** ln k! (table below 256, Stirling series above: error < 1e-13). */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL[k] as number;
  const inv = 1 / k;
  const inv2 = inv * inv;
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/** One Poisson(λ) deviate (λ ≥ 0, finite) from `random`. */
export function samplePoisson(random: UniformSource, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    let p = Math.exp(-lambda);
    let cumulative = p;
    const u = random.next();
    let k = 0;
    while (u > cumulative && k < 200) {
      k++;
      p *= lambda / k;
      cumulative += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random.next() - 0.5;
    const v = random.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k))
      return k;
  }
}
