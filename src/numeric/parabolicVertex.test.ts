import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parabolicVertex } from './parabolicVertex';

describe('parabolicVertex', () => {
  it('finds the vertex of a parabola exactly', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.99, max: 0.99, noNaN: true }),
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (x0, a, c) => {
          const y = (x: number) => c - a * (x - x0) ** 2;
          const { offset, value } = parabolicVertex(y(-1), y(0), y(1));
          expect(offset).toBeCloseTo(x0, 9);
          expect(value).toBeCloseTo(c, 9);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it('gives the middle sample for collinear points and clamps a far vertex to one sample', () => {
    expect(parabolicVertex(1, 2, 3)).toEqual({ offset: 0, value: 2 });
    expect(parabolicVertex(0, 1, 1.9).offset).toBe(1);
  });

  it('propagates NaN', () => {
    expect(parabolicVertex(Number.NaN, 1, 0).offset).toBeNaN();
  });
});
