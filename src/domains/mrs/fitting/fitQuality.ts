import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { fidToPpmSpectrum } from '../processing/spectralTransform';
import type { Acquisition } from '../processing/transientData';
import type { LcmModel } from './lcmModel';

/**
 * Noise SD of the real part of a spectrum from its signal-free ends (ppm < −1 or > 9.5, away from
 * metabolites, water and amide protons), by the SD of first differences / √2, which ignores a slowly
 * varying baseline. `undefined` when the spectral window holds fewer than 32 such points (narrow
 * bandwidths, e.g. 1000 Hz at 1.5 T): the caller then uses the fit residual.
 */
export function estimateSpectralNoise(fid: ComplexArrays, acquisition: Acquisition): number | undefined {
  const spectrum = fidToPpmSpectrum(
    fid.re,
    fid.im,
    acquisition.spectrometerFrequencyMHz,
    acquisition.dwellTimeS,
    acquisition.centrePpm,
  );
  let sum = 0;
  let count = 0;
  for (const part of [spectrum.re, spectrum.im]) {
    for (let j = 1; j < spectrum.ppm.length; j++) {
      const a = spectrum.ppm[j - 1] as number;
      const b = spectrum.ppm[j] as number;
      const quiet = (x: number) => x < -1 || x > 9.5;
      if (!quiet(a) || !quiet(b) || a < -1 !== b < -1) continue;
      sum += ((part[j] as number) - (part[j - 1] as number)) ** 2;
      count += 1;
    }
  }
  if (count < 64) return undefined;
  return Math.sqrt(sum / count / 2);
}

/**
 * LCModel's S/N (LCModel manual §11.2.5): the maximum of data − baseline over the fit range
 * divided by twice the RMS of the residual. `data`, `baseline`, `residual` are the phase-corrected
 * real parts on the fit bins.
 */
export function snrLcmodel(data: Float64Array, baseline: Float64Array, residual: Float64Array): number {
  let peak = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < data.length; j++) peak = Math.max(peak, (data[j] as number) - (baseline[j] as number));
  let squares = 0;
  for (const r of residual) squares += r * r;
  const rms = Math.sqrt(squares / Math.max(1, residual.length));
  return rms > 0 ? peak / (2 * rms) : Number.POSITIVE_INFINITY;
}

const REFERENCE_LINES: readonly [RegExp, number][] = [
  [/^naa$/i, 2.008],
  [/^(cr|tcr|cr\+pcr)$/i, 3.027],
  [/^pcr$/i, 3.029],
];

/**
 * FWHM (ppm) of the fitted NAA singlet at 2.01 ppm (Cr's 3.03 ppm singlet when there is no NAA),
 * measured on the component's broadened lineshape zero-filled 8× (linear interpolation at half
 * height): the in vivo linewidth, which LCModel reports as FWHM.
 */
export function lineWidthPpm(model: LcmModel, p: ArrayLike<number>): { fwhmPpm: number; of: string } {
  const names = model.componentNames;
  for (const [pattern, centre] of REFERENCE_LINES) {
    const m = names.findIndex((name) => pattern.test(name));
    if (m < 0) continue;
    const fid = model.broadenedFid(p, m);
    const n = fid.re.length * 8;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    re.set(fid.re);
    im.set(fid.im);
    const { spectrometerFrequencyMHz, dwellTimeS, centrePpm } = model.acquisition;
    const spectrum = fidToPpmSpectrum(re, im, spectrometerFrequencyMHz, dwellTimeS, centrePpm);
    const width = halfHeightWidth(spectrum.ppm, spectrum.re, centre);
    if (Number.isFinite(width)) return { fwhmPpm: width, of: names[m] as string };
  }
  return { fwhmPpm: Number.NaN, of: 'none' };
}

function halfHeightWidth(ppm: Float64Array, values: Float64Array, centre: number): number {
  let top = -1;
  for (let j = 0; j < ppm.length; j++) {
    if (Math.abs((ppm[j] as number) - centre) > 0.05) continue;
    if (top < 0 || (values[j] as number) > (values[top] as number)) top = j;
  }
  if (top < 0 || !((values[top] as number) > 0)) return Number.NaN;
  const half = (values[top] as number) / 2;
  const crossing = (direction: 1 | -1): number => {
    for (let j = top; j > 0 && j < ppm.length - 1; j += direction) {
      const next = j + direction;
      if ((values[next] as number) <= half) {
        const a = values[j] as number;
        const b = values[next] as number;
        return (ppm[j] as number) + ((a - half) / (a - b)) * ((ppm[next] as number) - (ppm[j] as number));
      }
    }
    return Number.NaN;
  };
  return Math.abs(crossing(1) - crossing(-1));
}
