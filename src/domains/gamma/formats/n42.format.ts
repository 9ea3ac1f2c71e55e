import { decodeText } from '../../../formats/decodeText';
import type { FormatDescriptor } from '../../../formats/formatDescriptor';

const ROOT = /<(?:[A-Za-z_][\w.-]*:)?(?:RadInstrumentData|N42InstrumentData)[\s>/]/;

/**
 * 0.95 when the head of the file holds the root element of an ANSI N42.42 document
 * (`RadInstrumentData` for 2011/2012, `N42InstrumentData` for 2006, with or without a namespace
 * prefix; grs-notes §3.5–3.6), else 0.
 */
export function sniffN42(head: Uint8Array): number {
  const decoded = decodeText(head, true);
  return decoded !== null && ROOT.test(decoded.text) ? 0.95 : 0;
}

/** ANSI N42.42 XML (2006 and 2011/2012 schemas): gamma spectra with neutron counts, GPS and device results. */
export const n42Format: FormatDescriptor = {
  id: 'gamma-n42',
  name: 'ANSI N42.42 XML (2006, 2011/2012)',
  domain: 'gamma',
  extensions: ['n42', 'xml'],
  binary: false,
  sniff: sniffN42,
  load: () => import('./n42').then((module) => ({ parse: module.parseN42 })),
};
