import type { FormatDescriptor } from '../../../formats/formatDescriptor';

const SIGNATURE = 'Spectrogram:';

/**
 * 0.95 when the file starts with `Spectrogram:` and its first line has the `Timestamp:` and
 * `Channels:` fields of a RadiaCode spectrogram (grs-notes §3.9); 0.8 for `Spectrogram:` alone; else 0.
 */
export function sniffRadiacodeSpectrogram(head: Uint8Array): number {
  for (let i = 0; i < SIGNATURE.length; i++) if (head[i] !== SIGNATURE.charCodeAt(i)) return 0;
  const end = head.indexOf(10);
  const line = new TextDecoder('latin1').decode(head.subarray(0, end === -1 ? Math.min(head.length, 4096) : end));
  return /\tTimestamp:/.test(line) && /\tChannels:/.test(line) ? 0.95 : 0.8;
}

/** RadiaCode spectrograms (`.rcspg`): a spectrum per time interval plus the device's accumulated spectrum. */
export const radiacodeSpectrogramFormat: FormatDescriptor = {
  id: 'gamma-radiacode-spectrogram',
  name: 'RadiaCode spectrogram',
  domain: 'gamma',
  extensions: ['rcspg'],
  binary: false,
  sniff: sniffRadiacodeSpectrogram,
  load: () => import('./radiacodeSpectrogram').then((module) => ({ parse: module.parseRadiacodeSpectrogram })),
};
