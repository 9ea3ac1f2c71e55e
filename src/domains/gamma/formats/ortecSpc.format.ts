import { type FormatDescriptor, SNIFF_BYTES } from '../../../formats';

/**
 * Confidence that `head` is an ORTEC binary `.spc` file: 0.85 when INFTYP (int16 @0) is 1, FILTYP
 * (@2) is 1 or 5, the channel count fits the spectrum records and the record pointers lie inside
 * the file (checked when `head` is the whole file; 0.6 when they point beyond it, a truncated file), else 0. Thermo/Galactic `.spc` (optical
 * spectra, same extension) starts with a flag byte and a version byte 0x4B–0x4D, so its first
 * int16 is never 1: it scores 0.
 */
export function sniffOrtecSpc(head: Uint8Array, _fileName: string): number {
  if (head.length < 128) return 0;
  if (head[1] === 0x4b || head[1] === 0x4c || head[1] === 0x4d) return 0;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const word = (offset: number): number => view.getInt16(offset, true);
  if (word(0) !== 1 || (word(2) !== 1 && word(2) !== 5)) return 0;
  const channels = view.getUint16(64, true);
  const spectrumRecord = word(60);
  if (channels < 1 || spectrumRecord < 2 || 32 * word(62) < channels) return 0;
  // Pointers beyond the end of a small file: a truncated SPC. Still this format (the parser says
  // TRUNCATED and where), but less sure than an intact one.
  if (head.length < SNIFF_BYTES) {
    const beyond =
      (spectrumRecord - 1) * 128 + 4 * channels > head.length ||
      [8, 10, 12, 32, 34].some((offset) => (word(offset) - 1) * 128 >= head.length);
    if (beyond) return 0.6;
  }
  return 0.85;
}

/** ORTEC binary `.spc` spectra (integer or real counts): Maestro, GammaVision, Detective. */
export const ortecSpcFormat: FormatDescriptor = {
  id: 'gamma-ortec-spc',
  name: 'ORTEC binary SPC',
  domain: 'gamma',
  extensions: ['spc'],
  binary: true,
  sniff: sniffOrtecSpc,
  load: () => import('./ortecSpc').then((module) => ({ parse: module.parseOrtecSpc })),
};
