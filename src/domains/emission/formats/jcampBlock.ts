import { decodeJcampData, type JcampDataRequest, type JcampSeries } from './jcampData';
import { type JcampBlock, type JcampFile, type JcampLdr, ldrValue } from './jcampText';

/**
 * The data records of one JCAMP-DX block, decoded: `##XYDATA=`, `##XYPOINTS=`, `##PEAK TABLE=` at
 * block level, and `##PAGE=` + `##DATA TABLE=` pages of an NTUPLES block (optical-notes §4.1;
 * Davies & Lampen, Appl. Spectrosc. 47 (1993) 1093). Each dependent column of each record becomes
 * one {@link JcampCurve}.
 */

/** One curve of a block: x and one dependent column, in file order and file units. */
export interface JcampCurve {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** The data record's label as written (`XYDATA`, `PEAK TABLE`, `DATA TABLE`). */
  readonly record: string;
  /** Its variable list as written, without spaces (`(X++(Y..Y))`, `(XY..XY)`). */
  readonly form: string;
  /** 1-based line of the data record's label. */
  readonly line: number;
  readonly xUnits?: string;
  readonly yUnits?: string;
  /** A table of peaks (sticks), not a continuous curve. */
  readonly peakTable: boolean;
  readonly compression?: string;
  /** NTUPLES: the page (`F1=0`, `N=1`) and the dependent variable's name. */
  readonly page?: string;
  readonly variable?: string;
  /** NMR: `.OBSERVE FREQUENCY` (MHz) and Bruker's `$OFFSET` (ppm of the first point), for Hz → ppm. */
  readonly observeFrequencyMHz?: number;
  readonly offsetPpm?: number;
  /** FIRSTX as written (file units), the point `offsetPpm` refers to. */
  readonly firstX?: number;
}

/** A record this reader does not decode (RADATA, a form it does not know), for the error message. */
export interface SkippedRecord {
  readonly label: string;
  readonly line: number;
}

const DATA_KEYS = new Set(['XYDATA', 'XYPOINTS', 'PEAKTABLE', 'DATATABLE', 'RADATA', 'PEAKASSIGNMENTS']);

/** True for the canonical labels of data records (their lines are data, not text). */
export function isDataKey(key: string): boolean {
  return DATA_KEYS.has(key);
}

