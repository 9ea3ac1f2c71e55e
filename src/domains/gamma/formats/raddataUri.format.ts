import { decodeText, type FormatDescriptor } from '../../../formats';

/**
 * Confidence that `head` is text holding a RADDATA spectrum URI: 0.95 when the text starts with
 * `RADDATA://G<digit>/` (case ignored, after whitespace), 0.9 when it appears further in (a mail
 * or a note around it), else 0.
 */
export function sniffRaddataUri(head: Uint8Array, _fileName: string): number {
  const decoded = decodeText(head, true);
  if (decoded === null) return 0;
  const at = decoded.text.search(/raddata:\/\/g\d\//i);
  if (at < 0) return 0;
  return decoded.text.slice(0, at).trim() === '' ? 0.95 : 0.9;
}

/** Text files with RADDATA:// spectrum URIs (InterSpec QR-code spectra, GADRAS reference spectra). */
export const raddataUriFormat: FormatDescriptor = {
  id: 'gamma-raddata-uri',
  name: 'RADDATA spectrum URI (text)',
  domain: 'gamma',
  extensions: ['txt'],
  binary: false,
  sniff: sniffRaddataUri,
  load: () => import('./raddataUri').then((module) => ({ parse: module.parseRaddataUri })),
};
