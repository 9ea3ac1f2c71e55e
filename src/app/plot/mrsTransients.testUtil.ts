import type { MrsTransientGroupView } from '../../workers/mrsTransientView';

/**
 * A small transient group for app tests: 4 transients (dynamics 0–3) over 5 columns from 1.8 to
 * 2.2 ppm; row r holds a peak of height 4 at column r % 3 + 1 (1, 2, 3, 1) before alignment and at column 2
 * after; row 3 is rejected; shifts r − 1.5 Hz, phases 10·r °.
 */
export function fakeTransientGroup(): MrsTransientGroupView {
  const columns = 5;
  const rows = 4;
  const before = new Float32Array(rows * columns);
  const after = new Float32Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    before[r * columns + ((r % 3) + 1)] = 4;
    after[r * columns + 2] = 4;
  }
  const mean = (stack: Float32Array) =>
    Float32Array.from({ length: columns }, (_, c) => {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += stack[r * columns + c] as number;
      return sum / rows;
    });
  return {
    label: 'metabolites',
    water: false,
    dimension: 'dynamic',
    positions: [0, 1, 2, 3],
    ppm: Float64Array.from([1.8, 1.9, 2.0, 2.1, 2.2]),
    before,
    after,
    meanBefore: mean(before),
    meanAfter: mean(after),
    shiftsHz: Float64Array.from({ length: rows }, (_, r) => r - 1.5),
    phasesDeg: Float64Array.from({ length: rows }, (_, r) => 10 * r),
    rejected: [3],
    alignWindow: '1.8–4.2 ppm',
    phaseDeg: 12,
    referenceShiftHz: -0.5,
  };
}
