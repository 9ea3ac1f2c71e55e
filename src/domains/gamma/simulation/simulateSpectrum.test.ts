import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core/errors';
import { polynomialCalibration } from '../calibration/energyCalibration';
import type { NuclideLine } from '../nuclides/nuclide';
import { transmission } from './attenuation';
import { DETECTOR_MODELS } from './detectorModels';
import { detectorEfficiency } from './efficiency';
import { type SimulateSpectrumOptions, simulateSpectrum } from './simulateSpectrum';

const g = (energyKeV: number, intensityPct: number): NuclideLine => ({ energyKeV, intensityPct, kind: 'gamma' });
const CS137 = [g(661.657, 85.1)];
const CO60 = [g(1173.228, 99.85), g(1332.492, 99.98)];
const AM241 = [g(59.5409, 35.9)];

/** Energy (linear calibration, keV per channel `k`) of the largest value in [lo, hi] keV. */
function peakAt(values: Float64Array, k: number, lo: number, hi: number): number {
  let best = Math.ceil(lo / k);
  for (let i = best; i <= Math.floor(hi / k); i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best * k;
}

function sum(values: Float64Array, from = 0, to = values.length): number {
  let s = 0;
  for (let i = from; i < to; i++) s += values[i] as number;
  return s;
}

const base: SimulateSpectrumOptions = {
  detector: 'nai-3x3',
  liveTimeS: 600,
  seed: 42,
  sources: [{ lines: CS137, activityBq: 1e5, distanceCm: 25 }],
};

describe('simulateSpectrum: noise and reproducibility', () => {
  it('is deterministic for a seed and differs between seeds (same expectation)', () => {
    const a = simulateSpectrum(base);
    const b = simulateSpectrum(base);
    const c = simulateSpectrum({ ...base, seed: 43 });
    expect(Array.from(a.counts)).toEqual(Array.from(b.counts));
    expect(Array.from(a.counts)).not.toEqual(Array.from(c.counts));
    expect(Array.from(a.expected)).toEqual(Array.from(c.expected));
  });

  it('draws non-negative integer counts whose total agrees with the expectation', () => {
    const s = simulateSpectrum(base);
    expect(s.counts.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const mu = sum(s.expected);
    expect(Math.abs(sum(s.counts) - mu)).toBeLessThan(5 * Math.sqrt(mu));
    expect(s.truth.totalExpectedCounts).toBeCloseTo(mu, 6);
  });

  it('rescales to a target total for low-count regimes', () => {
    const s = simulateSpectrum({ ...base, targetTotalCounts: 40 });
    expect(sum(s.expected)).toBeCloseTo(40, 8);
    expect(sum(s.counts)).toBeLessThan(100);
    expect(s.truth.sources[0]?.expectedCounts ?? 0).toBeLessThan(40);
  });
});

describe('simulateSpectrum: physics', () => {
  it('gives A·t·I·Ω/4π·ε_peak full-energy counts for an activity at a distance', () => {
    const s = simulateSpectrum({ ...base, background: false });
    const r = 7.62 / 2;
    const omega = 0.5 * (1 - 25 / Math.hypot(25, r));
    const expected = 1e5 * 600 * 0.851 * omega * detectorEfficiency(DETECTOR_MODELS['nai-3x3']).peak(661.657);
    expect(s.truth.sources[0]?.lines[0]?.expectedPeakCounts ?? 0).toBeCloseTo(expected, 3);
    const twice = simulateSpectrum({ ...base, background: false, liveTimeS: 1200 });
    expect(sum(twice.expected) / sum(s.expected)).toBeCloseTo(2, 6);
  });

  it('hits an expected-count target per source', () => {
    const s = simulateSpectrum({ ...base, background: false, sources: [{ lines: CO60, expectedCounts: 1e5 }] });
    expect(s.truth.sources[0]?.expectedCounts ?? 0).toBeCloseTo(1e5, 3);
    expect(sum(s.expected) / 1e5).toBeGreaterThan(0.98);
    expect(sum(s.expected) / 1e5).toBeLessThan(1.01);
  });

  it('puts peaks at the line energies on NaI and resolves HPGe lines with the GADRAS FWHM', () => {
    const k = 3000 / 1024;
    const nai = simulateSpectrum({ ...base, sources: [{ lines: [...CS137, ...CO60], expectedCounts: 1e6 }] });
    expect(Math.abs(peakAt(nai.expected, k, 600, 720) - 661.7)).toBeLessThan(k);
    expect(Math.abs(peakAt(nai.expected, k, 1100, 1250) - 1173.2)).toBeLessThan(2 * k);
    expect(Math.abs(peakAt(nai.expected, k, 1260, 1420) - 1332.5)).toBeLessThan(2 * k);
    const hpge = simulateSpectrum({
      detector: 'hpge-coax-40',
      liveTimeS: 100,
      seed: 1,
      background: false,
      sources: [{ lines: CS137, expectedCounts: 1e6 }],
    });
    const kg = 3000 / 16384;
    const c = Math.round(661.657 / kg);
    const y = (i: number) => hpge.expected[i] as number;
    const half = y(c) / 2;
    let lo = c;
    let hi = c;
    while (y(lo) > half) lo--;
    while (y(hi) > half) hi++;
    // Half-maximum crossings by linear interpolation; GADRAS HPGe 40 %: 1.65 keV at 662 keV.
    const left = lo + (half - y(lo)) / (y(lo + 1) - y(lo));
    const right = hi - 1 + (y(hi - 1) - half) / (y(hi - 1) - y(hi));
    expect((right - left) * kg).toBeGreaterThan(1.6);
    expect((right - left) * kg).toBeLessThan(1.8);
  });

  it('shows single- and double-escape peaks of 10.83 MeV N(n,γ) in NaI over a 12 MeV range', () => {
    const k = 12000 / 1024;
    const s = simulateSpectrum({
      detector: 'nai-3x3',
      liveTimeS: 100,
      seed: 2,
      background: false,
      calibration: polynomialCalibration([0, k], 1024),
      sources: [{ lines: [g(10829.1, 100)], expectedCounts: 1e6 }],
    });
    // Each peak is a local maximum within ±6 channels (a third of the FWHM) of its energy: the
    // double-escape peak sits on the step of pair events with one partly absorbed 511 keV quantum.
    for (const e of [10829.1, 10318.1, 9807.1]) {
      const top = Math.round(peakAt(s.expected, k, e - 6 * k, e + 6 * k) / k);
      expect(Math.abs(top * k - e)).toBeLessThan(6 * k);
      for (const d of [-3, 3]) expect(s.expected[top] as number).toBeGreaterThan(s.expected[top + d] as number);
    }
    expect(s.expected[Math.round(10318.1 / k)] as number).toBeGreaterThan(
      s.expected[Math.round(10829.1 / k)] as number,
    );
  });

  it('attenuates through shielding (more at low energy) and adds Pb x-rays and 511 keV from lead', () => {
    const opts: SimulateSpectrumOptions = {
      detector: 'hpge-coax-40',
      liveTimeS: 600,
      seed: 3,
      background: false,
      sources: [{ lines: [...AM241, ...CS137, g(2614.5, 100)], activityBq: 1e6, distanceCm: 30 }],
    };
    const open = simulateSpectrum(opts);
    const lead = simulateSpectrum({ ...opts, shielding: [{ material: 'lead', arealDensityGcm2: 11.35 }] });
    const peak = (s: typeof open, i: number) => s.truth.sources[0]?.lines[i]?.expectedPeakCounts ?? 0;
    expect(peak(lead, 1) / peak(open, 1)).toBeCloseTo(transmission('lead', 11.35, 661.657), 8);
    expect(peak(lead, 0) / peak(open, 0)).toBeLessThan(1e-10);
    const kg = 3000 / 16384;
    const at = (s: typeof open, e: number) => s.expected[Math.round(e / kg)] as number;
    // A shield next to the detector: Pb Kα peaks on the continuum, absent without lead.
    expect(at(lead, 74.97)).toBeGreaterThan(1.1 * at(lead, 68));
    expect(at(lead, 84.94)).toBeGreaterThan(1.05 * at(lead, 81));
    expect(at(open, 74.97)).toBeLessThan(1.02 * at(open, 68));
    expect(at(lead, 511)).toBeGreaterThan(3 * at(lead, 530));
  });

  it('shifts peaks with gain drift and widens them with the resolution scale', () => {
    const k = 3000 / 1024;
    const drifted = simulateSpectrum({ ...base, gain: 1.05, background: false });
    expect(Math.abs(peakAt(drifted.expected, k, 600, 760) - 661.657 * 1.05)).toBeLessThan(1.5 * k);
    const wide = simulateSpectrum({ ...base, resolutionScale: 1.5, background: false });
    const narrow = simulateSpectrum({ ...base, background: false });
    expect(wide.expected[Math.round(661.657 / k)] as number).toBeLessThan(
      0.75 * (narrow.expected[Math.round(661.657 / k)] as number),
    );
  });

  it('shows the backscatter peak of Cs-137 near 184 keV on the small CsI detector', () => {
    const s = simulateSpectrum({
      detector: 'csi-radiacode',
      liveTimeS: 600,
      seed: 4,
      background: false,
      sources: [{ lines: CS137, expectedCounts: 1e6 }],
    });
    const k = 3000 / 1024;
    const hump = peakAt(s.expected, k, 150, 260);
    expect(hump).toBeGreaterThan(175);
    expect(hump).toBeLessThan(205);
    expect(s.expected[Math.round(hump / k)] as number).toBeGreaterThan(
      1.15 * (s.expected[Math.round(290 / k)] as number),
    );
  });
});

describe('simulateSpectrum: invalid options', () => {
  const bad: [string, Partial<SimulateSpectrumOptions>][] = [
    ['negative live time', { liveTimeS: -1 }],
    ['unknown detector', { detector: 'geiger' as never }],
    ['non-integer seed', { seed: 1.5 }],
    ['zero gain', { gain: 0 }],
    ['huge nonlinearity', { nonlinearityKeV: -9000 }],
    ['activity and expected counts', { sources: [{ lines: CS137, activityBq: 1, distanceCm: 1, expectedCounts: 5 }] }],
    ['activity without geometry', { sources: [{ lines: CS137, activityBq: 1 }] }],
    ['unknown shield', { shielding: [{ material: 'gold' as never, arealDensityGcm2: 1 }] }],
    ['negative line energy', { sources: [{ lines: [g(-5, 10)], expectedCounts: 5 }] }],
    ['bad calibration', { calibration: polynomialCalibration([0, 0], 1024) }],
  ];
  for (const [name, patch] of bad) {
    it(`rejects ${name} with INVALID_OPTION`, () => {
      let error: unknown;
      try {
        simulateSpectrum({ ...base, ...patch });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(WorkbenchError);
      expect((error as WorkbenchError).code).toBe('INVALID_OPTION');
    });
  }
});
