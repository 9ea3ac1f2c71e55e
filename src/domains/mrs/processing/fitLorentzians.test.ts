import { describe, expect, it } from 'vitest';
import { fitLorentzians } from './fitLorentzians';
import { magnitudePeaks } from './magnitudePeaks';
import { NAA_CR_CHO_LINES, syntheticMrsFid } from './syntheticMrs.testUtil';
import { toFrequencyDomain } from './toFrequencyDomain';

const viewOf = (options: Parameters<typeof syntheticMrsFid>[0]) => {
  const s = toFrequencyDomain(syntheticMrsFid(options));
  return { ppm: s.x.values, re: s.y.values, im: s.y.imaginary as Float64Array };
};

describe('magnitudePeaks', () => {
  it('finds NAA, Cr and Cho, tallest first, off-grid positions within 0.15 of a point', () => {
    const view = viewOf({ zeroDeg: 123 });
    const peaks = magnitudePeaks(view, 1.5, 3.5);
    expect(peaks.map((p) => p.ppm.toFixed(2))).toEqual(['2.01', '3.03', '3.19']);
    const spacing = (view.ppm[1] as number) - (view.ppm[0] as number);
    expect(Math.abs((peaks[0]?.ppm as number) - 2.008)).toBeLessThan(0.15 * spacing);
    // |S| of a Lorentzian of FWHM 5 Hz is √3 × 2.5 Hz wide at half height
    expect(((peaks[0]?.halfWidthPpm as number) * 123.2) / Math.sqrt(3)).toBeCloseTo(2.5, 0);
    expect(magnitudePeaks(view, 1.5, 3.5, { minFraction: 0.7 })).toHaveLength(2);
    expect(magnitudePeaks(view, 1.5, 3.5, { minSeparationPpm: 0.2 })).toHaveLength(2);
  });
});

describe('fitLorentzians', () => {
  it('recovers centres, widths, heights and phases of overlapping lines (noise-free)', () => {
    const view = viewOf({ zeroDeg: -20, shiftHz: 0.7 });
    const fit = fitLorentzians(view, {
      lowPpm: 1.8,
      highPpm: 3.4,
      lines: NAA_CR_CHO_LINES.map((line) => ({ ppm: line.ppm + 0.01, halfWidthHz: 4 })),
      spectrometerFrequencyMHz: 123.2,
      pivotPpm: 2.6,
    });
    expect(fit.converged).toBe(true);
    expect((fit.zeroRad * 180) / Math.PI).toBeCloseTo(-20, 1);
    fit.lines.forEach((line, j) => {
      const truth = NAA_CR_CHO_LINES[j] as (typeof NAA_CR_CHO_LINES)[number];
      expect(line.ppm).toBeCloseTo(truth.ppm + 0.7 / 123.2, 5);
      expect(line.widthHz).toBeCloseTo(truth.widthHz, 2);
      // height of the absorption line: Σ a·e^(−π·FWHM·t) ≈ a/(π·FWHM·dwell)
      expect(line.height / (truth.amplitude / (Math.PI * truth.widthHz * 0.00025))).toBeCloseTo(1, 2);
      expect(line.ppmSigma).toBeGreaterThanOrEqual(0);
    });
  });

  it('drops a line that vanishes and still reports the others with their errors', () => {
    const view = viewOf({ lines: [NAA_CR_CHO_LINES[0] as (typeof NAA_CR_CHO_LINES)[number]], noiseSd: 0.01 });
    const fit = fitLorentzians(view, {
      lowPpm: 1.8,
      highPpm: 2.2,
      lines: [
        { ppm: 2.008, halfWidthHz: 2 },
        { ppm: 2.1, halfWidthHz: 2 },
      ],
      spectrometerFrequencyMHz: 123.2,
      pivotPpm: 2,
    });
    expect(fit.lines[0]?.ppm).toBeCloseTo(2.008, 3);
    expect(fit.lines[0]?.ppmSigma).toBeGreaterThan(0);
    if (fit.lines[1]?.height === 0) expect(fit.lines[1]?.ppmSigma).toBeNaN();
  });

  it('gives up cleanly with too few points or no lines', () => {
    const view = viewOf({});
    const none = fitLorentzians(view, {
      lowPpm: 2,
      highPpm: 2.01,
      lines: [{ ppm: 2.008, halfWidthHz: 2 }],
      spectrometerFrequencyMHz: 123.2,
      pivotPpm: 2,
    });
    expect(none.zeroRad).toBeNaN();
    expect(
      fitLorentzians(view, { lowPpm: 1, highPpm: 3, lines: [], spectrometerFrequencyMHz: 123.2, pivotPpm: 2 }).lines,
    ).toEqual([]);
  });
});
