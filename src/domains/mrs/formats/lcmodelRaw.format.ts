import { decodeText } from '../../../formats/decodeText';
import { type FormatDescriptor, fileExtension } from '../../../formats/formatDescriptor';

/**
 * Confidence that `head` is an LCModel `.RAW`/`.H2O` file: 0.9 when it is text whose first
 * namelist groups include `$NMID` (or `&NMID`) and neither `$BASIS1` (a basis set) nor `$LCMODL`
 * (a control file); 0.05 for a `.raw`/`.h2o` name without it; 0 otherwise.
 */
export function sniffLcmodelRaw(head: Uint8Array, fileName: string): number {
  const text = decodeText(head, true)?.text;
  if (text !== undefined && /[$&]NMID\b/i.test(text) && !/[$&](?:BASIS1|LCMODL)\b/i.test(text)) {
    const first = /^\s*[$&][A-Za-z]/.exec(text);
    if (first !== null) return 0.9;
  }
  const extension = fileExtension(fileName);
  return text !== undefined && (extension === 'raw' || extension === 'h2o') ? 0.05 : 0;
}

/** LCModel time-domain data (`.RAW` metabolite, `.H2O` water reference). */
export const lcmodelRawFormat: FormatDescriptor = {
  id: 'mrs-lcmodel-raw',
  name: 'LCModel .RAW / .H2O (MR spectroscopy)',
  domain: 'mrs',
  extensions: ['raw', 'h2o'],
  binary: false,
  sniff: sniffLcmodelRaw,
  load: () => import('./lcmodelRaw').then((module) => ({ parse: module.parseLcmodelRaw })),
};
