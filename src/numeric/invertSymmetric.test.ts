import { describe, expect, it } from 'vitest';
import { invertSymmetric } from './invertSymmetric';

describe('invertSymmetric', () => {
  it('inverts a 2 × 2 matrix exactly', () => {
    // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8
    const inverse = invertSymmetric([4, 2, 2, 3], 2);
    expect(Array.from(inverse).map((v) => v * 8)).toEqual([3, -2, -2, 4].map((v) => expect.closeTo(v, 12)));
  });

  it('keeps its accuracy for rows of very different scale', () => {
    // D·M·D with D = diag(1e4, 1e-3): the inverse is D⁻¹·M⁻¹·D⁻¹.
    const d = [1e4, 1e-3];
    const m = [2, 0.9, 0.9, 1];
    const a = [0, 1, 2, 3].map((k) => (m[k] as number) * (d[k >> 1] as number) * (d[k & 1] as number));
    const inverse = invertSymmetric(a, 2);
    const det = 2 - 0.81;
    const expected = [1 / det, -0.9 / det, -0.9 / det, 2 / det].map(
      (v, k) => v / ((d[k >> 1] as number) * (d[k & 1] as number)),
    );
    for (let k = 0; k < 4; k++) expect((inverse[k] as number) / (expected[k] as number)).toBeCloseTo(1, 12);
  });

  it('inverts only the kept block and leaves the rest 0', () => {
    const inverse = invertSymmetric([4, 1, 2, 1, 5, 1, 2, 1, 3], 3, { keep: [true, false, true] });
    // [[4, 2], [2, 3]]⁻¹ scattered to rows/columns 0 and 2.
    expect(Array.from(inverse)).toEqual(
      [3 / 8, 0, -2 / 8, 0, 0, 0, -2 / 8, 0, 4 / 8].map((v) => expect.closeTo(v, 12)),
    );
    expect(Array.from(invertSymmetric([1, 0, 0, 1], 2, { keep: [false, false] }))).toEqual([0, 0, 0, 0]);
  });

  it('gives NaN for a singular or indefinite block', () => {
    expect(Array.from(invertSymmetric([1, 1, 1, 1], 2)).every(Number.isNaN)).toBe(true);
    expect(Array.from(invertSymmetric([1, 1, 1, 1 + 1e-15], 2)).every(Number.isNaN)).toBe(true);
    expect(Array.from(invertSymmetric([0, 0, 0, 1], 2)).every(Number.isNaN)).toBe(true);
    expect(Array.from(invertSymmetric([1, 2, 2, 1], 2)).every(Number.isNaN)).toBe(true);
    const partly = invertSymmetric([1, 0, 0, 0, 1, 1, 0, 1, 1], 3, { keep: [false, true, true] });
    expect([partly[0], partly[1], partly[3]]).toEqual([0, 0, 0]);
    expect(partly[4]).toBeNaN();
  });
});
