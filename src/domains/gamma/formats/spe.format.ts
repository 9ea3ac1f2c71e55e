import { decodeText } from '../../../formats/decodeText';
import { type FormatDescriptor, fileExtension } from '../../../formats/formatDescriptor';
import { firstNonBlankLine } from './textGammaText';

/**
 * Confidence that `head` is an IAEA / ORTEC SPE file: 0.9 when its first non-blank line (UTF-8 or
 * UTF-16 with BOM) is a section line such as `$SPEC_ID:`, `$DATA:` or `$MEAS_TIM:` (SpecUtils
 * `load_iaea_file` requires the `$` first too); 0.05 for an `.spe` name without it (so that the
 * parser, not "unknown format", explains what is wrong); 0 otherwise.
 */
export function sniffSpe(head: Uint8Array, fileName: string): number {
  const decoded = decodeText(head, true);
  const first = decoded === null ? undefined : firstNonBlankLine(decoded.text);
  if (first !== undefined && /^\$[A-Za-z][A-Za-z0-9_]*:\s*$/.test(first)) return 0.9;
  return decoded !== null && fileExtension(fileName) === 'spe' ? 0.05 : 0;
}

/** IAEA / ORTEC Maestro ASCII spectra (`.spe`). */
export const speFormat: FormatDescriptor = {
  id: 'gamma-spe',
  name: 'IAEA / ORTEC Maestro SPE (gamma)',
  domain: 'gamma',
  extensions: ['spe'],
  binary: false,
  sniff: sniffSpe,
  load: () => import('./spe').then((module) => ({ parse: module.parseSpe })),
};
