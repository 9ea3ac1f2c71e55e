import type { FormatDescriptor } from '../../../formats/formatDescriptor';
import { isSectionMarker, OCEAN_OPTICS_TEXT_ID, oceanOpticsDialect, PROCSPEC_ID } from './oceanOpticsSignature';
import { sniffText, textLines } from './vendorText';

/**
 * Confidence that `head` is an Ocean Optics text export: 0.95 when its first non-blank line is a
 * SpectraSuite/Jaz/OceanView first line ({@link oceanOpticsDialect}) and a `>>>>>` section line
 * follows within the first 8 KiB; 0.85 for the first line alone (a header longer than 8 KiB); else 0.
 * Reads text only: files that are not text (NUL bytes aside) score 0.
 */
export function sniffOceanOpticsText(head: Uint8Array, _fileName: string): number {
  const text = sniffText(head, 8192);
  if (text === undefined) return 0;
  const lines = textLines(text);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0 || oceanOpticsDialect(lines[first] as string) === undefined) return 0;
  return lines.some((line, i) => i > first && isSectionMarker(line)) ? 0.95 : 0.85;
}

/**
 * Confidence that `head` is a ProcSpec archive: 0.95 when it starts with a ZIP local header
 * (50 4B 03 04) whose entry name is `ps_<n>.xml` (SpectraSuite writes it first), else 0.
 */
export function sniffProcSpec(head: Uint8Array, _fileName: string): number {
  if (head.length < 30 || head[0] !== 0x50 || head[1] !== 0x4b || head[2] !== 3 || head[3] !== 4) return 0;
  const nameLength = (head[26] as number) | ((head[27] as number) << 8);
  if (nameLength > 64 || 30 + nameLength > head.length) return 0;
  const name = String.fromCharCode(...head.subarray(30, 30 + nameLength));
  return /(^|\/)ps_\d+\.xml$/.test(name) ? 0.95 : 0;
}

/** Ocean Optics / Ocean Insight text exports: SpectraSuite (also localised), Jaz, OceanView. */
export const oceanOpticsTextFormat: FormatDescriptor = {
  id: OCEAN_OPTICS_TEXT_ID,
  name: 'Ocean Optics text export (SpectraSuite, OceanView, Jaz)',
  domain: 'emission',
  extensions: [
    'txt',
    'ssirrad',
    'ovirrad',
    'jaz',
    'jazirrad',
    'sample',
    'master',
    'scope',
    'transmission',
    'reflection',
  ],
  binary: false,
  sniff: sniffOceanOpticsText,
  load: () => import('./oceanOptics').then((module) => ({ parse: module.parseOceanOptics })),
};

/** Ocean Optics SpectraSuite processed-spectrum archives (`.ProcSpec`). */
export const procSpecFormat: FormatDescriptor = {
  id: PROCSPEC_ID,
  name: 'Ocean Optics ProcSpec',
  domain: 'emission',
  extensions: ['procspec'],
  binary: true,
  sniff: sniffProcSpec,
  load: () =>
    import('./procSpec').then((module) => ({ parse: (bytes, fileName) => module.parseProcSpec(bytes, fileName) })),
};
