import { describe, expect, it } from 'vitest';
import { findNuclide } from '../nuclides/nuclideLibrary';
import { CNN_NUCLIDES, gammaNuclideCnn } from './gammaNuclideCnn';
import { DISTRACTOR_NUCLIDES, nuclideIdGenerator } from './nuclideIdGenerator';

const contract = gammaNuclideCnn.input;
const generator = nuclideIdGenerator({ nuclides: CNN_NUCLIDES, contract, netCounts: [5000, 50_000] });

describe('nuclideIdGenerator', () => {
  it('draws distractors from the library, none of them a label or sharing a label’s only strong line', () => {
    for (const name of DISTRACTOR_NUCLIDES) expect(findNuclide(name), name).toBeDefined();
    for (const name of CNN_NUCLIDES) expect(DISTRACTOR_NUCLIDES as readonly string[]).not.toContain(name);
    // Look-alikes that nothing in range tells apart from a label are left out.
    for (const name of ['Mo-99', 'U-237', 'U-235 chain'])
      expect(DISTRACTOR_NUCLIDES as readonly string[]).not.toContain(name);
  });

  it('is reproducible from its seed and gives prepared spectra with 0/1 targets for the labels only', () => {
    const a = generator.generate(12, 77);
    const b = generator.generate(12, 77);
    expect(a.inputs[0]?.values).toEqual(b.inputs[0]?.values);
    expect(a.targets[0]?.values).toEqual(b.targets[0]?.values);
    const targets = a.targets[0]?.values ?? new Float32Array();
    expect(targets.length).toBe(12 * CNN_NUCLIDES.length);
    for (const t of targets) expect(t === 0 || t === 1).toBe(true);
    const inputs = a.inputs[0]?.values ?? new Float32Array();
    expect(inputs.length).toBe(12 * contract.length);
    for (let i = 0; i < 12; i++) {
      const row = inputs.subarray(i * contract.length, (i + 1) * contract.length);
      expect(Math.max(...row)).toBeCloseTo(1, 5);
    }
  });

  it('describes its distractors, the annihilation line and the background range in the card parameters', () => {
    const parameters = generator.describe().parameters ?? {};
    expect(parameters.distractors?.description).toContain('Sc-46');
    expect(parameters.annihilation?.max).toBe(3);
    expect(parameters.backgroundRate?.min).toBe(0.03);
  });
});
