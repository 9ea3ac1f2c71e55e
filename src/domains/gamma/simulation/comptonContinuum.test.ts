import { describe, expect, it } from 'vitest';
import { comptonContinuum, scatterTemplate, TEMPLATE_BINS } from './comptonContinuum';
import { DETECTOR_MODELS } from './detectorModels';
import { detectorEfficiency } from './efficiency';
import { backscatterEnergy, comptonEdge } from './kleinNishina';
import { simulateSpectrum } from './simulateSpectrum';

const density = (cdf: Float64Array): Float64Array =>
  Float64Array.from({ length: TEMPLATE_BINS }, (_, i) => (cdf[i + 1] as number) - (cdf[i] as number));
const bin = (energy: number, span: number): number => Math.floor((energy / span) * TEMPLATE_BINS);

describe('comptonContinuum', () => {
  for (const id of ['nai-3x3', 'csi-radiacode', 'hpge-coax-40'] as const) {
    it(`integrates to the continuum efficiency (total − peaks) of ${id}`, () => {
      const eff = detectorEfficiency(DETECTOR_MODELS[id]);
      for (const e of [122, 661.657, 1332.5, 2614.5, 6129, 10829]) {
        const t = comptonContinuum(eff, e);
        expect(t.cdf[TEMPLATE_BINS] as number).toBeCloseTo(eff.continuum(e), 10);
      }
    });
  }

  it('has a Compton edge: the density falls steeply just above E_C and the valley is low in a small crystal', () => {
    const eff = detectorEfficiency(DETECTOR_MODELS['csi-radiacode']);
    const e = 661.657;
    const d = density(comptonContinuum(eff, e).cdf);
    const edge = comptonEdge(e);
    const below = d[bin(edge - 15, e)] as number;
    const valley = d[bin((edge + e) / 2, e)] as number;
    const plateau = d[bin(370, e)] as number;
    expect(below).toBeGreaterThan(plateau);
    expect(valley).toBeLessThan(0.35 * plateau);
  });

  it('fills the valley more in a large crystal (multiple scatter) than in a small one', () => {
    const e = 661.657;
    const valleyShare = (id: 'nai-3x3' | 'csi-radiacode') => {
      const d = density(comptonContinuum(detectorEfficiency(DETECTOR_MODELS[id]), e).cdf);
      return (d[bin(560, e)] as number) / (d[bin(370, e)] as number);
    };
    expect(valleyShare('nai-3x3')).toBeGreaterThan(valleyShare('csi-radiacode'));
  });

  it('puts pair-production partial deposits between the double-escape and the full-energy peak at 6 MeV', () => {
    const eff = detectorEfficiency(DETECTOR_MODELS['nai-3x3']);
    const e = 6129;
    const d = density(comptonContinuum(eff, e).cdf);
    let above = 0;
    for (let i = bin(e - 1022, e); i < TEMPLATE_BINS; i++) above += d[i] as number;
    expect(above).toBeGreaterThan(0);
    expect(d[TEMPLATE_BINS - 1]).toBeGreaterThanOrEqual(0);
  });
});

describe('scatterTemplate', () => {
  it('makes a backscatter hump that peaks near E/(1 + 2E/511)', () => {
    const eff = detectorEfficiency(DETECTOR_MODELS['nai-3x3']);
    const e = 661.657;
    const d = density(scatterTemplate(eff, e, -1, -0.5).cdf);
    let best = 0;
    for (let i = 1; i < TEMPLATE_BINS; i++) if ((d[i] as number) > (d[best] as number)) best = i;
    const peakEnergy = ((best + 0.5) / TEMPLATE_BINS) * e;
    expect(Math.abs(peakEnergy - backscatterEnergy(e))).toBeLessThan(5);
  });

  it('is per scattered photon: its total is the mean total efficiency of the scattered photons', () => {
    const eff = detectorEfficiency(DETECTOR_MODELS['csi-radiacode']);
    const t = scatterTemplate(eff, 1332.5, -0.5, Math.cos(Math.PI / 6));
    const total = t.cdf[TEMPLATE_BINS] as number;
    expect(total).toBeGreaterThan(eff.total(1332.5));
    expect(total).toBeLessThan(1);
  });
});

describe('peak-to-Compton of the HPGe model', () => {
  it('is in the range of 40 % coaxial HPGe data sheets at 1332 keV (IEEE 325: peak height / mean 1040–1096 keV ≈ 55–65)', () => {
    const s = simulateSpectrum({
      detector: 'hpge-coax-40',
      liveTimeS: 100,
      seed: 1,
      background: false,
      backscatterFraction: 0,
      sideScatterFraction: 0,
      sources: [{ lines: [{ energyKeV: 1332.492, intensityPct: 100, kind: 'gamma' }], expectedCounts: 1e7 }],
    });
    const k = 3000 / 16384;
    let peak = 0;
    for (let i = Math.round(1320 / k); i < Math.round(1345 / k); i++) peak = Math.max(peak, s.expected[i] as number);
    let sum = 0;
    let n = 0;
    for (let i = Math.round(1040 / k); i <= Math.round(1096 / k); i++) {
      sum += s.expected[i] as number;
      n++;
    }
    const pc = peak / (sum / n);
    expect(pc).toBeGreaterThan(45);
    expect(pc).toBeLessThan(75);
  });
});
