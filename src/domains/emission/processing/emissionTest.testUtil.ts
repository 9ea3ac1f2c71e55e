import { readFileSync } from 'node:fs';
import type { Spectrum, SpectrumMeta } from '../../../core';
import type { AxisUnit } from '../../../core/units';
import { parseDelimitedText } from '../../../formats/readers/delimitedText';
import { uniform01 } from '../../../ml/blocks/random';

/** An emission spectrum from arrays (nm axis unless told otherwise). */
export function opticalSpectrum(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { unit?: AxisUnit; meta?: SpectrumMeta; name?: string; file?: string } = {},
): Spectrum {
  const unit = options.unit ?? 'nm';
  const name = options.name ?? 'test.csv';
  return {
    id: `${name}#0`,
    name,
    file: options.file ?? name,
    domain: 'emission',
    x: { values: Float64Array.from(x), unit, quantity: unit === 'cm-1' ? 'wavenumber' : 'wavelength' },
    y: { values: Float64Array.from(y), unit: 'counts' },
    meta: options.meta ?? {},
  };
}

/** Spectra of a real file in test/fixtures/optical, read by the delimited-text reader. */
export function opticalFixture(name: string): Spectrum[] {
  const bytes = new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/optical/${name}`, import.meta.url)));
  return parseDelimitedText(bytes, name);
}

/** Standard normal deviates (Box–Muller over the seeded mulberry32 of `ml/blocks/random`). */
export function normalDeviates(seed: number): () => number {
  const uniform = uniform01(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Exact Voigt profile of unit area (the convolution of a Gaussian of FWHM `fG` with a Lorentzian of
 * FWHM `fL`, both > 0), by Simpson quadrature over the Gaussian (±8σ, 4000 intervals): relative
 * error below 10⁻⁶ for any fL/fG, independent of the pseudo-Voigt under test.
 */
export function voigt(x: number, centre: number, fG: number, fL: number): number {
  const sigma = fG / (2 * Math.sqrt(2 * Math.LN2));
  const gamma = fL / 2;
  const intervals = 4000;
  const h = (16 * sigma) / intervals;
  let sum = 0;
  for (let k = 0; k <= intervals; k++) {
    const t = -8 * sigma + k * h;
    const g = Math.exp((-0.5 * t * t) / (sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
    const l = gamma / (Math.PI * ((x - centre - t) ** 2 + gamma * gamma));
    sum += (k === 0 || k === intervals ? 1 : k % 2 === 1 ? 4 : 2) * g * l;
  }
  return (sum * h) / 3;
}

/** A Gaussian of unit area and FWHM `fwhm`. */
export function gaussianPeak(x: number, centre: number, fwhm: number): number {
  const sigma = fwhm / (2 * Math.sqrt(2 * Math.LN2));
  return Math.exp(-0.5 * ((x - centre) / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));
}
