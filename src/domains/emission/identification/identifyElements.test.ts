import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core';
import { linesOf } from '../lines/lineLibrary';
import { estimateOffset } from './estimateOffset';
import { expectedFeatures, lineEmissivity } from './expectedFeatures';
import { identifyElements, type ObservedPeak } from './identifyElements';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A peak list as a spectrometer of resolution `fwhmNm` would give it: every line of the elements
 * at 10 000 K, times the element's amount, shifted by `offsetNm`, lines closer than half the
 * FWHM summed into one peak, ±5 % intensity and ±0.01 nm position noise, and only peaks above
 * `floor` × the strongest kept.
 */
function syntheticPeaks(
  amounts: Record<string, number>,
  { offsetNm = 0.08, fwhmNm = 0.06, floor = 0.01, seed = 1 } = {},
): ObservedPeak[] {
  const rnd = random(seed);
  const lines = Object.entries(amounts)
    .flatMap(([element, amount]) =>
      linesOf(element).map((l) => ({ nm: l.wavelengthNm, i: amount * lineEmissivity(l, 10_000) })),
    )
    .sort((a, b) => a.nm - b.nm);
  const merged: { nm: number; i: number }[] = [];
  for (const l of lines) {
    const last = merged.at(-1);
    if (last && l.nm - last.nm < fwhmNm / 2) {
      last.nm = (last.nm * last.i + l.nm * l.i) / (last.i + l.i);
      last.i += l.i;
    } else merged.push({ ...l });
  }
  const max = Math.max(...merged.map((m) => m.i));
  return merged
    .filter((m) => m.i >= floor * max)
    .map((m) => ({
      wavelengthNm: m.nm + offsetNm + (rnd() - 0.5) * 0.02,
      intensity: m.i * (1 + (rnd() - 0.5) * 0.1),
      fwhmNm,
    }));
}

describe('expectedFeatures', () => {
  it('weights lines by g·A·exp(−E_k/kT)/λ and merges blends: Na D2 twice D1, one feature at 0.7 nm resolution', () => {
    const opts = { temperatureK: 10_000, ionRatio: 1, rangeNm: [580, 600] as const, maxFeatures: 5, minWeight: 0 };
    const apart = expectedFeatures('Na', linesOf('Na'), { ...opts, blendNm: 0.1 });
    expect(apart.map((f) => f.strongestNm)).toEqual([588.995094, 589.592424]);
    // (2·6.14e7 / 4·6.16e7) · (588.995/589.592) · exp(0.002132 eV / kT) at 10 000 K
    expect(apart[1]?.weight).toBeCloseTo(0.4991, 4);
    const blended = expectedFeatures('Na', linesOf('Na'), { ...opts, blendNm: 0.7 });
    expect(blended).toHaveLength(1);
    expect(blended[0]?.wavelengthNm).toBeCloseTo((588.995094 * 2 + 589.592424 * 0.9962) / 2.9962, 2);
  });

  it('lowers high-lying lines at a lower temperature', () => {
    const at = (t: number) =>
      expectedFeatures('Mg', linesOf('Mg'), {
        temperatureK: t,
        ionRatio: 1,
        blendNm: 0.01,
        rangeNm: [380, 520],
        maxFeatures: 30,
        minWeight: 0,
      }).find((f) => Math.abs(f.strongestNm - 470.29908) < 1e-6)?.weight ?? 0;
    expect(at(5000)).toBeLessThan(at(10_000) / 3);
  });
});

describe('estimateOffset', () => {
  it('finds a +0.12 nm shift of Fe lines to within 0.005 nm, where no shift scores less', () => {
    const peaks = syntheticPeaks({ Fe: 1 }, { offsetNm: 0.12 }).map((p) => ({
      wavelengthNm: p.wavelengthNm,
      relative: p.intensity / 1e9,
    }));
    const max = Math.max(...peaks.map((p) => p.relative));
    const features = expectedFeatures('Fe', linesOf('Fe'), {
      temperatureK: 10_000,
      ionRatio: 1,
      blendNm: 0.03,
      rangeNm: [300, 900],
      maxFeatures: 20,
      minWeight: 0.02,
    });
    const found = estimateOffset(
      features,
      peaks.map((p) => ({ ...p, relative: p.relative / max })),
      { maxNm: 0.3, stepNm: 0.003, sigmaNm: 0.02 },
    );
    expect(Math.abs(found.offsetNm - 0.12)).toBeLessThan(0.005);
    expect(found.support).toBeGreaterThan(2 * found.supportAtZero);
  });
});

