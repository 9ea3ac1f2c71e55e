import type { Spectrum, WorkbenchError } from '../../../core';
import { parseOutcome as sharedParseOutcome } from '../../../formats/readerTestSupport';
import { magnitudeSpectrum } from '../conjugation';
import { type MrsRecord, toMrsSpectrum } from '../mrsSpectrum';
import { writeNiftiMrs } from './writeNiftiMrs';

/**
 * Test support for the NIfTI-MRS reader and writer: synthetic FIDs, a hand-built NIfTI-1 file, the
 * tallest peak on the NIfTI-MRS ppm axis and the "spectra or a WorkbenchError" outcome of a fuzzed
 * parse. Only tests import it.
 */

/** One resonance: chemical shift (ppm), amplitude, T2* (s). */
export interface Line {
  readonly ppm: number;
  readonly amplitude: number;
  readonly t2: number;
}

/** NAA 2.01, Cr 3.03, Cho 3.20 ppm singlets (amplitudes roughly as in brain). */
export const NAA_CR_CHO: readonly Line[] = [
  { ppm: 2.01, amplitude: 1, t2: 0.08 },
  { ppm: 3.03, amplitude: 0.7, t2: 0.08 },
  { ppm: 3.2, amplitude: 0.5, t2: 0.08 },
];

/** An FID of Lorentzian lines in the NIfTI-MRS convention: f = (4.65 − ppm)·cf, exp(+2πi f t). */
export function syntheticFid(lines: readonly Line[], cf: number, dwell: number, n: number) {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const { ppm, amplitude, t2 } of lines) {
    const f = (4.65 - ppm) * cf;
    for (let i = 0; i < n; i++) {
      const t = i * dwell;
      const decay = amplitude * Math.exp(-t / t2);
      re[i] = (re[i] as number) + decay * Math.cos(2 * Math.PI * f * t);
      im[i] = (im[i] as number) + decay * Math.sin(2 * Math.PI * f * t);
    }
  }
  return { re, im };
}

/** A spectrum as an MRS reader would return it (for the writer). */
export function mrsSpectrum(
  record: Partial<MrsRecord> & Pick<MrsRecord, 're' | 'im'>,
  index = 0,
  fileName = 'synthetic.nii',
): Spectrum {
  return toMrsSpectrum(
    { spectrometerFrequencyMHz: 123.2, dwellTimeS: 0.00025, nucleus: '1H', conjugatedByReader: false, ...record },
    fileName,
    index,
    'mrs-nifti',
  );
}

/** A written single-voxel metabolite file: NAA/Cr/Cho at 123.2 MHz, 2048 points, dwell 250 µs, TE 30 ms, TR 2 s. */
export function metaboliteNifti(options: { conjugate?: boolean; role?: 'metabolite' | 'water'; gzip?: boolean } = {}) {
  const { re, im } = syntheticFid(NAA_CR_CHO, 123.2, 0.00025, 2048);
  const spectrum = mrsSpectrum({
    re,
    im: options.conjugate ? im.map((v) => -v) : im,
    echoTimeS: 0.03,
    repetitionTimeS: 2,
    ...(options.role === undefined ? {} : { role: options.role }),
  });
  return writeNiftiMrs([spectrum], { gzip: options.gzip ?? false });
}

/** The tallest point of |spectrum| of the summed FIDs in [lo, hi] ppm (NIfTI-MRS axis, the spectra's centre). */
export function tallestPpm(spectra: readonly Spectrum[], lo: number, hi: number, conjugate = false): number {
  const first = spectra[0] as Spectrum;
  const n = first.y.values.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const s of spectra) {
    for (let k = 0; k < n; k++) {
      re[k] = (re[k] as number) + (s.y.values[k] as number);
      im[k] = (im[k] as number) + (conjugate ? -1 : 1) * ((s.y.imaginary as Float64Array)[k] as number);
    }
  }
  const { meta } = first;
  const { ppm, magnitude } = magnitudeSpectrum(
    re,
    im,
    meta.spectrometerFrequencyMHz as number,
    meta.dwellTimeS as number,
    meta.centrePpm as number,
  );
  let best = -1;
  for (let k = 0; k < ppm.length; k++) {
    const p = ppm[k] as number;
    if (p >= lo && p <= hi && (best < 0 || (magnitude[k] as number) > (magnitude[best] as number))) best = k;
  }
  return ppm[best] as number;
}

/** Options of {@link niftiOne}. */
export interface NiftiOneOptions {
  readonly littleEndian?: boolean;
  readonly datatype?: number;
  readonly dims: readonly number[];
  readonly dwell: number;
  readonly xyztUnits?: number;
  readonly intentName?: string;
  /** JSON of the ecode-44 extension; omitted → no extension. */
  readonly json?: Record<string, unknown>;
  /** Interleaved re/im samples in NIfTI order. */
  readonly samples: Float64Array;
}

/**
 * A single-file NIfTI-1 built by hand from nifti1.h: sizeof_hdr 348 @0, dim[8] int16 @40, datatype
 * int16 @70, bitpix @72, pixdim[8] float32 @76, vox_offset float32 @108, scl_slope @112,
 * xyzt_units byte @123, intent_name @328, magic `n+1\0` @344, extender @348, extensions @352.
 * Samples are float32 pairs (datatype 32) or float64 pairs (1792), or float32 singles otherwise.
 */
export function niftiOne(options: NiftiOneOptions): Uint8Array {
  const le = options.littleEndian ?? true;
  const datatype = options.datatype ?? 32;
  const text = options.json === undefined ? undefined : new TextEncoder().encode(JSON.stringify(options.json));
  const esize = text === undefined ? 0 : Math.ceil((text.length + 8) / 16) * 16;
  const voxOffset = 352 + esize;
  const width = datatype === 1792 ? 8 : 4;
  const bytes = new Uint8Array(voxOffset + options.samples.length * width);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 348, le);
  options.dims.forEach((d, k) => {
    view.setInt16(40 + 2 * k, d, le);
  });
  view.setInt16(70, datatype, le);
  view.setInt16(72, datatype === 1792 ? 128 : datatype === 32 ? 64 : 32, le);
  [1, 20, 20, 20, options.dwell, 1, 1, 1].forEach((p, k) => {
    view.setFloat32(76 + 4 * k, p, le);
  });
  view.setFloat32(108, voxOffset, le);
  view.setFloat32(112, 1, le);
  view.setUint8(123, options.xyztUnits ?? 10);
  bytes.set(new TextEncoder().encode(options.intentName ?? 'mrs_v0_2'), 328);
  bytes.set([0x6e, 0x2b, 0x31, 0], 344);
  if (text !== undefined) {
    view.setUint8(348, 1);
    view.setInt32(352, esize, le);
    view.setInt32(356, 44, le);
    bytes.set(text, 360);
  }
  options.samples.forEach((v, k) => {
    if (width === 8) view.setFloat64(voxOffset + 8 * k, v, le);
    else view.setFloat32(voxOffset + 4 * k, v, le);
  });
  return bytes;
}

/** The outcome of a fuzzed parse (shared harness), every spectrum required to be a complex FID. */
export function parseOutcome(
  parse: (bytes: Uint8Array, fileName: string) => Spectrum[],
  bytes: Uint8Array,
  fileName: string,
): Spectrum[] | WorkbenchError {
  return sharedParseOutcome(parse, bytes, fileName, { complex: true });
}
