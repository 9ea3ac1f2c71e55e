import type { Spectrum } from '../../../core';
import { BinaryReader } from '../../../formats/binaryReader';
import { fileExtension } from '../../../formats/formatDescriptor';
import { AVASOFT7_ID, AVASOFT7_LAYOUT, AVASOFT7_TRAILER, avaSoft7Version, isPixelNumber } from './avantesSignature';
import { type AvantesMode, avantesTraces } from './avantesTraces';
import { pixelAxis, type VendorTrace, vendorSpectra } from './vendorSpectra';
import { vendorFail } from './vendorText';

/** Meaning of a single-column file by its extension (AvaSoft 7 writes one extension per kind). */
const SINGLE: Readonly<Record<string, Pick<VendorTrace, 'role' | 'quantity'>>> = {
  roh: { role: 'sample', quantity: 'counts' },
  raw: { role: 'sample', quantity: 'counts' },
  drk: { role: 'dark', quantity: 'counts' },
  ref: { role: 'reference', quantity: 'counts' },
  irr: { role: 'processed', quantity: 'irradiance' },
  rir: { role: 'processed', quantity: 'relative irradiance' },
};

/** Character codes stored as floats (AvaSoft 7 ids and names), cut at the first 0. */
function floatChars(r: BinaryReader, at: number, count: number, what: string): string {
  let text = '';
  for (let k = 0; k < count; k++) {
    const code = r.float32(at + 4 * k, what);
    if (code === 0) break;
    text += Number.isInteger(code) && code >= 32 && code < 127 ? String.fromCharCode(code) : '?';
  }
  return text.trim();
}

/**
 * Reads an AvaSoft ≤ 7 binary (`.TRM`, `.ABS`, `.ROH`, `.DRK`, `.REF`, `.IRR`; layout in
 * {@link AVASOFT7_LAYOUT}, optical-notes §4.4). Whether a file holds 3 floats per pixel (sample,
 * reference, dark, interleaved: `.TRM`/`.ABS`) or 1 (the others) is decided by its size, checked
 * before anything is allocated; the extension then says what the data mean: a 3-float file is a
 * transmittance unless it is `.ABS` (absorbance); a 1-float `.DRK` is a dark, `.REF` a reference,
 * `.IRR`/`.RIR` an (unverified: no fixture) irradiance, anything else the sample ("scope") counts.
 *
 * x: λ(p) = Σ a_k·p^k over the absolute pixels p = ipixfirst…ipixlast (nm), the polynomial kept as
 * `x.calibration` over the stored pixels' index (and as stated in `meta.wavelengthCoefficients`);
 * the pixel index with `meta.calibrationProblem` when it does not increase.
 * Meta: `integrationTimeS`, `scansAveraged`, `boxcarWidth`, `spectrometer`, `measureModeCode`,
 * `firstPixel`, `lastPixel`; v70 also `timestampTicks10us`, `dynamicDarkCorrection`,
 * `boardTemperatureC`, `detectorTemperatureC`, `laserWavelengthNm`.
 *
 * @throws WorkbenchError INVALID_DATA (version not 60/70, a pixel range that is not one, a size that
 *   fits neither layout), TRUNCATED (the file ends before its header or pixel data).
 */
