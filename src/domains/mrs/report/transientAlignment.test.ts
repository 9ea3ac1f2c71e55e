import { describe, expect, it } from 'vitest';
import { transientAlignment } from './transientAlignment';

describe('transientAlignment', () => {
  it('reads the per-transient lists and the summary that mrs-align and mrs-reject-outliers leave in meta', () => {
    expect(
      transientAlignment({
        'align.positions': '0,1,2',
        'align.shiftsHz': '0.5,-1.25,2',
        'align.phasesDeg': '3,-4,5',
        'align.meanAbsShiftHz': 1.25,
        'align.window': 'whole FID',
        'outliers.rejectedPositions': '1',
      }),
    ).toEqual({
      positions: [0, 1, 2],
      shiftsHz: [0.5, -1.25, 2],
      phasesDeg: [3, -4, 5],
      rejectedPositions: [1],
      meanAbsShiftHz: 1.25,
      window: 'whole FID',
    });
  });

  it('is undefined without alignment, and keeps only the summary when the lists disagree or are missing', () => {
    expect(transientAlignment({ averages: 32 })).toBeUndefined();
    const broken = transientAlignment({
      'align.positions': '0,1,2',
      'align.shiftsHz': '0.5,-1.25',
      'align.phasesDeg': '3,x,5',
      'align.maxAbsShiftHz': 2,
    });
    expect(broken).toEqual({ positions: [], shiftsHz: [], phasesDeg: [], rejectedPositions: [], maxAbsShiftHz: 2 });
  });
});