/** A number written in a header LDR, with a decimal comma when `decimalComma`; undefined when none. */
export function headerNumber(value: string | undefined, decimalComma = false): number | undefined {
  if (value === undefined) return undefined;
  const text = (decimalComma ? value.replace(/^(\s*[-+]?\d+),(\d+\s*)$/, '$1.$2') : value).trim();
  if (text === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

/** True when the block's numeric header LDRs are written with a decimal comma (`##FIRSTX= 176,36`). */
export function hasDecimalComma(ldrs: readonly JcampLdr[]): boolean {
  const numeric = ['FIRSTX', 'LASTX', 'FIRSTY', 'MINX', 'MAXX', 'MINY', 'MAXY', 'DELTAX'];
  return ldrs.some((ldr) => numeric.includes(ldr.key) && /^\s*[-+]?\d+,\d+\s*$/.test(ldr.value));
}

interface Form {
  readonly kind: 'xpp' | 'tuples';
  readonly symbols: readonly string[];
  readonly text: string;
}

/** `(X++(Y..Y))` → xpp X,Y; `(XYW..XYW)` → tuples X,Y,W (symbols split with the declared ones). */
function parseForm(value: string, declared: readonly string[]): Form | undefined {
  const text = value.replace(/\s+/g, '');
  const xpp = /^\(([A-Za-z][A-Za-z0-9]*)\+\+\(([A-Za-z][A-Za-z0-9]*)\.\.\2\)/.exec(text);
  if (xpp) return { kind: 'xpp', symbols: [xpp[1] as string, xpp[2] as string], text: `${xpp[0]})` };
  const tuple = /^\(([A-Za-z][A-Za-z0-9]*)\.\.\1\)/.exec(text);
  if (!tuple) return undefined;
  const symbols = splitSymbols(tuple[1] as string, declared);
  return symbols.length >= 2 ? { kind: 'tuples', symbols, text: tuple[0] } : undefined;
}

function splitSymbols(run: string, declared: readonly string[]): string[] {
  const byLength = [...declared].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  const out: string[] = [];
  let rest = run;
  while (rest !== '') {
    const match = byLength.find((s) => rest.toUpperCase().startsWith(s.toUpperCase())) ?? (rest[0] as string);
    out.push(match);
    rest = rest.slice(match.length);
  }
  return out;
}

/** A comma-separated NTUPLES list (`##UNITS= HZ, ARBITRARY UNITS`), trimmed. */
function list(ldrs: readonly JcampLdr[], key: string): string[] {
  return (ldrValue(ldrs, key) ?? '').split(',').map((item) => item.trim());
}

/**
 * The curves of `block` (its own records, not its children's).
 * @param skipped collects the data records that were not decoded.
 * @throws JcampDataError / AsdfError from the decoding, with the line.
 */
export function curvesOfBlock(file: JcampFile, block: JcampBlock, skipped: SkippedRecord[]): JcampCurve[] {
  const { ldrs } = block;
  const decimalComma = hasDecimalComma(ldrs);
  const num = (key: string, from: readonly JcampLdr[] = ldrs): number | undefined =>
    headerNumber(ldrValue(from, key), decimalComma);
  const nmr = optional({
    observeFrequencyMHz: num('.OBSERVEFREQUENCY'),
    offsetPpm: num('$OFFSET'),
    firstX: num('FIRSTX'),
  });
  const pageAt = ldrs.findIndex((ldr) => ldr.key === 'PAGE');
  const header = pageAt < 0 ? ldrs : ldrs.slice(0, pageAt);
  const curves: JcampCurve[] = [];
  for (const ldr of header) {
    if (!isDataKey(ldr.key)) continue;
    const form = parseForm(ldr.value, ['X', 'Y', 'W', 'M']);
    if (form === undefined || ldr.key === 'RADATA' || ldr.key === 'PEAKASSIGNMENTS') {
      skipped.push({ label: ldr.label, line: ldr.line });
      continue;
    }
    const npoints = num('NPOINTS');
    const request: JcampDataRequest = {
      form: form.kind,
      width: form.symbols.length,
      lines: file.lines,
      start: ldr.bodyStart,
      end: ldr.bodyEnd,
      xFactor: num('XFACTOR') ?? 1,
      yFactors: [num('YFACTOR') ?? 1, 1, 1],
      decimalComma: decimalComma || /^\s*[-+]?\d+,\d+,\s+[-+]?\d+,\d+\s*$/.test(file.lines[ldr.bodyStart] ?? ''),
      ...optional({ firstX: num('FIRSTX'), lastX: num('LASTX'), deltaX: num('DELTAX'), points: npoints }),
    };
    const series = decodeJcampData(request);
    const peakTable = ldr.key === 'PEAKTABLE';
    const base = {
      record: ldr.label,
      form: form.text,
      line: ldr.line,
      peakTable,
      ...nmr,
      ...optional({ xUnits: ldrValue(ldrs, 'XUNITS'), yUnits: ldrValue(ldrs, 'YUNITS') }),
    };
    // A peak table's further columns (W: width, M: multiplicity) are not intensities.
    const columns = peakTable ? series.ys.slice(0, 1) : series.ys;
    for (const y of columns) curves.push({ ...base, x: series.x, y, ...compressionOf(series) });
  }
  if (pageAt >= 0) {
    for (const curve of pageCurves(file, ldrs.slice(pageAt), header, decimalComma, skipped)) {
      curves.push({ ...curve, ...optional({ observeFrequencyMHz: nmr.observeFrequencyMHz }) });
    }
  }
  return curves;
}

function pageCurves(
  file: JcampFile,
  pageLdrs: readonly JcampLdr[],
  header: readonly JcampLdr[],
  decimalComma: boolean,
  skipped: SkippedRecord[],
): JcampCurve[] {
  const symbols = list(header, 'SYMBOL');
  const units = list(header, 'UNITS');
  const names = list(header, 'VARNAME');
  const factors = list(header, 'FACTOR').map((v) => headerNumber(v, decimalComma));
  const firsts = list(header, 'FIRST').map((v) => headerNumber(v, decimalComma));
  const lasts = list(header, 'LAST').map((v) => headerNumber(v, decimalComma));
  const dims = list(header, 'VARDIM').map((v) => headerNumber(v, decimalComma));
  const index = (symbol: string): number => symbols.findIndex((s) => s.toUpperCase() === symbol.toUpperCase());
  const curves: JcampCurve[] = [];
  let page = '';
  let pageStart = 0;
  for (let k = 0; k < pageLdrs.length; k++) {
    const ldr = pageLdrs[k] as JcampLdr;
    if (ldr.key === 'PAGE') {
      page = ldr.value;
      pageStart = k;
      continue;
    }
    if (ldr.key !== 'DATATABLE') continue;
    const form = parseForm(ldr.value, symbols);
    if (form === undefined) {
      skipped.push({ label: ldr.label, line: ldr.line });
      continue;
    }
    const local = pageLdrs.slice(pageStart, k);
    const at = form.symbols.map(index);
    const [xi, ...yis] = at as [number, ...number[]];
    const points = headerNumber(ldrValue(local, 'NPOINTS'), decimalComma) ?? dims[xi];
    const series = decodeJcampData({
      form: form.kind,
      width: form.symbols.length,
      lines: file.lines,
      start: ldr.bodyStart,
      end: ldr.bodyEnd,
      xFactor: factors[xi] ?? 1,
      yFactors: yis.map((i) => factors[i] ?? 1),
      decimalComma,
      ...optional({
        firstX: firsts[xi],
        lastX: lasts[xi],
        points: form.kind === 'xpp' ? points : undefined,
      }),
    });
    const peakTable = /\bPEAKS?\b/i.test(ldr.value);
    series.ys.forEach((y, column) => {
      const yi = yis[column] ?? -1;
      curves.push({
        x: series.x,
        y,
        record: ldr.label,
        form: form.text,
        line: ldr.line,
        peakTable,
        page,
        ...optional({
          xUnits: units[xi] || undefined,
          yUnits: units[yi] || undefined,
          variable: names[yi] || form.symbols[column + 1],
        }),
        ...compressionOf(series),
      });
    });
  }
  return curves;
}

function compressionOf(series: JcampSeries): { compression?: string } {
  return series.forms.length > 0 ? { compression: [...series.forms].sort().join(', ') } : {};
}

/** The entries of `record` whose value is defined (for exactOptionalPropertyTypes). */
export function optional<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
