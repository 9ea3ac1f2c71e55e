import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { parseDelimitedText } from '../../../formats/readers/delimitedText';
import { calibrateFromLines } from './calibrateFromLines';
import { calibrateWavelength } from './calibrateWavelength';
import { calibrationLines, HG_LINES_NM, LIBS_LINES_NM } from './calibrationLines';
import { normalDeviates, opticalFixture, opticalSpectrum } from './emissionTest.testUtil';
import { findWavelengthShift } from './findWavelengthShift';
import { shiftAxis } from './shiftAxis';

/** A 2048-pixel spectrometer, 350–869 nm: the true pixel → nm polynomial. */
const truePolynomial = [350, 0.28, -1.5e-5, 1e-9];
const trueNm = (i: number) => truePolynomial.reduce((s, c, k) => s + c * i ** k, 0);
const n = 2048;

/** Pixel of a wavelength on the true axis (bisection: the polynomial increases). */
function pixelOf(nm: number): number {
  let [lo, hi] = [0, n - 1];
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    if (trueNm(mid) < nm) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A Hg-Ar lamp spectrum: Gaussian lines of 2.5 px FWHM at the true pixels, read on a wrong axis. */
function lampSpectrum(nominal: (i: number) => number): Spectrum {
  const normal = normalDeviates(21);
  const lines = calibrationLines('hg-ar').filter((l) => l > trueNm(3) && l < trueNm(n - 4));
  const y = Float64Array.from({ length: n }, (_, i) => {
    let value = 100 + normal() * 2;
    lines.forEach((line, k) => {
      value += (500 + 4500 * ((k * 7) % 5) * 0.25) * Math.exp(-0.5 * ((i - pixelOf(line)) / (2.5 / 2.3548)) ** 2);
    });
    return value;
  });
  return opticalSpectrum(
    Array.from({ length: n }, (_, i) => nominal(i)),
    y,
    { name: 'hgar.txt' },
  );
}

describe('calibrateWavelength from confirmed pairs', () => {
  const spectrum = opticalSpectrum(
    Array.from({ length: n }, (_, i) => i),
    new Float64Array(n),
    { unit: 'index' },
  );
  const pairs = [100, 400, 900, 1500, 2000].map((i) => ({ observed: i, reference: trueNm(i) }));

  it('recovers a cubic pixel → nm polynomial and keeps it as the axis calibration', () => {
    const result = calibrateWavelength(spectrum, pairs, { observedIn: 'pixel' });
    expect(result.calibration).toMatchObject({
      model: 'polynomial',
      channelCount: n,
      unit: 'nm',
      channelReference: 'centre',
    });
    result.calibration.coefficients.forEach((c, k) => {
      expect(Math.abs(c / (truePolynomial[k] as number) - 1)).toBeLessThan(1e-8);
    });
    expect(result.spectrum.x).toMatchObject({ unit: 'nm', quantity: 'wavelength' });
    expect(result.spectrum.x.values[1024]).toBeCloseTo(trueNm(1024), 9);
    expect(result.spectrum.meta).toMatchObject({ wavelengthCalibration: 'polynomial order 3, 5 lines' });
    expect(result.rms).toBeLessThan(1e-9);
  });

  it('reports the residuals of a linear fit to curved data, in input order', () => {
    const result = calibrateWavelength(spectrum, pairs, { observedIn: 'pixel', order: 1 });
    expect(result.residuals).toHaveLength(5);
    expect(Math.max(...result.residuals.map(Math.abs))).toBeGreaterThan(1);
    expect(String(result.spectrum.meta['wavelengthCalibration.residuals']).split(', ')).toHaveLength(5);
  });

  it('refuses swapped lines, too many orders, positions outside the spectrum', () => {
    const swapped = [pairs[0], pairs[3], pairs[2], pairs[1]].map((p, k) => ({
      observed: (p as (typeof pairs)[number]).observed,
      reference: (pairs[k] as (typeof pairs)[number]).reference,
    }));
    expect(
      thrownWorkbenchError(() => calibrateWavelength(spectrum, swapped, { observedIn: 'pixel', order: 3 })).message,
    ).toMatch(/not increasing .* paired with the right reference/);
    expect(thrownWorkbenchError(() => calibrateWavelength(spectrum, pairs.slice(0, 3), { order: 3 })).message).toMatch(
      /order 3 needs at least 4 lines/,
    );
    expect(
      thrownWorkbenchError(() =>
        calibrateWavelength(spectrum, [{ observed: 5000, reference: 1 }, ...pairs], { observedIn: 'pixel' }),
      ).message,
    ).toMatch(/outside the spectrum/);
  });
});

describe('calibrateFromLines on a Hg-Ar lamp spectrum', () => {
  it('finds the lines on an axis 1.3–2.3 nm off and recovers the true axis to 0.005 nm (1/50 px)', () => {
    const lamp = lampSpectrum((i) => trueNm(i) * 1.002 + 0.6);
    const result = calibrateFromLines(lamp, calibrationLines('hg-ar'), { maxShift: 3, order: 3 });
    let worst = 0;
    result.spectrum.x.values.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - trueNm(i)));
    });
    console.info(
      `Hg-Ar lamp calibration: ${result.residuals.length} lines, rms ${result.rms.toFixed(4)} nm, worst axis error ${worst.toFixed(4)} nm`,
    );
    expect(worst).toBeLessThan(0.005); // measured 0.0019 nm
    expect(result.residuals.length).toBeGreaterThanOrEqual(20);
    expect(String(result.spectrum.meta['wavelengthCalibration.lines'])).toContain('→404.656');
  });
});

