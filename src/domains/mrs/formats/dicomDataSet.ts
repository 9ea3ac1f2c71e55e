import { type DataSet, type Element, parseDicom } from 'dicom-parser';
import { WorkbenchError } from '../../../core';
import { inflateDicomCapped } from './dicomInflate';

/**
 * The DICOM plumbing of the MRS readers, over `dicom-parser` 1.8 (which throws strings, Errors or
 * `{ exception, dataSet }` objects): parse with every failure turned into a WorkbenchError naming
 * the byte offset, bounds-checked element bytes, private tags found through their creator, and
 * attributes looked up in the functional groups of enhanced objects (PS3.3 C.7.6.16).
 */

/** Explicit VR big endian (PS3.5 A.3, retired): the only transfer syntax whose numbers are big-endian. */
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** `xGGGGEEEE`, dicom-parser's key of a tag. */
export function tagKey(group: number, element: number): string {
  return `x${group.toString(16).padStart(4, '0')}${element.toString(16).padStart(4, '0')}`;
}

/** `(GGGG,EEEE)` of a dicom-parser key, for messages. */
export function tagLabel(key: string): string {
  return `(${key.slice(1, 5).toUpperCase()},${key.slice(5, 9).toUpperCase()})`;
}

/** Text of whatever dicom-parser threw. */
function thrownText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'exception' in error) return thrownText(error.exception);
  return String(error);
}

/** The element of `dataSet` whose value ends last (the last one read before a failure). */
function lastElement(dataSet: DataSet | undefined): Element | undefined {
  let last: Element | undefined;
  for (const element of Object.values(dataSet?.elements ?? {})) {
    if (last === undefined || element.dataOffset > last.dataOffset) last = element;
  }
  return last;
}

/**
 * Parses a DICOM Part 10 file (`DICM` at byte 128). A deflated data set (1.2.840.10008.1.2.1.99)
 * is inflated with a size cap ({@link inflateDicomCapped}) instead of dicom-parser's unbounded zlib.
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (no `DICM`), TRUNCATED (the file ends inside an element:
 *   names the last element read and where it ends) or INVALID_DATA (any other parse failure), with `file` set.
 */
