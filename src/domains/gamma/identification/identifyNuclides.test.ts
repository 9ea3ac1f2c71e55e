import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import type { GammaPeak } from '../peaks/gammaPeak';
import { hpgeFwhm, type SyntheticOptions, type SyntheticSource, syntheticPeaks } from './identification.testUtil';
import { type IdentificationResult, type IdentifyOptions, identifyNuclides } from './identifyNuclides';

const HPGE: IdentifyOptions = { fwhmAt: hpgeFwhm, energyRangeKeV: [20, 3000] };
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

function run(sources: readonly SyntheticSource[], options: SyntheticOptions, identify: IdentifyOptions = HPGE) {
  const peaks = syntheticPeaks(sources, options);
  return { peaks, result: identifyNuclides(peaks, identify) };
}

const names = (r: IdentificationResult): string[] => r.candidates.map((c) => c.nuclide);

/** A peak at `energyKeV` with a clear area, for hand-made lists. */
function peakAt(energyKeV: number, netArea: number, fwhmKeV = hpgeFwhm(energyKeV)): GammaPeak {
  const netAreaSigma = Math.sqrt(netArea + 400);
  return {
    centroidKeV: energyKeV,
    centroidSigmaKeV: 0.05,
    fwhmKeV,
    fwhmSigmaKeV: 0.05,
    netArea,
    netAreaSigma,
    significance: netArea / netAreaSigma,
    centroidChannel: energyKeV * 2,
    regionId: 0,
  };
}

const NATURAL: readonly SyntheticSource[] = [
  { name: 'K-40', counts: 1e5 },
  { name: 'Th-232 chain', counts: 1e4 },
  { name: 'U-238 chain', counts: 1e4 },
];
/** Annihilation and Pb K X-ray peaks of a shielded detector. */
const SHIELD_PEAKS = [
  { energyKeV: 511, area: 900 },
  { energyKeV: 74.97, area: 700 },
  { energyKeV: 72.805, area: 420 },
  { energyKeV: 84.94, area: 250 },
];

