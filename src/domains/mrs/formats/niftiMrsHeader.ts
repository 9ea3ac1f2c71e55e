import { NIFTI1, NIFTI2 } from 'nifti-reader-js';
import { WorkbenchError } from '../../../core';

/** NIfTI datatype codes of complex data: two float32 (DT_COMPLEX64) or two float64 (DT_COMPLEX128) [V: nifti1.h]. */
export const DT_COMPLEX64 = 32;
export const DT_COMPLEX128 = 1792;

/** The ecode of the NIfTI-MRS JSON header extension [V: mrs_nifti_standard specification.MD §"Header extension"]. */
export const NIFTI_MRS_ECODE = 44;

/** What {@link readNiftiHeader} finds in the fixed header and the header extensions. */
export interface NiftiHeader {
  readonly version: 1 | 2;
  readonly littleEndian: boolean;
  /** 348 (NIfTI-1) or 540 (NIfTI-2). */
  readonly headerBytes: number;
  readonly datatype: number;
  readonly bitpix: number;
  /** dim[0..7] as stored (dim[0] = number of dimensions used). */
  readonly dims: readonly number[];
  /** pixdim[0..7] as stored (pixdim[0] = qfac; pixdim[4] = dwell time for NIfTI-MRS). */
  readonly pixdim: readonly number[];
  /** Byte offset of the first sample, checked against the file length. */
  readonly voxOffset: number;
  readonly xyztUnits: number;
  readonly sclSlope: number;
  readonly sclInter: number;
  readonly qformCode: number;
  readonly sformCode: number;
  /** quatern_b, quatern_c, quatern_d, qoffset_x, qoffset_y, qoffset_z, qfac (pixdim[0], ±1). */
  readonly quaternion: readonly number[];
  /** srow_x, srow_y, srow_z (12 values, row-major 3 × 4). */
  readonly srow: readonly number[];
  readonly intentName: string;
  /** The JSON object of the first ecode-44 extension, when there is one. */
  readonly mrsJson?: Readonly<Record<string, unknown>>;
  /** Codes of all header extensions found, in file order. */
  readonly extensionCodes: readonly number[];
}

/**
 * Reads a single-file NIfTI-1 (`.nii`, magic `n+1\0` at byte 344, sizeof_hdr 348) or NIfTI-2
 * header (magic `n+2\0…` at byte 4, sizeof_hdr 540), either byte order [V: nifti1.h, nifti2.h].
 * The fixed fields come from nifti-reader-js (`NIFTI1`/`NIFTI2.readHeader`, handed exactly the
 * fixed header, so that its extension walk never runs); sizeof_hdr, magic, srow and the header
 * extensions are read here with bounds checks, because the library's extension walk throws plain
 * Errors and can loop on a negative `esize`. Extensions: after the 4-byte extender (byte 0 ≠ 0),
 * each is `esize` (int32, ≥ 8, spec: a multiple of 16), `ecode` (int32) and `esize − 8` bytes, up to
 * vox_offset; ecode 44 holds the NIfTI-MRS UTF-8 JSON (trailing NULs and spaces are padding).
 *
 * @throws WorkbenchError TRUNCATED (header or data offset past the end), NOT_A_SPECTRUM (not
 *   NIfTI at all), INVALID_DATA (wrong magic, `.hdr/.img` pair, bad vox_offset, bad extension or JSON).
 */
