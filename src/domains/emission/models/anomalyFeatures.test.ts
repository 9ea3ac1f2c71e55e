import { describe, expect, it } from 'vitest';
import { simulateTimeSeries } from '../simulation/timeSeries';
import {
  ANOMALY_FEATURES,
  ANOMALY_KINDS,
  frameFeatures,
  REFERENCE_FRAMES,
  runFeatures,
  windowAt,
} from './anomalyFeatures';
import { anomalyInstrument } from './anomalyGenerator';
import { concentrationLines } from './concentrationSetup';

describe('frameFeatures', () => {
  it('measures net line sums, the RMS width of Ca I 422.7 and the saturated pixels of a constructed frame', () => {
    const axis = Float64Array.from({ length: 1600 }, (_, i) => 300 + 0.2 * i);
    const sigma = 0.25;
    const counts = Float64Array.from(axis, (x) => 100 + 1000 * Math.exp(-0.5 * ((x - 422.7) / sigma) ** 2));
    counts[10] = 16383;
    counts[11] = 16383;
    const f = frameFeatures(axis, counts, 16383);
    expect(f.widthNm).toBeCloseTo(sigma, 2);
    expect(f.saturated).toBe(2);
    // Ca I band 421.9–423.5 holds the whole line: 1000·σ·√(2π)/0.2 counts above the baseline of 100.
    expect(Math.exp(f.ln[2]) - 1).toBeCloseTo((1000 * sigma * Math.sqrt(2 * Math.PI)) / 0.2, -1);
    // No light at Na 589: 0.
    expect(f.ln[1]).toBe(0);
  });
});

describe('runFeatures and windowAt', () => {
  const instrument = anomalyInstrument();
  const run = simulateTimeSeries({
    frames: 30,
    seed: 4,
    lines: concentrationLines(),
    instrument,
    start: { conductivityUsCm: 3000, liquidTemperatureC: 25, concentrationsMgL: { Na: 0.5, Ca: 0.5, Mn: 5 } },
    faults: [
      { kind: 'saturation', startFrame: 15, endFrame: 19, detail: { factor: 6 } },
      { kind: 'bubble', startFrame: 22, endFrame: 23, detail: { spikeFrame: -1 } },
      { kind: 'matrixChange', startFrame: 25, endFrame: 30, detail: { factor: 3 } },
    ],
  });
  const features = runFeatures(run, instrument, 1);
  const width = ANOMALY_FEATURES.length;
  const at = (frame: number, k: number) => features.features[frame * width + k] as number;

  it('labels every frame with its faults', () => {
    const label = (frame: number) =>
      ANOMALY_KINDS.filter((_, k) => features.labels[frame * ANOMALY_KINDS.length + k] === 1);
    expect(label(14)).toEqual([]);
    expect(label(15)).toEqual(['saturation']);
    expect(label(22)).toEqual(['bubble']);
    expect(label(27)).toEqual(['matrixChange']);
  });

  it('centres the relative features on the reference frames and shows the faults', () => {
    let mean = 0;
    for (let f = 0; f < REFERENCE_FRAMES; f++) mean += at(f, 0) / REFERENCE_FRAMES;
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    expect(at(16, 6)).toBeGreaterThan(0); // saturated pixels
    expect(at(12, 6)).toBe(0);
    expect(at(16, 0)).toBeGreaterThan(1); // six times the light: ln 6 ≈ 1.8
    expect(at(22, 0)).toBeLessThan(-0.5); // a bubble's dropout
    expect(at(27, 7)).toBeCloseTo(Math.log10(3), 1); // the conductivity meter sees the new matrix
    expect(at(12, 7)).toBeCloseTo(0, 1);
  });

  it('repeats from its seeds and cuts windows ending at a frame', () => {
    expect(runFeatures(run, instrument, 1).features).toEqual(features.features);
    const w = windowAt(features, 8, 20);
    expect(w.x).toHaveLength(8 * width);
    expect(w.x[0]).toBe(at(13, 0));
    expect(Array.from(w.y)).toEqual([0, 0, 0, 0]);
    expect(() => windowAt(features, 8, 6)).toThrow(/cannot end at frame 6/);
  });
});
