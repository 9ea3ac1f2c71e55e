import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { energyAtChannel } from '../calibration/energyCalibration';
import { parseN42 } from './n42';
import { sniffN42 } from './n42.format';
import { smoothedPeakKeV } from './readerTestSupport';

/** LGPL fixtures stay outside the repository (test/fixtures/README.md); tests using them skip without them. */
const SHARED = path.resolve(process.cwd(), '../shared/fixtures/grs');
const haveShared = existsSync(SHARED);
if (!haveShared) console.warn(`N42 tests: ${SHARED} is missing, the LGPL fixture tests are skipped`);

function read(file: string): Uint8Array {
  const local = path.resolve(process.cwd(), 'test/fixtures/grs', file);
  return new Uint8Array(readFileSync(existsSync(local) ? local : path.join(SHARED, file)));
}

/** Energy (keV) of the highest channel in [lo, hi] keV after a 5-channel moving sum. */
const peakEnergy = (spectrum: Spectrum, lo: number, hi: number): number => smoothedPeakKeV(spectrum, lo, hi, 2);

describe('N42-2012, radiacode-tools conversion (MIT)', () => {
  const [spectrum, ...rest] = parseN42(read('rc_data_am241.n42'), 'rc_data_am241.n42');
  it('reads times, calibration, instrument and detector', () => {
    expect(rest).toHaveLength(0);
    const s = spectrum as Spectrum;
    expect(s.meta).toMatchObject({
      format: 'gamma-n42',
      channelCount: 1024,
      liveTimeS: 613,
      realTimeS: 613,
      startTime: '2023-06-07T05:52:00',
      title: 'Am-241',
      measurementClass: 'Foreground',
      detector: 'radiacode-csi-sipm',
      detectorType: 'CsI',
      instrument: 'Radiacode RadiaCode-102 RC-102-000115',
    });
    expect(s.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [-6.2832313, 2.4383054, 0.0003818],
      channelCount: 1024,
      unit: 'keV',
      channelReference: 'lowerEdge',
    });
    expect(s.y.values.reduce((a, b) => a + b, 0)).toBe(306058);
  });
  it('shows Am-241 at 60–64 keV', () => {
    expect(peakEnergy(spectrum as Spectrum, 40, 100)).toBeGreaterThan(59);
    expect(peakEnergy(spectrum as Spectrum, 40, 100)).toBeLessThan(65);
  });
  it('is sniffed with high confidence', () => {
    expect(sniffN42(read('rc_data_am241.n42'))).toBe(0.95);
  });
});

describe.skipIf(!haveShared)('N42-2012 written by InterSpec (LGPL fixtures)', () => {
  it('trinitite sample: times, 8192 channels, neutrons, device results, Cs-137 and K-40', () => {
    const [s, ...rest] = parseN42(read('is_detex100_trinitite_sample_b.n42'), 'trinitite.n42');
    expect(rest).toHaveLength(0);
    const spectrum = s as Spectrum;
    expect(spectrum.meta).toMatchObject({
      channelCount: 8192,
      liveTimeS: 15569.379883,
      realTimeS: 15882.019531,
      startTime: '2011-03-13T19:14:36Z',
      detectorType: 'HPGe',
      instrument: 'Ortec DetectiveEX100 EX100',
      measurementClass: 'NotSpecified',
      sampleNumber: 1,
      neutronCounts: 3447,
    });
    expect(spectrum.meta.detector).toBeUndefined(); // InterSpec's "unamed" placeholder
    const nuclides = String(spectrum.meta.deviceIdentifiedNuclides).split(', ');
    expect(nuclides).toEqual(expect.arrayContaining(['Cs137', 'Am241']));
    expect(Math.abs(peakEnergy(spectrum, 650, 670) - 661.3)).toBeLessThan(1);
    expect(Math.abs(peakEnergy(spectrum, 1450, 1470) - 1460.8)).toBeLessThan(1);
  });

  it('trinitite background', () => {
    const [s] = parseN42(read('is_detex100_trinitite_background.n42'), 'bg.n42');
    expect(s?.meta).toMatchObject({ liveTimeS: 41610.320312, realTimeS: 42101.539062, neutronCounts: 9041 });
    expect(Math.abs(peakEnergy(s as Spectrum, 1450, 1470) - 1460.8)).toBeLessThan(1);
  });

  it('identiFINDER Ba-133: undeclared DHS: prefix, CountedZeroes, deviation pairs, 356 keV region', () => {
    const [s] = parseN42(read('is_identifinderNG_nai_ba133.n42'), 'ba133.n42');
    const spectrum = s as Spectrum;
    expect(spectrum.meta).toMatchObject({
      channelCount: 1024,
      liveTimeS: 1800,
      realTimeS: 1802.089966,
      title: 'Ba133 Unshielded',
    });
    expect(spectrum.x.calibration?.deviationPairs).toHaveLength(11);
    expect(spectrum.x.calibration?.deviationPairs?.[5]).toEqual([356, 2]);
    expect(Math.abs(peakEnergy(spectrum, 320, 400) - 356)).toBeLessThan(5);
  });

  it('Mn-56 DetX: 16384 channels, deviation pairs applied, peaks at 846.7, 1810.8 and 2113.2 keV ± 1', () => {
    const [s] = parseN42(read('su_Mn56_DetX_Shielded_2012.n42'), 'mn56.n42');
    const spectrum = s as Spectrum;
    const cal = spectrum.x.calibration;
    expect(spectrum.meta).toMatchObject({ channelCount: 16384, liveTimeS: 1800, realTimeS: 1824.650024 });
    expect(cal?.coefficients).toEqual([-0.319999993, 0.488827497, 0]);
    expect(cal?.deviationPairs).toHaveLength(7);
    for (const energy of [846.7, 1810.8, 2113.2]) {
      expect(Math.abs(peakEnergy(spectrum, energy - 10, energy + 10) - energy)).toBeLessThan(1);
    }
    // The axis carries the deviation: at 1810 keV the pairs move energies by about −0.3 keV.
    const channel = 3704;
    // N42 polynomials give lower edges: the channel's centre is the equation at channel + ½.
    const plain = energyAtChannel({ ...(cal as NonNullable<typeof cal>), deviationPairs: [] }, channel + 0.5);
    expect((spectrum.x.values[channel] as number) - plain).toBeCloseTo(-0.31, 1);
  });
});
