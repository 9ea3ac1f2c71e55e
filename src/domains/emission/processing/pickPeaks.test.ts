import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { gaussianPeak, normalDeviates, opticalFixture, opticalSpectrum, voigt } from './emissionTest.testUtil';
import { fitPeaks } from './fitPeaks';
import { pickPeaks } from './pickPeaks';

/** 2000 points of 0.05 nm, lines of known centre, area and FWHM (nm) on a slope, noise SD 1. */
const x = Float64Array.from({ length: 2000 }, (_, i) => 300 + i * 0.05);
const truth = [
  { c: 320.013, area: 60, fwhm: 0.3 },
  { c: 340.5, area: 20, fwhm: 0.25 },
  { c: 361.27, area: 120, fwhm: 0.4 },
  { c: 362.02, area: 50, fwhm: 0.4 }, // blended with the one before
  { c: 385.555, area: 8, fwhm: 0.3 }, // height ≈ 25 noise SDs
];
const clean = Float64Array.from(
  x,
  (v) => 50 + 0.3 * (v - 300) + truth.reduce((s, l) => s + l.area * gaussianPeak(v, l.c, l.fwhm), 0),
);

describe('pickPeaks', () => {
  const normal = normalDeviates(5);
  const spectrum = opticalSpectrum(
    x,
    clean.map((v) => v + normal()),
  );

  it('finds every line on a sloping baseline with its position, height, FWHM and area, and nothing else', () => {
    const { peaks, noiseSigma } = pickPeaks(spectrum);
    expect(noiseSigma).toBeGreaterThan(0.9);
    expect(noiseSigma).toBeLessThan(1.1);
    expect(peaks).toHaveLength(truth.length);
    peaks.forEach((peak, k) => {
      const line = truth[k] as (typeof truth)[number];
      const height = line.area * gaussianPeak(line.c, line.c, line.fwhm);
      expect(Math.abs(peak.x - line.c)).toBeLessThan(0.1 * line.fwhm);
      if (k === 2 || k === 3) return; // the blend: position only (its valley is not the base)
      expect(Math.abs(peak.height / height - 1)).toBeLessThan(0.08);
      expect(Math.abs(peak.fwhm / line.fwhm - 1)).toBeLessThan(0.12);
      expect(Math.abs(peak.area / line.area - 1)).toBeLessThan(0.08);
      expect(peak.snr).toBeCloseTo(peak.height / noiseSigma, 9);
    });
  });

  it('drops a one-point spike (too narrow), and keeps only the strongest with maxPeaks', () => {
    const spiked = Float64Array.from(spectrum.y.values);
    spiked[1500] = (spiked[1500] as number) + 300;
    const withSpike = opticalSpectrum(x, spiked);
    expect(pickPeaks(withSpike).peaks.some((p) => Math.abs(p.x - (x[1500] as number)) < 0.1)).toBe(false);
    expect(
      pickPeaks(withSpike, { minFwhmPoints: 0 }).peaks.some((p) => Math.abs(p.x - (x[1500] as number)) < 0.1),
    ).toBe(true);
    expect(pickPeaks(spectrum, { maxPeaks: 2 }).peaks.map((p) => Number(p.x.toFixed(0)))).toEqual([320, 361]);
  });

  it('fits the picked peaks: Voigt areas and widths of the blend separated', () => {
    const lines = fitPeaks(spectrum, pickPeaks(spectrum).peaks);
    expect(lines).toHaveLength(truth.length);
    expect(lines[2]?.region).toBe(lines[3]?.region);
    lines.forEach((line, k) => {
      const t = truth[k] as (typeof truth)[number];
      expect(Math.abs(line.x - t.c)).toBeLessThan(Math.max(3 * line.xSigma, 0.005));
      expect(Math.abs(line.area - t.area)).toBeLessThan(4 * line.areaSigma);
      expect(Math.abs(line.fwhm - t.fwhm)).toBeLessThan(4 * line.fwhmSigma + 0.005);
    });
  });

  it('soil LIBS (specProc, MIT): the strong Ca II, Mg II and Al I lines at their NIST positions', () => {
    const soil = opticalFixture('specData_soil_LIBS_240-400nm.csv')[0];
    if (soil === undefined) throw new Error('fixture missing');
    const strongest = [...pickPeaks(soil).peaks].sort((a, b) => b.height - a.height).slice(0, 12);
    // notes §3.6 [V-N]: Ca II K/H, Mg II 279.553/280.271, Al I 394.401/396.152
    for (const line of [393.366, 396.847, 279.553, 280.271, 394.401, 396.152]) {
      expect(strongest.some((p) => Math.abs(p.x - line) < 0.03)).toBe(true);
    }
    for (const p of strongest) expect(p.fwhm).toBeLessThan(0.1); // lines a few 0.01 nm points wide
  });

  it('Raman of HDPE (OpenSpecy, CC BY 4.0): the polyethylene bands', () => {
    const hdpe = opticalFixture('raman_hdpe.csv')[0];
    if (hdpe === undefined) throw new Error('fixture missing');
    const { peaks } = pickPeaks(hdpe);
    // polyethylene Raman bands (cm⁻¹; background knowledge [B]): C–C stretch 1063/1129, CH₂ twist 1295,
    // CH₂ bend 1440, CH₂ stretch 2848/2882
    for (const band of [1063, 1129, 1295, 1440, 2848, 2882]) {
      expect(peaks.some((p) => Math.abs(p.x - band) < 4)).toBe(true);
    }
    expect(peaks.length).toBeLessThan(12);
  });

  it('refuses bad options and NaN', () => {
    expect(thrownWorkbenchError(() => pickPeaks(spectrum, { smoothingWindow: 4 })).message).toMatch(/smoothingWindow/);
    expect(thrownWorkbenchError(() => pickPeaks(spectrum, { minSnr: -1 })).message).toMatch(/minSnr/);
    const holes = Float64Array.from(clean);
    holes[3] = Number.NaN;
    const error = thrownWorkbenchError(() => pickPeaks(opticalSpectrum(x, holes)));
    expect([error.code, error.message]).toEqual([
      'INVALID_DATA',
      expect.stringMatching(/1 intensities are not finite.*point 3/),
    ]);
  });

  it('voigt() of the test support has unit area', () => {
    let area = 0;
    for (let v = 380; v <= 420; v += 0.01) area += voigt(v, 400, 0.2, 0.1) * 0.01;
    expect(area).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(0.05 / 20), 3);
  });
});
