import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError as thrown } from '../../../core/thrownWorkbenchError';
import { parseSpe } from '../formats/spe';
import { findPeaks } from './findPeaks';
import type { GammaPeak } from './gammaPeak';
import { expectedCounts, poissonCounts, simulatedHpgeFwhm, simulateHpge } from './peakTestHelpers';

const fixtures = path.resolve(process.cwd(), 'test/fixtures/grs');

function fixture(name: string): Spectrum {
  const spectrum = parseSpe(new Uint8Array(readFileSync(path.join(fixtures, name))), name)[0];
  if (spectrum === undefined) throw new Error(`no spectrum in ${name}`);
  return spectrum;
}

function spectrumOf(counts: Float64Array, x: Float64Array, unit: 'keV' | 'channel'): Spectrum {
  return {
    id: 'sim#0',
    name: 'sim',
    file: 'sim.spe',
    domain: 'gamma',
    x: { values: x, unit, quantity: unit === 'keV' ? 'energy' : 'channel' },
    y: { values: counts, unit: 'counts' },
    meta: {},
  };
}

function nearest(peaks: readonly GammaPeak[], energy: number): GammaPeak {
  const best = peaks.reduce((p, q) => (Math.abs(q.centroidKeV - energy) < Math.abs(p.centroidKeV - energy) ? q : p));
  return best;
}

function expectWellFormed(peaks: readonly GammaPeak[], threshold = 3): void {
  for (let k = 0; k < peaks.length; k++) {
    const p = peaks[k] as GammaPeak;
    if (k > 0) expect(p.centroidKeV).toBeGreaterThan((peaks[k - 1] as GammaPeak).centroidKeV);
    expect(p.significance).toBeGreaterThanOrEqual(threshold);
    expect(p.significance).toBeCloseTo(p.netArea / p.netAreaSigma, 9);
    for (const v of [p.centroidSigmaKeV, p.fwhmKeV, p.fwhmSigmaKeV, p.netArea, p.netAreaSigma])
      expect(v).toBeGreaterThan(0);
    expect(Number.isInteger(p.regionId)).toBe(true);
  }
}

describe('findPeaks: real HPGe spectra (MANIFEST peaks)', () => {
  const cases: [string, number[]][] = [
    ['bq_mendocino_kelp_poptop_hpge.spe', [1460.8, 510.9, 2614.7, 609.3, 351.9, 185.7, 92.5]],
    ['bq_1110C_naa_cave_background_hpge.spe', [1461.4, 511.1, 609.6, 2615.7]],
    ['bq_1110C_naa_cave_pottery_hpge.spe', [121.8, 344.5, 1173.8, 1333.1, 1408.5]],
  ];
  it.each(cases)('%s: the MANIFEST peaks within ±0.5 keV, HPGe width at 1461 keV', (name, energies) => {
    const peaks = findPeaks(fixture(name));
    expectWellFormed(peaks);
    for (const energy of energies) expect(Math.abs(nearest(peaks, energy).centroidKeV - energy)).toBeLessThan(0.5);
    const k40 = nearest(peaks, 1460.8);
    if (Math.abs(k40.centroidKeV - 1461) < 1) {
      expect(k40.fwhmKeV).toBeGreaterThan(1.5);
      expect(k40.fwhmKeV).toBeLessThan(3);
    }
    const co60 = nearest(peaks, 1332.5);
    if (Math.abs(co60.centroidKeV - 1332.5) < 1) expect(co60.fwhmKeV).toBeGreaterThan(1.5);
  });

  it('the Mendocino K-40 line: FWHM in the HPGe range and its area to better than 1 %', () => {
    const k40 = nearest(findPeaks(fixture('bq_mendocino_kelp_poptop_hpge.spe')), 1460.8);
    expect(k40.fwhmKeV).toBeGreaterThan(1.5);
    expect(k40.fwhmKeV).toBeLessThan(3);
    expect(k40.netAreaSigma / k40.netArea).toBeLessThan(0.01);
  });

  it('a resolution model given by the caller gives the same lines', () => {
    const spectrum = fixture('bq_1110C_naa_cave_background_hpge.spe');
    const peaks = findPeaks(spectrum, { fwhmAt: (e) => Math.sqrt(0.45 + 0.0023 * e) });
    for (const energy of [1461.4, 511.1, 609.6, 2615.7]) {
      expect(Math.abs(nearest(peaks, energy).centroidKeV - energy)).toBeLessThan(0.5);
    }
  });
});

