import { AsdfError, decodeTuples, decodeXppYY } from './jcampAsdf';

/**
 * Turns one JCAMP-DX data record into x and y arrays in the file's units (XFACTOR/YFACTOR applied),
 * in file order. `(X++(Y..Y))` tables take x from FIRSTX/LASTX (or DELTAX) and the number of
 * ordinates, as the standard says (the abscissa at each line start is only a check and is not
 * used, as in jcampconverter); tuple tables (`(XY..XY)`, `(XYW..XYW)`, `(XYT..XYT)`) give x
 * explicitly.
 */

/** Largest number of points a record may declare or decode (2^25 ≈ 33.5 M). */
export const MAX_JCAMP_POINTS = 2 ** 25;

/** What the reader knows about a data record before decoding it. */
export interface JcampDataRequest {
  /** `xpp` = `(X++(Y..Y))`, `tuples` = `(XY..XY)` and kin. */
  readonly form: 'xpp' | 'tuples';
  /** Values per tuple (2 for XY, 3 for XYW), tuples only. */
  readonly width: number;
  readonly lines: readonly string[];
  /** Line indices [start, end) of the data. */
  readonly start: number;
  readonly end: number;
  readonly xFactor: number;
  /** One factor per dependent column (YFACTOR; NTUPLES FACTOR of each variable). */
  readonly yFactors: readonly number[];
  readonly firstX?: number;
  readonly lastX?: number;
  readonly deltaX?: number;
  /** Declared number of points (NPOINTS, VAR_DIM); checked for `(X++(Y..Y))`. */
  readonly points?: number;
  readonly decimalComma: boolean;
}

/** Decoded data of one record, in file order and file units. */
export interface JcampSeries {
  readonly x: Float64Array;
  /** One array per dependent column. */
  readonly ys: readonly Float64Array[];
  /** The ASDF forms an `(X++(Y..Y))` table used. */
  readonly forms: readonly string[];
}

/** Why a record cannot be decoded; `truncated` when the file seems cut off. */
export class JcampDataError extends Error {
  readonly truncated: boolean;
  constructor(message: string, truncated = false) {
    super(message);
    this.truncated = truncated;
  }
}

/** Decodes a data record. @throws JcampDataError or AsdfError with the line where it failed. */
export function decodeJcampData(request: JcampDataRequest): JcampSeries {
  const { points } = request;
  if (points !== undefined && !(Number.isInteger(points) && points >= 0 && points <= MAX_JCAMP_POINTS)) {
    throw new JcampDataError(`the declared number of points (${points}) is not a count this reader accepts`);
  }
  return request.form === 'xpp' ? decodeXpp(request) : decodeTupleTable(request);
}

/**
 * Most ordinates one character of a table may expand to through DUP counts: a flat run written as
 * `%s999` (9999 values in 5 characters) stays well below it, a hostile `S99999999999` does not.
 */
const MAX_EXPANSION = 20000;

function decodeXpp(request: JcampDataRequest): JcampSeries {
  const { points, start, end, lines } = request;
  let chars = 0;
  for (let i = start; i < end; i++) chars += (lines[i] as string).length + 1;
  const declared = points === undefined ? MAX_JCAMP_POINTS : points + 1;
  const cap = Math.min(declared, MAX_EXPANSION * chars + 16);
  const { y: raw, firstLineX, forms } = decodeXppYY(lines, start, end, cap);
  const n = raw.length;
  if (points !== undefined && n !== points) {
    throw new JcampDataError(
      `the table (lines ${start + 1}–${end}) holds ${n} ordinates, NPOINTS says ${points}`,
      n < points,
    );
  }
  if (n === 0) throw new JcampDataError(`the table at line ${start} holds no ordinates`);
  const yFactor = request.yFactors[0] ?? 1;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = (raw[i] as number) * yFactor;
  const firstX = request.firstX ?? firstLineX * request.xFactor;
  if (!Number.isFinite(firstX)) throw new JcampDataError('FIRSTX is missing or not a finite number');
  const x = new Float64Array(n);
  if (request.lastX !== undefined && n > 1) {
    const lastX = request.lastX;
    const delta = (lastX - firstX) / (n - 1);
    // From both ends, so that the first and last x are FIRSTX and LASTX exactly.
    for (let i = 0; i < n; i++) x[i] = 2 * i < n ? firstX + i * delta : lastX - (n - 1 - i) * delta;
  } else if (n > 1) {
    const delta = request.deltaX;
    if (delta === undefined) throw new JcampDataError('the table has neither LASTX nor DELTAX: x cannot be placed');
    for (let i = 0; i < n; i++) x[i] = firstX + i * delta;
  } else {
    x[0] = firstX;
  }
  return { x, ys: [y], forms };
}

function decodeTupleTable(request: JcampDataRequest): JcampSeries {
  const { width, start, end } = request;
  const values = decodeTuples(request.lines, start, end, request.decimalComma);
  if (values.length % width !== 0) {
    const last = Math.max(start + 1, end);
    throw new JcampDataError(
      `the table (lines ${start + 1}–${last}) holds ${values.length} numbers, not a whole number of ${width}-tuples`,
      true,
    );
  }
  const n = values.length / width;
  if (n > MAX_JCAMP_POINTS) throw new JcampDataError(`the table holds more than ${MAX_JCAMP_POINTS} points`);
  const x = new Float64Array(n);
  const ys = Array.from({ length: width - 1 }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    x[i] = (values[i * width] as number) * request.xFactor;
    for (let k = 1; k < width; k++) {
      (ys[k - 1] as Float64Array)[i] = (values[i * width + k] as number) * (request.yFactors[k - 1] ?? 1);
    }
  }
  return { x, ys, forms: [] };
}

export { AsdfError };
