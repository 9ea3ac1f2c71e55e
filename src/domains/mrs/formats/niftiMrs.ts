import { type Spectrum, WorkbenchError } from '../../../core';
import { detectConjugation } from '../conjugation';
import { type MrsRecord, toMrsSpectrum, WATER_PPM } from '../mrsSpectrum';
import { gunzipCapped, isGzip } from './gunzipCapped';
import { SPATIAL_INDEX_NAMES } from './niftiMrsDims';
import { DT_COMPLEX64, DT_COMPLEX128, type NiftiHeader, readNiftiHeader } from './niftiMrsHeader';
import { dimHeaderMeta, type NiftiMrsFacts, readNiftiMrsJson } from './niftiMrsJson';

/** Format id of NIfTI-MRS files. */
export const NIFTI_MRS_FORMAT_ID = 'mrs-nifti';

/** Most spectra (voxels × transients) one file may give. */
export const MAX_NIFTI_SPECTRA = 65_536;
/** Most complex samples (spectra × points) one file may give: about 0.8 GB of Float64Arrays with the time axes. */
export const MAX_NIFTI_SAMPLES = 2 ** 25;
/**
 * When the file does not say whether it is water-suppressed, the conjugation check must find this
 * many times more metabolite-window power in the conjugate before it overrides the format (an
 * unsuppressed water line a little off 4.65 ppm tips the check either way by a factor of 2–3).
 */
const DECISIVE_POWER_RATIO = 10;

const DATATYPE_NAMES: Readonly<Record<number, string>> = {
  2: 'uint8',
  4: 'int16',
  8: 'int32',
  16: 'float32',
  64: 'float64',
  128: 'RGB24',
  256: 'int8',
  512: 'uint16',
  768: 'uint32',
  1024: 'int64',
  1280: 'uint64',
  1536: 'float128',
  2048: 'complex256',
  2304: 'RGBA32',
};

/**
 * Reads a NIfTI-MRS file (`.nii` or `.nii.gz`; NIfTI-2 or NIfTI-1, either byte order) into one
 * complex FID per voxel and transient [V: wtclarke/mrs_nifti_standard specification.MD v0.9;
 * mrs-notes §3.1]:
 * - gzip is inflated with a 512 MiB cap ({@link gunzipCapped}); the header by {@link readNiftiHeader};
 * - a NIfTI file without the ecode-44 JSON extension and without an `mrs_v…` intent_name is a
 *   plain image: NOT_A_SPECTRUM;
 * - datatype complex64 (32) or complex128 (1792), samples in the header's byte order, scaled by
 *   scl_slope/scl_inter when the slope is set (applied to both parts, nifti1.h [B]);
 * - dim[0] 4…7: dims 1–3 spatial (an MRSI voxel grid gives one spectrum per voxel with indices
 *   x, y, z), dim 4 the FID, dims 5–7 transients tagged from the extension (`indices` named by
 *   {@link readNiftiMrsJson}); element (x, y, z, t, d5, d6, d7) at x + nx·(y + ny·(z + nz·(t + nt·(…))));
 *   spectra come in file order (voxel fastest, then dim 5, 6, 7);
 * - dwell = pixdim[4] in the time unit of xyzt_units (0 = unknown: seconds, as the pregame files);
 *   voxel size = pixdim[1..3] in the spatial unit (0 = unknown: mm);
 * - sign: NIfTI-MRS defines the convention, so nothing is conjugated by rule; the FSL-MRS check runs
 *   on the sum of all FIDs (1H, not water) and overrides the rule for a water-suppressed file, or
 *   for a file that does not say, only when the evidence is decisive ({@link DECISIVE_POWER_RATIO}).
 * More than {@link MAX_NIFTI_SPECTRA} spectra or {@link MAX_NIFTI_SAMPLES} samples: TOO_LARGE.
 */
