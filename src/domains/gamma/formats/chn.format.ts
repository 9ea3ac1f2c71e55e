import { type FormatDescriptor, SNIFF_BYTES } from '../../../formats';
import { CHN_FORMAT_ID, CHN_HEADER_BYTES, chnChannelCount } from './chnLayout';

/**
 * Confidence that `head` is an ORTEC `.chn` file: 0.9 when the first int16 is −1 and the channel
 * count (or the one derived from the size when it is 0) fits the bytes (32 + 4·N; not checkable
 * when only the first 64 KiB are given), else 0.
 */
export function sniffChn(head: Uint8Array, _fileName: string): number {
  if (head.length < CHN_HEADER_BYTES || head[0] !== 0xff || head[1] !== 0xff) return 0;
  const headerCount = (head[30] as number) | ((head[31] as number) << 8);
  const whole = head.length < SNIFF_BYTES;
  const n = chnChannelCount(headerCount, whole ? head.length : Number.NaN);
  if (n === undefined) return 0;
  if (whole && head.length < CHN_HEADER_BYTES + 4 * n) return 0;
  return 0.9;
}

/** ORTEC `.chn` binary spectra (Maestro, GammaVision, many MCA programs). */
export const chnFormat: FormatDescriptor = {
  id: CHN_FORMAT_ID,
  name: 'ORTEC CHN',
  domain: 'gamma',
  extensions: ['chn'],
  binary: true,
  sniff: sniffChn,
  load: () => import('./chn').then((module) => ({ parse: module.parseChn })),
};
