import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSpe } from '../formats/spe';
import { findPeaks } from '../peaks/findPeaks';
import { type IdentificationResult, identifyNuclides } from './identifyNuclides';

/** The whole chain on a real file: SPE reader → peak finder → identification over the calibrated range. */
function identifyFixture(name: string): IdentificationResult {
  const bytes = new Uint8Array(readFileSync(resolve(process.cwd(), 'test/fixtures/grs', name)));
  const spectrum = parseSpe(bytes, name)[0];
  if (spectrum === undefined) throw new Error(`${name}: no spectrum`);
  const x = spectrum.x.values;
  return identifyNuclides(findPeaks(spectrum), { energyRangeKeV: [x[0] as number, x[x.length - 1] as number] });
}

const found = (r: IdentificationResult, name: string) => r.candidates.find((c) => c.nuclide === name);

describe('identifyNuclides on real HPGe spectra (SPE reader + findPeaks)', () => {
  it('finds the natural background of a lead cave (MANIFEST: 1461.4, 511.1, 92.6, 185.8, 238.8, 609.6, 2615.7 keV)', () => {
    const r = identifyFixture('bq_1110C_naa_cave_background_hpge.spe');
    for (const name of ['K-40', 'Th-232 chain']) {
      expect(found(r, name), name).toBeDefined();
      expect(found(r, name)?.naturalBackground).toBe(true);
    }
    const uranium = found(r, 'U-238 chain') ?? found(r, 'Ra-226 chain');
    expect(uranium?.naturalBackground).toBe(true);
    expect(uranium?.matchedLines.some((l) => Math.abs(l.energyKeV - 609.31) < 0.1)).toBe(true);
    const th = found(r, 'Th-232 chain');
    expect(
      th?.matchedLines.some((l) => Math.abs(l.energyKeV - 2614.51) < 0.1 && Math.abs(l.peakEnergyKeV - 2615.7) < 1),
    ).toBe(true);
    expect(th?.matchedLines.some((l) => Math.abs(l.energyKeV - 238.63) < 0.1)).toBe(true);
    const labels = r.backgroundPeaks.map((b) => b.line);
    expect(labels).toContain('annihilation (511 keV)');
    expect(labels).toContain('single escape of 2614.5 keV (Th-232 chain)');
    expect(found(r, 'F-18')).toBeUndefined();
  });

  it('finds Eu-152, Co-60 and Cs-134 in the neutron-activated pottery (MANIFEST peaks 121.8 … 1408.5 keV)', () => {
    const r = identifyFixture('bq_1110C_naa_cave_pottery_hpge.spe');
    for (const name of ['Eu-152', 'Co-60', 'Cs-134']) {
      expect(found(r, name), name).toBeDefined();
      expect(found(r, name)?.naturalBackground).toBe(false);
    }
    expect(found(r, 'Co-60')?.score).toBeGreaterThan(0.9);
    const eu = found(r, 'Eu-152');
    expect(eu?.matchedLines.filter((l) => !l.atBackgroundLine).length).toBeGreaterThanOrEqual(10);
    // Co-57 (122.1 keV) shares Eu-152's strongest peak and must be explained away.
    expect(found(r, 'Co-57')).toBeUndefined();
    expect(r.backgroundPeaks.map((b) => b.line)).toContain('sum of 1173.2 + 1332.5 keV (Co-60)');
  });

  it('finds K-40 as the dominant line of a kelp sample, with the U and Th series', () => {
    const r = identifyFixture('bq_mendocino_kelp_poptop_hpge.spe');
    expect(found(r, 'K-40')?.score).toBeGreaterThan(0.95);
    expect(found(r, 'Th-232 chain')?.naturalBackground).toBe(true);
    expect(found(r, 'U-238 chain') ?? found(r, 'Ra-226 chain')).toBeDefined();
    const labels = r.backgroundPeaks.map((b) => b.line);
    expect(labels).toContain('single escape of 1460.8 keV (K-40)');
  });
});
