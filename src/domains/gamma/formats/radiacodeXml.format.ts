import { decodeText } from '../../../formats/decodeText';
import type { FormatDescriptor } from '../../../formats/formatDescriptor';

/**
 * 0.95 when the head holds RadiaCode's root element `ResultDataFile` together with
 * `ResultDataList` or `EnergySpectrum` (grs-notes §3.9), 0.5 for `ResultDataFile` alone, else 0.
 */
export function sniffRadiacodeXml(head: Uint8Array): number {
  const decoded = decodeText(head, true);
  if (decoded === null || !/<ResultDataFile[\s>]/.test(decoded.text)) return 0;
  return /<(?:ResultDataList|EnergySpectrum)[\s>]/.test(decoded.text) ? 0.95 : 0.5;
}

/** RadiaCode / BecqMoni XML spectra (`ResultDataFile`): foreground and background spectra. */
export const radiacodeXmlFormat: FormatDescriptor = {
  id: 'gamma-radiacode-xml',
  name: 'RadiaCode XML spectrum',
  domain: 'gamma',
  extensions: ['xml'],
  binary: false,
  sniff: sniffRadiacodeXml,
  load: () => import('./radiacodeXml').then((module) => ({ parse: module.parseRadiacodeXml })),
};