export function readNiftiHeader(bytes: Uint8Array, fileName: string): NiftiHeader {
  const fail = (code: 'TRUNCATED' | 'NOT_A_SPECTRUM' | 'INVALID_DATA', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  if (bytes.length < 4) fail('TRUNCATED', `the file ends inside the NIfTI header (${bytes.length} of 348 bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = view.getInt32(0, true);
  const be = view.getInt32(0, false);
  const size = [348, 540].includes(le) ? le : [348, 540].includes(be) ? be : 0;
  if (size === 0) fail('NOT_A_SPECTRUM', `this is not a NIfTI file (sizeof_hdr is ${le}, not 348 or 540)`);
  const littleEndian = le === size;
  const version = size === 348 ? 1 : 2;
  if (bytes.length < size) {
    fail('TRUNCATED', `the file ends inside the NIfTI-${version} header (${bytes.length} of ${size} bytes)`);
  }
  const magicAt = version === 1 ? 344 : 4;
  const magic = String.fromCharCode(...bytes.subarray(magicAt, magicAt + 4));
  if (magic === `ni${version}\0`) {
    fail(
      'INVALID_DATA',
      `this is the .hdr of a NIfTI .hdr/.img pair; only single-file .nii (magic n+${version}) is read`,
    );
  }
  if (magic !== `n+${version}\0`) {
    fail('INVALID_DATA', `the NIfTI-${version} magic at byte ${magicAt} is not "n+${version}"`);
  }

  const h = version === 1 ? new NIFTI1() : new NIFTI2();
  try {
    h.readHeader(bytes.slice(0, size).buffer);
  } catch (error) {
    fail('INVALID_DATA', `the NIfTI header cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const voxOffset = h.vox_offset;
  if (!(Number.isSafeInteger(voxOffset) && voxOffset >= size)) {
    fail(
      'INVALID_DATA',
      `vox_offset is ${voxOffset}; the data must start at a whole byte after the ${size}-byte header`,
    );
  }
  if (voxOffset > bytes.length) {
    fail('TRUNCATED', `the data start at byte ${voxOffset} (vox_offset), but the file has ${bytes.length} bytes`);
  }
  const float = (at: number) => (version === 1 ? view.getFloat32(at, littleEndian) : view.getFloat64(at, littleEndian));
  const srowAt = version === 1 ? 280 : 400;
  const srow = Array.from({ length: 12 }, (_, k) => float(srowAt + k * (version === 1 ? 4 : 8)));
  const extensions = readExtensions(view, size, voxOffset, littleEndian, fail);
  const header: NiftiHeader = {
    version,
    littleEndian,
    headerBytes: size,
    datatype: h.datatypeCode,
    bitpix: h.numBitsPerVoxel,
    dims: h.dims.slice(0, 8),
    pixdim: h.pixDims.slice(0, 8),
    voxOffset,
    xyztUnits: h.xyzt_units,
    sclSlope: h.scl_slope,
    sclInter: h.scl_inter,
    qformCode: h.qform_code,
    sformCode: h.sform_code,
    quaternion: [h.quatern_b, h.quatern_c, h.quatern_d, h.qoffset_x, h.qoffset_y, h.qoffset_z, h.pixDims[0] ?? 1],
    srow,
    intentName: h.intent_name,
    extensionCodes: extensions.codes,
  };
  if (extensions.mrs === undefined) return header;
  return { ...header, mrsJson: parseMrsJson(extensions.mrs, fail) };
}

function readExtensions(
  view: DataView,
  headerBytes: number,
  voxOffset: number,
  littleEndian: boolean,
  fail: (code: 'INVALID_DATA', message: string) => never,
): { codes: number[]; mrs?: Uint8Array } {
  const codes: number[] = [];
  let mrs: Uint8Array | undefined;
  if (voxOffset < headerBytes + 4 || view.getUint8(headerBytes) === 0) return { codes };
  let at = headerBytes + 4;
  while (at + 8 <= voxOffset) {
    const esize = view.getInt32(at, littleEndian);
    if (esize === 0) break; // zero padding up to vox_offset
    if (esize < 8 || at + esize > voxOffset) {
      fail(
        'INVALID_DATA',
        `the header extension at byte ${at} has size ${esize}, which does not end before the data (byte ${voxOffset})`,
      );
    }
    const ecode = view.getInt32(at + 4, littleEndian);
    codes.push(ecode);
    if (ecode === NIFTI_MRS_ECODE && mrs === undefined) {
      mrs = new Uint8Array(view.buffer, view.byteOffset + at + 8, esize - 8);
    }
    at += esize;
  }
  return mrs === undefined ? { codes } : { codes, mrs };
}

function parseMrsJson(
  bytes: Uint8Array,
  fail: (code: 'INVALID_DATA', message: string) => never,
): Readonly<Record<string, unknown>> {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/[\0\s]+$/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Python's json module writes NaN and Infinity, which JSON does not have: read them as null.
    try {
      json = JSON.parse(text.replace(/([:,[]\s*)-?(?:NaN|Infinity)(?=\s*[,\]}])/g, '$1null'));
    } catch {
      fail('INVALID_DATA', `the NIfTI-MRS header extension (ecode 44) is not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    fail('INVALID_DATA', 'the NIfTI-MRS header extension (ecode 44) is not a JSON object');
  }
  return json as Record<string, unknown>;
}
