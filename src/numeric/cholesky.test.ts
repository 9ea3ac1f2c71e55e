import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cholesky } from './cholesky';

/** A = BᵀB + n·I for a random B: symmetric positive definite. */
function spd(b: number[], n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = i === j ? n : 0;
      for (let k = 0; k < n; k++) s += (b[k * n + i] as number) * (b[k * n + j] as number);
      a[i * n + j] = s;
    }
  }
  return a;
}

describe('cholesky', () => {
  it('factors a known matrix', () => {
    // [[4, 12, -16], [12, 37, -43], [-16, -43, 98]] = L·Lᵀ with L = [[2, 0, 0], [6, 1, 0], [-8, 5, 3]].
    const factor = cholesky([4, 12, -16, 12, 37, -43, -16, -43, 98], 3);
    const l = factor?.lower as Float64Array;
    expect([l[0], l[3], l[4], l[6], l[7], l[8]]).toEqual([2, 6, 1, -8, 5, 3]);
    const x = factor?.solve([1, 2, 3]) as Float64Array;
    const a = [4, 12, -16, 12, 37, -43, -16, -43, 98];
    for (let i = 0; i < 3; i++) {
      const ax =
        (a[i * 3] as number) * (x[0] as number) +
        (a[i * 3 + 1] as number) * (x[1] as number) +
        (a[i * 3 + 2] as number) * (x[2] as number);
      expect(ax).toBeCloseTo(i + 1, 10);
    }
  });

  it('property: A·solve(b) = b for random SPD matrices, also when factored in place', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n * n, maxLength: n * n }),
              fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
            ),
          ),
        ([n, b, rhs]) => {
          const a = spd(b, n);
          const inPlace = Float64Array.from(a);
          const x = cholesky(inPlace, n, inPlace)?.solve(rhs) as Float64Array;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += (a[i * n + k] as number) * (x[k] as number);
            expect(Math.abs(s - (rhs[i] as number))).toBeLessThan(1e-9 * (1 + Math.abs(rhs[i] as number)));
          }
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });

  it('refuses matrices that are not positive definite', () => {
    expect(cholesky([1, 2, 2, 1], 2)).toBeUndefined();
    expect(cholesky([0, 0, 0, 1], 2)).toBeUndefined();
    expect(cholesky([Number.NaN], 1)).toBeUndefined();
    expect(cholesky([-1], 1)).toBeUndefined();
  });
});