export function readDicomDataSet(bytes: Uint8Array, fileName: string): DataSet {
  const fail = (code: 'NOT_A_SPECTRUM' | 'TRUNCATED' | 'INVALID_DATA', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const magic = bytes.length >= 132 ? String.fromCharCode(...bytes.subarray(128, 132)) : '';
  if (magic !== 'DICM') fail('NOT_A_SPECTRUM', 'this is not a DICOM file: it has no "DICM" at byte 128');
  try {
    return parseDicom(bytes, { inflater: (all, position) => inflateDicomCapped(all, position, fileName) });
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const text = thrownText(error);
    const partial =
      typeof error === 'object' && error !== null && 'dataSet' in error ? (error.dataSet as DataSet) : undefined;
    const last = lastElement(partial);
    const lastEnd = last === undefined ? 0 : last.dataOffset + last.length;
    const total = partial?.byteArray.length ?? bytes.length; // the inflated length for a deflated file
    const where =
      last === undefined
        ? 'in the file meta information (group 0002)'
        : `after element ${tagLabel(last.tag)} (its value at bytes ${last.dataOffset}…${lastEnd - 1})`;
    if (last !== undefined && lastEnd > total) {
      return fail(
        'TRUNCATED',
        `the DICOM file ends inside element ${tagLabel(last.tag)}: its ${last.length}-byte value needs bytes ${last.dataOffset}…${lastEnd - 1}, the data end at byte ${total}`,
      );
    }
    if (/past end|overrun|cannot be greater than|maxP ?osition|missing required meta/.test(text)) {
      return fail(
        'TRUNCATED',
        `the DICOM file ends in the middle of an element ${where}; the file has ${bytes.length} bytes`,
      );
    }
    return fail('INVALID_DATA', `the DICOM data cannot be read ${where} (${text.replace(/^dicomParser\S*:\s*/, '')})`);
  }
}

/**
 * The value bytes of `element`, after checking that they lie inside the file (dicom-parser trusts
 * the length field of the last element). `what` names it for the message.
 *
 * @throws WorkbenchError TRUNCATED naming the element and the bytes it needs, with `file` set.
 */
export function elementBytes(dataSet: DataSet, element: Element, fileName: string, what: string): Uint8Array {
  const bytes = dataSet.byteArray;
  const end = element.dataOffset + element.length;
  if (!(element.length >= 0 && end <= bytes.length)) {
    throw new WorkbenchError(
      'TRUNCATED',
      `the file ends before the end of ${what} ${tagLabel(element.tag)} (its ${element.length} bytes start at byte ${element.dataOffset}; the file has ${bytes.length})`,
      { file: fileName },
    );
  }
  return bytes.subarray(element.dataOffset, end);
}

/** True when the data set's numbers are big-endian (transfer syntax 1.2.840.10008.1.2.2). */
export function isBigEndian(dataSet: DataSet): boolean {
  return dataSet.string('x00020010') === BIG_ENDIAN;
}

/**
 * The private element `(group, xx<low>)` reserved by `creator` (PS3.5 §7.8.1: the creator is the
 * value of `(group, 00xx)`, xx = 10…FF), or `undefined`. Creators are matched case-blind and trimmed.
 */
export function privateElement(dataSet: DataSet, group: number, creator: string, low: number): Element | undefined {
  const wanted = creator.toUpperCase();
  for (let block = 0x10; block <= 0xff; block++) {
    const key = tagKey(group, block);
    if (dataSet.elements[key] === undefined) continue;
    if (textOf(dataSet, key)?.toUpperCase() === wanted) return dataSet.elements[tagKey(group, (block << 8) | low)];
  }
  return undefined;
}

/** Item `index` (default 0) of sequence `key` in `dataSet`, or `undefined`. */
export function sequenceItem(dataSet: DataSet | undefined, key: string, index = 0): DataSet | undefined {
  return dataSet?.elements[key]?.items?.[index]?.dataSet;
}

/** Shared Functional Groups Sequence (5200,9229) and Per-frame Functional Groups Sequence (5200,9230). */
const SHARED_GROUPS = 'x52009229';
const PER_FRAME_GROUPS = 'x52009230';

/**
 * The item of functional group macro sequence `macro` (e.g. MR Echo (0018,9114)) that holds `key`
 * for frame `frame`: the frame's own Per-frame Functional Groups item first, then the Shared
 * Functional Groups, then the top level (older objects put the attribute there), or `undefined`.
 */
export function functionalGroup(dataSet: DataSet, frame: number, macro: string, key: string): DataSet | undefined {
  const candidates = [
    sequenceItem(sequenceItem(dataSet, PER_FRAME_GROUPS, frame), macro),
    sequenceItem(sequenceItem(dataSet, SHARED_GROUPS), macro),
    dataSet,
  ];
  return candidates.find((item) => item?.elements[key] !== undefined);
}

/**
 * VRs of the binary numeric attributes the MRS readers use, for implicit VR files (PS3.5 A.1:
 * no VR in the stream; PS3.6 gives them): SpectralWidth, ChemicalShiftReference, EffectiveEchoTime,
 * TransmitterFrequency, SlabThickness / Orientation, MidSlabPosition (FD); Rows, Columns (US);
 * DataPointRows / Columns (UL); Philips' private spectral width (2005,1357) (SS).
 */
const IMPLICIT_VRS: Readonly<Record<string, string>> = {
  x00189052: 'FD',
  x00189053: 'FD',
  x00189082: 'FD',
  x00189098: 'FD',
  x00189104: 'FD',
  x00189105: 'FD',
  x00189106: 'FD',
  x00280010: 'US',
  x00280011: 'US',
  x00289001: 'UL',
  x00289002: 'UL',
  x20051357: 'SS',
};

/** True when the element's value lies inside the parsed bytes. */
function inBounds(dataSet: DataSet, element: Element): boolean {
  return element.length >= 0 && element.dataOffset + element.length <= dataSet.byteArray.length;
}

/** A finite number from an FD, FL, UL, SL, US, SS, DS or IS element (by its VR; DS/IS when the VR is unknown). */
export function numberOf(dataSet: DataSet | undefined, key: string, index = 0): number | undefined {
  const element = dataSet?.elements[key];
  if (dataSet === undefined || element === undefined || element.length === 0 || !inBounds(dataSet, element)) {
    return undefined;
  }
  const vr = element.vr ?? IMPLICIT_VRS[key] ?? 'DS';
  const size: Record<string, number> = { FD: 8, FL: 4, UL: 4, SL: 4, US: 2, SS: 2 };
  const bytes = size[vr];
  if (bytes !== undefined && element.length < bytes * (index + 1)) return undefined;
  let value: number | undefined;
  switch (vr) {
    case 'FD':
      value = dataSet.double(key, index);
      break;
    case 'FL':
      value = dataSet.float(key, index);
      break;
    case 'UL':
      value = dataSet.uint32(key, index);
      break;
    case 'SL':
      value = dataSet.int32(key, index);
      break;
    case 'US':
      value = dataSet.uint16(key, index);
      break;
    case 'SS':
      value = dataSet.int16(key, index);
      break;
    default:
      value = dataSet.floatString(key, index);
  }
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/** Trimmed text of a string element, `undefined` when absent or empty. */
export function textOf(dataSet: DataSet | undefined, key: string, index?: number): string | undefined {
  const element = dataSet?.elements[key];
  const text =
    dataSet === undefined || element === undefined || !inBounds(dataSet, element)
      ? undefined
      : dataSet.string(key, index);
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

/** True when a Patient module attribute (group 0010) holds a value (empty ones do not count). */
export function hasPatientFields(dataSet: DataSet): boolean {
  return Object.values(dataSet.elements).some((element) => element.tag.startsWith('x0010') && element.length > 0);
}
