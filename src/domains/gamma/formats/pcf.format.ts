import type { FormatDescriptor } from '../../../formats';

/**
 * Confidence that `head` is a GADRAS `.pcf` file: 0.9 for a `DHS` version with `DeviationPairs`
 * in record 2, 0.85 for a `DHS` or blank version whose NRPS (uint16 @0) is at least 2 and whose
 * first spectrum record (when in `head`) gives a channel count that fits NRPS − 1 records, else 0
 * [V: PyRIID riid/gadras/pcf.py; SpecUtils SpecFile_pcf.cpp].
 */
export function sniffPcf(head: Uint8Array, _fileName: string): number {
  if (head.length < 512) return 0;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const nrps = view.getUint16(0, true);
  const version = String.fromCharCode(head[2] as number, head[3] as number, head[4] as number);
  if (nrps < 2 || (version !== 'DHS' && version !== '   ')) return 0;
  const second = String.fromCharCode(...head.subarray(256, 512));
  const deviations = second.includes('DeviationPairs');
  const first = deviations ? 512 + 20_480 : 256;
  if (first + 256 <= head.length) {
    const channels = view.getInt32(first + 252, true);
    if (channels < 0 || channels > ((nrps - 1) * 256) / 4) return 0;
  }
  return deviations && version === 'DHS' ? 0.9 : 0.85;
}

/** GADRAS `.pcf` spectrum files (several spectra, full-range-fraction calibration). */
export const pcfFormat: FormatDescriptor = {
  id: 'gamma-pcf',
  name: 'GADRAS PCF',
  domain: 'gamma',
  extensions: ['pcf'],
  binary: true,
  sniff: sniffPcf,
  load: () => import('./pcf').then((module) => ({ parse: module.parsePcf })),
};
