import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../core/thrownWorkbenchError';
import { movingMedian } from './movingMedian';

describe('movingMedian', () => {
  it('takes the median of each window, shrinking it at the ends', () => {
    expect([...movingMedian([5, 1, 4, 2, 3], 1)]).toEqual([3, 4, 2, 3, 2.5]);
    expect([...movingMedian([5, 1, 4], 0)]).toEqual([5, 1, 4]);
  });

  it('ignores a spike narrower than half the window', () => {
    const data = Array.from({ length: 50 }, (_, i) => i / 10 + (i === 20 || i === 21 ? 100 : 0));
    const median = movingMedian(data, 5);
    expect(median[20]).toBeCloseTo(2.2, 12); // 1.5 … 2.5 without the two spikes, one rank up
    expect(median[21]).toBeCloseTo(2.3, 12);
  });

  it('leaves a monotone sequence unchanged inside (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.nat(5),
        (values, h) => {
          const sorted = [...values].sort((a, b) => a - b);
          const median = movingMedian(sorted, h);
          for (let i = h; i < sorted.length - h; i++) expect(median[i]).toBe(sorted[i]);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('refuses a bad half width', () => {
    const error = thrown(() => movingMedian([1, 2], -1));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain('halfWidth');
    expect(thrown(() => movingMedian([1, 2], 1.5)).code).toBe('INVALID_OPTION');
  });
});
