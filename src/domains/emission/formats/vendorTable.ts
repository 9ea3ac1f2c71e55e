import { cellNumber, type DecimalCode, vendorFail } from './vendorText';

/** The numeric table of a vendor text export: x first, then one column per trace. */
export interface VendorTable {
  /** Column names from a header row (`W D R S P`, `Wave;Sample;…`), or `[]` when there is none. */
  readonly names: readonly (string | undefined)[];
  /** Units row below the names (`[nm];[counts];…`, brackets removed), or `[]`. */
  readonly units: readonly string[];
  readonly columns: readonly Float64Array[];
  readonly rows: number;
  /** 0-based line index of every row, for error messages. */
  readonly lineOf: readonly number[];
  /** The decimal separator found (`,` in localised exports). */
  readonly decimal: ',' | '.';
}

/** How {@link readVendorTable} splits and ends. */
export interface VendorTableOptions {
  /** `'\t'`: TAB, or runs of spaces when a row has no TAB (Ocean Optics); `;` (AvaSoft text); `,` (AvaSoft CSV). */
  readonly delimiter?: '\t' | ';' | ',';
  /** No end marker follows: a short or unreadable last row means the file was cut (TRUNCATED). */
  readonly lastRowMayBeCut?: boolean;
}

function split(line: string, delimiter: '\t' | ';' | ','): string[] {
  let fields: string[];
  if (delimiter !== '\t') fields = line.split(delimiter);
  else if (line.includes('\t')) fields = line.split('\t');
  else fields = line.trim().split(/\s+/);
  if (fields.length > 1 && (fields[fields.length - 1] as string).trim() === '') fields.pop();
  return fields.map((field) => field.trim());
}

const NUMBER_START = /^\s*[-+]?(\d|[.,]\d)/;

/**
 * Reads the rows of `lines[start, end)`: blank lines are skipped; a first line that does not start
 * with a number is the names row, and a following line in brackets the units row (AvaSoft). The
 * decimal separator is `,` when the first data row holds a comma and the delimiter is not a comma
 * (optical-notes §4.3 rule, also for AvaSoft `;` tables). Columns are allocated from the count of
 * lines actually present, never from a count the header states.
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (no data rows, or one column), INVALID_DATA (a row with
 *   another number of cells, or a cell that is not a number: line and column are named), TRUNCATED
 *   (with `lastRowMayBeCut`, when only the last row is short or unreadable).
 */
export function readVendorTable(
  lines: readonly string[],
  start: number,
  end: number,
  fileName: string,
  options: VendorTableOptions = {},
): VendorTable {
  const delimiter = options.delimiter ?? '\t';
  let at = start;
  const skipBlank = (): void => {
    while (at < end && (lines[at] as string).trim() === '') at++;
  };
  skipBlank();
  let names: (string | undefined)[] = [];
  let units: string[] = [];
  const namesLine = at;
  if (at < end && !NUMBER_START.test(lines[at] as string)) {
    names = split(lines[at] as string, delimiter);
    at++;
    skipBlank();
    const unitsLine = at < end ? (lines[at] as string).trim() : '';
    if (unitsLine.startsWith('[')) {
      units = split(unitsLine, delimiter).map((unit) => unit.replace(/^\[|\]$/g, '').trim());
      at++;
    }
  }
  const lineOf: number[] = [];
  for (let i = at; i < end; i++) if ((lines[i] as string).trim() !== '') lineOf.push(i);
  const rows = lineOf.length;
  if (rows === 0) {
    return vendorFail('NOT_A_SPECTRUM', `there are no data rows between lines ${start + 1} and ${end}`, fileName);
  }
  const firstRow = lines[lineOf[0] as number] as string;
  const width = split(firstRow, delimiter).length;
  if (width < 2) {
    return vendorFail(
      'NOT_A_SPECTRUM',
      `the data row at line ${(lineOf[0] as number) + 1} has a single column`,
      fileName,
    );
  }
  if (names.length > 0 && names.length !== width) {
    return vendorFail(
      'INVALID_DATA',
      `the column header at line ${namesLine + 1} names ${names.length} columns, the data rows have ${width}`,
      fileName,
    );
  }
  const decimalComma = delimiter !== ',' && firstRow.includes(',');
  const decimal: DecimalCode = decimalComma ? 44 : 46;
  const columns = Array.from({ length: width }, () => new Float64Array(rows));
  for (let r = 0; r < rows; r++) {
    const line = lineOf[r] as number;
    const cut = options.lastRowMayBeCut === true && r === rows - 1;
    const fields = split(lines[line] as string, delimiter);
    if (fields.length !== width) {
      vendorFail(
        cut && fields.length < width ? 'TRUNCATED' : 'INVALID_DATA',
        `line ${line + 1} has ${fields.length} cells, the data rows above have ${width}${cut ? ' (the file ends there)' : ''}`,
        fileName,
      );
    }
    for (let c = 0; c < width; c++) {
      const value = cellNumber(fields[c] as string, decimal);
      if (value === undefined) {
        vendorFail(
          cut ? 'TRUNCATED' : 'INVALID_DATA',
          `line ${line + 1}, column ${c + 1}: \`${(fields[c] as string).slice(0, 40)}\` is not a number${cut ? ' (the file ends there)' : ''}`,
          fileName,
        );
      }
      (columns[c] as Float64Array)[r] = value as number;
    }
  }
  return { names, units, columns, rows, lineOf, decimal: decimalComma ? ',' : '.' };
}