describe('identifyNuclides on synthetic HPGe peak lists', () => {
  it('finds Cs-137 alone and nothing else', () => {
    for (const seed of SEEDS) {
      const { result } = run([{ name: 'Cs-137', counts: 3e4 }], { seed });
      expect(names(result), `seed ${seed}`).toEqual(['Cs-137']);
      const cs = result.candidates[0];
      expect(cs?.score).toBeGreaterThan(0.9);
      expect(cs?.naturalBackground).toBe(false);
      expect(
        cs?.matchedLines.some((l) => Math.abs(l.energyKeV - 661.66) < 0.01 && Math.abs(l.peakEnergyKeV - 661.66) < 1),
      ).toBe(true);
      expect(result.unexplainedPeaks).toEqual([]);
    }
  });

  it('finds Co-60 and Cs-137 together, with the Co-60 line ratio as a hint', () => {
    for (const seed of SEEDS) {
      const { result } = run(
        [
          { name: 'Co-60', counts: 2e4 },
          { name: 'Cs-137', counts: 3e4 },
        ],
        { seed },
      );
      expect(names(result).sort(), `seed ${seed}`).toEqual(['Co-60', 'Cs-137']);
      const hint = result.candidates.find((c) => c.nuclide === 'Co-60')?.activityRatioHints[0];
      expect(hint).toBeDefined();
      const h = hint as NonNullable<typeof hint>;
      expect(Math.abs(h.observedRatio - h.expectedRatio)).toBeLessThan(0.3 * h.expectedRatio);
    }
  });

  it('finds Ba-133 and nothing else', () => {
    for (const seed of SEEDS) {
      const { peaks, result } = run([{ name: 'Ba-133', counts: 2e4 }], { seed });
      expect(peaks.length).toBeGreaterThanOrEqual(5);
      expect(names(result), `seed ${seed}`).toEqual(['Ba-133']);
    }
  });

  it('does not confuse Eu-152 and Eu-154 when at least 6 lines are there', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      for (const [truth, other] of [
        ['Eu-152', 'Eu-154'],
        ['Eu-154', 'Eu-152'],
      ] as const) {
        const { peaks, result } = run([{ name: truth, counts: 1e4 }], { seed });
        if (peaks.length < 6 || peaks.length > 16) continue;
        checked++;
        expect(names(result), `${truth} seed ${seed}, ${peaks.length} peaks`).toContain(truth);
        expect(names(result), `${truth} seed ${seed}`).not.toContain(other);
        expect(result.candidates[0]?.nuclide).toBe(truth);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it('flags a natural background (K-40, U and Th series) as natural, and its 511 keV and Pb X-rays as background', () => {
    for (const seed of SEEDS) {
      const { result } = run(NATURAL, { seed, extra: SHIELD_PEAKS });
      const found = names(result);
      expect(found, `seed ${seed}`).toEqual(expect.arrayContaining(['K-40', 'Th-232 chain']));
      expect(
        found.some((n) => n === 'U-238 chain' || n === 'Ra-226 chain'),
        `seed ${seed}: ${found}`,
      ).toBe(true);
      for (const c of result.candidates) expect(c.naturalBackground, `${c.nuclide} seed ${seed}`).toBe(true);
      expect(result.backgroundPeaks.map((b) => b.line)).toContain('annihilation (511 keV)');
      const leadXrays = [72.805, 74.97, 84.94];
      expect(result.unexplainedPeaks.filter((p) => leadXrays.some((e) => Math.abs(p.centroidKeV - e) < 0.5))).toEqual(
        [],
      );
      expect(result.unexplainedPeaks.filter((p) => p.significance > 10)).toEqual([]);
    }
  });

  it('reports peaks that no library nuclide explains', () => {
    const unknown = [
      { energyKeV: 1950, area: 5000 },
      { energyKeV: 2850, area: 3000 },
    ];
    for (const seed of SEEDS) {
      const { result } = run([{ name: 'Cs-137', counts: 3e4 }], { seed, extra: unknown });
      expect(names(result), `seed ${seed}`).toEqual(['Cs-137']);
      const energies = result.unexplainedPeaks.map((p) => p.centroidKeV);
      expect(energies).toHaveLength(2);
      expect(energies[0]).toBeCloseTo(1950, -0.5);
      expect(energies[1]).toBeCloseTo(2850, -0.5);
    }
  });

  it('explains away a line shared with a stronger nuclide (Eu-152 121.8 keV vs Co-57 122.1 keV)', () => {
    for (const seed of SEEDS) {
      const alone = run([{ name: 'Eu-152', counts: 3e4 }], { seed }).result;
      expect(names(alone), `seed ${seed}`).toEqual(['Eu-152']);
      const both = run(
        [
          { name: 'Eu-152', counts: 3e4 },
          { name: 'Co-57', counts: 3e4 },
        ],
        { seed },
      ).result;
      expect(names(both).sort(), `seed ${seed}`).toEqual(['Co-57', 'Eu-152']);
    }
  });

  it('does not identify anything from 511 keV and Pb X-rays alone, unless 511 keV dominates (a positron source)', () => {
    const shield = [
      peakAt(72.8, 800),
      peakAt(74.97, 1400),
      peakAt(84.94, 500),
      peakAt(511, 900, 2.5),
      peakAt(1460.8, 2000),
    ];
    const r = identifyNuclides(shield, HPGE);
    expect(names(r)).toEqual(['K-40']);
    expect(r.backgroundPeaks.map((b) => b.line).sort()).toEqual([
      'Pb Kα1 X-ray',
      'Pb Kα2 X-ray',
      'Pb Kβ1 X-ray',
      'annihilation (511 keV)',
    ]);
    const positron = identifyNuclides([peakAt(511, 50_000, 2.5), peakAt(1460.8, 2000)], HPGE);
    expect(names(positron).sort()).toEqual(['F-18', 'K-40']);
    for (const seed of SEEDS) expect(names(run([{ name: 'Na-22', counts: 3e4 }], { seed }).result)).toEqual(['Na-22']);
  });

  it('labels escape and sum peaks of identified lines instead of calling them unexplained', () => {
    const peaks = [
      peakAt(1173.23, 40_000),
      peakAt(1332.49, 36_000),
      peakAt(2505.7, 300),
      peakAt(1460.8, 30_000),
      peakAt(949.8, 800),
    ];
    const r = identifyNuclides(peaks, HPGE);
    expect(names(r).sort()).toEqual(['Co-60', 'K-40']);
    expect(r.unexplainedPeaks).toEqual([]);
    expect(r.backgroundPeaks.map((b) => b.line).sort()).toEqual([
      'single escape of 1460.8 keV (K-40)',
      'sum of 1173.2 + 1332.5 keV (Co-60)',
    ]);
  });

  it('works with its defaults (resolution from the peaks, range from the peaks)', () => {
    for (const seed of SEEDS) {
      const peaks = syntheticPeaks(
        [
          { name: 'Co-60', counts: 2e4 },
          { name: 'Cs-137', counts: 3e4 },
          { name: 'Am-241', counts: 3e4 },
        ],
        { seed },
      );
      expect(names(identifyNuclides(peaks)).sort(), `seed ${seed}`).toEqual(['Am-241', 'Co-60', 'Cs-137']);
    }
  });

  it('learns an efficiency shape from a multi-line nuclide', () => {
    const { result } = run([{ name: 'Eu-152', counts: 1e5 }], { seed: 3 });
    const c = result.efficiencyCorrection;
    expect(c.spanKeV[1] / c.spanKeV[0]).toBeGreaterThan(5);
    expect(Math.abs(c.slope)).toBeLessThanOrEqual(1);
    // The synthetic detector falls as E^-0.9 above 120 keV, the prior as E^-0.8: the slope is negative.
    expect(c.slope).toBeLessThan(0);
    expect(
      identifyNuclides(syntheticPeaks([{ name: 'Eu-152', counts: 1e5 }], { seed: 3 }), {
        ...HPGE,
        learnEfficiency: false,
      }).efficiencyCorrection.slope,
    ).toBe(0);
  });

  it('rejects options that make no sense, and returns nothing for no peaks', () => {
    const peaks = [peakAt(661.66, 1000)];
    for (const options of [
      { minScore: 0 },
      { minScore: 1.5 },
      { windowSigmas: -1 },
      { minLineIntensityPct: -1 },
      { energyRangeKeV: [100, 50] as const },
    ]) {
      const error = thrownWorkbenchError(() => identifyNuclides(peaks, options));
      expect(error.code, JSON.stringify(options)).toBe('INVALID_OPTION');
    }
    expect(identifyNuclides([]).candidates).toEqual([]);
    const useless = [
      { ...peakAt(661.66, 1000), netArea: -5 },
      { ...peakAt(1332, 1000), centroidKeV: Number.NaN },
    ];
    expect(identifyNuclides(useless, HPGE)).toMatchObject({
      candidates: [],
      unexplainedPeaks: [],
      backgroundPeaks: [],
    });
  });

  it('never throws on arbitrary peak lists; scores stay in (0, 1] and candidates sorted', () => {
    const peak = fc.record({
      centroidKeV: fc.double({ min: -10, max: 3500, noNaN: true }),
      netArea: fc.double({ min: -100, max: 1e6, noNaN: true }),
      fwhmKeV: fc.oneof(fc.double({ min: 0.1, max: 50, noNaN: true }), fc.constant(Number.NaN), fc.constant(0)),
      netAreaSigma: fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constant(Number.NaN)),
      centroidSigmaKeV: fc.double({ min: 0, max: 5, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(peak, { maxLength: 40 }), (raw) => {
        const peaks: GammaPeak[] = raw.map((p, i) => ({
          ...p,
          fwhmSigmaKeV: 0,
          significance: 1,
          centroidChannel: i,
          regionId: i,
        }));
        const r = identifyNuclides(peaks);
        for (const c of r.candidates) expect(c.score > 0 && c.score <= 1).toBe(true);
        for (let i = 1; i < r.candidates.length; i++) {
          expect((r.candidates[i] as { score: number }).score).toBeLessThanOrEqual(
            (r.candidates[i - 1] as { score: number }).score,
          );
        }
        for (const p of r.unexplainedPeaks) expect(peaks).toContain(p);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
