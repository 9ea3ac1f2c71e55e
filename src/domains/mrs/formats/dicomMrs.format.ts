import { type FormatDescriptor, fileExtension } from '../../../formats/formatDescriptor';

/** MR Spectroscopy Storage and Siemens "Syngo non-image" SOP classes (as in `dicomMrs.ts`, kept here so the sniff stays light). */
const MRS_STORAGE_UID = '1.2.840.10008.5.1.4.1.1.4.2';
const SIEMENS_NON_IMAGE_UID = '1.3.12.2.1107.5.9.1';

/** VRs with a 2-byte reserved field and a 4-byte length in explicit VR (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/** Strings of a Siemens CSA header that only spectroscopy files carry (the image header type, its element names). */
const SIEMENS_SPECTRO_MARKERS = ['SPEC NUM', 'RealDwellTime', 'DataPointColumns', 'SpectroscopyAcquisition'];

function ascii(head: Uint8Array, from: number, length: number): string {
  let text = '';
  for (let i = from; i < from + length && i < head.length; i++) text += String.fromCharCode(head[i] as number);
  return text;
}

/**
 * MediaStorageSOPClassUID (0002,0002) from the file meta information (explicit VR little endian,
 * from byte 132, PS3.10 §7.1), or `undefined` when it cannot be found in `head`.
 */
export function metaSopClass(head: Uint8Array): string | undefined {
  let at = 132;
  for (let guard = 0; guard < 64 && at + 8 <= head.length; guard++) {
    const group = (head[at] as number) | ((head[at + 1] as number) << 8);
    const element = (head[at + 2] as number) | ((head[at + 3] as number) << 8);
    if (group !== 0x0002) return undefined;
    const vr = ascii(head, at + 4, 2);
    let length: number;
    let value: number;
    if (LONG_VRS.has(vr)) {
      if (at + 12 > head.length) return undefined;
      length =
        ((head[at + 8] as number) | ((head[at + 9] as number) << 8) | ((head[at + 10] as number) << 16)) +
        (head[at + 11] as number) * 2 ** 24;
      value = at + 12;
    } else {
      length = (head[at + 6] as number) | ((head[at + 7] as number) << 8);
      value = at + 8;
    }
    if (element === 0x0002) return ascii(head, value, length).replace(/[\0 ]+$/, '');
    at = value + length;
  }
  return undefined;
}

function contains(head: Uint8Array, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = head.indexOf(first); i >= 0 && i + text.length <= head.length; i = head.indexOf(first, i + 1)) {
    for (let k = 1; k < text.length; k++) if (head[i + k] !== text.charCodeAt(k)) continue outer;
    return true;
  }
  return false;
}

/**
 * Confidence that `head` is DICOM MR spectroscopy: needs `DICM` at byte 128 (PS3.10 §7.1). Then
 * 0.95 for the MR Spectroscopy Storage SOP class, or the Siemens non-image class with a CSA
 * spectroscopy marker (`SPEC NUM`, `RealDwellTime` …) in the head; 0.6 for the Siemens class
 * without one; 0.2 for any other DICOM (an image: the parser then says it is not a spectrum);
 * 0.05 for a `.dcm`/`.ima` name without `DICM` (so that the parser explains); 0 otherwise.
 */
export function sniffDicomMrs(head: Uint8Array, fileName: string): number {
  if (ascii(head, 128, 4) !== 'DICM') return ['dcm', 'ima'].includes(fileExtension(fileName)) ? 0.05 : 0;
  const sopClass = metaSopClass(head);
  if (sopClass === MRS_STORAGE_UID) return 0.95;
  if (sopClass === SIEMENS_NON_IMAGE_UID) {
    return SIEMENS_SPECTRO_MARKERS.some((marker) => contains(head, marker)) ? 0.95 : 0.6;
  }
  return 0.2;
}

/** DICOM MR spectroscopy: MR Spectroscopy Storage (Siemens XA, Philips …) and Siemens VB/VD/VE `.IMA`. */
export const dicomMrsFormat: FormatDescriptor = {
  id: 'mrs-dicom',
  name: 'DICOM MR spectroscopy (MRS)',
  domain: 'mrs',
  extensions: ['dcm', 'ima', ''],
  binary: true,
  sniff: sniffDicomMrs,
  load: () => import('./dicomMrs').then((module) => ({ parse: module.parseDicomMrs })),
};
