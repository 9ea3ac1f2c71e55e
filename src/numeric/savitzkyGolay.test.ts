import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../core/thrownWorkbenchError';
import golden from './__golden__/savgol.json';
import { type SavitzkyGolayOptions, savitzkyGolay } from './savitzkyGolay';

/** max |actual - expected| / max(|y|, |expected|, 1) */
function relativeError(actual: Float64Array, expected: ArrayLike<number>, y: ArrayLike<number>): number {
  let error = 0;
  let scale = 1;
  for (let i = 0; i < expected.length; i++) {
    error = Math.max(error, Math.abs((actual[i] as number) - (expected[i] as number)));
    scale = Math.max(scale, Math.abs(expected[i] as number), Math.abs(y[i] as number));
  }
  return error / scale;
}

describe('savitzkyGolay: golden values (scripts/golden/savgol.py)', () => {
  const signals: Record<string, number[]> = golden.signals;
  it.each(golden.cases)(
    '$signal window $windowLength order $polynomialOrder deriv $derivative delta $delta ($reference)',
    (c) => {
      const y = signals[c.signal];
      if (y === undefined) throw new Error(`unknown signal ${c.signal}`);
      const actual = savitzkyGolay(y, {
        windowLength: c.windowLength,
        polynomialOrder: c.polynomialOrder,
        derivative: c.derivative,
        delta: c.delta,
      });
      expect(actual).toHaveLength(y.length);
      expect(relativeError(actual, c.output, y)).toBeLessThanOrEqual(1e-9);
    },
  );

  it('covers window == length, order 0, derivatives 1 to 3 and both references', () => {
    const cases = golden.cases;
    expect(cases.some((c) => c.windowLength === signals[c.signal]?.length)).toBe(true);
    expect(cases.some((c) => c.polynomialOrder === 0)).toBe(true);
    for (const d of [1, 2, 3]) expect(cases.some((c) => c.derivative === d)).toBe(true);
    expect(new Set(cases.map((c) => c.reference))).toEqual(new Set(['scipy', 'exact']));
  });
});

describe('savitzkyGolay: guards', () => {
  const y = Array.from({ length: 15 }, (_, i) => Math.sin(i));
  const bad: [string, SavitzkyGolayOptions][] = [
    ['windowLength', { windowLength: 4 }],
    ['windowLength', { windowLength: 0 }],
    ['windowLength', { windowLength: -3 }],
    ['windowLength', { windowLength: 17 }],
    ['windowLength', { windowLength: 5.5 }],
    ['windowLength', { windowLength: Number.NaN }],
    ['polynomialOrder', { windowLength: 5, polynomialOrder: 5 }],
    ['polynomialOrder', { windowLength: 5, polynomialOrder: -1 }],
    ['polynomialOrder', { windowLength: 5, polynomialOrder: 1.5 }],
    ['derivative', { windowLength: 5, polynomialOrder: 3, derivative: 4 }],
    ['derivative', { windowLength: 5, derivative: -1 }],
    ['derivative', { windowLength: 5, derivative: 0.5 }],
    ['delta', { windowLength: 5, delta: 0 }],
    ['delta', { windowLength: 5, delta: -1 }],
    ['delta', { windowLength: 5, delta: Number.NaN }],
    ['delta', { windowLength: 5, delta: Number.POSITIVE_INFINITY }],
    ['output', { windowLength: 5, output: new Float64Array(14) }],
    ['output', { windowLength: 5, output: new Array(15).fill(0) as unknown as Float64Array }],
  ];
  it.each(bad)('rejects a bad %s: %o', (name, options) => {
    const error = thrown(() => savitzkyGolay(y, options));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(name);
  });

  it('rejects an empty input with the default window', () => {
    expect(thrown(() => savitzkyGolay([])).message).toContain('windowLength');
  });

  it('rejects an output that overlaps y', () => {
    const buffer = new Float64Array(30);
    const input = buffer.subarray(0, 15);
    expect(thrown(() => savitzkyGolay(input, { windowLength: 5, output: input })).message).toContain('output');
    expect(thrown(() => savitzkyGolay(input, { windowLength: 5, output: buffer.subarray(10, 25) })).code).toBe(
      'INVALID_OPTION',
    );
  });
});

