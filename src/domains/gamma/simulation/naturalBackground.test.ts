import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelEnergies } from '../calibration/energyCalibration';
import { parseRadiacodeXml } from '../formats/radiacodeXml';
import { DETECTOR_MODELS } from './detectorModels';
import { naturalBackground } from './naturalBackground';
import { simulateSpectrum } from './simulateSpectrum';

const nai = DETECTOR_MODELS['nai-3x3'];

function strongestIn(spectrum: Float64Array, keVPerChannel: number, lo: number, hi: number): number {
  let best = Math.ceil(lo / keVPerChannel);
  for (let i = best; i <= Math.floor(hi / keVPerChannel); i++)
    if ((spectrum[i] as number) > (spectrum[best] as number)) best = i;
  return best * keVPerChannel;
}

describe('naturalBackground', () => {
  it('lists K-40, the U-238 and Th-232 chains and the annihilation line, sorted by energy', () => {
    const { lines } = naturalBackground(nai);
    const energies = lines.map((l) => l.energyKeV);
    expect(energies).toEqual([...energies].sort((a, b) => a - b));
    for (const e of [1460.82, 2614.51, 609.31, 351.93, 238.63, 911.2, 511]) expect(energies).toContain(e);
    const w = (e: number) => lines.find((l) => l.energyKeV === e)?.weight ?? 0;
    // Typical soil: the K-40 line is the strongest above 1 MeV; Tl-208 2614 well below it.
    expect(w(1460.82)).toBeGreaterThan(w(2614.51));
    expect(w(1460.82)).toBeGreaterThan(w(1764.49));
    expect(w(609.31)).toBeGreaterThan(w(1120.29));
  });

  it('adds lead x-rays only inside a lead shield and La-138 only for LaBr3', () => {
    expect(naturalBackground(nai).lines.some((l) => l.emitter === 'Pb (shield)')).toBe(false);
    expect(naturalBackground(nai, { leadXrays: true }).lines.filter((l) => l.emitter === 'Pb (shield)')).toHaveLength(
      4,
    );
    expect(naturalBackground(DETECTOR_MODELS['labr3-1.5x1.5']).lines.some((l) => l.emitter.startsWith('La-138'))).toBe(
      true,
    );
    expect(naturalBackground(nai).lines.some((l) => l.emitter.startsWith('La-138'))).toBe(false);
  });

  it('scales activities: doubling thorium doubles the 2614 keV weight', () => {
    const a = naturalBackground(nai).lines.find((l) => l.energyKeV === 2614.51)?.weight ?? 0;
    const b = naturalBackground(nai, { thoriumBqPerKg: 60 }).lines.find((l) => l.energyKeV === 2614.51)?.weight ?? 0;
    expect(b / a).toBeCloseTo(2, 10);
  });

  it('simulates a NaI background spectrum at the requested rate with the K-40, Tl-208 and Bi-214 peaks', () => {
    const s = simulateSpectrum({ detector: 'nai-3x3', liveTimeS: 3600, seed: 5, background: { rateCps: 60 } });
    const sum = s.expected.reduce((a, b) => a + b, 0);
    expect(sum / (60 * 3600)).toBeCloseTo(1, 1);
    const keV = 3000 / 1024;
    expect(Math.abs(strongestIn(s.expected, keV, 1380, 1540) - 1460.8)).toBeLessThan(12);
    expect(Math.abs(strongestIn(s.expected, keV, 2500, 2750) - 2614.5)).toBeLessThan(15);
    expect(Math.abs(strongestIn(s.expected, keV, 560, 660) - 609.3)).toBeLessThan(15);
    // The falling continuum: more counts per channel at 150 keV than at 1 MeV.
    expect(s.expected[Math.round(150 / keV)] as number).toBeGreaterThan(
      5 * (s.expected[Math.round(1000 / keV)] as number),
    );
  });
});

describe('background shape vs a real RadiaCode-102 background (rc_dt_bg.xml)', () => {
  it('falls steeply with energy in both (counts/keV at 50–150 keV over 600–1000 keV > 10)', () => {
    const file = 'rc_dt_bg.xml';
    const measured = parseRadiacodeXml(
      new Uint8Array(readFileSync(path.resolve(process.cwd(), 'test/fixtures/grs', file))),
      file,
    )[0];
    const calibration = measured?.x.calibration;
    if (measured === undefined || calibration === undefined) throw new Error('fixture without spectrum');
    const energies = channelEnergies(calibration, measured.y.values.length);
    const rate = measured.y.values.reduce((a, b) => a + b, 0) / 1800;
    const sim = simulateSpectrum({
      detector: 'csi-radiacode',
      calibration,
      liveTimeS: 1800,
      seed: 9,
      background: { rateCps: rate },
    });
    const perKeV = (y: ArrayLike<number>, lo: number, hi: number) => {
      let s = 0;
      energies.forEach((e, i) => {
        if (e >= lo && e < hi) s += y[i] as number;
      });
      return s / (hi - lo);
    };
    for (const y of [measured.y.values, sim.expected])
      expect(perKeV(y, 50, 150) / perKeV(y, 600, 1000)).toBeGreaterThan(10);
    expect(sim.truth.backgroundExpectedCounts).toBeCloseTo(rate * 1800, 6);
  });
});