export function parseAvaSoft7(bytes: Uint8Array, fileName: string): Spectrum[] {
  const r = new BinaryReader(bytes, fileName);
  r.require(0, 4, 'the version float');
  const version = avaSoft7Version(bytes);
  if (version === undefined) {
    return vendorFail(
      'INVALID_DATA',
      `the version float at byte 0 is ${r.float32(0, 'the version')}, not 60 or 70`,
      fileName,
    );
  }
  const layout = AVASOFT7_LAYOUT[version];
  r.require(0, layout.header, `the ${layout.header}-byte version ${version} header`);
  const polynomial = Array.from({ length: 5 }, (_, k) =>
    r.float32(layout.polynomial + 4 * k, 'the wavelength polynomial'),
  );
  const first = r.float32(layout.range, 'ipixfirst');
  const last = r.float32(layout.range + 4, 'ipixlast');
  if (!isPixelNumber(first) || !isPixelNumber(last) || last < first) {
    return vendorFail(
      'INVALID_DATA',
      `the pixel range ${first}…${last} (floats at byte ${layout.range}) is not a range of pixel numbers`,
      fileName,
    );
  }
  const n = last - first + 1;
  const data = bytes.length - layout.header - AVASOFT7_TRAILER;
  const extension = fileExtension(fileName);
  const threeColumns = extension === 'trm' || extension === 'abs';
  const per = data === 12 * n ? 3 : data === 4 * n ? 1 : 0;
  if (per === 0) {
    const needed = layout.header + (threeColumns ? 12 : 4) * n + AVASOFT7_TRAILER;
    if (bytes.length < needed) {
      return vendorFail(
        'TRUNCATED',
        `the file ends within the data of pixels ${first}…${last}: ${needed} bytes are needed, it has ${bytes.length}`,
        fileName,
      );
    }
    return vendorFail(
      'INVALID_DATA',
      `the file size ${bytes.length} fits neither 1 nor 3 floats for each of ${n} pixels after the ${layout.header}-byte header`,
      fileName,
    );
  }
  const values = r.float32Array(layout.header, per * n, 'the pixel data');
  const column = (k: number): Float64Array => Float64Array.from({ length: n }, (_, i) => values[per * i + k] as number);
  const tail = layout.header + 4 * per * n;
  const meta: Record<string, string | number | boolean> = {
    dialect: `AvaSoft 7 (version ${version})`,
    spectrometer: floatChars(r, layout.id, 9, 'the spectrometer id'),
    measureModeCode: r.float32(layout.range + 8, 'the measurement mode'),
    integrationTimeS: r.float32(tail, 'the integration time') / 1000,
    scansAveraged: r.float32(tail + 4, 'the number of averages'),
    firstPixel: first,
    lastPixel: last,
    wavelengthCoefficients: polynomial.join(','),
  };
  if (version === 60) meta.boxcarWidth = r.float32(tail + 8, 'the boxcar width');
  if (layout.extra !== undefined) Object.assign(meta, version70Extras(r, layout.extra));
  let traces: VendorTrace[];
  if (per === 3) {
    const mode: AvantesMode = extension === 'abs' ? 'absorbance' : 'transmittance';
    traces = avantesTraces(mode, { sample: column(0), reference: column(1), dark: column(2) });
  } else {
    const kind = SINGLE[extension] ?? { role: 'sample', quantity: 'counts' };
    traces = [{ ...kind, values: column(0), unit: kind.quantity === 'counts' ? 'counts' : '' }];
  }
  const axis = pixelAxis(polynomial, first, n);
  if (axis.problem !== undefined) meta.calibrationProblem = axis.problem;
  return vendorSpectra(
    [{ x: axis.x, xUnit: axis.xUnit, calibration: axis.calibration, traces, meta, where: (i) => `pixel ${first + i}` }],
    fileName,
    AVASOFT7_ID,
  );
}

/** The version 70 fields worth keeping (the 17 floats after the measurement mode). */
function version70Extras(r: BinaryReader, at: number): Record<string, string | number | boolean> {
  const f = (k: number): number => r.float32(at + 4 * k, 'the version 70 settings');
  const extras: Record<string, string | number | boolean> = {
    timestampTicks10us: f(6),
    dynamicDarkCorrection: f(7) !== 0,
    boxcarWidth: f(8),
  };
  if (f(0) > 0) extras.laserWavelengthNm = f(0);
  if (f(13) !== 0) extras.boardTemperatureC = f(13);
  if (f(15) !== 0) extras.detectorTemperatureC = f(15);
  for (const key of Object.keys(extras)) {
    const value = extras[key];
    if (typeof value === 'number' && !Number.isFinite(value)) delete extras[key];
  }
  return extras;
}
