import { gzipSync } from 'fflate';
import { type Spectrum, WorkbenchError } from '../../../core';
import { SPATIAL_INDEX_NAMES, tagOfIndexName } from './niftiMrsDims';
import { DT_COMPLEX64, DT_COMPLEX128, NIFTI_MRS_ECODE } from './niftiMrsHeader';

/** Options of {@link writeNiftiMrs}. */
export interface WriteNiftiMrsOptions {
  /** `complex64` (default, float32 parts) or `complex128` (float64 parts: an exact copy of the samples). */
  readonly precision?: 'complex64' | 'complex128';
  /** Gzip the file (`.nii.gz`). Default false. */
  readonly gzip?: boolean;
  /** Tag of dim 5 when spectra without a full grid of `index.*` meta are stacked (default `DIM_DYN`). */
  readonly stackTag?: string;
  /** Further header-extension keys; they override what the writer derived. */
  readonly header?: Readonly<Record<string, unknown>>;
}

/** The version of the NIfTI-MRS standard the written header follows. */
export const NIFTI_MRS_INTENT = 'mrs_v0_9';

/** Standard-defined scalar header keys carried over from `meta['nifti.<key>']` of the first spectrum. */
const CARRIED_KEYS = [
  'SpectralWidth',
  'InversionTime',
  'MixingTime',
  'ExcitationFlipAngle',
  'TxOffset',
  'AcquisitionStartTime',
  'WaterSuppressionType',
  'SequenceTriggered',
  'Manufacturer',
  'ManufacturersModelName',
  'DeviceSerialNumber',
  'SoftwareVersions',
  'InstitutionName',
  'InstitutionAddress',
  'TxCoil',
  'RxCoil',
  'SequenceName',
  'ProtocolName',
  'ConversionMethod',
  'ConversionTime',
];

interface Layout {
  /** dim[1..7] sizes (1 where unused) and dim[0]. */
  readonly size: number[];
  readonly ndim: number;
  /** Tags of dims 5, 6, 7 that are used, and the index name each came from. */
  readonly higher: { readonly tag: string; readonly name: string }[];
  /** Where each spectrum goes: its voxel (x + nx·(y + ny·z)) and transient (d5 + n5·(d6 + n6·d7)). */
  readonly place: { voxel: number; transient: number }[];
}

/**
 * Writes spectra of one acquisition (same points, dwell time, spectrometer frequency and nucleus)
 * as one NIfTI-MRS file: NIfTI-2, little-endian [V: nifti2.h; mrs_nifti_standard specification.MD v0.9]:
 * - 540-byte header: datatype 32 (complex64) or 1792 (complex128), dim = [ndim, nx, ny, nz, points,
 *   …], pixdim[1..3] = `meta.voxelSizeMm` (else 10000 mm, unlocalised), pixdim[4] = dwell (s),
 *   xyzt_units 10 (mm, s), intent_name {@link NIFTI_MRS_INTENT}, the file's sform or qform when the
 *   meta carries one (`nifti.srow` + `nifti.sform_code`, `nifti.quaternion` + `nifti.qform_code`);
 * - extender 1,0,0,0 and one ecode-44 extension: JSON padded with spaces to a multiple of 16 bytes
 *   (`SpectrometerFrequency` [MHz], `ResonantNucleus`, `EchoTime`, `RepetitionTime` (s),
 *   `WaterSuppressed` from the role, the standard scalar keys of `meta['nifti.<key>']`, `dim_N` tags);
 * - samples from vox_offset (= 544 + the extension) in NIfTI order, x fastest.
 * Placement: when every spectrum has the same `index.*` keys and they form a full grid (each
 * combination once), `x`/`y`/`z` go to dims 1–3 and the others, in the first spectrum's key order,
 * to dims 5–7 tagged by name (`coil` → DIM_COIL, `dynamic` → DIM_DYN, …; other names → DIM_USER_n
 * with `dim_N_info` naming them); otherwise the spectra are stacked along dim 5 in the given order.
 * `dim_N_header` is not written.
 *
 * @throws WorkbenchError INVALID_DATA (naming the first spectrum's file) when the spectra do not
 *   form one acquisition or are not complex.
 */
