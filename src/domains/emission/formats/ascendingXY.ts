/** x and y in ascending x order, and what had to be done to get there. */
export interface AscendingXY {
  readonly x: Float64Array;
  readonly ys: Float64Array[];
  /** `ascending`: as in the file; `descending`: reversed; `sorted`: unsorted x, sorted with its y. */
  readonly order: 'ascending' | 'descending' | 'sorted';
}

/** Why x cannot be made strictly ascending: a non-finite or a repeated value, at file index `index`. */
export class AxisOrderError extends Error {
  readonly index: number;
  constructor(message: string, index: number) {
    super(message);
    this.index = index;
  }
}

/**
 * Puts `x` (and every array of `ys`, same length) in strictly ascending x order, as the Spectrum
 * invariant requires: an ascending x is kept, a descending one reversed (IR and NMR files run from
 * high to low), any other order sorted with its y (stitched detector segments). Copies, never
 * changes the inputs.
 * @throws AxisOrderError when an x is not finite or occurs twice (index = position in the file).
 */
export function ascendingXY(x: Float64Array, ys: readonly Float64Array[]): AscendingXY {
  const n = x.length;
  let up = true;
  let down = true;
  for (let i = 0; i < n; i++) {
    const v = x[i] as number;
    if (!Number.isFinite(v)) throw new AxisOrderError(`x value ${i + 1} (${v}) is not a finite number`, i);
    if (i > 0) {
      const previous = x[i - 1] as number;
      if (v <= previous) up = false;
      if (v >= previous) down = false;
    }
  }
  if (up) return { x: x.slice(), ys: ys.map((y) => y.slice()), order: 'ascending' };
  if (down) return { x: x.slice().reverse(), ys: ys.map((y) => y.slice().reverse()), order: 'descending' };
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => (x[a] as number) - (x[b] as number));
  for (let k = 1; k < n; k++) {
    const a = order[k - 1] as number;
    const b = order[k] as number;
    if (x[a] === x[b]) {
      throw new AxisOrderError(`x = ${x[b]} occurs twice (values ${Math.min(a, b) + 1} and ${Math.max(a, b) + 1})`, b);
    }
  }
  const pick = (values: Float64Array): Float64Array => Float64Array.from(order, (i) => values[i] as number);
  return { x: pick(x), ys: ys.map(pick), order: 'sorted' };
}
