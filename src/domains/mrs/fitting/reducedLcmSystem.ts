/**
 * The amplitudes' least-squares problem with the baseline eliminated, at fixed nonlinear parameters:
 * minimise `constant − 2·rhs·c + cᵀ·gram·c` over c ≥ 0; the baseline that goes with c is `baselineOf(c)`.
 */
export interface ReducedLcmSystem {
  /** Components × components, row-major: Gaa − Gab·Gbb⁻¹·Gba (phase-invariant). */
  readonly gram: Float64Array;
  readonly rhs: Float64Array;
  /** yᵀy − hbᵀ·Gbb⁻¹·hb: the squared residual with every amplitude at 0 and the best baseline. */
  readonly constant: number;
  /** The best baseline coefficients (real parts, then imaginary parts) for amplitudes c. */
  baselineOf(c: ArrayLike<number>): Float64Array;
  /** The same system with the zero-order phase advanced by δ (rad): the gram stays, rhs and baseline rotate. */
  rotated(delta: number): ReducedLcmSystem;
}

/** What {@link reducedSystem} is made of (see `LcmLinearPart.reduced`). */
export interface ReducedParts {
  readonly gram: Float64Array;
  readonly rhs: Float64Array;
  /** rhs with the zero-order phase advanced by 90°. */
  readonly rhsQuadrature: Float64Array;
  /** Gbb⁻¹·Gba per amplitude (real then imaginary coefficients). */
  readonly z: Float64Array;
  /** Gbb⁻¹·hb. */
  readonly solved: Float64Array;
  readonly constant: number;
  readonly splines: number;
}

/** The reduced system at the parts' phase advanced by δ: a constant phase rotates the phased columns, hence Gab, Z and rhs. */
export function reducedSystem(parts: ReducedParts, delta: number): ReducedLcmSystem {
  const { gram, z, solved, splines: nb } = parts;
  const m = parts.rhs.length;
  const cos = Math.cos(delta);
  const sin = Math.sin(delta);
  const rhs = Float64Array.from(parts.rhs, (r, a) => cos * r + sin * (parts.rhsQuadrature[a] as number));
  return {
    gram,
    rhs,
    constant: parts.constant,
    baselineOf(c: ArrayLike<number>): Float64Array {
      const beta = Float64Array.from(solved);
      for (let a = 0; a < m; a++) {
        const amplitude = c[a] as number;
        if (amplitude === 0) continue;
        const row = a * 2 * nb;
        for (let b = 0; b < nb; b++) {
          const re = z[row + b] as number;
          const im = z[row + nb + b] as number;
          beta[b] = (beta[b] as number) - amplitude * (cos * re - sin * im);
          beta[nb + b] = (beta[nb + b] as number) - amplitude * (sin * re + cos * im);
        }
      }
      return beta;
    },
    rotated: (more: number) => reducedSystem(parts, delta + more),
  };
}

/** constant − 2·rhs·c + cᵀ·gram·c: the minimised sum of squares for amplitudes c. */
export function reducedCost(system: ReducedLcmSystem, c: ArrayLike<number>): number {
  const rhs = system.rhs;
  const m = rhs.length;
  let cost = system.constant;
  for (let a = 0; a < m; a++) {
    const ca = c[a] as number;
    if (ca === 0) continue;
    cost -= 2 * (rhs[a] as number) * ca;
    for (let b = 0; b < m; b++) cost += ca * (system.gram[a * m + b] as number) * (c[b] as number);
  }
  return cost;
}