export function writeNiftiMrs(spectra: readonly Spectrum[], options: WriteNiftiMrsOptions = {}): Uint8Array {
  const first = spectra[0];
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', `cannot write NIfTI-MRS: ${message}`, first ? { file: first.file } : {});
  };
  if (first === undefined) return fail('there are no spectra');
  const points = first.y.values.length;
  const sf = first.meta.spectrometerFrequencyMHz;
  const nucleus = first.meta.nucleus;
  const dwell = dwellOf(first);
  if (!(typeof sf === 'number' && sf > 0)) fail('meta.spectrometerFrequencyMHz is missing');
  if (typeof nucleus !== 'string' || nucleus === '') fail('meta.nucleus is missing');
  if (!(dwell > 0)) fail('the dwell time is unknown (meta.dwellTimeS)');
  for (const s of spectra) {
    if (s.y.imaginary?.length !== points || s.y.values.length !== points)
      fail(`${s.name} is not a complex FID of ${points} points`);
    if (s.meta.spectrometerFrequencyMHz !== sf || s.meta.nucleus !== nucleus || dwellOf(s) !== dwell) {
      fail(`${s.name} has another spectrometer frequency, nucleus or dwell time than ${first.name}`);
    }
  }
  const layout = gridLayout(spectra) ?? stacked(spectra.length, options.stackTag ?? 'DIM_DYN');
  const json = headerJson(first, layout, sf as number, nucleus as string, options.header);
  const text = new TextEncoder().encode(JSON.stringify(json));
  const esize = Math.ceil((text.length + 8) / 16) * 16;
  const voxOffset = 544 + esize;
  const complex128 = options.precision === 'complex128';
  const sampleBytes = complex128 ? 16 : 8;
  const bytes = new Uint8Array(voxOffset + spectra.length * points * sampleBytes);
  const view = new DataView(bytes.buffer);
  writeHeader(view, first, layout, dwell, voxOffset, complex128);
  view.setUint8(540, 1);
  view.setInt32(544, esize, true);
  view.setInt32(548, NIFTI_MRS_ECODE, true);
  bytes.fill(0x20, 552, 544 + esize);
  bytes.set(text, 552);

  const voxels = (layout.size[0] as number) * (layout.size[1] as number) * (layout.size[2] as number);
  spectra.forEach((s, k) => {
    const { voxel, transient } = layout.place[k] as { voxel: number; transient: number };
    const re = s.y.values;
    const im = s.y.imaginary as Float64Array;
    for (let t = 0; t < points; t++) {
      const at = voxOffset + (voxel + voxels * (t + points * transient)) * sampleBytes;
      if (complex128) {
        view.setFloat64(at, re[t] as number, true);
        view.setFloat64(at + 8, im[t] as number, true);
      } else {
        view.setFloat32(at, re[t] as number, true);
        view.setFloat32(at + 4, im[t] as number, true);
      }
    }
  });
  return options.gzip ? gzipSync(bytes) : bytes;
}

function dwellOf(s: Spectrum): number {
  const dwell = s.meta.dwellTimeS;
  if (typeof dwell === 'number') return dwell;
  const x = s.x.values;
  return x.length > 1 ? (x[1] as number) - (x[0] as number) : Number.NaN;
}

/** All spectra stacked along dim 5 (or a 4-D file for one spectrum). */
function stacked(count: number, tag: string): Layout {
  const place = Array.from({ length: count }, (_, k) => ({ voxel: 0, transient: k }));
  if (count === 1) return { size: [1, 1, 1, 0, 1, 1, 1], ndim: 4, higher: [], place };
  return { size: [1, 1, 1, 0, count, 1, 1], ndim: 5, higher: [{ tag, name: '' }], place };
}

/** The layout the spectra's `index.*` meta describe, when it is a full grid; undefined otherwise. */
function gridLayout(spectra: readonly Spectrum[]): Layout | undefined {
  const keysOf = (s: Spectrum) => Object.keys(s.meta).filter((key) => key.startsWith('index.'));
  const keys = keysOf(spectra[0] as Spectrum).map((key) => key.slice(6));
  const higherNames = keys.filter((key) => !SPATIAL_INDEX_NAMES.includes(key));
  if (keys.length === 0 || higherNames.length > 3) return undefined;
  const at = spectra.map((s) => keys.map((key) => s.meta[`index.${key}`]));
  if (spectra.some((s) => keysOf(s).length !== keys.length)) return undefined;
  if (at.some((row) => row.some((v) => !(typeof v === 'number' && Number.isInteger(v) && v >= 0)))) return undefined;
  const extent = keys.map((_, j) => 1 + at.reduce((most, row) => Math.max(most, row[j] as number), 0));
  if (extent.reduce((a, b) => a * b, 1) !== spectra.length) return undefined;
  const sizeOf = (name: string) => (keys.includes(name) ? (extent[keys.indexOf(name)] as number) : 1);
  const [nx, ny] = [sizeOf('x'), sizeOf('y')];
  const higherSizes = higherNames.map(sizeOf);
  const seen = new Set<number>();
  const place = at.map((row) => {
    const value = (name: string) => (keys.includes(name) ? (row[keys.indexOf(name)] as number) : 0);
    const voxel = value('x') + nx * (value('y') + ny * value('z'));
    let transient = 0;
    for (let j = higherNames.length - 1; j >= 0; j--)
      transient = transient * (higherSizes[j] as number) + value(higherNames[j] as string);
    return { voxel, transient };
  });
  const voxels = nx * ny * sizeOf('z');
  for (const { voxel, transient } of place) seen.add(voxel + voxels * transient);
  if (seen.size !== spectra.length) return undefined;
  let user = 0;
  const higher = higherNames.map((name) => ({ tag: tagOfIndexName(name) ?? `DIM_USER_${user++}`, name }));
  const size = [nx, ny, sizeOf('z'), 0, ...higherSizes, 1, 1, 1].slice(0, 7);
  return { size, ndim: 4 + higher.length, higher, place };
}

