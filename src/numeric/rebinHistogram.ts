/** Options of {@link rebinHistogram}. */
export interface RebinHistogramOptions {
  /** Variances of the input bins; when given, the output variances are written to `outputVariance`. */
  readonly variance?: Float64Array;
  /** Receives the output variances (length = output bins); required with `variance`. */
  readonly outputVariance?: Float64Array;
  /** Output array to fill (length = output bins), to avoid an allocation. */
  readonly out?: Float64Array;
}

/**
 * Redistributes histogram contents from one set of bin edges onto another, conserving the total
 * inside the overlap: each input bin is taken as uniformly filled, and every output bin receives
 * the fraction of each input bin it overlaps. Input parts outside the output range are dropped.
 *
 * Variances (optional) are carried as Σ fᵢ·varᵢ, which is exact for Poisson counts (a binomial
 * split of a Poisson count is Poisson) and the usual approximation otherwise. Neighbouring output
 * bins that share an input bin become correlated; that correlation is not tracked.
 *
 * @param edgesIn ascending edges of the input bins (length = input bins + 1)
 * @param values contents of the input bins
 * @param edgesOut ascending edges of the output bins (length = output bins + 1)
 * @returns the output contents (`options.out` when given)
 * @throws RangeError when lengths disagree or edges are not strictly ascending.
 */
export function rebinHistogram(
  edgesIn: ArrayLike<number>,
  values: ArrayLike<number>,
  edgesOut: ArrayLike<number>,
  options: RebinHistogramOptions = {},
): Float64Array {
  const nIn = values.length;
  const nOut = edgesOut.length - 1;
  if (edgesIn.length !== nIn + 1) {
    throw new RangeError(`edgesIn must have ${nIn + 1} values (one more than values), got ${edgesIn.length}`);
  }
  if (nOut < 1) throw new RangeError('edgesOut must have at least 2 values');
  assertAscending(edgesIn, 'edgesIn');
  assertAscending(edgesOut, 'edgesOut');
  const out = options.out ?? new Float64Array(nOut);
  if (out.length !== nOut) throw new RangeError(`out must have ${nOut} values, got ${out.length}`);
  out.fill(0);
  const variance = options.variance;
  const outVariance = options.outputVariance;
  if (variance !== undefined) {
    if (variance.length !== nIn) throw new RangeError(`variance must have ${nIn} values, got ${variance.length}`);
    if (outVariance === undefined || outVariance.length !== nOut) {
      throw new RangeError(`outputVariance must be given with ${nOut} values when variance is given`);
    }
    outVariance.fill(0);
  }
  // Two-pointer sweep over both edge lists: O(nIn + nOut).
  let i = 0;
  let j = 0;
  while (i < nIn && (edgesIn[i + 1] as number) <= (edgesOut[0] as number)) i++;
  while (i < nIn && j < nOut) {
    const inLo = edgesIn[i] as number;
    const inHi = edgesIn[i + 1] as number;
    const outLo = edgesOut[j] as number;
    const outHi = edgesOut[j + 1] as number;
    const overlap = Math.min(inHi, outHi) - Math.max(inLo, outLo);
    if (overlap > 0) {
      const fraction = overlap / (inHi - inLo);
      out[j] = (out[j] as number) + fraction * (values[i] as number);
      if (variance !== undefined && outVariance !== undefined) {
        outVariance[j] = (outVariance[j] as number) + fraction * (variance[i] as number);
      }
    }
    if (inHi <= outHi) i++;
    else j++;
  }
  return out;
}

function assertAscending(edges: ArrayLike<number>, name: string): void {
  for (let k = 0; k < edges.length; k++) {
    const e = edges[k] as number;
    if (!Number.isFinite(e) || (k > 0 && !(e > (edges[k - 1] as number)))) {
      throw new RangeError(`${name} must be finite and strictly ascending (index ${k})`);
    }
  }
}
