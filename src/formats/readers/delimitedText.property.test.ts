import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDelimitedText } from './delimitedText';

/** A table of numbers and the way it is written to text. */
interface Case {
  readonly x: number[];
  /** y columns; none means a single-column table (the first y column holds its values). */
  readonly y: number[][];
  readonly withX: boolean;
  readonly delimiter: string;
  readonly decimal: '.' | ',';
  readonly quote: boolean;
  readonly header: boolean;
  readonly comments: boolean;
  readonly eol: string;
  readonly order: 'ascending' | 'descending' | 'as generated';
  readonly finalEol: boolean;
  readonly bom: boolean;
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const yValue = fc.oneof({ weight: 9, arbitrary: finite }, { weight: 1, arbitrary: fc.constant(Number.NaN) });

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    x: fc.uniqueArray(finite, { minLength: 2, maxLength: 40, comparator: 'SameValueZero' }),
    columns: fc.integer({ min: 1, max: 4 }),
    withX: fc.boolean(),
    delimiter: fc.constantFrom(',', '\t', ';', ' ', '  \t '),
    decimal: fc.constantFrom('.' as const, ',' as const),
    quote: fc.boolean(),
    header: fc.boolean(),
    comments: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    order: fc.constantFrom('ascending' as const, 'descending' as const, 'as generated' as const),
    finalEol: fc.boolean(),
    bom: fc.boolean(),
  })
  .chain((c) =>
    fc
      .array(fc.array(c.withX ? yValue : finite, { minLength: c.x.length, maxLength: c.x.length }), {
        minLength: c.withX ? c.columns : 1,
        maxLength: c.withX ? c.columns : 1,
      })
      .map((y) => ({
        ...c,
        y,
        // A decimal comma inside comma-separated (or single-column) rows needs quotes to be unambiguous.
        quote: c.quote || (c.decimal === ',' && (c.delimiter === ',' || !c.withX)),
      })),
  );

function formatNumber(value: number, c: Case): string {
  const text = Number.isNaN(value) ? 'NaN' : String(value);
  const local = c.decimal === ',' ? text.replace('.', ',') : text;
  return c.quote ? `"${local}"` : local;
}

function writeTable(c: Case): Uint8Array {
  const rows = c.x.map((x, r) => ({ x, ys: c.y.map((column) => column[r] as number) }));
  if (c.withX && c.order === 'ascending') rows.sort((a, b) => a.x - b.x);
  if (c.withX && c.order === 'descending') rows.sort((a, b) => b.x - a.x);
  const lines: string[] = [];
  if (c.comments) lines.push('# exported by: property test', '% note = generated');
  const names = c.y.map((_, k) => `y${k + 1}`);
  if (c.header) lines.push((c.withX ? ['x', ...names] : names).join(c.delimiter));
  for (const row of rows) {
    const cells = (c.withX ? [row.x, ...row.ys] : row.ys).map((value) => formatNumber(value, c));
    lines.push(cells.join(c.delimiter));
  }
  const text = `${c.bom ? '\uFEFF' : ''}${lines.join(c.eol)}${c.finalEol ? c.eol : ''}`;
  return new TextEncoder().encode(text);
}

function close(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  return actual === expected || Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected));
}

describe('parseDelimitedText round trip (property)', () => {
  it('reads back what was written, with x ascending, whatever the dialect', () => {
    fc.assert(
      fc.property(caseArbitrary, (c) => {
        const spectra = parseDelimitedText(writeTable(c), 'table.csv');
        expect(spectra).toHaveLength(c.y.length);
        // Expected rows: sorted by x when there is an x column, as written otherwise.
        const order = c.x.map((_, r) => r);
        if (c.withX) order.sort((a, b) => (c.x[a] as number) - (c.x[b] as number));
        spectra.forEach((spectrum, k) => {
          const x = spectrum.x.values;
          const y = spectrum.y.values;
          expect(x.length).toBe(c.x.length);
          expect(y.length).toBe(c.x.length);
          for (let i = 1; i < x.length; i++) expect(x[i] as number).toBeGreaterThan(x[i - 1] as number);
          order.forEach((row, i) => {
            const expectedX = c.withX ? (c.x[row] as number) : i;
            const expectedY = c.y[k]?.[c.withX ? row : i] as number;
            if (!close(x[i] as number, expectedX)) throw new Error(`x[${i}] = ${x[i]}, expected ${expectedX}`);
            if (!close(y[i] as number, expectedY)) throw new Error(`y[${i}] = ${y[i]}, expected ${expectedY}`);
          });
          if (c.header) expect(spectrum.name).toBe(`table.csv (y${k + 1})`);
        });
        if (hasFraction(c)) expect(spectra[0]?.meta.decimalSeparator).toBe(c.decimal);
        if (c.withX && c.order === 'descending') expect(spectra[0]?.meta.xDescending).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

/** Some written number has a decimal separator (else the file cannot tell which one is meant). */
function hasFraction(c: Case): boolean {
  return [...(c.withX ? [c.x] : []), ...c.y].some((column) => column.some((value) => String(value).includes('.')));
}
