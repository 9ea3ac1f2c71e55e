import { WorkbenchError } from '../../../core';

/** One complex FID. */
export interface ComplexFid {
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/**
 * Splits interleaved float32 complex samples (re, im, re, im …; the layout of SpectroscopyData
 * (5600,0020) OF, PS3.3 C.8.14.4, and of Siemens' (7FE1,1010) OB, spec2nii `dicomfunctions.py`)
 * into `blocks` FIDs of `points` samples each, conjugating them when `conjugate` (im → −im).
 * The byte count is checked against `blocks × points × 8` before anything is allocated.
 *
 * @param what names the element in messages, e.g. `SpectroscopyData (5600,0020)`.
 * @throws WorkbenchError TRUNCATED (fewer bytes than the header implies) or INVALID_DATA (more
 *   bytes than it implies, beyond the even-length padding), with `file` set.
 */
export function complexBlocks(
  bytes: Uint8Array,
  points: number,
  blocks: number,
  options: {
    readonly bigEndian: boolean;
    readonly conjugate: boolean;
    readonly what: string;
    readonly fileName: string;
  },
): ComplexFid[] {
  const { bigEndian, conjugate, what, fileName } = options;
  const needed = points * blocks * 8;
  if (bytes.length < needed) {
    throw new WorkbenchError(
      'TRUNCATED',
      `${what} holds ${bytes.length} bytes, but ${blocks} × ${points} complex float32 samples need ${needed}`,
      { file: fileName },
    );
  }
  if (bytes.length - needed >= 8) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `${what} holds ${bytes.length} bytes, more than the ${needed} that ${blocks} × ${points} complex float32 samples need: the point count or the frame count is wrong`,
      { file: fileName },
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = !bigEndian;
  const sign = conjugate ? -1 : 1;
  const out: ComplexFid[] = [];
  for (let block = 0; block < blocks; block++) {
    const re = new Float64Array(points);
    const im = new Float64Array(points);
    const base = block * points * 8;
    for (let i = 0; i < points; i++) {
      re[i] = view.getFloat32(base + 8 * i, little);
      im[i] = sign * view.getFloat32(base + 8 * i + 4, little);
    }
    out.push({ re, im });
  }
  return out;
}

/** Sum of |FID|² over the samples (the FID's power). */
export function fidPower(fid: ComplexFid): number {
  let power = 0;
  for (let i = 0; i < fid.re.length; i++) power += (fid.re[i] as number) ** 2 + (fid.im[i] as number) ** 2;
  return power;
}
