import { parse as parseSpcData } from 'spc-parser';
import { type Spectrum, type SpectrumMeta, WorkbenchError } from '../../../core';
import { baseName } from '../../../formats/formatDescriptor';
import { AxisOrderError, ascendingXY } from './ascendingXY';
import { scaleAxis } from './opticalUnits';
import { spcAxisName, spcExperimentName, spcIntensityUnit, spcXAxis, spcYName } from './spcAxes';
import { readSpcLayout, type SpcHeader, type SpcLayout, SpcLayoutError } from './spcLayout';

/** Format id of the Thermo/Galactic SPC reader. */
export const SPC_FORMAT_ID = 'emission-spc';

/** Longest log-block text kept in `meta.log`, and most `log:KEY` entries. */
const MAX_LOG_TEXT = 4000;
const MAX_LOG_KEYS = 100;

/**
 * Reads a Thermo/Galactic (GRAMS) SPC file (optical-notes §4.2): every shape (Y, XY, YY, XYY, XYXY),
 * new format little- and big-endian (0x4B, 0x4C) and the old LabCalc format (0x4D), 32- and 16-bit
 * integer or float Y. One spectrum per subfile.
 *
 * Division of labour: this module checks the header and where every subfile lies against the file
 * length (`spcLayout.ts`, so that a damaged or hostile header gives a typed error before anything
 * is allocated), reads the header text fields, the custom axis labels and the log block itself, and
 * hands a checked copy of the bytes to spc-parser 1.0.0 for the X and Y arrays (exponent scaling,
 * 16-bit Y, the old format's word order). In that copy `flogoff` is zeroed (spc-parser reads the log
 * at its current position rather than at `flogoff`, and throws on a damaged one) and `fnsub` is the
 * number of subfiles the layout found (a single-subfile file may say 0).
 *
 * Units: X type 1 and 13 (Raman shift) → cm⁻¹, 3 → nm, 2 (µm) → nm ×1000 (domain `emission`);
 * other axes keep their unit or `unknown` (domain `generic`). Y type 4 → counts, 0/12/13/131 → a.u.,
 * others `unknown` with the type's name as label (Absorbance, Transmission …). x is made ascending.
 * `meta`: comment, resolution, instrument (`fsource`), method, date, experiment, X/Y/Z type names,
 * per subfile `z` (subtime), `zEnd` (subnext), `w`, `coAddedScans`, and the log block (`log`, and
 * `log:KEY` for its `KEY = value` lines).
 *
 * @throws WorkbenchError TRUNCATED (the file ends before a part the header declares) or
 *   INVALID_DATA (an unknown version byte, an absurd point count, a repeated x), `file` set.
 */
