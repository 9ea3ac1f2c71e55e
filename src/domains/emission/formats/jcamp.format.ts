import { decodeText } from '../../../formats/decodeText';
import type { FormatDescriptor } from '../../../formats/formatDescriptor';

const EXTENSIONS = ['jdx', 'dx', 'jcamp', 'jcm'] as const;

/** Lines of the head searched for the first labelled data records. */
const HEAD_LINES = 40;

/**
 * Confidence that `head` is JCAMP-DX, from its content (the extension only breaks ties): 0.95 when
 * the first non-blank, non-comment line is a labelled data record (`##LABEL=`, spaces allowed as in
 * HP ChemStation's `## TITLE =`) and `##TITLE=`, `##JCAMP-DX=` or `##DATA TYPE=` occurs among the
 * first 40 lines; 0.8 for such a first line without those labels; 0 otherwise. The generic
 * delimited-text reader scores 0 for a first line starting with `##`.
 */
export function sniffJcamp(head: Uint8Array, _fileName: string): number {
  const decoded = decodeText(head, true);
  if (decoded === null) return 0;
  const lines = decoded.text.split(/\r\n|\n|\r/, HEAD_LINES);
  const content = lines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('$$'));
  const first = content[0];
  if (first === undefined || !/^##\s*[^=\s][^=]*=/.test(first)) return 0;
  const known = content.some((line) => /^##\s*(TITLE|JCAMP[-_ ]?DX|DATA[-_ ]?TYPE)\s*=/i.test(line));
  return known ? 0.95 : 0.8;
}

/** JCAMP-DX 4.24 / 5.x text files: IR, Raman, UV-Vis, emission (and NMR or MS, read as generic spectra). */
export const jcampFormat: FormatDescriptor = {
  id: 'emission-jcamp',
  name: 'JCAMP-DX',
  domain: 'emission',
  extensions: EXTENSIONS,
  binary: false,
  sniff: sniffJcamp,
  load: () => import('./jcamp').then((module) => ({ parse: module.parseJcamp })),
};