describe('findPeaks: simulated spectra', () => {
  it.each([1, 2])('finds every simulated line with centroid and area within 3σ (seed %d)', (seed) => {
    const sim = simulateHpge(seed);
    for (const fwhmAt of [simulatedHpgeFwhm, undefined]) {
      const peaks = findPeaks(spectrumOf(sim.counts, sim.energies, 'keV'), fwhmAt === undefined ? {} : { fwhmAt });
      expectWellFormed(peaks);
      for (const line of sim.peaks) {
        const peak = nearest(peaks, line.energy);
        expect(Math.abs(peak.centroidKeV - line.energy)).toBeLessThan(3 * peak.centroidSigmaKeV + 0.01);
        expect(Math.abs(peak.netArea - line.area)).toBeLessThan(3 * peak.netAreaSigma);
        expect(Math.abs(peak.fwhmKeV - line.fwhmKeV)).toBeLessThan(3 * peak.fwhmSigmaKeV + 0.03 * line.fwhmKeV);
      }
      // A few noise peaks at most besides the lines.
      expect(peaks.length).toBeLessThanOrEqual(sim.peaks.length + 5);
    }
  });

  it('reports channels, not keV, when the axis is not in keV', () => {
    const sim = simulateHpge(3);
    const channels = Float64Array.from(sim.counts, (_, i) => i);
    const peaks = findPeaks(spectrumOf(sim.counts, channels, 'channel'));
    for (const line of sim.peaks) {
      const peak = nearest(peaks, line.channel);
      expect(peak.centroidKeV).toBe(peak.centroidChannel);
      expect(Math.abs(peak.centroidChannel - line.channel)).toBeLessThan(3 * peak.centroidSigmaKeV + 0.05);
    }
    const co60 = nearest(peaks, sim.peaks.find((p) => p.energy === 1332.49)?.channel ?? 0);
    expect(co60.fwhmKeV / (simulatedHpgeFwhm(1332.49) / (0.25 + 4e-7 * co60.centroidChannel))).toBeCloseTo(1, 1);
  });

  it('maxPeaks keeps the most significant; a higher threshold keeps fewer', () => {
    const spectrum = spectrumOf(simulateHpge(4).counts, simulateHpge(4).energies, 'keV');
    const all = findPeaks(spectrum, { fwhmAt: simulatedHpgeFwhm });
    const five = findPeaks(spectrum, { fwhmAt: simulatedHpgeFwhm, maxPeaks: 5 });
    expect(five).toHaveLength(5);
    const cut = [...all].sort((p, q) => q.significance - p.significance)[4]?.significance as number;
    expect(five.every((p) => p.significance >= cut)).toBe(true);
    expectWellFormed(five);
    const strict = findPeaks(spectrum, { fwhmAt: simulatedHpgeFwhm, threshold: 20 });
    expect(strict.length).toBeLessThan(all.length);
    expectWellFormed(strict, 20);
  });

  it('finds next to nothing on a flat Poisson continuum, and nothing in an empty or tiny spectrum', () => {
    const x = Float64Array.from({ length: 4096 }, (_, i) => 0.5 * i);
    const flat = findPeaks(
      spectrumOf(
        poissonCounts(
          expectedCounts(4096, [], () => 100),
          1,
        ),
        x,
        'keV',
      ),
      {
        fwhmAt: () => 3,
      },
    );
    expect(flat.length).toBeLessThanOrEqual(3);
    expect(findPeaks(spectrumOf(new Float64Array(4096), x, 'keV'))).toEqual([]);
    expect(findPeaks(spectrumOf(new Float64Array(8).fill(3), x.slice(0, 8), 'keV'))).toEqual([]);
  });
});

describe('findPeaks: errors', () => {
  const x = Float64Array.from({ length: 256 }, (_, i) => i);
  const counts = new Float64Array(256).fill(10);

  it('a count that is not finite → INVALID_DATA with the file', () => {
    const bad = Float64Array.from(counts);
    bad[17] = Number.NaN;
    const error = thrown(() => findPeaks(spectrumOf(bad, x, 'channel')));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.file).toBe('sim.spe');
    expect(error.message).toContain('17');
  });

  it.each([
    ['threshold 0', { threshold: 0 }, 'threshold'],
    ['threshold Infinity', { threshold: Number.POSITIVE_INFINITY }, 'threshold'],
    ['maxPeaks 0', { maxPeaks: 0 }, 'maxPeaks'],
    ['maxPeaks 2.5', { maxPeaks: 2.5 }, 'maxPeaks'],
    ['fwhmAt 0', { fwhmAt: () => 0 }, 'fwhmAt'],
    ['fwhmAt NaN', { fwhmAt: (e: number) => (e > 100 ? Number.NaN : 2) }, 'fwhmAt'],
  ])('%s → INVALID_OPTION', (_, options, name) => {
    const error = thrown(() => findPeaks(spectrumOf(counts, x, 'channel'), options));
    expect(error.code).toBe('INVALID_OPTION');
    expect(error.message).toContain(name);
  });
});
