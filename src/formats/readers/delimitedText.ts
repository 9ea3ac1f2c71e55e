import { quantityOfUnit, type Spectrum, type SpectrumMeta, WorkbenchError } from '../../core';
import { decodeText } from '../decodeText';
import { baseName, type ParseOptions } from '../formatDescriptor';
import { ascendingRowOrder } from './ascendingRowOrder';
import { detectLayout, type TableLayout } from './delimitedTextLayout';
import { domainOfUnit, guessAxisUnit, guessIntensityUnit } from './guessUnits';
import { readTable, type Table } from './readTable';

const DELIMITER_NAMES = { ',': 'comma', '\t': 'tab', ';': 'semicolon', ' ': 'whitespace' } as const;

/**
 * Reads a delimited text table (CSV, TSV, semicolon or whitespace separated) into spectra.
 *
 * - One x column and N ≥ 1 y columns give N spectra, named `file (column header)`; a single
 *   column gives one spectrum with x = 0, 1, 2 … (unit `index`).
 * - Delimiter and decimal separator (`.` or `,`) are detected from the data rows; header,
 *   comment (`#`, `%`, `//`, `;`, `!`) and preamble lines before the data are skipped, and
 *   `key: value` / `key=value` preamble lines are kept in `meta`. Text lines after the data (a
 *   footer) are ignored and counted in `meta.footerLines`.
 * - x must be finite and must not repeat. A descending x is reversed (with its y) to ascending and
 *   `meta.xDescending` is set; an unsorted x (stitched detectors overlapping at their seams) is
 *   sorted with its y and `meta.xSorted` is set. A repeated x is rejected (INVALID_DATA): it usually
 *   means two tables were appended to each other, and a spectrum's x must be strictly ascending.
 * - y cells may be empty or NaN/NA (read as NaN).
 * - The x unit is guessed from the x header (`nm`, `keV`, `cm-1` …), the domain from the unit.
 *
 * @throws WorkbenchError BINARY_FILE, EMPTY_FILE, NOT_A_SPECTRUM, TRUNCATED or INVALID_DATA, with `file` set.
 */
export function parseDelimitedText(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Spectrum[] {
  const fail = (code: 'BINARY_FILE' | 'EMPTY_FILE' | 'NOT_A_SPECTRUM', message: string): never => {
    throw new WorkbenchError(code, message, { file: fileName });
  };
  const decoded = decodeText(bytes);
  if (decoded === null) {
    return fail('BINARY_FILE', 'this is a binary file (it contains NUL or control bytes), not a text table');
  }
  const { text, encoding } = decoded;
  if (/^\s*$/.test(text.slice(0, 4096)) && text.trim() === '') return fail('EMPTY_FILE', 'the file is empty');
  const layout = detectLayout(text, options);
  if (layout === undefined) {
    return fail(
      'NOT_A_SPECTRUM',
      'no table of numbers found — a spectrum table needs lines such as "400.5,1234" (x and y columns)',
    );
  }
  const table = readTable(text, layout, fileName);
  if (table.rows < 2) {
    const rows = table.rows === 1 ? 'only 1 data row' : 'no data rows';
    return fail('NOT_A_SPECTRUM', `${rows} (line ${layout.dataLine}); a spectrum needs at least 2 points`);
  }
  const meta: SpectrumMeta = {
    ...layout.preamble,
    delimiter: DELIMITER_NAMES[layout.delimiter],
    decimalSeparator: layout.decimalSeparator,
    headerLines: layout.headerLines,
    xDescending: table.xOrder === 'descending',
    encoding,
  };
  if (table.xOrder === 'unsorted') meta.xSorted = true;
  if (table.footerLines > 0) meta.footerLines = table.footerLines;
  const order = table.columns > 1 ? ascendingRowOrder(table, fileName) : undefined;
  return buildSpectra(table, order, layout, fileName, meta);
}

/** Copies column `column` of the row-major table into its own array, rows in `order` when given. */
function columnOf(table: Table, column: number, order: Uint32Array | undefined): Float64Array {
  const { values, rows, columns } = table;
  const out = new Float64Array(rows);
  if (order === undefined) for (let r = 0; r < rows; r++) out[r] = values[r * columns + column] as number;
  else for (let r = 0; r < rows; r++) out[r] = values[(order[r] as number) * columns + column] as number;
  return out;
}

function buildSpectra(
  table: Table,
  order: Uint32Array | undefined,
  layout: TableLayout,
  fileName: string,
  meta: SpectrumMeta,
): Spectrum[] {
  const name = baseName(fileName);
  const header = layout.header;
  if (table.columns === 1) {
    const label = header?.[0];
    const x = Float64Array.from({ length: table.rows }, (_, k) => k);
    const y = columnOf(table, 0, undefined);
    return [
      {
        id: `${fileName}#0`,
        name: label ? `${name} (${label})` : name,
        file: fileName,
        domain: 'generic',
        x: { values: x, unit: 'index', quantity: 'index' },
        y: label ? { values: y, unit: guessIntensityUnit(label), label } : { values: y, unit: 'unknown' },
        meta: label ? { ...meta, column: 1, columnHeader: label } : { ...meta, column: 1 },
      },
    ];
  }
  const xLabel = header?.[0];
  const unit = guessAxisUnit(xLabel);
  const axis = { unit, quantity: quantityOfUnit(unit), ...(xLabel ? { label: xLabel } : {}) };
  const domain = domainOfUnit(unit);
  const spectra: Spectrum[] = [];
  for (let column = 1; column < table.columns; column++) {
    const label = header?.[column];
    const displayName = label ? `${name} (${label})` : table.columns > 2 ? `${name} (column ${column + 1})` : name;
    const y = columnOf(table, column, order);
    spectra.push({
      id: `${fileName}#${column - 1}`,
      name: displayName,
      file: fileName,
      domain,
      x: { ...axis, values: columnOf(table, 0, order) },
      y: label ? { values: y, unit: guessIntensityUnit(label), label } : { values: y, unit: 'unknown' },
      meta: label ? { ...meta, column: column + 1, columnHeader: label } : { ...meta, column: column + 1 },
    });
  }
  return spectra;
}
