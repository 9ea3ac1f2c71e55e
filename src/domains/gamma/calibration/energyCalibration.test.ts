import { describe, expect, it } from 'vitest';
import type { ChannelCalibration } from '../../../core';
import {
  calibrationProblem,
  channelEdges,
  channelEnergies,
  deviationOffset,
  energyAtChannel,
  polynomialCalibration,
} from './energyCalibration';

describe('energy calibration models', () => {
  it('evaluates a quadratic polynomial at channel numbers (Alcatraz SPC calibration)', () => {
    const cal = polynomialCalibration([0.5783, 0.374436, 2.986e-7], 8192);
    const e = channelEnergies(cal, 8192);
    expect(e[0]).toBeCloseTo(0.5783, 10);
    expect(e[3900]).toBeCloseTo(0.5783 + 0.374436 * 3900 + 2.986e-7 * 3900 ** 2, 9);
  });

  it('gives edges half a channel either side of the channel energies', () => {
    const cal = polynomialCalibration([10, 2], 4);
    expect([...channelEdges(cal, 4)]).toEqual([9, 11, 13, 15, 17]);
    expect([...channelEnergies(cal, 4)]).toEqual([10, 12, 14, 16]);
  });

  it('evaluates the GADRAS full-range fraction with its low-energy term', () => {
    const cal: ChannelCalibration = {
      model: 'fullRangeFraction',
      coefficients: [-0.32, 8008.95, 0, 0, 5],
      channelCount: 16384,
      unit: 'keV',
    };
    const x = 1355 / 16384;
    expect(energyAtChannel(cal, 1355)).toBeCloseTo(-0.32 + 8008.95 * x + 5 / (1 + 60 * x), 9);
  });

  it('uses the middle of listed lower edges and extends a missing last edge', () => {
    const cal: ChannelCalibration = {
      model: 'lowerChannelEdges',
      coefficients: [0, 1, 3, 6],
      channelCount: 4,
      unit: 'keV',
    };
    expect([...channelEnergies(cal, 4)]).toEqual([0.5, 2, 4.5, 7.5]);
    expect([...channelEdges(cal, 4)]).toEqual([0, 1, 3, 6, 9]);
  });

  it('applies deviation pairs the SpecUtils way: nodes at E − d, constant outside', () => {
    const pairs = [
      [0, 0],
      [500, 2],
      [1500, -1],
      [3000, 0],
    ] as const;
    // a line of true energy 500 keV appears at 498 keV before correction: the node is (498, 2)
    expect(deviationOffset(pairs, 498)).toBeCloseTo(2, 12);
    expect(deviationOffset(pairs, 1501)).toBeCloseTo(-1, 12);
    expect(deviationOffset(pairs, 5000)).toBe(0);
    expect(deviationOffset(pairs, -10)).toBe(0);
    const cal = polynomialCalibration([0, 1], 3000, pairs);
    expect(energyAtChannel(cal, 498)).toBeCloseTo(500, 10);
    expect(Math.abs(energyAtChannel(cal, 498.001) - energyAtChannel(cal, 497.999))).toBeLessThan(0.01);
  });

  it('sorts pairs, drops near-duplicates and pairs a lone one with (0, 0)', () => {
    const unsorted = [
      [1500, -1],
      [0, 0],
      [500, 2],
      [500.005, 7],
      [3000, 0],
    ] as const;
    expect(deviationOffset(unsorted, 498)).toBeCloseTo(
      deviationOffset(
        [
          [0, 0],
          [500.005, 7],
          [1500, -1],
          [3000, 0],
        ],
        498,
      ),
      12,
    );
    expect(deviationOffset([[1000, 4]], 996)).toBeCloseTo(4, 12);
    expect(deviationOffset([[1000, 4]], 0)).toBeCloseTo(0, 12);
    expect(deviationOffset([[0.05, 3]], 500)).toBe(0);
  });

  it('names what is wrong with an unusable calibration', () => {
    expect(calibrationProblem(polynomialCalibration([0, 0, 0], 1024), 1024)).toBe(
      'all energy calibration coefficients are zero',
    );
    expect(calibrationProblem(polynomialCalibration([5], 1024), 1024)).toMatch(/no gain/);
    expect(calibrationProblem(polynomialCalibration([0, 1, -0.001], 1024), 1024)).toMatch(
      /not increasing at channel 500/,
    );
    expect(calibrationProblem(polynomialCalibration([0, Number.NaN], 10), 10)).toMatch(/not a finite number/);
    expect(() => channelEnergies(polynomialCalibration([0, 0], 4), 4)).toThrow(RangeError);
  });
});

describe('channel reference', () => {
  it('puts the equation at the lower edge for lowerEdge calibrations (SpecUtils N42, GADRAS PCF)', () => {
    const cal = { ...polynomialCalibration([10, 2], 4), channelReference: 'lowerEdge' as const };
    expect([...channelEnergies(cal, 4)]).toEqual([11, 13, 15, 17]);
    expect([...channelEdges(cal, 4)]).toEqual([10, 12, 14, 16, 18]);
  });
});
