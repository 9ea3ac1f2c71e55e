/**
 * Test support for the DICOM MRS reader: a small writer of DICOM Part 10 files (explicit or
 * implicit VR, little or big endian) (PS3.10 §7.1: 128-byte preamble, `DICM`, file meta group 0002, then the data set) and of
 * Siemens CSA2 headers, so the tests can build files with exactly the fault they need. Only tests
 * import it.
 */

/** One element to write: tag, VR and value (text, raw bytes, numbers for FD/FL/UL/US, or sequence items). */
export interface DicomElement {
  readonly tag: readonly [number, number];
  readonly vr: string;
  readonly value: string | Uint8Array | readonly number[] | readonly (readonly DicomElement[])[];
}

/** How the data set is encoded: byte order and explicit or implicit VR (the file meta is always explicit little endian). */
export interface Encoding {
  readonly little: boolean;
  readonly explicit: boolean;
}

const EXPLICIT_LITTLE: Encoding = { little: true, explicit: true };

/** Transfer syntax UIDs of the encodings (PS3.5 A.1–A.3). */
export const TRANSFER_SYNTAX = {
  explicitLittle: '1.2.840.10008.1.2.1',
  implicitLittle: '1.2.840.10008.1.2',
  explicitBig: '1.2.840.10008.1.2.2',
} as const;

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

function valueBytes(element: DicomElement, encoding: Encoding): Uint8Array {
  const { vr, value } = element;
  const little = encoding.little;
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') {
    const padded = value.length % 2 === 1 ? value + (vr === 'UI' ? '\0' : ' ') : value;
    return latin1(padded);
  }
  if (vr === 'SQ') {
    const items = (value as readonly (readonly DicomElement[])[]).map((item) => {
      const body = concat(item.map((e) => encodeElement(e, encoding)));
      const head = new Uint8Array(8);
      const view = new DataView(head.buffer);
      view.setUint16(0, 0xfffe, little);
      view.setUint16(2, 0xe000, little);
      view.setUint32(4, body.length, little);
      return concat([head, body]);
    });
    return concat(items);
  }
  const numbers = value as readonly number[];
  const size = { FD: 8, FL: 4, UL: 4, US: 2, SL: 4, SS: 2 }[vr] ?? 8;
  const out = new Uint8Array(size * numbers.length);
  const view = new DataView(out.buffer);
  numbers.forEach((n, i) => {
    if (vr === 'FD') view.setFloat64(i * 8, n, little);
    else if (vr === 'FL') view.setFloat32(i * 4, n, little);
    else if (vr === 'UL') view.setUint32(i * 4, n, little);
    else if (vr === 'SL') view.setInt32(i * 4, n, little);
    else if (vr === 'US') view.setUint16(i * 2, n, little);
    else view.setInt16(i * 2, n, little);
  });
  return out;
}

/** One element (default explicit VR little endian; raw `Uint8Array` values are written as given). */
export function encodeElement(element: DicomElement, encoding: Encoding = EXPLICIT_LITTLE): Uint8Array {
  const { little, explicit } = encoding;
  const body = valueBytes(element, encoding);
  const long = LONG_VRS.has(element.vr);
  const head = new Uint8Array(explicit && !long ? 8 : 12);
  const view = new DataView(head.buffer);
  view.setUint16(0, element.tag[0], little);
  view.setUint16(2, element.tag[1], little);
  if (!explicit) {
    view.setUint32(4, body.length, little);
    return concat([head.subarray(0, 8), body]);
  }
  head.set(latin1(element.vr), 4);
  if (long) view.setUint32(8, body.length, little);
  else view.setUint16(6, body.length, little);
  return concat([head, body]);
}

/** The data set bytes of `elements` (default explicit VR little endian, in the order given). */
export function dataSetBytes(elements: readonly DicomElement[], encoding: Encoding = EXPLICIT_LITTLE): Uint8Array {
  return concat(elements.map((element) => encodeElement(element, encoding)));
}

/**
 * A DICOM Part 10 file: preamble, `DICM`, file meta information with `sopClass` and transfer
 * syntax `transferSyntax` (default explicit VR little endian), then `elements` in that transfer
 * syntax (written as given: pass them in ascending tag order) — or `dataSet` bytes as they are
 * (e.g. deflated).
 */
export function dicomFile(options: {
  readonly sopClass: string;
  readonly elements?: readonly DicomElement[];
  readonly dataSet?: Uint8Array;
  readonly transferSyntax?: string;
}): Uint8Array {
  const meta = concat([
    encodeElement({ tag: [2, 1], vr: 'OB', value: new Uint8Array([0, 1]) }),
    encodeElement({ tag: [2, 2], vr: 'UI', value: options.sopClass }),
    encodeElement({ tag: [2, 3], vr: 'UI', value: '1.2.3.4' }),
    encodeElement({ tag: [2, 0x10], vr: 'UI', value: options.transferSyntax ?? TRANSFER_SYNTAX.explicitLittle }),
  ]);
  const groupLength = encodeElement({ tag: [2, 0], vr: 'UL', value: [meta.length] });
  const syntax = options.transferSyntax ?? TRANSFER_SYNTAX.explicitLittle;
  const encoding: Encoding = {
    little: syntax !== TRANSFER_SYNTAX.explicitBig,
    explicit: syntax !== TRANSFER_SYNTAX.implicitLittle,
  };
  const body =
    options.dataSet ??
    dataSetBytes([{ tag: [8, 0x16], vr: 'UI', value: options.sopClass }, ...(options.elements ?? [])], encoding);
  return concat([new Uint8Array(128), latin1('DICM'), groupLength, meta, body]);
}

/** float32 bytes of `values` (re, im, re, im …), little-endian unless `little` is false. */
export function float32Bytes(values: readonly number[], little = true): Uint8Array {
  const out = new Uint8Array(4 * values.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    view.setFloat32(4 * i, v, little);
  });
  return out;
}

/** A Siemens CSA2 header (`SV10`) with the given tags, each value one item (nibabel's layout). */
export function csa2Header(tags: Readonly<Record<string, readonly string[]>>, vr = 'DS'): Uint8Array {
  const parts: Uint8Array[] = [latin1('SV10'), new Uint8Array([4, 3, 2, 1])];
  const counts = new Uint8Array(8);
  new DataView(counts.buffer).setUint32(0, Object.keys(tags).length, true);
  new DataView(counts.buffer).setUint32(4, 77, true);
  parts.push(counts);
  for (const [name, values] of Object.entries(tags)) {
    const tag = new Uint8Array(84);
    const view = new DataView(tag.buffer);
    tag.set(latin1(name.slice(0, 63)), 0);
    view.setInt32(64, values.length, true);
    tag.set(latin1(vr), 68);
    view.setInt32(76, values.length, true);
    view.setInt32(80, 77, true);
    parts.push(tag);
    for (const value of values) {
      const text = latin1(`${value}\0`);
      const item = new Uint8Array(16 + Math.ceil(text.length / 4) * 4);
      const itemView = new DataView(item.buffer);
      itemView.setInt32(0, text.length, true);
      itemView.setInt32(4, text.length, true);
      itemView.setInt32(8, 77, true);
      itemView.setInt32(12, text.length, true);
      item.set(text, 16);
      parts.push(item);
    }
  }
  return concat(parts);
}
