import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { magnitudeSpectrum } from '../conjugation';
import { apodize } from './apodize';
import { fitLorentzians } from './fitLorentzians';
import { syntheticMrsFid } from './syntheticMrs.testUtil';
import { toFrequencyDomain } from './toFrequencyDomain';
import { toTimeDomain } from './toTimeDomain';
import { zeroFill } from './zeroFill';

const imag = (s: Spectrum): Float64Array => s.y.imaginary as Float64Array;
const maxAbsDiff = (a: Float64Array, b: Float64Array): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);

/** Index of the largest real value. */
function tallest(spectrum: Spectrum): number {
  let best = 0;
  spectrum.y.values.forEach((v, k) => {
    if (v > (spectrum.y.values[best] as number)) best = k;
  });
  return best;
}

/** The fitted FWHM (Hz) of the one line of a frequency-domain spectrum near `ppm`. */
function fittedWidthHz(spectrum: Spectrum, ppm: number): number {
  const view = { ppm: spectrum.x.values, re: spectrum.y.values, im: imag(spectrum) };
  const fit = fitLorentzians(view, {
    lowPpm: ppm - 0.3,
    highPpm: ppm + 0.3,
    lines: [{ ppm, halfWidthHz: 3 }],
    spectrometerFrequencyMHz: 123.2,
    pivotPpm: ppm,
  });
  return fit.lines[0]?.widthHz ?? Number.NaN;
}

describe('toFrequencyDomain / toTimeDomain', () => {
  it.each([2048, 1000, 999])('puts a line at 2.01 ppm at 2.01 ± one point (N = %i, any length)', (points) => {
    const fid = syntheticMrsFid({ lines: [{ ppm: 2.01, amplitude: 1, widthHz: 4 }], points });
    const spectrum = toFrequencyDomain(fid);
    const x = spectrum.x.values;
    const spacing = (x[1] as number) - (x[0] as number);
    expect(spacing).toBeCloseTo(1 / (points * 0.00025) / 123.2, 12);
    expect(Math.abs((x[tallest(spectrum)] as number) - 2.01)).toBeLessThanOrEqual(spacing);
    expect(spectrum.x).toMatchObject({ unit: 'ppm', quantity: 'chemical shift' });
    expect(spectrum.meta).toMatchObject({ domain: 'frequency', spectrometerFrequencyMHz: 123.2, dwellTimeS: 0.00025 });
    for (let k = 1; k < x.length; k++) expect(x[k] as number).toBeGreaterThan(x[k - 1] as number);
  });

  it('uses the NIfTI-MRS axis of conjugation.ts (magnitudeSpectrum), reversed to ascend', () => {
    const fid = syntheticMrsFid();
    const spectrum = toFrequencyDomain(fid);
    const reference = magnitudeSpectrum(fid.y.values, imag(fid), 123.2, 0.00025, 4.65);
    const n = spectrum.x.values.length;
    for (let k = 0; k < n; k += 97) expect(spectrum.x.values[n - 1 - k]).toBeCloseTo(reference.ppm[k] as number, 12);
    // magnitudes agree away from the first-point halving's constant fid[0]/2 offset (below 1 %)
    const top = tallest(spectrum);
    const magnitude = Math.hypot(spectrum.y.values[top] as number, imag(spectrum)[top] as number);
    expect(magnitude / (reference.magnitude[n - 1 - top] as number)).toBeCloseTo(1, 2);
  });

  it('makes a phase-0 line absorptive (positive real peak, imaginary zero at the top)', () => {
    const spectrum = toFrequencyDomain(syntheticMrsFid({ lines: [{ ppm: 3.0, amplitude: 1, widthHz: 6 }] }));
    const top = tallest(spectrum);
    expect(spectrum.y.values[top] as number).toBeGreaterThan(0);
    expect(Math.abs(imag(spectrum)[top] as number)).toBeLessThan(0.25 * (spectrum.y.values[top] as number));
  });

  it.each([2048, 999])('goes back exactly (N = %i)', (points) => {
    const fid = syntheticMrsFid({ points, noiseSd: 0.01 });
    const back = toTimeDomain(toFrequencyDomain(fid));
    expect(maxAbsDiff(back.y.values, fid.y.values)).toBeLessThan(1e-12);
    expect(maxAbsDiff(imag(back), imag(fid))).toBeLessThan(1e-12);
    expect(maxAbsDiff(back.x.values, fid.x.values)).toBe(0);
    expect(back.x).toMatchObject({ unit: 's', quantity: 'time' });
    expect(back.meta.domain).toBe('time');
  });

  it('refuses the wrong domain and non-MRS spectra, naming the file', () => {
    const fid = syntheticMrsFid({ fileName: 'a.nii' });
    const spectrum = toFrequencyDomain(fid);
    expect(thrownWorkbenchError(() => toFrequencyDomain(spectrum))).toMatchObject({
      code: 'INVALID_OPTION',
      file: 'a.nii',
    });
    expect(thrownWorkbenchError(() => toTimeDomain(fid))).toMatchObject({ code: 'INVALID_OPTION', file: 'a.nii' });
    const real: Spectrum = { ...fid, y: { values: fid.y.values, unit: 'a.u.' } };
    expect(thrownWorkbenchError(() => toFrequencyDomain(real)).message).toMatch(/imaginary/);
    const gamma: Spectrum = { ...fid, domain: 'gamma' };
    expect(thrownWorkbenchError(() => toFrequencyDomain(gamma)).message).toMatch(/MR spectra/);
    const noDwell: Spectrum = { ...fid, meta: { ...fid.meta, dwellTimeS: 0 } };
    expect(thrownWorkbenchError(() => toFrequencyDomain(noDwell)).message).toMatch(/dwell/);
  });
});

