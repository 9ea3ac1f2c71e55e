import { decodeText } from '../../../formats/decodeText';
import { type FormatDescriptor, fileExtension, SNIFF_BYTES } from '../../../formats/formatDescriptor';

/**
 * Confidence that `head` is half of a Philips SPAR/SDAT pair:
 * - 0.9 for a `.spar` (text with `samples :` and `synthesizer_frequency :` or `sample_frequency :`
 *   lines, whatever its name), so that the parser can say it needs its `.sdat`;
 * - 0.1 for a `.sdat` name whose size is a whole number of complex VAX floats (8 bytes; checked
 *   when `head` is the whole file, shorter than the sniff window), 0.05 for the name alone: the
 *   `.sdat` has no header, so its name is all there is to recognise it by;
 * - 0 otherwise.
 */
export function sniffSparSdat(head: Uint8Array, fileName: string): number {
  const extension = fileExtension(fileName);
  if (extension === 'sdat') return head.length < SNIFF_BYTES && head.length % 8 !== 0 ? 0.05 : 0.1;
  const text = decodeText(head, true)?.text;
  if (text === undefined) return 0;
  const samples = /^\s*samples\s*:/m.test(text);
  const frequency = /^\s*(?:synthesizer_frequency|sample_frequency)\s*:/m.test(text);
  return samples && frequency ? 0.9 : 0;
}

/** Philips spectroscopy export: `.spar` (parameters, text) + `.sdat` (VAX float data). */
export const sparSdatFormat: FormatDescriptor = {
  id: 'mrs-spar-sdat',
  name: 'Philips SPAR/SDAT (MR spectroscopy)',
  domain: 'mrs',
  extensions: ['sdat', 'spar'],
  binary: true,
  sniff: sniffSparSdat,
  load: () => import('./sparSdat').then((module) => ({ parse: module.parseSparSdatFile })),
};
