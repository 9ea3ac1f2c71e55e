/**
 * Building blocks of the expected spectrum on a channel grid given by its channel edges in keV
 * (ascending, length channels + 1): Gaussian peaks (with an optional exponential low-energy tail)
 * integrated exactly over each channel, cumulative templates projected onto channels, and a
 * resolution blur with an energy-dependent width.
 */

/**
 * erfcx(x) = exp(x²)·erfc(x) for x ≥ 0 (Numerical Recipes `erfcc` Chebyshev fit, fractional error
 * below 1.2·10⁻⁷ everywhere), written without the exp(−x²) factor so it never underflows.
 */
export function erfcx(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  return (
    t *
    Math.exp(
      -1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    )
  );
}

/** erfc(x) for any real x (relative error < 1.2·10⁻⁷). */
export function erfc(x: number): number {
  if (x >= 0) return erfcx(x) * Math.exp(-x * x);
  return 2 - erfcx(-x) * Math.exp(-x * x);
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * CDF at offset y = x − μ of a Gaussian (σ) convolved with a one-sided exponential towards low
 * energies (rate λ = 1/(decay·σ)): P(N − Exp ≤ y) = Φ(y/σ) + e^{λy + λ²σ²/2}·Φ(−y/σ − λσ). For
 * z = y/σ + λσ ≥ 0 the second term is ½·erfcx(z/√2)·e^{−y²/2σ²}, which cannot overflow.
 */
export function tailedCdf(y: number, sigma: number, lambda: number): number {
  const z = y / sigma + lambda * sigma;
  const second =
    z >= 0
      ? 0.5 * erfcx(z / Math.SQRT2) * Math.exp(-(y * y) / (2 * sigma * sigma))
      : Math.exp(lambda * y + 0.5 * lambda * lambda * sigma * sigma) * normalCdf(-z);
  return normalCdf(y / sigma) + second;
}

/** First index i with edges[i] ≥ value (edges ascending). */
export function lowerBound(edges: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Adds a peak of `area` counts at `centerKeV` with Gaussian `sigmaKeV` to `target` (one value per
 * channel), integrating over the channel edges; `tailFraction` of the area goes into an exponential
 * low-energy tail of decay `tailDecaySigmas`·σ. Returns the counts that fell inside the grid.
 */
export function addPeak(
  target: Float64Array,
  edges: ArrayLike<number>,
  centerKeV: number,
  sigmaKeV: number,
  area: number,
  tailFraction = 0,
  tailDecaySigmas = 1,
): number {
  if (!(area > 0) || !(sigmaKeV > 0)) return 0;
  const lambda = 1 / (tailDecaySigmas * sigmaKeV);
  const lowReach = tailFraction > 0 ? 7 * sigmaKeV + 12 / lambda : 7 * sigmaKeV;
  const first = Math.max(0, lowerBound(edges, centerKeV - lowReach) - 1);
  const last = Math.min(edges.length - 1, lowerBound(edges, centerKeV + 7 * sigmaKeV));
  const cdf = (x: number): number => {
    const y = x - centerKeV;
    const gauss = normalCdf(y / sigmaKeV);
    return tailFraction > 0 ? (1 - tailFraction) * gauss + tailFraction * tailedCdf(y, sigmaKeV, lambda) : gauss;
  };
  let previous = cdf(edges[first] as number);
  let added = 0;
  for (let i = first; i < last; i++) {
    const next = cdf(edges[i + 1] as number);
    const counts = (next - previous) * area;
    target[i] = (target[i] as number) + counts;
    added += counts;
    previous = next;
  }
  return added;
}

/**
 * Adds `scale` × a cumulative template (values `cdf` on equal bins over [0, spanKeV]) to `target`,
 * channel by channel (difference of the interpolated CDF at the channel edges).
 */
export function addTemplate(
  target: Float64Array,
  edges: ArrayLike<number>,
  cdf: Float64Array,
  spanKeV: number,
  scale: number,
): void {
  if (!(scale > 0)) return;
  const bins = cdf.length - 1;
  const perKeV = bins / spanKeV;
  const at = (energy: number): number => {
    const x = energy * perKeV;
    if (!(x > 0)) return 0;
    if (x >= bins) return cdf[bins] as number;
    const i = Math.floor(x);
    return (cdf[i] as number) + ((cdf[i + 1] as number) - (cdf[i] as number)) * (x - i);
  };
  const last = Math.min(edges.length - 1, lowerBound(edges, spanKeV) + 1);
  let previous = at(edges[0] as number);
  for (let i = 0; i < last; i++) {
    const next = at(edges[i + 1] as number);
    target[i] = (target[i] as number) + (next - previous) * scale;
    previous = next;
  }
}

/**
 * Blurs `values` (per channel) with a Gaussian whose σ (keV) depends on the channel's energy:
 * each channel's content is spread over its neighbours ±4σ (weights exp(−d²/2s²) in channel
 * units, normalised; computed by recurrence, no exp per tap). Counts pushed beyond the grid are lost.
 */
export function blurVariable(
  values: Float64Array,
  centersKeV: ArrayLike<number>,
  widthsKeV: ArrayLike<number>,
  sigmaKeV: (energyKeV: number) => number,
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const v = values[j] as number;
    if (v === 0) continue;
    const s = sigmaKeV(centersKeV[j] as number) / (widthsKeV[j] as number);
    if (!(s > 0.25)) {
      out[j] = (out[j] as number) + v;
      continue;
    }
    const reach = Math.min(n, Math.ceil(4 * s));
    const h = Math.exp(-1 / (s * s));
    // Normalisation: Σ_{d=-reach}^{reach} exp(−d²/2s²).
    let w = 1;
    let ratio = Math.exp(-1 / (2 * s * s));
    let norm = 1;
    for (let d = 1; d <= reach; d++) {
      w *= ratio;
      ratio *= h;
      norm += 2 * w;
    }
    const scale = v / norm;
    out[j] = (out[j] as number) + scale;
    w = 1;
    ratio = Math.exp(-1 / (2 * s * s));
    for (let d = 1; d <= reach; d++) {
      w *= ratio;
      ratio *= h;
      const c = scale * w;
      if (j - d >= 0) out[j - d] = (out[j - d] as number) + c;
      if (j + d < n) out[j + d] = (out[j + d] as number) + c;
    }
  }
  return out;
}
