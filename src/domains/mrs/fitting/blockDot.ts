/**
 * Dot products of one vector with `count` others laid out at a fixed stride: out[outFrom + k] =
 * Σ_i x[xFrom + i]·y[yFrom + k·stride + i], i < length. Four at a time, so that each x[i] is read
 * once per four products (about 1.5× faster than one at a time in V8 for the fit's 1000-point
 * columns); the sums are the same up to rounding.
 */
export function blockDot(
  x: Float64Array,
  xFrom: number,
  y: Float64Array,
  yFrom: number,
  stride: number,
  count: number,
  length: number,
  out: Float64Array,
  outFrom: number,
): void {
  let k = 0;
  for (; k + 4 <= count; k += 4) {
    const y0 = yFrom + k * stride;
    const y1 = y0 + stride;
    const y2 = y1 + stride;
    const y3 = y2 + stride;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < length; i++) {
      const v = x[xFrom + i] as number;
      s0 += v * (y[y0 + i] as number);
      s1 += v * (y[y1 + i] as number);
      s2 += v * (y[y2 + i] as number);
      s3 += v * (y[y3 + i] as number);
    }
    out[outFrom + k] = s0;
    out[outFrom + k + 1] = s1;
    out[outFrom + k + 2] = s2;
    out[outFrom + k + 3] = s3;
  }
  for (; k < count; k++) {
    const y0 = yFrom + k * stride;
    let s = 0;
    for (let i = 0; i < length; i++) s += (x[xFrom + i] as number) * (y[y0 + i] as number);
    out[outFrom + k] = s;
  }
}
