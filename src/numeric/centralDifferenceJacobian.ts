/** Writes the model's value at every data point (`output.length` = number of points). */
export type VectorModel = (parameters: Float64Array, output: Float64Array) => void;

/** Writes ∂model_i/∂p_k into `jacobian[i·n + k]` (row-major, points × parameters). */
export type VectorJacobian = (parameters: Float64Array, jacobian: Float64Array) => void;

/** Options of {@link centralDifferenceJacobian}. */
export interface CentralDifferenceOptions {
  /** Relative step: h_k = relativeStep · max(|p_k|, 1). Default 1e-5 (≈ ε^⅓, best for central differences). */
  relativeStep?: number;
  /** Lower bound of each parameter: the stencil never goes below it (one-sided there). */
  lower?: ArrayLike<number>;
  /** Upper bound of each parameter. */
  upper?: ArrayLike<number>;
}

/**
 * A Jacobian by central differences, (f(p + h·e_k) − f(p − h·e_k)) / 2h, for a model of m points
 * and n parameters; where a bound is closer than h the stencil stops at the bound (one-sided).
 * Error: O(h²) truncation plus ε·|f|/h rounding, i.e. ~1e-10 relative with the default step for
 * well-scaled parameters (Nocedal & Wright, Numerical Optimization, 2nd ed., §8.1). Buffers are
 * allocated once; the returned function is not reentrant.
 */
export function centralDifferenceJacobian(
  model: VectorModel,
  m: number,
  n: number,
  options: CentralDifferenceOptions = {},
): VectorJacobian {
  const { relativeStep = 1e-5, lower, upper } = options;
  const shifted = new Float64Array(n);
  const plus = new Float64Array(m);
  const minus = new Float64Array(m);
  return (parameters, jacobian) => {
    shifted.set(parameters);
    for (let k = 0; k < n; k++) {
      const pk = parameters[k] as number;
      const h = relativeStep * Math.max(Math.abs(pk), 1);
      const hi = Math.min(pk + h, upper === undefined ? Number.POSITIVE_INFINITY : (upper[k] as number));
      const lo = Math.max(pk - h, lower === undefined ? Number.NEGATIVE_INFINITY : (lower[k] as number));
      shifted[k] = hi;
      model(shifted, plus);
      shifted[k] = lo;
      model(shifted, minus);
      shifted[k] = pk;
      const span = hi - lo;
      for (let i = 0; i < m; i++) {
        jacobian[i * n + k] = span > 0 ? ((plus[i] as number) - (minus[i] as number)) / span : 0;
      }
    }
  };
}
