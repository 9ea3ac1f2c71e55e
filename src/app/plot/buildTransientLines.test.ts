import { describe, expect, it } from 'vitest';
import { buildTransientLines } from './buildTransientLines';
import { fakeTransientGroup } from './mrsTransients.testUtil';

describe('buildTransientLines', () => {
  it('overlays the kept transients in one gapped trace, the rejected in another, with the mean bold', () => {
    const group = fakeTransientGroup();
    const { data, layout } = buildTransientLines(group, 'after', 'overlay');
    expect(data.map((t) => t.meta.role)).toEqual(['transients', 'rejected', 'mean']);
    const [kept, rejected, mean] = data as [(typeof data)[0], (typeof data)[0], (typeof data)[0]];
    expect(kept.meta.rows).toBe(3);
    // three rows of 5 points, each followed by a gap
    expect(kept.x).toHaveLength(18);
    expect((kept.y as (number | null)[]).slice(0, 6)).toEqual([0, 0, 4, 0, 0, null]);
    expect(rejected.meta.rows).toBe(1);
    expect(rejected.y).toEqual([0, 0, 4, 0, 0, null]);
    expect(mean.y).toEqual([0, 0, 4, 0, 0]);
    expect((mean.line?.width as number) > (kept.line?.width as number)).toBe(true);
    expect((layout.xaxis as { autorange?: unknown }).autorange).toBe('reversed');
  });

  it('draws the stack before alignment when asked', () => {
    const { data } = buildTransientLines(fakeTransientGroup(), 'before', 'overlay');
    const kept = data[0] as (typeof data)[0];
    // row 1 before alignment has its peak at column 2, row 0 at column 1
    expect((kept.y as (number | null)[]).slice(0, 12)).toEqual([0, 4, 0, 0, 0, null, 0, 0, 4, 0, 0, null]);
    expect(data.find((t) => t.meta.role === 'mean')?.y).toEqual([0, 2, 1, 1, 0]);
  });

  it('stacks transient r at r × step, labels the offsets with positions, and leaves the mean out', () => {
    const group = fakeTransientGroup();
    const { data, layout } = buildTransientLines(group, 'after', 'stacked');
    expect(data.map((t) => t.meta.role)).toEqual(['transients', 'rejected']);
    const step = 0.6 * 4; // the mean after alignment spans 0…4
    const [kept, rejected] = data as [(typeof data)[0], (typeof data)[0]];
    const y = kept.y as (number | null)[];
    expect(y.slice(6, 11)).toEqual([step, step, step + 4, step, step].map((v) => expect.closeTo(v, 6)));
    expect((rejected.y as (number | null)[])[0]).toBeCloseTo(3 * step, 6);
    const axis = layout.yaxis as { tickvals: number[]; ticktext: string[] };
    expect(axis.ticktext).toEqual(['0', '1', '2', '3']);
    expect(axis.tickvals[3]).toBeCloseTo(3 * step, 6);
  });
});