function headerJson(
  first: Spectrum,
  layout: Layout,
  sf: number,
  nucleus: string,
  extra: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const meta = first.meta;
  const json: Record<string, unknown> = { SpectrometerFrequency: [sf], ResonantNucleus: [nucleus] };
  if (typeof meta.echoTimeS === 'number') json.EchoTime = meta.echoTimeS;
  if (typeof meta.repetitionTimeS === 'number') json.RepetitionTime = meta.repetitionTimeS;
  if (meta.role === 'metabolite' || meta.role === 'water') json.WaterSuppressed = meta.role === 'metabolite';
  for (const key of CARRIED_KEYS) {
    const value = meta[`nifti.${key}`];
    if (value !== undefined) json[key] = value;
  }
  json.ConversionMethod ??= 'Spectralligence Workbench';
  layout.higher.forEach(({ tag, name }, k) => {
    json[`dim_${5 + k}`] = tag;
    if (name !== '' && tagOfIndexName(name) === undefined) json[`dim_${5 + k}_info`] = `index ${name}`;
  });
  return { ...json, ...extra };
}

function writeHeader(
  view: DataView,
  first: Spectrum,
  layout: Layout,
  dwell: number,
  voxOffset: number,
  complex128: boolean,
): void {
  const bytes = new Uint8Array(view.buffer);
  const points = first.y.values.length;
  view.setInt32(0, 540, true);
  bytes.set([0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a], 4); // n+2\0\r\n\x1a\n
  view.setInt16(12, complex128 ? DT_COMPLEX128 : DT_COMPLEX64, true);
  view.setInt16(14, complex128 ? 128 : 64, true);
  const dims = [layout.ndim, ...layout.size.slice(0, 3), points, ...layout.size.slice(4)];
  dims.forEach((d, k) => {
    view.setBigInt64(16 + 8 * k, BigInt(d), true);
  });
  const voxel = String(first.meta.voxelSizeMm ?? '')
    .split('×')
    .map(Number);
  const voxelSize = voxel.length === 3 && voxel.every((v) => v > 0) ? voxel : [10000, 10000, 10000];
  const meta = first.meta;
  const numbers = (key: string, n: number): number[] | undefined => {
    const list = typeof meta[key] === 'string' ? String(meta[key]).split(',').map(Number) : [];
    return list.length === n && list.every(Number.isFinite) ? list : undefined;
  };
  const srow =
    typeof meta['nifti.sform_code'] === 'number' && meta['nifti.sform_code'] > 0
      ? numbers('nifti.srow', 12)
      : undefined;
  const quaternion =
    typeof meta['nifti.qform_code'] === 'number' && meta['nifti.qform_code'] > 0
      ? numbers('nifti.quaternion', 7)
      : undefined;
  [quaternion?.[6] ?? 1, ...voxelSize, dwell, 1, 1, 1].forEach((p, k) => {
    view.setFloat64(104 + 8 * k, p, true);
  });
  view.setBigInt64(168, BigInt(voxOffset), true);
  view.setFloat64(176, 1, true); // scl_slope
  if (srow !== undefined) {
    view.setInt32(348, meta['nifti.sform_code'] as number, true);
    srow.forEach((v, k) => {
      view.setFloat64(400 + 8 * k, v, true);
    });
  }
  if (quaternion !== undefined) {
    view.setInt32(344, meta['nifti.qform_code'] as number, true);
    quaternion.slice(0, 6).forEach((v, k) => {
      view.setFloat64(352 + 8 * k, v, true);
    });
  }
  view.setInt32(500, 2 | 8, true); // xyzt_units: mm, s
  bytes.set(new TextEncoder().encode(NIFTI_MRS_INTENT), 508);
}
