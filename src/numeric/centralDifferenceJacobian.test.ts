import { describe, expect, it } from 'vitest';
import { centralDifferenceJacobian } from './centralDifferenceJacobian';

const x = [0, 0.5, 1, 2, 3];
// f_i(p) = p0·exp(p1·x_i) + p2·x_i²
const model = (p: Float64Array, out: Float64Array): void => {
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    out[i] = (p[0] as number) * Math.exp((p[1] as number) * xi) + (p[2] as number) * xi * xi;
  }
};
function analytic(p: number[]): number[] {
  return x.flatMap((xi) => [
    Math.exp((p[1] as number) * xi),
    (p[0] as number) * xi * Math.exp((p[1] as number) * xi),
    xi * xi,
  ]);
}

describe('centralDifferenceJacobian', () => {
  it('matches the analytic Jacobian to ~1e-9 relative', () => {
    const p = [2.5, -0.7, 0.3];
    const jac = new Float64Array(x.length * 3);
    centralDifferenceJacobian(model, x.length, 3)(Float64Array.from(p), jac);
    for (const [k, v] of analytic(p).entries()) {
      expect(Math.abs((jac[k] as number) - v)).toBeLessThan(1e-9 * Math.max(1, Math.abs(v)));
    }
  });

  it('stays inside the bounds (one-sided at a bound) and leaves the parameters untouched', () => {
    const p = Float64Array.from([2.5, -0.7, 0.3]);
    const seen: number[] = [];
    const watched = (q: Float64Array, out: Float64Array): void => {
      seen.push(q[1] as number);
      model(q, out);
    };
    const jac = new Float64Array(x.length * 3);
    centralDifferenceJacobian(watched, x.length, 3, { lower: [0, -0.7, 0], upper: [10, 0, 1] })(p, jac);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(-0.7);
    expect(Array.from(p)).toEqual([2.5, -0.7, 0.3]);
    for (const [k, v] of analytic([2.5, -0.7, 0.3]).entries()) {
      expect(Math.abs((jac[k] as number) - v)).toBeLessThan(1e-4 * Math.max(1, Math.abs(v)));
    }
  });

  it('gives a zero column for a parameter fixed by equal bounds', () => {
    const jac = new Float64Array(x.length * 3).fill(7);
    centralDifferenceJacobian(model, x.length, 3, { lower: [-1, -1, 0.3], upper: [9, 1, 0.3] })(
      Float64Array.from([2.5, -0.7, 0.3]),
      jac,
    );
    for (let i = 0; i < x.length; i++) expect(jac[i * 3 + 2]).toBe(0);
  });
});
