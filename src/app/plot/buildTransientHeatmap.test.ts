import { describe, expect, it } from 'vitest';
import { buildTransientHeatmap, colourLimit } from './buildTransientHeatmap';
import { fakeTransientGroup } from './mrsTransients.testUtil';

describe('buildTransientHeatmap', () => {
  it('draws the transients before and after alignment side by side on reversed ppm axes', () => {
    const group = fakeTransientGroup();
    const { data, layout } = buildTransientHeatmap(group);
    const maps = data.filter((t) => t.meta.role === 'heatmap');
    expect(maps.map((t) => [t.meta.stage, t.xaxis])).toEqual([
      ['before', 'x'],
      ['after', 'x2'],
    ]);
    const [before, after] = maps as unknown as [Record<string, unknown>, Record<string, unknown>];
    expect(before.x).toEqual([1.8, 1.9, 2.0, 2.1, 2.2]);
    expect(before.y).toEqual([0, 1, 2, 3]);
    // row r of the stack is row r of z: before, the peak moves from column to column; after, it sits at column 2
    expect((before.z as number[][])[0]).toEqual([0, 4, 0, 0, 0]);
    expect((before.z as number[][])[1]).toEqual([0, 0, 4, 0, 0]);
    expect((after.z as number[][]).map((row) => row.indexOf(4))).toEqual([2, 2, 2, 2]);
    // one colour range for both, symmetric about 0; one colour bar
    expect([before.zmin, before.zmax]).toEqual([after.zmin, after.zmax]);
    expect(before.zmin).toBe(-(before.zmax as number));
    expect([before.showscale, after.showscale]).toEqual([false, true]);
    const axes = layout as unknown as Record<string, { autorange?: unknown; domain?: number[] }>;
    expect(axes.xaxis?.autorange).toBe('reversed');
    expect(axes.xaxis2?.autorange).toBe('reversed');
    expect((axes.xaxis?.domain?.[1] as number) < (axes.xaxis2?.domain?.[0] as number)).toBe(true);
  });

  it('marks the transients outlier rejection would drop on both maps', () => {
    const { data } = buildTransientHeatmap(fakeTransientGroup());
    const marks = data.filter((t) => t.meta.role === 'rejected');
    expect(marks.map((t) => t.xaxis)).toEqual(['x', 'x2']);
    // at the high-ppm edge (left on the reversed axis), on the row of dynamic 3
    expect(marks[0]).toMatchObject({ x: [2.2], y: [3] });
    const clean = { ...fakeTransientGroup(), rejected: [] };
    expect(buildTransientHeatmap(clean).data.some((t) => t.meta.role === 'rejected')).toBe(false);
  });

  it('takes the colour range from the bulk of the values, not from one spike', () => {
    const group = fakeTransientGroup();
    expect(colourLimit(group)).toBe(4);
    const spiky = Float32Array.from({ length: 2000 }, (_, i) => (i === 7 ? 1000 : (i % 5) - 2));
    const wide = {
      ...group,
      ppm: new Float64Array(1000),
      positions: [0, 1],
      before: spiky,
      after: spiky,
      meanAfter: new Float32Array(1000),
    };
    expect(colourLimit(wide)).toBe(2);
    expect(
      colourLimit({
        ...group,
        before: new Float32Array(20),
        after: new Float32Array(20),
        meanAfter: new Float32Array(5),
      }),
    ).toBe(1);
  });
});