describe('savitzkyGolay: output array', () => {
  it('fills and returns the given array', () => {
    const buffer = new Float64Array(40);
    const y = buffer.subarray(0, 20);
    for (let i = 0; i < y.length; i++) y[i] = Math.cos(i / 3) + (i % 3);
    const output = buffer.subarray(20, 40);
    const returned = savitzkyGolay(y, { windowLength: 7, polynomialOrder: 2, output });
    expect(returned).toBe(output);
    expect(Array.from(output)).toEqual(Array.from(savitzkyGolay(y, { windowLength: 7, polynomialOrder: 2 })));
  });
});

describe('savitzkyGolay: polynomials of degree ≤ polynomialOrder pass through', () => {
  /** y_i = p(t_i) with t_i = -1 + i * delta, p(t) = Σ a_j t^j; returns y and p^(d)(t_i). */
  function sample(coefficients: number[], n: number, derivative: number): { y: Float64Array; expected: Float64Array } {
    const delta = 2 / (n - 1 || 1);
    const y = new Float64Array(n);
    const expected = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = -1 + i * delta;
      coefficients.forEach((a, j) => {
        y[i] = (y[i] as number) + a * t ** j;
        if (j >= derivative) {
          let falling = 1;
          for (let q = 0; q < derivative; q++) falling *= j - q;
          expected[i] = (expected[i] as number) + a * falling * t ** (j - derivative);
        }
      });
    }
    return { y, expected };
  }

  interface Case {
    half: number;
    extra: number;
    order: number;
    derivative: number;
    coefficients: number[];
  }

  /** Random window, order ≤ 10, derivative ≤ maxDerivative, polynomial of degree ≤ order. */
  const cases = (maxDerivative: number): fc.Arbitrary<Case> =>
    fc
      .record({ half: fc.integer({ min: 0, max: 40 }), extra: fc.integer({ min: 0, max: 60 }) })
      .chain(({ half, extra }) =>
        fc.integer({ min: 0, max: Math.min(2 * half, 10) }).chain((order) =>
          fc.record({
            half: fc.constant(half),
            extra: fc.constant(extra),
            order: fc.constant(order),
            derivative: fc.integer({ min: 0, max: Math.min(order, maxDerivative) }),
            coefficients: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
              minLength: 1,
              maxLength: order + 1,
            }),
          }),
        ),
      );

  const check = ({ half, extra, order, derivative, coefficients }: Case) => {
    const windowLength = 2 * half + 1;
    const n = windowLength + extra;
    const { y, expected } = sample(coefficients, n, derivative);
    const delta = 2 / (n - 1 || 1);
    const actual = savitzkyGolay(y, { windowLength, polynomialOrder: order, derivative, delta });
    expect(relativeError(actual, expected, y)).toBeLessThanOrEqual(1e-9);
  };

  it('property: smoothing returns the polynomial unchanged', () => {
    fc.assert(fc.property(cases(0), check), { numRuns: 300 });
  });

  // Higher derivatives amplify the input's rounding by the weights' L1 norm (≈1e10 for the 10th
  // derivative of a degree-10 fit), so this property stops at the second.
  it('property: derivatives 1 and 2 are the exact derivatives of the polynomial', () => {
    fc.assert(fc.property(cases(2), check), { numRuns: 300 });
  });

  it.each([
    [201, 8, 0],
    [201, 8, 1],
    [1001, 12, 0],
    [1001, 12, 2],
  ])('wide window %i, order %i, derivative %i (where scipy 1.17 loses digits)', (windowLength, order, derivative) => {
    const coefficients = Array.from({ length: order + 1 }, (_, j) => Math.cos(j + 1));
    const { y, expected } = sample(coefficients, windowLength + 300, derivative);
    const delta = 2 / (y.length - 1);
    const actual = savitzkyGolay(y, { windowLength, polynomialOrder: order, derivative, delta });
    expect(relativeError(actual, expected, y)).toBeLessThanOrEqual(1e-9);
  });
});
