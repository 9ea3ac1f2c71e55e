import { describe, expect, it } from 'vitest';
import { buildTransientDrift } from './buildTransientDrift';
import { fakeTransientGroup } from './mrsTransients.testUtil';

describe('buildTransientDrift', () => {
  it('plots frequency (left axis) and phase (right axis) per transient, outliers marked on both', () => {
    const { data, layout } = buildTransientDrift(fakeTransientGroup());
    const shift = data.find((t) => t.meta.role === 'shift');
    const phase = data.find((t) => t.meta.role === 'phase');
    expect(shift).toMatchObject({ x: [0, 1, 2, 3], y: [-1.5, -0.5, 0.5, 1.5] });
    expect(phase).toMatchObject({ y: [0, 10, 20, 30], yaxis: 'y2' });
    const marks = data.filter((t) => t.meta.role === 'rejected');
    expect(marks.map((t) => [t.x, t.y, t.yaxis])).toEqual([
      [[3], [1.5], undefined],
      [[3], [30], 'y2'],
    ]);
    expect((layout as Record<string, { overlaying?: string }>).yaxis2?.overlaying).toBe('y');
  });

  it('marks nothing when no transient is rejected', () => {
    const { data } = buildTransientDrift({ ...fakeTransientGroup(), rejected: [] });
    expect(data.map((t) => t.meta.role)).toEqual(['shift', 'phase']);
  });
});
