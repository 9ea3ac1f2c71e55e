import { decodeText } from '../../../formats/decodeText';
import { type FormatDescriptor, fileExtension } from '../../../formats/formatDescriptor';

/**
 * Confidence that `head` is an IEC 1455 file: 0.9 when its first (up to 8) non-blank lines all start
 * with the record prefix `A004` (grs-notes §3.10); 0.05 for an `.iec` name without it; 0 otherwise.
 */
export function sniffIec1455(head: Uint8Array, fileName: string): number {
  const decoded = decodeText(head, true);
  if (decoded === null) return 0;
  const lines = decoded.text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/, 8)
    .filter((line) => line.trim() !== '');
  if (lines.length > 0 && lines.every((line) => line.startsWith('A004'))) return 0.9;
  return fileExtension(fileName) === 'iec' ? 0.05 : 0;
}

/** IEC 1455 MCA histogram interchange files (`.iec`). */
export const iec1455Format: FormatDescriptor = {
  id: 'gamma-iec1455',
  name: 'IEC 1455 (gamma)',
  domain: 'gamma',
  extensions: ['iec'],
  binary: false,
  sniff: sniffIec1455,
  load: () => import('./iec1455').then((module) => ({ parse: module.parseIec1455 })),
};
