import { describe, expect, it } from 'vitest';
import type { InputContract } from '../../../ml/registry/modelCard';
import { TWO_HEAD_CONTRACT } from './concentrationSetup';
import { scaleDeviceParameters } from './deviceParameters';

describe('scaleDeviceParameters', () => {
  it('maps the training range onto 0 … 1 and flags values outside it', () => {
    // TWO_HEAD_CONTRACT: log10 σ 3 … 4, T 15 … 35 °C.
    const inside = scaleDeviceParameters([3.5, 25], TWO_HEAD_CONTRACT);
    expect(Array.from(inside.inputs)).toEqual([0.5, 0.5]);
    expect(inside.flags).toEqual([null, null]);
    expect(inside.outOfRange).toBe(false);
    const edges = scaleDeviceParameters([3, 35], TWO_HEAD_CONTRACT);
    expect(Array.from(edges.inputs)).toEqual([0, 1]);
    expect(edges.outOfRange).toBe(false);
    const outside = scaleDeviceParameters([Math.log10(300), 45], TWO_HEAD_CONTRACT);
    expect(outside.inputs[0]).toBeCloseTo(Math.log10(300) - 3, 6);
    expect(outside.inputs[1]).toBeCloseTo(1.5, 6);
    expect(outside.flags).toEqual(['below', 'above']);
    expect(outside.outOfRange).toBe(true);
  });

  it('refuses a contract without scalars, a wrong count and non-finite values', () => {
    const { scalars: _, ...bare } = TWO_HEAD_CONTRACT;
    expect(() => scaleDeviceParameters([1], bare as InputContract)).toThrow(/no scalar/);
    expect(() => scaleDeviceParameters([3.5], TWO_HEAD_CONTRACT)).toThrow(
      /1 device parameters given, the contract takes 2/,
    );
    expect(() => scaleDeviceParameters([3.5, Number.NaN], TWO_HEAD_CONTRACT)).toThrow(/liquid temperature/);
  });
});