describe('findWavelengthShift', () => {
  const soil = opticalFixture('specData_soil_LIBS_240-400nm.csv')[0] as Spectrum;

  it('soil LIBS (specProc, MIT) is calibrated to about 0.01 nm against the verified LIBS lines', () => {
    const result = findWavelengthShift(soil, LIBS_LINES_NM);
    console.info(
      `soil LIBS: shift ${result.shift.toFixed(4)} ± ${result.sigma.toFixed(4)} nm from ${result.matches.length} lines`,
    );
    expect(Math.abs(result.shift)).toBeLessThan(0.02);
    expect(result.sigma).toBeLessThan(0.005);
    expect(result.matches.length).toBeGreaterThanOrEqual(8);
  });

  it('recovers an offset added to the soil axis, and shiftAxis undoes it', () => {
    const moved = shiftAxis(soil, 0.35);
    const result = findWavelengthShift(moved, LIBS_LINES_NM);
    const base = findWavelengthShift(soil, LIBS_LINES_NM).shift;
    expect(result.shift).toBeCloseTo(base - 0.35, 3);
    const back = shiftAxis(moved, result.shift);
    expect(back.x.values[0]).toBeCloseTo((soil.x.values[0] as number) + base, 3);
  });

  it('Ca_Mn_spec (specProc, MIT) reads about 0.3 nm high: Ca II K/H and Ca I 422.673 matched', () => {
    const caMn = opticalFixture('Ca_Mn_spec.csv')[0] as Spectrum;
    const result = findWavelengthShift(caMn, LIBS_LINES_NM);
    expect(result.shift).toBeGreaterThan(-0.4);
    expect(result.shift).toBeLessThan(-0.25);
    expect(result.matches.map((m) => m.reference)).toEqual(expect.arrayContaining([393.366, 396.847, 422.673]));
  });

  it('says which lines it found when too few match', () => {
    const hgOnly = findWavelengthShift.bind(null, soil, HG_LINES_NM);
    expect(thrownWorkbenchError(hgOnly).message).toMatch(/no reference line lies within/);
    // Ca_Mn (374–513 nm) holds Hg 404.656 and 435.834 in its range, but no mercury lines: refused
    const caMn = opticalFixture('Ca_Mn_spec.csv')[0] as Spectrum;
    const error = thrownWorkbenchError(() => findWavelengthShift(caMn, HG_LINES_NM));
    expect([error.code, error.file]).toEqual(['INVALID_OPTION', 'Ca_Mn_spec.csv']);
    expect(error.message).toMatch(/only [0-2] of the \d+ strongest peaks .* 3 are needed/);
  });

  it('moves a polynomial calibration with the axis', () => {
    const spectrum = calibrateWavelength(
      opticalSpectrum([0, 1, 2, 3], [0, 0, 0, 0], { unit: 'index' }),
      [
        { observed: 0, reference: 400 },
        { observed: 3, reference: 403 },
      ],
      { observedIn: 'pixel' },
    ).spectrum;
    expect(shiftAxis(spectrum, -0.5).x.calibration?.coefficients[0]).toBeCloseTo(399.5, 12);
  });
});

const AALTO = new URL('../../../../../shared/fixtures/optical/libs/aalto_elements/', import.meta.url);
const haveAalto = existsSync(AALTO);
if (!haveAalto)
  console.info('skipped: Aalto LIBS library tests need ../shared/fixtures/optical (licence not stated, not copied)');

describe.skipIf(!haveAalto)('findWavelengthShift on the Aalto LIBS library (../shared, licence unclear)', () => {
  it.each([
    ['Al', 394.401],
    ['Cu', 324.754],
    ['Zn', 393.366],
    ['Pb', 405.781],
  ])('%s: the axis reads 0.08–0.2 nm high (notes: +0.04…+0.15 nm)', (element, ownLine) => {
    const bytes = new Uint8Array(readFileSync(new URL(`${element}_spectrum.csv`, AALTO)));
    const spectrum = parseDelimitedText(bytes, `${element}_spectrum.csv`)[0] as Spectrum;
    const result = findWavelengthShift(spectrum, LIBS_LINES_NM);
    expect(result.shift).toBeGreaterThan(-0.2);
    expect(result.shift).toBeLessThan(-0.08);
    expect(result.matches.map((m) => m.reference)).toContain(ownLine);
  });
});