export function parseNiftiMrs(bytes: Uint8Array, fileName: string): Spectrum[] {
  const fail: (code: 'TRUNCATED' | 'INVALID_DATA' | 'NOT_A_SPECTRUM' | 'TOO_LARGE', message: string) => never = (
    code,
    message,
  ) => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const data = isGzip(bytes) ? gunzipCapped(bytes, fileName) : bytes;
  const header = readNiftiHeader(data, fileName);
  const mrsIntent = header.intentName.startsWith('mrs_v');
  if (header.mrsJson === undefined) {
    if (!mrsIntent) {
      fail(
        'NOT_A_SPECTRUM',
        `this is a NIfTI image, not NIfTI-MRS: it has no NIfTI-MRS header extension (ecode 44) and its intent_name is "${header.intentName}", not mrs_vM_m`,
      );
    }
    fail(
      'INVALID_DATA',
      `intent_name "${header.intentName}" says NIfTI-MRS, but the required header extension (ecode 44, with SpectrometerFrequency) is missing`,
    );
  }
  const { datatype, bitpix } = header;
  if (datatype !== DT_COMPLEX64 && datatype !== DT_COMPLEX128) {
    fail(
      'INVALID_DATA',
      `NIfTI-MRS data must be complex (datatype 32 complex64 or 1792 complex128); this file has datatype ${datatype} (${DATATYPE_NAMES[datatype] ?? 'unknown'})`,
    );
  }
  const sampleBytes = datatype === DT_COMPLEX64 ? 8 : 16;
  if (bitpix !== sampleBytes * 8)
    fail('INVALID_DATA', `bitpix is ${bitpix}, but datatype ${datatype} has ${sampleBytes * 8} bits`);

  const ndim = header.dims[0] as number;
  if (!(ndim >= 4 && ndim <= 7)) {
    fail('INVALID_DATA', `dim[0] is ${ndim}; NIfTI-MRS data have 4 to 7 dimensions (x, y, z, time, then up to 3 more)`);
  }
  const size = [1, 2, 3, 4, 5, 6, 7].map((d) => (d <= ndim ? (header.dims[d] as number) : 1));
  size.forEach((n, k) => {
    if (!(Number.isInteger(n) && n >= 1 && n < 2 ** 31))
      fail('INVALID_DATA', `dim[${k + 1}] is ${n}; it must be a count ≥ 1`);
  });
  const [nx, ny, nz, points, n5, n6, n7] = size as [number, number, number, number, number, number, number];
  const voxels = nx * ny * nz;
  const transients = n5 * n6 * n7;
  const count = voxels * transients;
  const needed = count * points * sampleBytes;
  const present = data.length - header.voxOffset;
  if (needed > present) {
    fail(
      'TRUNCATED',
      `the data need ${needed} bytes (${size.slice(0, ndim).join(' × ')} samples of ${sampleBytes} bytes) from byte ${header.voxOffset}, but the file has ${present}`,
    );
  }
  if (count > MAX_NIFTI_SPECTRA || count * points > MAX_NIFTI_SAMPLES) {
    fail(
      'TOO_LARGE',
      `the file holds ${count} spectra of ${points} points; at most ${MAX_NIFTI_SPECTRA} spectra and ${MAX_NIFTI_SAMPLES} complex samples are opened at once`,
    );
  }
  const dwellTimeS = dwellSeconds(header, fail);
  const facts = readNiftiMrsJson(header.mrsJson, ndim, fileName);

  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const half = sampleBytes / 2;
  const read = (at: number) =>
    half === 4 ? view.getFloat32(at, header.littleEndian) : view.getFloat64(at, header.littleEndian);
  const slope = header.sclSlope;
  const inter = Number.isFinite(header.sclInter) ? header.sclInter : 0;
  const scaled = Number.isFinite(slope) && slope !== 0 && (slope !== 1 || inter !== 0);
  const samples: { re: Float64Array; im: Float64Array; indices: Record<string, number> }[] = [];
  for (let h = 0; h < transients; h++) {
    const along = [h % n5, Math.floor(h / n5) % n6, Math.floor(h / (n5 * n6))];
    for (let v = 0; v < voxels; v++) {
      const re = new Float64Array(points);
      const im = new Float64Array(points);
      for (let t = 0; t < points; t++) {
        const at = header.voxOffset + (v + voxels * (t + points * h)) * sampleBytes;
        re[t] = scaled ? read(at) * slope + inter : read(at);
        im[t] = scaled ? read(at + half) * slope + inter : read(at + half);
      }
      const indices: Record<string, number> = {};
      if (voxels > 1)
        [v % nx, Math.floor(v / nx) % ny, Math.floor(v / (nx * ny))].forEach((at, k) => {
          indices[SPATIAL_INDEX_NAMES[k] as string] = at;
        });
      facts.dims.forEach((dim, k) => {
        indices[dim.name] = along[k] as number;
      });
      samples.push({ re, im, indices });
    }
  }

  // FSL-MRS PPM_SHIFT: 1H and 2H centred on water (4.65 ppm), 13C on 0 [V: fsl_mrs constants.py]; 31P 0 [B].
  const centrePpm = facts.nucleus === '1H' || facts.nucleus === '2H' ? WATER_PPM : 0;
  const check = conjugationCheck(samples, facts, dwellTimeS, centrePpm);
  if (check.conjugate) {
    for (const s of samples) for (let k = 0; k < s.im.length; k++) s.im[k] = -(s.im[k] as number);
  }
  const common = commonMeta(header, facts, size.slice(0, ndim), scaled);
  const voxelSize = voxelSizeMm(header);
  return samples.map((s, index) => {
    const meta: Record<string, string | number | boolean> = {
      ...common,
      conjugationRule: 'NIfTI-MRS: as stored (the standard defines the convention)',
      conjugationCheck: check.result,
    };
    if (Number.isFinite(check.ratio)) meta.conjugationCheckPowerRatio = Number(check.ratio.toPrecision(4));
    facts.dims.forEach((dim) => {
      dimHeaderMeta(dim, s.indices[dim.name] as number, meta);
    });
    const record: MrsRecord = {
      re: s.re,
      im: s.im,
      spectrometerFrequencyMHz: facts.spectrometerFrequencyMHz,
      dwellTimeS,
      nucleus: facts.nucleus,
      conjugatedByReader: check.conjugate,
      centrePpm,
      indices: s.indices,
      voxelSizeMm: voxelSize,
      meta,
      ...(facts.echoTimeS === undefined ? {} : { echoTimeS: facts.echoTimeS }),
      ...(facts.repetitionTimeS === undefined ? {} : { repetitionTimeS: facts.repetitionTimeS }),
      ...(facts.role === undefined ? {} : { role: facts.role }),
      ...(facts.instrument === undefined ? {} : { instrument: facts.instrument }),
    };
    return toMrsSpectrum(record, fileName, index, NIFTI_MRS_FORMAT_ID);
  });
}

