import { type FormatDescriptor, SNIFF_BYTES } from '../../../formats/formatDescriptor';
import { isKnownSpcType } from './spcAxes';
import { readSpcLayout, SpcLayoutError } from './spcLayout';

/**
 * Confidence that `head` is a Thermo/Galactic SPC file. Byte 1 (the version) must be 0x4B, 0x4C or
 * 0x4D; the X, Y (and Z) type codes must be codes `SPC.H` defines; in the new format the experiment
 * code must be 0–14 and the reserved tail of the header (bytes 325–511, "must be zero") mostly zero
 * (CRAIC writes 25 non-zero bytes there); then the header must describe subfiles that fit the file
 * (checked in full when `head` is the whole file): 0.9 when they do, 0.85 when they lie beyond a
 * 64 KiB head, 0.6 when a small file ends before them (a truncated SPC: the parser says where),
 * else 0. Disjoint from the ORTEC gamma `.spc` sniff (`gamma/formats/ortecSpc.format.ts`): ORTEC
 * files start with the int16 1 (byte 1 = 0), and that sniff returns 0 when byte 1 is 0x4B–0x4D.
 */
export function sniffSpc(head: Uint8Array, _fileName: string): number {
  const version = head[1];
  if (head.length < 256 || (version !== 0x4b && version !== 0x4c && version !== 0x4d)) return 0;
  const known = (at: number, axis: 'xzw' | 'y'): boolean => isKnownSpcType(head[at] as number, axis);
  if (version === 0x4d ? !known(16, 'xzw') || !known(17, 'y') : head.length >= 512 && !plausibleNewHeader(head)) {
    return 0;
  }
  try {
    readSpcLayout(head);
    return 0.9;
  } catch (error) {
    if (!(error instanceof SpcLayoutError) || !error.truncated) return 0;
    return head.length >= SNIFF_BYTES ? 0.85 : 0.6;
  }
}

function plausibleNewHeader(head: Uint8Array): boolean {
  const types = isKnownSpcType(head[28] as number, 'xzw') && isKnownSpcType(head[29] as number, 'y');
  if (!types || !isKnownSpcType(head[30] as number, 'xzw') || (head[2] as number) > 14) return false;
  let zeros = 0;
  for (let i = 325; i < 512; i++) if (head[i] === 0) zeros++;
  return zeros >= 100;
}

/** Thermo/Galactic (GRAMS) SPC: IR, Raman, UV-Vis, NIR, fluorescence, LIBS spectra; one spectrum per subfile. */
export const spcFormat: FormatDescriptor = {
  id: 'emission-spc',
  name: 'Thermo/Galactic SPC',
  domain: 'emission',
  extensions: ['spc'],
  binary: true,
  sniff: sniffSpc,
  load: () => import('./spc').then((module) => ({ parse: module.parseSpc })),
};