export function parseSpc(bytes: Uint8Array, fileName: string): Spectrum[] {
  const fail = (code: 'TRUNCATED' | 'INVALID_DATA', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  let layout: SpcLayout;
  try {
    layout = readSpcLayout(bytes);
  } catch (error) {
    if (!(error instanceof SpcLayoutError)) throw error;
    return fail(error.truncated ? 'TRUNCATED' : 'INVALID_DATA', error.message);
  }
  const { header, subfiles } = layout;
  let decoded: ReturnType<typeof parseSpcData>;
  try {
    decoded = parseSpcData(libraryInput(bytes, layout));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail('INVALID_DATA', `the data block cannot be decoded (spc-parser: ${message})`);
  }
  if (decoded.spectra.length !== subfiles.length) {
    fail('INVALID_DATA', `spc-parser found ${decoded.spectra.length} subfiles where the layout has ${subfiles.length}`);
  }
  const fileMeta = headerMeta(header, layout, readLog(bytes, header));
  const talabs = (header.flags & 32) !== 0;
  const [xLabel, yLabel, zLabel] = talabs ? header.labels : ['', '', ''];
  const axis = spcXAxis(header.xType, xLabel);
  const multi = subfiles.length > 1;
  const zName = zLabel || spcAxisName(header.zType);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decoded.spectra.map((spectrum, k): Spectrum => {
    const at = (subfiles[k] as { offset: number }).offset;
    const z = view.getFloat32(at + 4, header.littleEndian);
    const zEnd = view.getFloat32(at + 8, header.littleEndian);
    const scans = view.getUint32(at + 20, header.littleEndian);
    const x = scaleAxis(Float64Array.from(spectrum.variables.x.data as ArrayLike<number>), axis.scale);
    const y = Float64Array.from(spectrum.variables.y.data as ArrayLike<number>);
    let sorted: ReturnType<typeof ascendingXY>;
    try {
      sorted = ascendingXY(x, [y]);
    } catch (error) {
      if (!(error instanceof AxisOrderError)) throw error;
      return fail('INVALID_DATA', `subfile ${k + 1} (header at byte ${at}): ${error.message}; x must not repeat`);
    }
    const meta: SpectrumMeta = { ...fileMeta, subfile: k + 1, xOrder: sorted.order };
    if (Number.isFinite(z)) meta.z = z;
    if (Number.isFinite(zEnd) && zEnd !== z) meta.zEnd = zEnd;
    if (scans > 0) meta.coAddedScans = scans;
    if (header.wPlanes > 0) meta.w = view.getFloat32(at + 24, header.littleEndian);
    const name = multi
      ? `${baseName(fileName)} (subfile ${k + 1}${Number.isFinite(z) ? `, z = ${z} ${zName}` : ''})`
      : baseName(fileName);
    return {
      id: `${fileName}#${k}`,
      name,
      file: fileName,
      domain: axis.domain,
      x: { values: sorted.x, unit: axis.unit, quantity: axis.quantity, label: xLabel || spcAxisName(header.xType) },
      y: {
        values: sorted.ys[0] as Float64Array,
        unit: spcIntensityUnit(header.yType),
        label: yLabel || spcYName(header.yType),
      },
      meta,
    };
  });
}

/** The bytes spc-parser reads: cut at the last subfile, `flogoff` zeroed, `fnsub` = the subfiles found. */
function libraryInput(bytes: Uint8Array, layout: SpcLayout): Uint8Array {
  const copy = bytes.slice(0, layout.end);
  if (layout.header.version !== 0x4d) {
    const view = new DataView(copy.buffer);
    view.setUint32(248, 0, layout.header.littleEndian);
    view.setUint32(24, layout.subfiles.length, layout.header.littleEndian);
  }
  return copy;
}

function headerMeta(header: SpcHeader, layout: SpcLayout, log: SpectrumMeta): SpectrumMeta {
  const meta: SpectrumMeta = {
    format: SPC_FORMAT_ID,
    spcVersion: `0x${header.version.toString(16).toUpperCase()}${header.version === 0x4d ? ' (old format)' : header.littleEndian ? '' : ' (big-endian)'}`,
    spcFlags: `0x${header.flags.toString(16).padStart(2, '0').toUpperCase()}`,
    shape: layout.shape,
    subfiles: layout.subfiles.length,
    xType: spcAxisName(header.xType),
    yType: spcYName(header.yType),
  };
  const text: [string, string][] = [
    ['comment', header.comment],
    ['resolution', header.resolution],
    ['instrument', header.source],
    ['method', header.method],
  ];
  for (const [key, value] of text) if (value !== '') meta[key] = value;
  if (header.date !== undefined) meta.date = header.date;
  const experiment = spcExperimentName(header.experiment);
  if (experiment !== undefined) meta.experiment = experiment;
  if ((header.flags & 4) !== 0) {
    meta.zType = spcAxisName(header.zType);
    meta.zOrder = (header.flags & 8) !== 0 ? 'random' : (header.flags & 16) !== 0 ? 'ordered' : 'even';
    if (header.zIncrement !== 0 && Number.isFinite(header.zIncrement)) meta.zIncrement = header.zIncrement;
  }
  return { ...meta, ...log };
}

/**
 * The log block at `flogoff` (new format): `logsizd` u32 @0 (block size), `logtxto` u32 @8 (offset of
 * the text); the text is `KEY = value` lines. A damaged log is reported in `meta.logProblem`, not
 * thrown: the spectra do not depend on it.
 */
function readLog(bytes: Uint8Array, header: SpcHeader): SpectrumMeta {
  const at = header.logOffset;
  if (header.version === 0x4d || at === 0) return {};
  if (at + 64 > bytes.length) return { logProblem: `the log block offset (${at}) lies beyond the file` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(at, header.littleEndian);
  const textAt = view.getUint32(at + 8, header.littleEndian);
  if (textAt < 64 || textAt > size)
    return { logProblem: `the log text offset (${textAt}) lies outside the block (${size} bytes)` };
  let text = '';
  const end = Math.min(bytes.length, at + size);
  for (let i = at + textAt; i < end && text.length < MAX_LOG_TEXT; i++) {
    const code = bytes[i] as number;
    if (code === 0) break;
    text += String.fromCharCode(code);
  }
  const meta: SpectrumMeta = { log: text.trim() };
  let keys = 0;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const match = /^\s*([^=]{1,40}?)\s*=\s*(.*?)\s*$/.exec(line);
    if (match === null || keys >= MAX_LOG_KEYS) continue;
    const key = `log:${match[1]}`;
    if (!(key in meta)) {
      meta[key] = (match[2] ?? '').slice(0, 200);
      keys++;
    }
  }
  return meta;
}
