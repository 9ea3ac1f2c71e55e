import { describe, expect, it } from 'vitest';
import { prepareInput } from '../../../ml/inference/prepareInput';
import { concentrationGenerator, deviceInputs, simulateConcentrationSpectrum } from './concentrationGenerator';
import { CONCENTRATION_METALS, MATRIX_ELEMENTS, SPECTRUM_CONTRACT, TWO_HEAD_CONTRACT } from './concentrationSetup';

const ranges = { conductivityUsCm: [1000, 10_000] as const, temperatureC: [15, 35] as const };

describe('concentrationGenerator', () => {
  const twoHead = concentrationGenerator({ ...ranges, inputs: 'spectrum+parameters' });

  it('repeats exactly from its seed and differs for another seed', () => {
    const a = twoHead.generate(3, 11);
    const b = twoHead.generate(3, 11);
    const c = twoHead.generate(3, 12);
    expect(b.inputs[0]?.values).toEqual(a.inputs[0]?.values);
    expect(b.inputs[1]?.values).toEqual(a.inputs[1]?.values);
    expect(b.targets[0]?.values).toEqual(a.targets[0]?.values);
    expect(c.targets[0]?.values).not.toEqual(a.targets[0]?.values);
  });

  it('gives the documented shapes for each model kind, the same spectra for the same seed', () => {
    const a = twoHead.generate(2, 5);
    expect(a.inputs.map((f) => [f.name, f.shape])).toEqual([
      ['spectrum', [1, 1024, 1]],
      ['parameters', [2]],
    ]);
    expect(a.targets[0]?.shape).toEqual([5]);
    const one = concentrationGenerator({ ...ranges, inputs: 'spectrum' }).generate(2, 5);
    expect(one.inputs).toHaveLength(1);
    expect(one.inputs[0]?.values).toEqual(a.inputs[0]?.values);
    const flat = concentrationGenerator({ ...ranges, inputs: 'flatSpectrum' }).generate(2, 5);
    expect(flat.inputs[0]?.shape).toEqual([1024]);
    expect(flat.inputs[0]?.values).toEqual(a.inputs[0]?.values);
  });

  it('draws conditions inside the stated ranges and its targets are ln of them', () => {
    const n = 4;
    const data = twoHead.generate(n, 21);
    const conditions = twoHead.conditions(n, 21);
    for (const [i, c] of conditions.entries()) {
      expect(c.conductivityUsCm).toBeGreaterThanOrEqual(1000);
      expect(c.conductivityUsCm).toBeLessThanOrEqual(10_000);
      expect(c.liquidTemperatureC).toBeGreaterThanOrEqual(15);
      expect(c.liquidTemperatureC).toBeLessThanOrEqual(35);
      for (const m of [...CONCENTRATION_METALS, ...MATRIX_ELEMENTS]) {
        expect(c.concentrationsMgL[m.element]).toBeGreaterThanOrEqual(m.minMgL);
        expect(c.concentrationsMgL[m.element]).toBeLessThanOrEqual(m.maxMgL);
      }
      CONCENTRATION_METALS.forEach((m, k) => {
        expect(data.targets[0]?.values[i * 5 + k]).toBeCloseTo(Math.log(c.concentrationsMgL[m.element] as number), 5);
      });
      // The readings enter scaled by the contract: 0 … 1 over the range, up to the sensors' noise.
      expect(Array.from(data.inputs[1]?.values.subarray(i * 2, i * 2 + 2) ?? [])).toEqual(Array.from(deviceInputs(c)));
      expect(Math.abs(Math.log(c.readConductivityUsCm / c.conductivityUsCm))).toBeLessThan(0.1);
    }
  });

  it('makes what the inference path makes of the simulated spectrum', () => {
    const [c] = twoHead.conditions(1, 3);
    if (c === undefined) throw new Error('no conditions');
    const spectrum = simulateConcentrationSpectrum(c, 99);
    expect(spectrum.x.unit).toBe('nm');
    expect(spectrum.domain).toBe('emission');
    const prepared = prepareInput(spectrum, SPECTRUM_CONTRACT);
    expect(prepared).toHaveLength(1024);
    // Dark-corrected counts: a baseline near 0 and lines far above it.
    const sorted = Float32Array.from(prepared).sort();
    expect(Math.abs(sorted[512] as number)).toBeLessThan(50);
    expect(sorted[1023] as number).toBeGreaterThan(1000);
    expect(TWO_HEAD_CONTRACT.scalars).toHaveLength(2);
  });
});
