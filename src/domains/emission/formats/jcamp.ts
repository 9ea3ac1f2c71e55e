import { type Spectrum, type SpectrumMeta, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats/decodeText';
import { baseName } from '../../../formats/formatDescriptor';
import { AxisOrderError, ascendingXY } from './ascendingXY';
import { AsdfError } from './jcampAsdf';
import { curvesOfBlock, isDataKey, type JcampCurve, type SkippedRecord } from './jcampBlock';
import { JcampDataError } from './jcampData';
import { fullValue, type JcampBlock, type JcampFile, ldrValue, readJcampStructure } from './jcampText';
import { opticalIntensityUnit, opticalXAxis, scaleAxis } from './opticalUnits';

/** Format id of the JCAMP-DX reader. */
export const JCAMP_FORMAT_ID = 'emission-jcamp';

/** Longest text kept for one metadata value. */
const MAX_META_TEXT = 200;
/** Most file labels copied into the metadata of one spectrum (`jcamp:<label>` keys). */
const MAX_META_LABELS = 100;

/** Header labels with a name of their own in `meta`. */
const NAMED: Readonly<Record<string, string>> = {
  TITLE: 'title',
  DATATYPE: 'dataType',
  DATACLASS: 'dataClass',
  ORIGIN: 'origin',
  OWNER: 'owner',
  JCAMPDX: 'jcampVersion',
  SPECTROMETERDATASYSTEM: 'instrument',
  INSTRUMENTALPARAMETERS: 'instrumentParameters',
  INSTRUMENTPARAMETERS: 'instrumentParameters',
  SAMPLEDESCRIPTION: 'sampleDescription',
  DATE: 'date',
  TIME: 'time',
  LONGDATE: 'longDate',
  BLOCKID: 'blockId',
};

/** Labels that describe the data arrays or the file structure: used, not copied into `meta`. */
const STRUCTURAL = new Set(
  'XUNITS YUNITS XFACTOR YFACTOR FIRSTX LASTX DELTAX NPOINTS FIRSTY MINX MAXX MINY MAXY BLOCKS END PAGE ENDNTUPLES VARNAME SYMBOL VARTYPE VARFORM VARDIM UNITS FACTOR FIRST LAST MIN MAX'.split(
    ' ',
  ),
);

/**
 * Reads a JCAMP-DX file (versions 4.24 and 5.x; optical-notes §4.1) into one spectrum per curve:
 * - `##XYDATA=(X++(Y..Y))` in every ASDF form (AFFN, PAC, SQZ, DIF, DUP, with the DIF Y check), x
 *   from FIRSTX/LASTX (or DELTAX) and the number of ordinates; `##XYDATA=(XY..XY)` and
 *   `##XYPOINTS=(XY..XY)` with explicit x (Ocean Optics writes a decimal comma in some locales);
 * - `##PEAK TABLE=(XY..XY)` (or XYW, XYM) as a spectrum of sticks with `meta.peakTable = true`;
 * - NTUPLES: one spectrum per `##PAGE=` and dependent variable (`meta.page`, `meta.variable`);
 * - LINK and concatenated files: one spectrum per block, with `meta.blockId`, `meta.linkTitle`.
 * XFACTOR/YFACTOR are applied. x is made ascending (reversed or sorted with y; `meta.xOrder`).
 * Units: nm and cm⁻¹ give `domain: 'emission'`; micrometres and ångström are converted to nm
 * (`meta.xUnitsInFile` keeps what the file said); every other axis (NMR ppm or Hz, m/z, time, volts)
 * keeps its unit (or `unknown`) and gives `domain: 'generic'`. TITLE, DATA TYPE, ORIGIN, OWNER,
 * the instrument and every other header label are kept in `meta` (text cut at 200 characters).
 *
 * @throws WorkbenchError BINARY_FILE, EMPTY_FILE, NOT_A_SPECTRUM (no data record it can decode),
 *   TRUNCATED (the file ends inside a table) or INVALID_DATA (with the line), `file` set.
 */
export function parseJcamp(bytes: Uint8Array, fileName: string): Spectrum[] {
  const fail = (code: 'BINARY_FILE' | 'EMPTY_FILE' | 'NOT_A_SPECTRUM' | 'TRUNCATED' | 'INVALID_DATA', m: string) => {
    throw new WorkbenchError(code, m, { file: fileName });
  };
  const decoded = decodeText(bytes);
  if (decoded === null)
    return fail('BINARY_FILE', 'this is a binary file (it contains NUL or control bytes), not JCAMP-DX text');
  if (decoded.text.trim() === '') return fail('EMPTY_FILE', 'the file is empty');
  const file = readJcampStructure(decoded.text);
  if (file.blocks.length === 0)
    return fail('NOT_A_SPECTRUM', 'no JCAMP-DX labelled data record (a line "##LABEL=value") found');
  const lastLine = lastContentLine(file);
  const spectra: Spectrum[] = [];
  const skipped: SkippedRecord[] = [];
  const visit = (block: JcampBlock, index: number, link: SpectrumMeta): void => {
    const title = ldrValue(block.ldrs, 'TITLE') ?? '';
    let curves: JcampCurve[] = [];
    try {
      curves = curvesOfBlock(file, block, skipped);
    } catch (error) {
      if (!(error instanceof JcampDataError || error instanceof AsdfError)) throw error;
      const line = error instanceof AsdfError ? error.line : undefined;
      const cut = !block.ended && (error instanceof JcampDataError ? error.truncated : line === lastLine);
      const where = `block ${index}${title ? ` ("${short(title, 40)}")` : ''}`;
      fail(cut ? 'TRUNCATED' : 'INVALID_DATA', `${where}: ${error.message}${cut ? ' — the file looks truncated' : ''}`);
    }
    const meta = { ...link, ...blockMeta(file, block), block: index };
    for (const curve of curves) spectra.push(toSpectrum(curve, meta, fileName, spectra.length, fail));
    const isLink = block.children.length > 0;
    const childLink: SpectrumMeta = isLink ? { ...link, linkTitle: short(title, MAX_META_TEXT) } : link;
    for (const [k, child] of block.children.entries()) visit(child, k + 1, childLink);
  };
  for (const [k, block] of file.blocks.entries()) visit(block, k + 1, {});
  if (spectra.length === 0) {
    const found = skipped.map((r) => `##${r.label}= (line ${r.line})`).join(', ');
    return fail(
      'NOT_A_SPECTRUM',
      found
        ? `no data table this reader can decode: ${found}`
        : 'no data table (##XYDATA=, ##XYPOINTS=, ##PEAK TABLE= or an NTUPLES ##DATA TABLE=) in the file',
    );
  }
  if (spectra.length > 1) return spectra.map((s) => ({ ...s, name: `${baseName(fileName)} (${s.name})` }));
  return spectra.map((s) => ({ ...s, name: baseName(fileName) }));
}

function toSpectrum(
  curve: JcampCurve,
  blockMetaOf: SpectrumMeta,
  fileName: string,
  index: number,
  fail: (code: 'INVALID_DATA', message: string) => never,
): Spectrum {
  const ppm = nmrPpm(curve);
  const axis = ppm === undefined ? opticalXAxis(curve.xUnits) : PPM_AXIS;
  let sorted: ReturnType<typeof ascendingXY>;
  try {
    sorted = ascendingXY(ppm ?? scaleAxis(curve.x.slice(), axis.scale), [curve.y]);
  } catch (error) {
    if (!(error instanceof AxisOrderError)) throw error;
    return fail('INVALID_DATA', `the table at line ${curve.line}: ${error.message}; x must not repeat`);
  }
  const dataType = String(blockMetaOf.dataType ?? '');
  const raman = axis.unit === 'cm-1' && /RAMAN/i.test(dataType);
  const meta: SpectrumMeta = {
    format: JCAMP_FORMAT_ID,
    ...blockMetaOf,
    dataRecord: curve.record,
    dataForm: curve.form,
    line: curve.line,
    xOrder: sorted.order,
  };
  if (curve.peakTable) meta.peakTable = true;
  if (curve.compression !== undefined) meta.compression = curve.compression;
  if (curve.page !== undefined) meta.page = short(curve.page, MAX_META_TEXT);
  if (curve.variable !== undefined) meta.variable = short(curve.variable, MAX_META_TEXT);
  if (curve.xUnits !== undefined) meta.xUnitsInFile = short(curve.xUnits, MAX_META_TEXT);
  if (curve.yUnits !== undefined) meta.yUnitsInFile = short(curve.yUnits, MAX_META_TEXT);
  const label = raman
    ? 'Raman shift'
    : ppm !== undefined
      ? 'chemical shift (from Hz)'
      : axis.scale !== 1
        ? `wavelength (from ${curve.xUnits})`
        : curve.xUnits;
  const yLabel = curve.variable ?? curve.yUnits;
  const title = typeof meta.title === 'string' && meta.title !== '' ? meta.title : `block ${meta.block}`;
  const name = [title, curve.page, curve.variable].filter((part) => part !== undefined && part !== '').join(' ');
  return {
    id: `${fileName}#${index}`,
    name,
    file: fileName,
    domain: axis.domain,
    x: {
      values: sorted.x,
      unit: axis.unit,
      quantity: axis.quantity,
      ...(label ? { label: short(label, MAX_META_TEXT) } : {}),
    },
    y: {
      values: sorted.ys[0] as Float64Array,
      unit: opticalIntensityUnit(curve.yUnits),
      ...(yLabel ? { label: short(yLabel, MAX_META_TEXT) } : {}),
    },
    meta,
  };
}

const PPM_AXIS = { unit: 'ppm', quantity: 'chemical shift', scale: 1, domain: 'generic' } as const;

/**
 * An NMR axis in Hz as chemical shift (ppm): x / `.OBSERVE FREQUENCY` (MHz), shifted so that the
 * first point sits at Bruker's `##$OFFSET` (ppm) when the file gives it, as jcampconverter does
 * (the oracle of the compression fixtures: FIRSTX 5592.84 Hz → 12.31284 ppm, LASTX 0 Hz →
 * −1.6646457842364946 ppm at 400.1321303162 MHz). `undefined` for any other axis.
 */
function nmrPpm(curve: JcampCurve): Float64Array | undefined {
  const frequency = curve.observeFrequencyMHz;
  if (frequency === undefined || !(frequency > 0) || opticalXAxis(curve.xUnits).unit !== 'Hz') return undefined;
  const offset = curve.offsetPpm;
  const first = curve.firstX;
  if (offset === undefined || first === undefined) return curve.x.map((x) => x / frequency);
  return curve.x.map((x) => offset + (x - first) / frequency);
}

/** Metadata of a block: named labels, and every other label as `jcamp:<label>` (repeats joined). */
function blockMeta(file: JcampFile, block: JcampBlock): SpectrumMeta {
  const meta: SpectrumMeta = {};
  let extra = 0;
  for (const ldr of block.ldrs) {
    if (ldr.key === 'PAGE') break;
    if (STRUCTURAL.has(ldr.key) || isDataKey(ldr.key)) continue;
    const value = fullValue(file, ldr, MAX_META_TEXT);
    const key = NAMED[ldr.key] ?? `jcamp:${ldr.label}`;
    if (!(key in meta) && NAMED[ldr.key] === undefined && extra++ >= MAX_META_LABELS) continue;
    const previous = meta[key];
    meta[key] = previous === undefined ? value : short(`${previous} | ${value}`, MAX_META_TEXT);
  }
  return meta;
}

function lastContentLine(file: JcampFile): number {
  for (let i = file.lines.length - 1; i >= 0; i--) if ((file.lines[i] as string).trim() !== '') return i + 1;
  return 0;
}

function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