describe('zeroFill', () => {
  const fid = syntheticMrsFid({ points: 1000 });

  it('pads with zeros by a factor or to a point count, keeping the dwell time', () => {
    const doubled = zeroFill(fid, { factor: 2 });
    expect(doubled.y.values).toHaveLength(2000);
    expect(doubled.y.values.subarray(0, 1000)).toEqual(fid.y.values);
    expect(doubled.y.values.subarray(1000).every((v) => v === 0)).toBe(true);
    expect(
      imag(doubled)
        .subarray(1000)
        .every((v) => v === 0),
    ).toBe(true);
    expect(doubled.x.values[1999]).toBeCloseTo(1999 * 0.00025, 12);
    expect(doubled.meta).toMatchObject({ points: 2000, acquiredPoints: 1000 });
    const again = zeroFill(doubled, { points: 4096 });
    expect(again.meta).toMatchObject({ points: 4096, acquiredPoints: 1000 });
  });

  it('interpolates the spectrum: every 4th point of the 4× zero-filled one is the original (j → 4j + 3)', () => {
    const plain = toFrequencyDomain(fid);
    const filled = toFrequencyDomain(zeroFill(fid, { factor: 4 }));
    for (let j = 0; j < 1000; j += 7) {
      expect(filled.x.values[4 * j + 3]).toBeCloseTo(plain.x.values[j] as number, 12);
      expect(filled.y.values[4 * j + 3]).toBeCloseTo(plain.y.values[j] as number, 9);
      expect(imag(filled)[4 * j + 3]).toBeCloseTo(imag(plain)[j] as number, 9);
    }
  });

  it('refuses bad sizes and frequency-domain input', () => {
    expect(thrownWorkbenchError(() => zeroFill(fid, { factor: 1.5 })).message).toMatch(/factor/);
    expect(thrownWorkbenchError(() => zeroFill(fid, { points: 999 })).message).toMatch(/points/);
    expect(thrownWorkbenchError(() => zeroFill(fid, { factor: 10_000 })).message).toMatch(/limit/);
    expect(thrownWorkbenchError(() => zeroFill(toFrequencyDomain(fid), { factor: 2 })).code).toBe('INVALID_OPTION');
  });
});

describe('apodize', () => {
  const line = { ppm: 2.5, amplitude: 1, widthHz: 4 };
  const fid = syntheticMrsFid({ lines: [line], points: 4096 });

  it('exponential: adds lb Hz to the Lorentzian FWHM', () => {
    const broadened = toFrequencyDomain(apodize(fid, { kind: 'exponential', broadeningHz: 3 }));
    expect(fittedWidthHz(broadened, 2.5)).toBeCloseTo(7, 2);
    expect(fittedWidthHz(toFrequencyDomain(fid), 2.5)).toBeCloseTo(4, 2);
  });

  it('gaussian: the window is exp(−(π·gb·t)²/(4 ln 2)) and broadens a line to FWHM gb', () => {
    const gb = 5;
    const flat = syntheticMrsFid({ lines: [{ ppm: 4.65, amplitude: 1, widthHz: 0 }], points: 4096 });
    const windowed = apodize(flat, { kind: 'gaussian', broadeningHz: gb });
    expect(windowed.y.values[0]).toBe(1);
    const k = 400;
    const t = k * 0.00025;
    expect(windowed.y.values[k]).toBeCloseTo(Math.exp(-((Math.PI * gb * t) ** 2) / (4 * Math.LN2)), 12);
    // its spectrum is a Gaussian of FWHM gb: half height at ±gb/2
    const spectrum = toFrequencyDomain(zeroFill(windowed, { factor: 4 }));
    const top = tallest(spectrum);
    const height = spectrum.y.values[top] as number;
    const below = spectrum.y.values.findIndex((v, j) => j > top && v < height / 2);
    const [x0, x1] = [spectrum.x.values[below - 1] as number, spectrum.x.values[below] as number];
    const [y0, y1] = [spectrum.y.values[below - 1] as number, spectrum.y.values[below] as number];
    const half = x0 + ((y0 - height / 2) / (y0 - y1)) * (x1 - x0);
    expect((half - (spectrum.x.values[top] as number)) * 123.2).toBeCloseTo(gb / 2, 1);
  });

  it('records the windows and refuses bad broadening or a spectrum', () => {
    const twice = apodize(apodize(fid, { kind: 'exponential', broadeningHz: 1 }), {
      kind: 'gaussian',
      broadeningHz: 2,
    });
    expect(twice.meta.apodization).toBe('exponential 1 Hz; gaussian 2 Hz');
    expect(thrownWorkbenchError(() => apodize(fid, { kind: 'exponential', broadeningHz: -1 })).message).toMatch(
      /broadeningHz/,
    );
    expect(thrownWorkbenchError(() => apodize(fid, { kind: 'exponential', broadeningHz: Number.NaN })).code).toBe(
      'INVALID_OPTION',
    );
    expect(
      thrownWorkbenchError(() => apodize(toFrequencyDomain(fid), { kind: 'gaussian', broadeningHz: 1 })).code,
    ).toBe('INVALID_OPTION');
  });
});
