import { WorkbenchError } from '../../core';
import type { Table } from './readTable';

/**
 * Row order that makes the x column (column 0) strictly ascending: `undefined` when it already is,
 * the rows reversed when x descends, else the rows sorted by x (stitched spectra from several
 * detectors, e.g. echelle orders or multi-channel LIBS, overlap at the seams).
 * @throws WorkbenchError INVALID_DATA when an x value occurs twice: two tables appended to each
 *   other usually share their x grid, and a spectrum's x must not repeat.
 */
export function ascendingRowOrder(table: Table, fileName: string): Uint32Array | undefined {
  const { rows, columns, values, lines } = table;
  if (table.xOrder === 'ascending') return undefined;
  const order = new Uint32Array(rows);
  if (table.xOrder === 'descending') {
    for (let r = 0; r < rows; r++) order[r] = rows - 1 - r;
    return order;
  }
  const x = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    order[r] = r;
    x[r] = values[r * columns] as number;
  }
  order.sort((a, b) => (x[a] as number) - (x[b] as number));
  for (let k = 1; k < rows; k++) {
    const previous = order[k - 1] as number;
    const current = order[k] as number;
    if (x[previous] === x[current]) {
      const [first, second] = [lines[previous] as number, lines[current] as number].sort((a, b) => a - b);
      throw new WorkbenchError(
        'INVALID_DATA',
        `x = ${x[current]} occurs twice (lines ${first} and ${second}); a spectrum's x must not repeat`,
        { file: fileName },
      );
    }
  }
  return order;
}
