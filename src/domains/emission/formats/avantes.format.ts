import { type FormatDescriptor, SNIFF_BYTES } from '../../../formats/formatDescriptor';
import { AVASOFT_TEXT_ID, AVASOFT7_ID, AVASOFT8_ID, avaSoft8Version, sniffAvaSoft7Head } from './avantesSignature';
import { sniffText } from './vendorText';

/**
 * Confidence that `head` is an AvaSoft ≤ 7 binary (`.TRM`, `.ABS`, `.ROH`, `.DRK`, `.REF`, `.IRR`):
 * see {@link sniffAvaSoft7Head} (version float 60/70, pixel range, polynomial, id, size); 0 otherwise
 * — the StellarNet text `.IRR` in the lightr set, for one, scores 0.
 */
export function sniffAvaSoft7(head: Uint8Array, _fileName: string): number {
  return sniffAvaSoft7Head(head, SNIFF_BYTES);
}

/** 0.95 for `AVS82`/`AVS84` followed by a non-zero spectrum count; 0.5 for another `AVS8n` (its parser says which versions it reads). */
export function sniffAvaSoft8(head: Uint8Array, _fileName: string): number {
  const version = avaSoft8Version(head);
  if (version === undefined || head[5] === 0) return 0;
  return version === 'AVS82' || version === 'AVS84' ? 0.95 : 0.5;
}

/**
 * 0.95 for an AvaSoft text export (a `Data measured with spectrometer name:` or `… [name]:` line and a
 * `Wave;` column header within the first 4 KiB, NUL padding ignored) or an AvaSoft CSV export
 * (`Filename-->` first and a `Wavelength[nm],` header line); 0 otherwise.
 */
export function sniffAvaSoftText(head: Uint8Array, _fileName: string): number {
  const text = sniffText(head, 4096);
  if (text === undefined) return 0;
  if (/^Data measured with spectrometer (name|\[name\]):/m.test(text) && /^\s*Wave\s*;/m.test(text)) return 0.95;
  if (/^\s*Filename-->/.test(text) && /^Wavelength\[nm\],/m.test(text)) return 0.95;
  return 0;
}

/** AvaSoft ≤ 7 binaries. */
export const avaSoft7Format: FormatDescriptor = {
  id: AVASOFT7_ID,
  name: 'Avantes AvaSoft 7 binary (TRM, ABS, ROH, DRK, REF, IRR)',
  domain: 'emission',
  extensions: ['trm', 'abs', 'roh', 'drk', 'ref', 'irr', 'raw', 'rir'],
  binary: true,
  sniff: sniffAvaSoft7,
  load: () => import('./avasoft7').then((module) => ({ parse: module.parseAvaSoft7 })),
};

/** AvaSoft 8 binaries. */
export const avaSoft8Format: FormatDescriptor = {
  id: AVASOFT8_ID,
  name: 'Avantes AvaSoft 8 binary (RAW8, RFL8, IRR8, ABS8, TRM8)',
  domain: 'emission',
  extensions: ['raw8', 'rfl8', 'rfl8x', 'irr8', 'abs8', 'trm8', 'rir8', 'drk8', 'ref8'],
  binary: true,
  sniff: sniffAvaSoft8,
  load: () => import('./avasoft8').then((module) => ({ parse: module.parseAvaSoft8 })),
};

/** AvaSoft text and CSV exports. */
export const avaSoftTextFormat: FormatDescriptor = {
  id: AVASOFT_TEXT_ID,
  name: 'Avantes AvaSoft text export (ttt, trt, txt, csv)',
  domain: 'emission',
  extensions: ['ttt', 'trt', 'txt', 'csv'],
  binary: false,
  sniff: sniffAvaSoftText,
  load: () => import('./avantesText').then((module) => ({ parse: module.parseAvantesText })),
};
