import { type FormatDescriptor, fileExtension } from '../../../formats/formatDescriptor';

const SIGNATURE = '>>> Begin of header <<<';

/**
 * Confidence that `head` is a Siemens `.rda` file: 0.95 when it begins with `>>> Begin of header <<<`
 * (an optional UTF-8 BOM before it); 0.05 for an `.rda` name without it (so that the parser, not
 * "unknown format", says what is wrong); 0 otherwise.
 */
export function sniffRda(head: Uint8Array, fileName: string): number {
  const start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  let matches = head.length >= start + SIGNATURE.length;
  for (let i = 0; matches && i < SIGNATURE.length; i++) matches = head[start + i] === SIGNATURE.charCodeAt(i);
  if (matches) return 0.95;
  return fileExtension(fileName) === 'rda' ? 0.05 : 0;
}

/** Siemens spectroscopy export (`.rda`): text header, float64 complex data. */
export const rdaFormat: FormatDescriptor = {
  id: 'mrs-rda',
  name: 'Siemens RDA (MR spectroscopy)',
  domain: 'mrs',
  extensions: ['rda'],
  binary: true,
  sniff: sniffRda,
  load: () => import('./rda').then((module) => ({ parse: module.parseRda })),
};
