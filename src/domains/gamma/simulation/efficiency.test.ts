import { describe, expect, it } from 'vitest';
import { crystalCrossSections } from './crystalCrossSections';
import { buildCrystalPhysics, electronRangeGcm2 } from './crystalPhysics';
import { DETECTOR_IDS, DETECTOR_MODELS } from './detectorModels';
import { detectorEfficiency } from './efficiency';

const nai3 = DETECTOR_MODELS['nai-3x3'];
const hpge = DETECTOR_MODELS['hpge-coax-40'];

describe('crystal cross-sections (NIST XCOM)', () => {
  it('match XCOM totals (with coherent) at grid energies', () => {
    const total = (m: Parameters<typeof crystalCrossSections>[0], e: number) => {
      const x = crystalCrossSections(m, e);
      return x.totalWithoutCoherent + x.coherent;
    };
    expect(total('CsI', 1000)).toBeCloseTo(0.05848, 4);
    expect(total('NaI', 600)).toBeCloseTo(0.08225, 4);
    expect(total('Ge', 100)).toBeCloseTo(0.5551, 3);
    expect(crystalCrossSections('Ge', 1000).pair).toBe(0);
    expect(crystalCrossSections('Ge', 10000).pair).toBeCloseTo(0.01795, 5);
  });

  it('jump at the K edges of their elements', () => {
    for (const [m, edge] of [
      ['NaI', 33.169],
      ['CsI', 35.985],
      ['Ge', 11.103],
      ['LaBr3', 38.925],
      ['CZT', 26.711],
    ] as const) {
      expect(
        crystalCrossSections(m, edge).photoelectric / crystalCrossSections(m, edge - 0.01).photoelectric,
      ).toBeGreaterThan(1.5);
    }
  });
});

describe('detector efficiencies', () => {
  it('reproduce the GADRAS NaI 3″×3″ and HPGe 40 % tables at their energies (within 1 %)', () => {
    for (const model of [nai3, hpge]) {
      const eff = detectorEfficiency(model);
      const source = model.efficiency;
      if (source.kind !== 'table') throw new Error('table expected');
      source.table.energiesKeV.forEach((e, i) => {
        const peak = (source.table.peakPct[i] as number) / 100;
        expect(eff.peak(e) / peak).toBeCloseTo(1, 2);
        const se = (source.table.singleEscapePct[i] as number) / 100;
        if (se > 0) expect(eff.singleEscape(e) / se).toBeCloseTo(1, 2);
        const de = (source.table.doubleEscapePct[i] as number) / 100;
        if (de > 0) expect(eff.doubleEscape(e) / de).toBeCloseTo(1, 2);
      });
    }
  });

  it('give the classic NaI 3″×3″ peak-to-total ratio at 662 keV (≈ 0.45–0.55)', () => {
    const eff = detectorEfficiency(nai3);
    const pt = eff.peak(661.657) / eff.total(661.657);
    expect(pt).toBeGreaterThan(0.45);
    expect(pt).toBeLessThan(0.55);
  });

  it('uncorrected crystal model stays within 25 % of the NaI 3″×3″ table from 400 keV to 3 MeV', () => {
    const physics = buildCrystalPhysics('NaI', nai3.geometry);
    const table = nai3.efficiency.kind === 'table' ? nai3.efficiency.table : undefined;
    const eff = detectorEfficiency(nai3);
    table?.energiesKeV.forEach((e, i) => {
      if (e < 400 || e > 3000) return;
      const model = eff.total(e) * physics.peakProbabilities(e).full;
      expect(model / ((table.peakPct[i] as number) / 100)).toBeGreaterThan(0.75);
      expect(model / ((table.peakPct[i] as number) / 100)).toBeLessThan(1.33);
    });
  });

  it('lose peak-to-total with crystal size at 662 keV: NaI 3×3 > NaI 2×2 > CsI 1 cm³', () => {
    const pt = (id: (typeof DETECTOR_IDS)[number]) => {
      const eff = detectorEfficiency(DETECTOR_MODELS[id]);
      return eff.peak(661.657) / eff.total(661.657);
    };
    expect(pt('nai-3x3')).toBeGreaterThan(pt('nai-2x2'));
    expect(pt('nai-2x2')).toBeGreaterThan(pt('csi-radiacode'));
    expect(pt('csi-radiacode')).toBeGreaterThan(0.12);
    expect(pt('csi-radiacode')).toBeLessThan(0.3);
    expect(pt('labr3-1.5x1.5')).toBeGreaterThan(pt('csi-radiacode'));
  });

  it('are consistent for every detector from 20 keV to 12 MeV (0 ≤ peak ≤ total ≤ 1, continuum ≥ 0)', () => {
    for (const id of DETECTOR_IDS) {
      const eff = detectorEfficiency(DETECTOR_MODELS[id]);
      for (let e = 20; e <= 12000; e *= 1.15) {
        const total = eff.total(e);
        expect(total).toBeLessThanOrEqual(1);
        expect(eff.peak(e)).toBeGreaterThanOrEqual(0);
        expect(eff.peak(e) + eff.singleEscape(e) + eff.doubleEscape(e)).toBeLessThanOrEqual(total + 1e-12);
        expect(eff.continuum(e)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('give x-ray escape peaks only above the K edge (I Kα escape of NaI at 60 keV: a few % of the peak)', () => {
    const eff = detectorEfficiency(nai3);
    expect(eff.xrayEscapePeaks(30)).toEqual([]);
    const escapes = eff.xrayEscapePeaks(59.54);
    const kAlpha = escapes.find((x) => Math.abs(x.energyKeV - (59.54 - 28.51)) < 0.01);
    expect(kAlpha).toBeDefined();
    const ratio = (kAlpha?.efficiency ?? 0) / eff.peak(59.54);
    expect(ratio).toBeGreaterThan(0.02);
    expect(ratio).toBeLessThan(0.15);
    const ge = detectorEfficiency(hpge).xrayEscapePeaks(20);
    expect(ge.some((x) => Math.abs(x.energyKeV - (20 - 9.88)) < 0.01)).toBe(true);
  });

  it('make single escape stronger than the photopeak in NaI 3″×3″ at 10.8 MeV (grs-notes §4.2)', () => {
    const eff = detectorEfficiency(nai3);
    expect(eff.singleEscape(10829)).toBeGreaterThan(eff.peak(10829));
  });
});

describe('electronRangeGcm2 (Katz–Penfold)', () => {
  it('gives 0.412 g/cm² at 1 MeV and is continuous at 2.5 MeV', () => {
    expect(electronRangeGcm2(1)).toBeCloseTo(0.412, 6);
    expect(electronRangeGcm2(2.5)).toBeCloseTo(0.53 * 2.5 - 0.106, 1);
    expect(electronRangeGcm2(0)).toBe(0);
  });
});
