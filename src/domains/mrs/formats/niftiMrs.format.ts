import { baseName, type FormatDescriptor } from '../../../formats/formatDescriptor';
import { gunzipHead, isGzip } from './gunzipCapped';

/** Bytes of a NIfTI-2 header plus its 4-byte extender and the first extension's esize/ecode. */
const HEAD_BYTES = 540 + 4 + 8;

/**
 * Confidence that an uncompressed head is NIfTI: 0.95 for a NIfTI-MRS header (complex datatype
 * 32 or 1792 and intent_name `mrs_v…`, or an ecode-44 first extension), 0.8 for any other NIfTI-1
 * (sizeof_hdr 348, magic `n+1\0` at 344) or NIfTI-2 (540, `n+2\0` at 4) header, either byte order
 * — so that the parser, not "unknown format", says a plain image is not NIfTI-MRS; else 0.
 */
function sniffNiftiHeader(head: Uint8Array): number {
  if (head.length < 348) return 0;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const magic = (at: number) => String.fromCharCode(...head.subarray(at, at + 4));
  for (const littleEndian of [true, false]) {
    const size = view.getInt32(0, littleEndian);
    const v1 = size === 348 && magic(344) === 'n+1\0';
    const v2 = size === 540 && head.length >= 540 && magic(4) === 'n+2\0';
    if (!(v1 || v2)) continue;
    const datatype = view.getInt16(v1 ? 70 : 12, littleEndian);
    const intentAt = v1 ? 328 : 508;
    const intent = String.fromCharCode(...head.subarray(intentAt, intentAt + 5));
    const extensionAt = size + 4;
    const mrsExtension =
      head.length >= extensionAt + 8 && head[size] !== 0 && view.getInt32(extensionAt + 4, littleEndian) === 44;
    const complex = datatype === 32 || datatype === 1792;
    return complex && (intent === 'mrs_v' || mrsExtension) ? 0.95 : 0.8;
  }
  return 0;
}

/**
 * Confidence that `head` (the first 64 KiB) is a NIfTI-MRS file: the header test of
 * {@link sniffNiftiHeader} on the bytes, or on the first few hundred inflated bytes of a gzip
 * stream (`.nii.gz`; {@link gunzipHead} inflates only what it needs and never throws); a gzip
 * stream named `.nii.gz` whose head does not inflate to a NIfTI header gets 0.05, so that the
 * parser explains what is wrong.
 */
export function sniffNiftiMrs(head: Uint8Array, fileName: string): number {
  try {
    if (!isGzip(head)) return sniffNiftiHeader(head);
    const score = sniffNiftiHeader(gunzipHead(head, HEAD_BYTES));
    if (score > 0) return score;
    return baseName(fileName).toLowerCase().endsWith('.nii.gz') ? 0.05 : 0;
  } catch {
    return 0;
  }
}

/** NIfTI-MRS (`.nii`, `.nii.gz`): the community standard for MR spectroscopy data. */
export const niftiMrsFormat: FormatDescriptor = {
  id: 'mrs-nifti',
  name: 'NIfTI-MRS',
  domain: 'mrs',
  extensions: ['nii', 'gz'],
  binary: true,
  sniff: sniffNiftiMrs,
  load: () => import('./niftiMrs').then((module) => ({ parse: module.parseNiftiMrs })),
};
