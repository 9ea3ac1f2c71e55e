/**
 * Whitespace-separated lists of numbers as XML schema `xsd:double` lists write them (N42
 * `ChannelData`, `CoefficientValues`, …): decimal or exponent notation, plus `NaN`, `INF`, `-INF`.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** One `xsd:double` token as a number, or `undefined` when the token is not a number. */
export function parseDouble(token: string): number | undefined {
  if (DECIMAL.test(token)) return Number(token);
  switch (token) {
    case 'NaN':
      return Number.NaN;
    case 'INF':
    case '+INF':
      return Number.POSITIVE_INFINITY;
    case '-INF':
      return Number.NEGATIVE_INFINITY;
    default:
      return undefined;
  }
}

/**
 * Splits `text` on whitespace (and commas, which some writers put between values) and parses
 * every token with {@link parseDouble}.
 * @returns the numbers, or the first token that is not a number (`{ bad }`).
 */
export function parseNumberList(text: string): number[] | { readonly bad: string } {
  const out: number[] = [];
  for (const token of text.split(/[\s,]+/)) {
    if (token === '') continue;
    const value = parseDouble(token);
    if (value === undefined) return { bad: token };
    out.push(value);
  }
  return out;
}

/**
 * Shortest text that reads back to exactly `value` (`Object.is`): JavaScript's shortest
 * round-trip formatting, with `-0` kept and non-finite values in `xsd:double` spelling.
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'INF';
  if (value === Number.NEGATIVE_INFINITY) return '-INF';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

/** {@link formatDouble} of each value, joined by single spaces. */
export function formatNumberList(values: ArrayLike<number>): string {
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = formatDouble(values[i] as number);
  return parts.join(' ');
}