/** Dwell time (s) from pixdim[4] and the time bits (0x38) of xyzt_units: 0 or 8 = s, 16 = ms, 24 = µs [V: nifti1.h]. */
function dwellSeconds(header: NiftiHeader, fail: (code: 'INVALID_DATA', message: string) => never): number {
  const unit = header.xyztUnits & 0x38;
  const scale = unit === 0 || unit === 8 ? 1 : unit === 16 ? 1e-3 : unit === 24 ? 1e-6 : Number.NaN;
  if (Number.isNaN(scale))
    fail(
      'INVALID_DATA',
      `xyzt_units ${header.xyztUnits} gives dim 4 a spectral unit (Hz, ppm or rad/s); NIfTI-MRS stores a time-domain FID`,
    );
  const dwell = (header.pixdim[4] as number) * scale;
  if (!(dwell >= 1e-12 && dwell <= 1000)) {
    fail(
      'INVALID_DATA',
      `pixdim[4] (the dwell time) is ${header.pixdim[4]}; it must be a time between 1 ps and 1000 s`,
    );
  }
  return dwell;
}

/** pixdim[1..3] in mm from the spatial bits (0x07) of xyzt_units: 0 or 2 = mm, 1 = m, 3 = µm. */
function voxelSizeMm(header: NiftiHeader): [number, number, number] {
  const unit = header.xyztUnits & 0x07;
  const scale = unit === 1 ? 1000 : unit === 3 ? 1e-3 : 1;
  return [1, 2, 3].map((k) => (header.pixdim[k] as number) * scale) as [number, number, number];
}

function commonMeta(
  header: NiftiHeader,
  facts: NiftiMrsFacts,
  shape: readonly number[],
  scaled: boolean,
): Record<string, string | number | boolean> {
  const meta: Record<string, string | number | boolean> = {
    'nifti.version': header.version,
    'nifti.intentName': header.intentName,
    'nifti.datatype': header.datatype === DT_COMPLEX64 ? 'complex64' : 'complex128',
    'nifti.shape': shape.join('×'),
    'nifti.qform_code': header.qformCode,
    'nifti.sform_code': header.sformCode,
    ...facts.meta,
  };
  if (!header.littleEndian) meta['nifti.bigEndian'] = true;
  if (scaled) Object.assign(meta, { 'nifti.scl_slope': header.sclSlope, 'nifti.scl_inter': header.sclInter });
  const { srow, quaternion } = header;
  if (header.sformCode > 0) {
    meta['nifti.srow'] = srow.join(',');
    meta.voxelPositionMm = [srow[3], srow[7], srow[11]].join(',');
  } else if (header.qformCode > 0) {
    meta['nifti.quaternion'] = quaternion.join(',');
    meta.voxelPositionMm = quaternion.slice(3, 6).join(',');
  }
  return meta;
}

/** The FSL-MRS conjugation check on the sum of all FIDs, and what the reader does with it (see parseNiftiMrs). */
function conjugationCheck(
  samples: readonly { re: Float64Array; im: Float64Array }[],
  facts: NiftiMrsFacts,
  dwellTimeS: number,
  centrePpm: number,
): { conjugate: boolean; result: string; ratio: number } {
  if (facts.role === 'water') return { conjugate: false, result: 'not applicable (water)', ratio: Number.NaN };
  if (facts.nucleus !== '1H')
    return { conjugate: false, result: `not applicable (${facts.nucleus})`, ratio: Number.NaN };
  const n = samples[0]?.re.length ?? 0;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (const s of samples) {
    for (let k = 0; k < n; k++) {
      re[k] = (re[k] as number) + (s.re[k] as number);
      im[k] = (im[k] as number) + (s.im[k] as number);
    }
  }
  const found = detectConjugation(re, im, facts.spectrometerFrequencyMHz, dwellTimeS, centrePpm);
  const ratio = found.power > 0 ? found.conjugatePower / found.power : Number.NaN;
  if (!found.conjugate) return { conjugate: false, result: 'consistent', ratio };
  if (facts.role === 'metabolite' || found.conjugatePower > DECISIVE_POWER_RATIO * found.power) {
    return { conjugate: true, result: 'conjugated by check', ratio };
  }
  return { conjugate: false, result: 'disagrees, not applied (WaterSuppressed not stated, evidence weak)', ratio };
}
