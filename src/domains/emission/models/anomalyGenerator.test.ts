import { describe, expect, it } from 'vitest';
import { ANOMALY_FEATURES, ANOMALY_KINDS } from './anomalyFeatures';
import { anomalyGenerator, windowsPerRun } from './anomalyGenerator';

describe('anomalyGenerator', () => {
  const options = {
    frames: 16,
    window: 8,
    stride: 4,
    faultCounts: { bubble: 2, saturation: 1, matrixChange: 1, electrodeWear: 1 },
  };
  const generator = anomalyGenerator(options);

  it('takes the stated windows per run and gives the documented shapes', () => {
    expect(windowsPerRun(options)).toBe(3); // windows ending at 7, 11, 15
    const data = generator.generate(5, 3); // two runs
    expect(data.inputs[0]?.shape).toEqual([8, ANOMALY_FEATURES.length]);
    expect(data.targets[0]?.shape).toEqual([ANOMALY_KINDS.length]);
    expect(data.inputs[0]?.values).toHaveLength(5 * 8 * ANOMALY_FEATURES.length);
    expect(data.targets[0]?.values.every((v) => v === 0 || v === 1)).toBe(true);
    expect(generator.describe().inputs[0]?.shape).toEqual([8, ANOMALY_FEATURES.length]);
  });

  it('repeats exactly from its seed', () => {
    const a = generator.generate(3, 9);
    const b = generator.generate(3, 9);
    const c = generator.generate(3, 10);
    expect(b.inputs[0]?.values).toEqual(a.inputs[0]?.values);
    expect(b.targets[0]?.values).toEqual(a.targets[0]?.values);
    expect(c.inputs[0]?.values).not.toEqual(a.inputs[0]?.values);
  });
});
