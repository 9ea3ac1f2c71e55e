import { WorkbenchError } from '../../../core';

/** One element of a Siemens CSA header: its DICOM-style VR and its values as text. */
export interface CsaElement {
  /** Value representation as Siemens writes it (`DS`, `IS`, `FD`, `LO`, `ST`, `UN`, …). */
  readonly vr: string;
  /** The non-empty values, NUL-terminated text trimmed (numbers stay text; see {@link csaNumber}). */
  readonly values: readonly string[];
}

/** A parsed CSA header: element name → element. */
export type CsaHeader = ReadonlyMap<string, CsaElement>;

/**
 * Most tags, and most items per tag, a CSA header may declare: nibabel's `MAX_CSA_ITEMS`. A corrupt
 * count beyond it is refused before anything is read from it.
 */
const MAX_CSA_ITEMS = 1000;

/** Bytes of one tag record: name (64), vm (int32), vr (4), syngodt, n_items, xx (int32 each). */
const TAG_BYTES = 84;

/**
 * Reads a Siemens CSA header, the binary blob Siemens stores in the private elements
 * "CSA Image Header Info" / "CSA Series Header Info" (0029,xx10) / (0029,xx20). Layout after
 * nibabel `nicom/csareader.py` and SPM `spm_dicom_headers.m` (little-endian throughout):
 *
 * - CSA2: `SV10` + 4 bytes (`\4\3\2\1`), then uint32 n_tags and uint32 (77); CSA1 starts at the
 *   n_tags directly.
 * - Each tag: name (64 bytes, NUL-terminated), int32 vm, VR (4 bytes), int32 syngodt, int32
 *   n_items, int32 (77 or 205); then n_items items of four int32 (item length = the second for CSA2;
 *   the first minus the first tag's n_items for CSA1, SPM's rule) and the value, padded to 4 bytes.
 *
 * @param what names the element in error messages, e.g. `the CSA series header (0029,1120) at byte 15656`.
 * @throws WorkbenchError INVALID_DATA (a tag or item count out of range, a negative length, a
 *   field that runs past the end of the element, with its byte range), with `file` set.
 */
export function parseSiemensCsa(bytes: Uint8Array, what: string, fileName: string): CsaHeader {
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', `${what}: ${message}`, { file: fileName });
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, size: number, field: string): void => {
    if (at + size > bytes.length) fail(`${field} runs past its end (bytes ${at}…${at + size - 1} of ${bytes.length})`);
  };
  const int32 = (at: number, field: string): number => {
    need(at, 4, field);
    return view.getInt32(at, true);
  };
  const text = (at: number, length: number, field: string): string => {
    need(at, length, field);
    let out = '';
    for (let i = at; i < at + length && bytes[i] !== 0; i++) out += String.fromCharCode(bytes[i] as number);
    return out.trim();
  };
  const csa2 = text(0, Math.min(4, bytes.length), 'the signature') === 'SV10';
  let at = csa2 ? 8 : 0;
  const tagCount = int32(at, 'the tag count');
  if (tagCount < 1 || tagCount > MAX_CSA_ITEMS) fail(`it declares ${tagCount} tags (expected 1–${MAX_CSA_ITEMS})`);
  at += 8;
  const header = new Map<string, CsaElement>();
  let firstItemCount = 0;
  for (let tag = 0; tag < tagCount; tag++) {
    const name = text(at, 64, `tag ${tag + 1}`);
    const label = name === '' ? `tag ${tag + 1}` : name;
    const vr = text(at + 68, 4, label);
    const itemCount = int32(at + 76, label);
    if (itemCount < 0 || itemCount > MAX_CSA_ITEMS) fail(`${label} declares ${itemCount} items`);
    if (tag === 0) firstItemCount = itemCount;
    at += TAG_BYTES;
    const values: string[] = [];
    for (let item = 0; item < itemCount; item++) {
      const field = `item ${item + 1} of ${label}`;
      const first = int32(at, field);
      const second = int32(at + 4, field);
      const length = csa2 ? second : first - firstItemCount;
      if (length < 0) fail(`${field} has a negative length (${length})`);
      at += 16;
      const value = text(at, length, field);
      if (value !== '') values.push(value);
      at += Math.ceil(length / 4) * 4;
    }
    if (name !== '') header.set(name, { vr, values });
  }
  return header;
}

/** Value `index` of element `name` as text, `undefined` when absent. */
export function csaString(header: CsaHeader, name: string, index = 0): string | undefined {
  return header.get(name)?.values[index];
}

/** Value `index` of element `name` as a finite number, `undefined` when absent or not a number. */
export function csaNumber(header: CsaHeader, name: string, index = 0): number | undefined {
  const text = csaString(header, name, index);
  const value = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(value) ? value : undefined;
}
