import { decodeText } from '../../../formats/decodeText';
import { type FormatDescriptor, fileExtension } from '../../../formats/formatDescriptor';

const SIGNATURE = 'jMRUI Data Textfile';

/**
 * Confidence that `head` is a jMRUI export:
 * - 0.95 for text whose first line is `jMRUI Data Textfile`;
 * - for a binary head of at least 512 bytes whose big-endian float64 header is plausible (points a
 *   positive integer below 2²⁴, sampling interval 0–1000 ms, transmitter frequency positive):
 *   0.85 with a `.mrui` name, 0.3 without (the header has no magic number);
 * - 0.05 for a `.mrui` name alone; 0 otherwise.
 */
export function sniffJmrui(head: Uint8Array, fileName: string): number {
  const text = decodeText(head, true)?.text;
  if (text?.trimStart().startsWith(SIGNATURE)) return 0.95;
  const mrui = fileExtension(fileName) === 'mrui';
  if (head.length >= 512) {
    const view = new DataView(head.buffer, head.byteOffset, 512);
    const points = view.getFloat64(8, false);
    const interval = view.getFloat64(16, false);
    const frequency = view.getFloat64(40, false);
    const plausible =
      Number.isInteger(points) && points >= 1 && points < 2 ** 24 && interval > 0 && interval < 1000 && frequency > 0;
    if (plausible && Number.isFinite(frequency)) return mrui ? 0.85 : 0.3;
  }
  return mrui ? 0.05 : 0;
}

/** jMRUI text (`.txt`) and binary (`.mrui`) MRS exports. */
export const jmruiFormat: FormatDescriptor = {
  id: 'mrs-jmrui',
  name: 'jMRUI (.txt, .mrui)',
  domain: 'mrs',
  extensions: ['mrui'],
  binary: true,
  sniff: sniffJmrui,
  load: () => import('./jmrui').then((module) => ({ parse: module.parseJmrui })),
};
