import { WorkbenchError } from '../../../core/errors';
import { GAUSSIAN_FWHM_PER_SIGMA } from './lineProfiles';
import { type PixelGrid, pixelGridFromCentres } from './renderLines';

/**
 * A spectrometer and its detector (optical-notes §3.5): pixel → wavelength polynomial, Gaussian
 * instrument function, relative spectral sensitivity, radiometric gain, and the detector's
 * electronics (gain in e⁻/count, read noise, dark current, offset, full scale). JSON-serialisable,
 * so a training recipe can store it.
 */
export interface InstrumentModel {
  /** Number of pixels (USB2000+ 2048, USB4000 3648, QE 1044). */
  readonly pixels: number;
  /**
   * λ(p) = a₀ + a₁p + a₂p² + … (nm) for p = 0 … pixels − 1: the calibration the instrument reports
   * (Avantes stores 5 coefficients, optical-notes §3.5). Must increase over the pixels.
   */
  readonly wavelengthPolynomial: readonly number[];
  /** FWHM of the Gaussian instrument function (slit ⊗ optics), nm. */
  readonly fwhmNm: number;
  /** Relative spectral sensitivity (grating × detector QE) as [nm, value] nodes, linear between. */
  readonly sensitivity?: readonly (readonly [number, number])[];
  /** Counts per second per unit pixel radiance (W m⁻² sr⁻¹) where the sensitivity is 1. */
  readonly countsPerRadianceSecond: number;
  /** Integration time (s). */
  readonly integrationTimeS: number;
  /** Photo-electrons per count (e⁻/ADU): sets the shot noise. */
  readonly electronsPerCount: number;
  /** Read noise (counts RMS, Gaussian). */
  readonly readNoiseCounts: number;
  /** Dark current (counts s⁻¹ per pixel, Poisson). */
  readonly darkCurrentCountsPerS: number;
  /** Electronic offset (counts). */
  readonly offsetCounts: number;
  /** ADC full scale (counts): 16383 for a 14-bit Ocean Optics detector, 65535 for 16 bits. */
  readonly saturationCounts: number;
  /** Subtract the expected offset and dark signal after digitisation ("electric dark" correction). */
  readonly darkCorrected?: boolean;
}

/**
 * Generic relative sensitivity of a UV-enhanced silicon CCD behind a grating blazed near 500 nm
 * [B: typical shape of vendor curves, not a specific instrument].
 */
export const GENERIC_SENSITIVITY: readonly (readonly [number, number])[] = [
  [180, 0.03],
  [200, 0.1],
  [250, 0.3],
  [300, 0.5],
  [350, 0.72],
  [400, 0.88],
  [500, 1],
  [600, 0.95],
  [700, 0.8],
  [800, 0.55],
  [900, 0.3],
  [1000, 0.08],
  [1100, 0.01],
];

/**
 * A 2048-pixel 190–898 nm compact spectrometer (USB2000+-like geometry, 14-bit ADC; optical-notes
 * §3.5) with a 0.6 nm instrument FWHM, as used for the liquid-discharge simulations. The gain is
 * set so that a strong line fills about half the range at 100 ms (see liquidDischarge.ts).
 */
export function defaultInstrument(overrides: Partial<InstrumentModel> = {}): InstrumentModel {
  return {
    pixels: 2048,
    wavelengthPolynomial: [190, 0.3662, -1e-5],
    fwhmNm: 0.6,
    sensitivity: GENERIC_SENSITIVITY,
    countsPerRadianceSecond: 2e4,
    integrationTimeS: 0.1,
    electronsPerCount: 8,
    readNoiseCounts: 6,
    darkCurrentCountsPerS: 20,
    offsetCounts: 300,
    saturationCounts: 16383,
    ...overrides,
  };
}

/** Gaussian σ (nm) of the instrument function. */
export function instrumentSigmaNm(instrument: InstrumentModel): number {
  return instrument.fwhmNm / GAUSSIAN_FWHM_PER_SIGMA;
}

/** Checks the instrument's numbers; INVALID_OPTION naming the first bad field. */
export function validateInstrument(instrument: InstrumentModel): void {
  const positive: (keyof InstrumentModel)[] = [
    'pixels',
    'fwhmNm',
    'countsPerRadianceSecond',
    'integrationTimeS',
    'electronsPerCount',
    'saturationCounts',
  ];
  for (const key of positive) {
    const value = instrument[key];
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new WorkbenchError('INVALID_OPTION', `instrument.${key} must be a positive number, got ${String(value)}`);
    }
  }
  if (!Number.isInteger(instrument.pixels) || instrument.pixels < 2) {
    throw new WorkbenchError('INVALID_OPTION', `instrument.pixels must be an integer ≥ 2, got ${instrument.pixels}`);
  }
  for (const key of ['readNoiseCounts', 'darkCurrentCountsPerS', 'offsetCounts'] as const) {
    if (!(instrument[key] >= 0)) {
      throw new WorkbenchError('INVALID_OPTION', `instrument.${key} must be ≥ 0, got ${instrument[key]}`);
    }
  }
  if (instrument.wavelengthPolynomial.length === 0) {
    throw new WorkbenchError('INVALID_OPTION', 'instrument.wavelengthPolynomial is empty');
  }
}

/** The instrument's nominal wavelength (nm) of each pixel, λ(p) from its polynomial (Horner). */
export function nominalWavelengths(instrument: InstrumentModel): Float64Array {
  const out = new Float64Array(instrument.pixels);
  const c = instrument.wavelengthPolynomial;
  for (let p = 0; p < out.length; p++) {
    let v = 0;
    for (let k = c.length - 1; k >= 0; k--) v = v * p + (c[k] as number);
    out[p] = v;
  }
  return out;
}

/**
 * The pixel grid on the true wavelength scale when the instrument's axis is off by
 * `wavelengthShiftNm` (a light of true wavelength λ lands where the nominal axis reads λ − shift;
 * thermal drift, a wrong calibration). INVALID_OPTION when λ(p) does not increase.
 */
export function truePixelGrid(instrument: InstrumentModel, wavelengthShiftNm = 0): PixelGrid {
  const nominal = nominalWavelengths(instrument);
  const centres = new Float64Array(nominal.length);
  for (let p = 0; p < centres.length; p++) centres[p] = (nominal[p] as number) + wavelengthShiftNm;
  return pixelGridFromCentres(centres);
}

/** Relative sensitivity at each wavelength (linear between nodes, held at the end values). */
export function sensitivityAt(instrument: InstrumentModel, wavelengthsNm: Float64Array): Float64Array {
  const nodes = instrument.sensitivity ?? GENERIC_SENSITIVITY;
  const out = new Float64Array(wavelengthsNm.length);
  if (nodes.length === 0) return out.fill(1);
  const xs = nodes.map((node) => node[0]);
  const ys = nodes.map((node) => node[1]);
  const last = xs.length - 1;
  let j = 0;
  for (let i = 0; i < out.length; i++) {
    const x = wavelengthsNm[i] as number;
    if (x <= (xs[0] as number)) out[i] = ys[0] as number;
    else if (x >= (xs[last] as number)) out[i] = ys[last] as number;
    else {
      if ((xs[j] as number) > x) j = 0;
      while ((xs[j + 1] as number) < x) j++;
      const x0 = xs[j] as number;
      const y0 = ys[j] as number;
      out[i] = y0 + (((ys[j + 1] as number) - y0) * (x - x0)) / ((xs[j + 1] as number) - x0);
    }
  }
  return out;
}
