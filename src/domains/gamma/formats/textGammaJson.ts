/**
 * Bit-exact number text for the gamma CSV writer and reader. `String(number)` is the shortest text
 * that reads back to the same double (ECMAScript Number::toString), so `Number(String(x)) === x`
 * for every finite x; the two gaps are filled here: −0 is written `-0` (`String(-0)` is `0`), and
 * inside JSON the non-finite values, which JSON cannot hold, are written as the strings `"NaN"`,
 * `"Infinity"`, `"-Infinity"`.
 */

/** Shortest round-trip text of a number, keeping the sign of zero (`-0`). */
export function exactNumber(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** A number as a JSON value: a JSON number, or a string for NaN and ±Infinity. */
export function exactJsonNumber(value: number): string {
  return Number.isFinite(value) ? exactNumber(value) : JSON.stringify(String(value));
}

/** Reads back what {@link exactJsonNumber} wrote (`JSON.parse` keeps −0); `undefined` for anything else. */
export function numberFromJson(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return undefined;
}

/** JSON of a flat record of scalars, numbers written exactly; non-finite numbers are left out. */
export function exactJsonRecord(record: Readonly<Record<string, string | number | boolean>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    parts.push(`${JSON.stringify(key)}:${typeof value === 'number' ? exactNumber(value) : JSON.stringify(value)}`);
  }
  return `{${parts.join(',')}}`;
}
