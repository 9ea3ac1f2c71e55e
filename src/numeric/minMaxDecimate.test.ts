import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../core/thrownWorkbenchError';
import { type MinMaxDecimateOptions, minMaxDecimate } from './minMaxDecimate';

/** Reference for the visible range, by counting (no binary search): [first, last] indices. */
function visibleRange(x: number[], xMin = -Infinity, xMax = Infinity): [number, number] {
  const below = x.filter((v) => v < xMin).length;
  const upTo = x.filter((v) => v <= xMax).length;
  return [Math.max(below - 1, 0), Math.min(upTo, x.length - 1)];
}

const points = fc
  .array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), {
    maxLength: 400,
  })
  .map((pairs) => pairs.sort((a, b) => a[0] - b[0]));
const window = fc
  .tuple(fc.option(fc.integer({ min: -1100, max: 1100 })), fc.option(fc.integer({ min: -1100, max: 1100 })))
  .map(([a, b]) => (a !== null && b !== null && a > b ? [b, a] : [a, b]));

function options(bins: number, [xMin, xMax]: (number | null)[]): MinMaxDecimateOptions {
  return {
    bins,
    ...(xMin === null || xMin === undefined ? {} : { xMin }),
    ...(xMax === null || xMax === undefined ? {} : { xMax }),
  };
}

describe('minMaxDecimate', () => {
  it('property: bounded output, edge points kept, extremes of the visible range survive', () => {
    fc.assert(
      fc.property(points, fc.integer({ min: 1, max: 25 }), window, (pairs, bins, borders) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const o = options(bins, borders);
        const out = minMaxDecimate(x, y, o);
        expect(out.x.length).toBe(out.y.length);
        if (x.length === 0) {
          expect(out.x.length).toBe(0);
          return;
        }
        const [first, last] = visibleRange(x, o.xMin, o.xMax);
        expect(out.x.length).toBeLessThanOrEqual(Math.min(2 * bins + 2, last - first + 1));
        expect([out.x[0], out.y[0]]).toEqual([x[first], y[first]]);
        expect([out.x.at(-1), out.y.at(-1)]).toEqual([x[last], y[last]]);
        const visible = y.slice(first, last + 1);
        const outY = Array.from(out.y);
        expect(outY).toContain(Math.max(...visible));
        expect(outY).toContain(Math.min(...visible));
        for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThanOrEqual(out.x[i - 1] as number);
        const kept = new Set(visible.map((v, i) => `${x[first + i]}|${v}`));
        for (let i = 0; i < out.x.length; i++) expect(kept.has(`${out.x[i]}|${out.y[i]}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('property with NaN gaps: at most 3·bins + 2 points, extremes kept, a gap stays a gap', () => {
    const gappy = fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 300 }),
        fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constant(Number.NaN)),
      ),
      { minLength: 1, maxLength: 400 },
    );
    fc.assert(
      fc.property(gappy, fc.integer({ min: 1, max: 25 }), (pairs, bins) => {
        pairs.sort((a, b) => a[0] - b[0]);
        const y = pairs.map((p) => p[1]);
        const out = minMaxDecimate(
          pairs.map((p) => p[0]),
          y,
          { bins },
        );
        expect(out.x.length).toBeLessThanOrEqual(3 * bins + 2);
        const finite = y.filter((v) => !Number.isNaN(v));
        const outY = Array.from(out.y);
        if (finite.length > 0) {
          expect(outY).toContain(Math.max(...finite));
          expect(outY).toContain(Math.min(...finite));
        }
        expect(outY.some(Number.isNaN)).toBe(y.some(Number.isNaN));
      }),
      { numRuns: 300 },
    );
  });

  it('returns small inputs unchanged, as copies', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = new Float64Array([3, Number.NaN, 1, 4, 1, 5]);
    const out = minMaxDecimate(x, y, { bins: 3 });
    expect(Array.from(out.x)).toEqual(x);
    expect(Array.from(out.y)).toEqual(Array.from(y));
    expect(out.y).not.toBe(y);
  });

  it('keeps one point beyond each border of the xMin/xMax window', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i * 0.5);
    const y = x.map((v) => Math.sin(v));
    const out = minMaxDecimate(x, y, { bins: 10, xMin: 100.2, xMax: 200.2 });
    expect(out.x[0]).toBe(100);
    expect(out.x.at(-1)).toBe(200.5);
    expect(out.x.length).toBeLessThanOrEqual(22);
    for (const v of out.x.subarray(1, -1)) {
      expect(v).toBeGreaterThanOrEqual(100.2);
      expect(v).toBeLessThanOrEqual(200.2);
    }
    // A window between two samples keeps the two samples around it; one outside keeps the nearest.
    expect(Array.from(minMaxDecimate(x, y, { bins: 10, xMin: 10.1, xMax: 10.2 }).x)).toEqual([10, 10.5]);
    expect(Array.from(minMaxDecimate(x, y, { bins: 10, xMin: 600, xMax: 700 }).x)).toEqual([499.5]);
    expect(Array.from(minMaxDecimate(x, y, { bins: 10, xMin: -9, xMax: -1 }).x)).toEqual([0]);
  });

  it('emits one NaN point per bin holding NaN, in index order, so the line breaks there', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((i) => (i >= 40 && i < 45 ? Number.NaN : i % 7));
    const out = minMaxDecimate(x, y, { bins: 10 });
    const nanX = Array.from(out.x).filter((_, i) => Number.isNaN(out.y[i]));
    expect(nanX).toEqual([40]);
    const at = Array.from(out.x).indexOf(40);
    expect(out.x[at - 1]).toBeLessThan(40);
    expect(out.x[at + 1]).toBeGreaterThan(40);
    expect(out.x.length).toBeLessThanOrEqual(3 * 10 + 2);
  });

  it('thins 1e6 points to at most 2·bins + 2 and keeps a one-sample spike', () => {
    const n = 1_000_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = 20 + i * 0.003;
      y[i] = Math.sin(i / 5000);
    }
    y[654_321] = 42;
    y[123_457] = -17;
    const out = minMaxDecimate(x, y, { bins: 1500 });
    expect(out.x.length).toBeLessThanOrEqual(3002);
    expect(Array.from(out.y)).toContain(42);
    expect(Array.from(out.y)).toContain(-17);
    expect(out.x[0]).toBe(x[0]);
    expect(out.x.at(-1)).toBe(x[n - 1]);
  });

  describe('guards', () => {
    const x = [1, 2, 3];
    const y = [1, 2, 3];
    it.each([
      ['bins', { bins: 0 }],
      ['bins', { bins: -2 }],
      ['bins', { bins: 2.5 }],
      ['bins', { bins: Number.NaN }],
      ['xMin', { bins: 2, xMin: Number.NaN }],
      ['xMax', { bins: 2, xMax: Number.NaN }],
      ['xMin', { bins: 2, xMin: 3, xMax: 1 }],
    ] as [string, MinMaxDecimateOptions][])('rejects a bad %s: %o', (name, o) => {
      const error = thrown(() => minMaxDecimate(x, y, o));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toContain(name);
    });

    it('rejects x and y of different lengths', () => {
      const error = thrown(() => minMaxDecimate(x, [1, 2], { bins: 2 }));
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toMatch(/x and y .*length/);
    });
  });
});
