import { describe, expect, it } from 'vitest';
import { defaultInstrument } from './instrument';
import { TEST_LINES } from './testLines.testUtil';
import { type FaultEvent, simulateTimeSeries, type TimeSeriesOptions } from './timeSeries';

const instrument = defaultInstrument();
const faults: FaultEvent[] = [
  { kind: 'bubble', startFrame: 10, endFrame: 13, detail: { spikeFrame: 11 } },
  { kind: 'saturation', startFrame: 20, endFrame: 25, detail: { factor: 5 } },
  { kind: 'matrixChange', startFrame: 30, endFrame: 45, detail: { factor: 4 } },
  { kind: 'electrodeWear', startFrame: 40, endFrame: 60, detail: { wearMax: 0.6 } },
];
const options: TimeSeriesOptions = {
  frames: 60,
  seed: 11,
  lines: TEST_LINES,
  instrument,
  start: { conductivityUsCm: 2000, liquidTemperatureC: 22, concentrationsMgL: { Na: 0.5, Li: 0.3, Cu: 1, Ca: 2 } },
  faults,
};
const run = simulateTimeSeries(options);
const signal = (i: number): number => {
  const f = run.frames[i];
  if (f === undefined) throw new Error(`no frame ${i}`);
  const base =
    instrument.offsetCounts + instrument.darkCurrentCountsPerS * instrument.integrationTimeS * f.integrationScale;
  return f.counts.reduce((s, v) => s + v - base, 0);
};

describe('simulateTimeSeries', () => {
  it('labels every frame with the faults that cover it', () => {
    expect(run.frames).toHaveLength(60);
    expect(run.events).toEqual(faults);
    for (const frame of run.frames) {
      const expected = faults.filter((e) => frame.index >= e.startFrame && frame.index < e.endFrame).map((e) => e.kind);
      expect(frame.faults).toEqual(expected);
    }
  });

  it('shows a bubble as a light dropout with an arc spike, where it is labelled', () => {
    const normal = [5, 6, 7, 8, 9, 14, 15, 16].map(signal);
    const typical = normal.reduce((a, b) => a + b) / normal.length;
    expect(signal(10)).toBeLessThan(0.5 * typical);
    expect(signal(12)).toBeLessThan(0.5 * typical);
    expect(signal(11)).toBeGreaterThan(1.5 * typical);
  });

  it('saturates the detector in the saturation event and nowhere else outside faults', () => {
    for (const frame of run.frames) {
      if (frame.faults.includes('saturation')) expect(frame.saturatedCount).toBeGreaterThan(0);
      else if (frame.faults.length === 0) expect(frame.saturatedCount).toBe(0);
    }
  });

  it('steps the conductivity in a matrix change and wears the electrode gradually', () => {
    const before = run.frames[29]?.params.conductivityUsCm as number;
    expect((run.frames[30]?.params.conductivityUsCm as number) / before).toBeCloseTo(4, 0);
    expect((run.frames[45]?.params.conductivityUsCm as number) / before).toBeCloseTo(1, 0);
    expect(run.frames[39]?.params.electrodeWear).toBe(0);
    expect(run.frames[59]?.params.electrodeWear).toBeCloseTo(0.6, 10);
    expect(run.frames[50]?.params.electrodeWear).toBeGreaterThan(0.2);
    expect(signal(59)).toBeLessThan(0.8 * signal(39));
  });

  it('drifts the sensitivity and the wavelength axis slowly', () => {
    const first = run.frames[0];
    const last = run.frames[59];
    expect(first?.wavelengthShiftNm).toBeCloseTo(0, 1);
    expect(last?.wavelengthShiftNm).toBeCloseTo(0.05, 1);
    expect((last?.sensitivityFactor as number) - (first?.sensitivityFactor as number)).toBeCloseTo(-0.03, 1);
    expect(run.wavelengthNm).toHaveLength(instrument.pixels);
  });

  it('is reproduced exactly from its seed and changes with it', () => {
    const shortOptions = { ...options, frames: 15, faults: faults.slice(0, 1) };
    const again = simulateTimeSeries(shortOptions);
    const other = simulateTimeSeries({ ...shortOptions, seed: 12 });
    const short = simulateTimeSeries(shortOptions);
    expect(again.frames.map((f) => f.counts)).toEqual(short.frames.map((f) => f.counts));
    expect(other.frames[3]?.counts).not.toEqual(again.frames[3]?.counts);
  });

  it('draws random faults without overlap inside the run', () => {
    const random = simulateTimeSeries({
      ...options,
      frames: 80,
      faults: undefined as unknown as FaultEvent[],
      faultCounts: { bubble: 3, saturation: 2, matrixChange: 2, electrodeWear: 5 },
    });
    const discrete = random.events.filter((e) => e.kind !== 'electrodeWear');
    expect(discrete.length).toBeGreaterThan(0);
    for (const e of random.events) {
      expect(e.startFrame).toBeGreaterThanOrEqual(0);
      expect(e.endFrame).toBeLessThanOrEqual(80);
      expect(e.endFrame).toBeGreaterThan(e.startFrame);
    }
    for (const a of discrete)
      for (const b of discrete)
        if (a !== b) expect(a.endFrame <= b.startFrame || b.endFrame <= a.startFrame).toBe(true);
  });

  it('rejects faults outside the run', () => {
    expect(() =>
      simulateTimeSeries({
        ...options,
        frames: 5,
        faults: [{ kind: 'bubble', startFrame: 3, endFrame: 9, detail: {} }],
      }),
    ).toThrow(/within frames/);
  });
});
