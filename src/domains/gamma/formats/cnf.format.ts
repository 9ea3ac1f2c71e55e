import type { FormatDescriptor } from '../../../formats';

/**
 * Confidence that `head` is a Canberra CAM `.cnf` file: 0.9 when the first entry of the block
 * directory (0x70) holds a CAM block id 0x120xx whose block, when `head` reaches it, starts with
 * the same id; else 0 [V: SpecUtils CAMIO.cpp; becquerel parsers/cnf.py].
 */
export function sniffCnf(head: Uint8Array, _fileName: string): number {
  if (head.length < 0x70 + 0x30) return 0;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const id = view.getUint32(0x70, true);
  if ((id & 0xffffff00) !== 0x12000) return 0;
  const at = view.getUint32(0x7a, true);
  if (at < 0x70 + 0x30) return 0;
  if (at + 4 <= head.length && view.getUint32(at, true) !== id) return 0;
  return 0.9;
}

/** Canberra Genie-2000 CAM `.cnf` spectra. */
export const cnfFormat: FormatDescriptor = {
  id: 'gamma-cnf',
  name: 'Canberra CNF (Genie-2000 CAM)',
  domain: 'gamma',
  extensions: ['cnf'],
  binary: true,
  sniff: sniffCnf,
  load: () => import('./cnf').then((module) => ({ parse: module.parseCnf })),
};
