import { decodeText } from '../../../formats/decodeText';
import { type FormatDescriptor, fileExtension } from '../../../formats/formatDescriptor';

/**
 * Confidence that `head` is an LCModel basis set: 0.95 when it is text with a `$BASIS1` namelist
 * (every `.BASIS` has one, after `$SEQPAR`); 0.05 for a `.basis` name without it; 0 otherwise.
 */
export function sniffLcmodelBasis(head: Uint8Array, fileName: string): number {
  const text = decodeText(head, true)?.text;
  if (text === undefined) return 0;
  if (/^\s*[$&][A-Za-z]/.test(text) && /[$&]BASIS1\b/i.test(text)) return 0.95;
  return fileExtension(fileName) === 'basis' ? 0.05 : 0;
}

/** LCModel basis set (`.BASIS`): one frequency-domain spectrum per metabolite, read as FIDs. */
export const lcmodelBasisFormat: FormatDescriptor = {
  id: 'mrs-lcmodel-basis',
  name: 'LCModel basis set (.BASIS)',
  domain: 'mrs',
  extensions: ['basis'],
  binary: false,
  sniff: sniffLcmodelBasis,
  load: () => import('./lcmodelBasis').then((module) => ({ parse: module.parseLcmodelBasis })),
};