describe('identifyElements', () => {
  it('finds Cr and Mn mixed 1 : 0.5 (offset +0.08 nm), and no third element', () => {
    for (const seed of [1, 2, 3]) {
      const peaks = syntheticPeaks({ Cr: 1, Mn: 0.5 }, { seed });
      const result = identifyElements(peaks);
      expect(Math.abs(result.offsetNm - 0.08), `seed ${seed}`).toBeLessThan(0.01);
      const accepted = result.elements.filter((e) => e.accepted).map((e) => e.element);
      expect(accepted.sort(), `seed ${seed}`).toEqual(['Cr', 'Mn']);
      const cr = result.elements.find((e) => e.element === 'Cr');
      const cr425 = cr?.matched.find((m) => Math.abs(m.libraryNm - 425.433602) < 1e-6);
      expect(cr425?.ion).toBe(1);
      expect(Math.abs((cr425?.observedNm ?? 0) - (cr425?.correctedNm ?? 0) - result.offsetNm)).toBeLessThan(1e-9);
      expect(cr?.score).toBeGreaterThan(0.8);
    }
  });

  it('finds Fe and Ca at 10 : 1 and reports Ca II 393.37/396.85 among the matched lines', () => {
    const result = identifyElements(syntheticPeaks({ Fe: 1, Ca: 0.1 }, { offsetNm: -0.05, seed: 7 }));
    expect(result.elements.filter((e) => e.accepted).map((e) => e.element)).toEqual(['Fe', 'Ca']);
    const ca = result.elements[1];
    const ionII = (ca?.matched ?? []).filter((m) => m.ion === 2).map((m) => Math.round(m.libraryNm * 100) / 100);
    expect(ionII).toEqual(expect.arrayContaining([393.37, 396.85]));
  });

  it('explains away: a peak of an accepted element counts little for a second one, which lists it as shared', () => {
    const peaks = syntheticPeaks({ Fe: 1 }, { seed: 4 });
    const result = identifyElements(peaks);
    expect(result.elements[0]?.element).toBe('Fe');
    expect(result.elements.filter((e) => e.accepted)).toHaveLength(1);
    const shared = result.elements.slice(1).flatMap((e) => e.matched.filter((m) => m.sharedWith.includes('Fe')));
    expect(shared.length).toBeGreaterThan(0);
    expect(result.unexplainedPeaks.length).toBeLessThan(peaks.length / 10);
  });

  it('lists the strong lines that are missing: Na D lines without peaks lower Na', () => {
    const peaks = syntheticPeaks({ Na: 1 }, { seed: 5 }).filter((p) => p.wavelengthNm < 580 || p.wavelengthNm > 600);
    const na = identifyElements(peaks, { elements: ['Na'] }).elements[0];
    expect(na?.missing.map((m) => Math.round(m.libraryNm))).toEqual(expect.arrayContaining([589]));
    expect(na?.accepted).toBe(false);
    expect(na?.score).toBeLessThan(0.2);
  });

  it('uses a given offset instead of searching, and respects the candidate list', () => {
    const peaks = syntheticPeaks({ Mn: 1 }, { offsetNm: 0.1, seed: 6 });
    const result = identifyElements(peaks, { offsetNm: 0.1, elements: ['Mn', 'Fe'] });
    expect(result.offsetNm).toBe(0.1);
    expect(result.elements.map((e) => e.element).sort()).toEqual(['Fe', 'Mn']);
    expect(result.elements[0]?.element).toBe('Mn');
  });

  it('rejects an empty peak list and non-positive intensities', () => {
    expect(() => identifyElements([])).toThrow(WorkbenchError);
    expect(() => identifyElements([{ wavelengthNm: 500, intensity: 0 }])).toThrow(/peak 0/);
    expect(() => identifyElements([{ wavelengthNm: 500, intensity: 1 }], { temperatureK: -1 })).toThrow(WorkbenchError);
  });
});
