/** Exact powers of ten: every 10^k with k ≤ 22 is representable in a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Significant digits that fit exactly in a double's 53-bit mantissa (10^15 < 2^53). */
const MAX_FAST_DIGITS = 15;

/**
 * Result flag of {@link scanNumber}: `false` when the last scanned field was not a number.
 * A flag instead of a union return keeps the hot loop monomorphic (numbers only).
 */
export const scanStatus = { ok: true };

/**
 * Parses the decimal number in `text[start, end)` (no surrounding spaces, no quotes), with
 * `decimalCode` ('.' = 46 or ',' = 44) as decimal separator. Accepts an optional sign, digits with
 * an optional fraction, an optional exponent (`e`/`E`), and `NaN`, `NA`, `N/A` (any case) as NaN.
 *
 * Fast path (Clinger 1990, doi:10.1145/93542.93557): with at most 15 significant digits and a
 * decimal exponent within ±22, mantissa × 10^e is one correctly rounded operation, i.e. the same
 * double as `Number()`. Longer numbers go through `Number()` itself.
 */
export function scanNumber(text: string, start: number, end: number, decimalCode: number): number {
  scanStatus.ok = true;
  let i = start;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let exponent = 0;
  let sawDigit = false;
  let slow = false;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    sawDigit = true;
    if (mantissa === 0 && d === 0) continue;
    if (digits < MAX_FAST_DIGITS) {
      mantissa = mantissa * 10 + d;
      digits++;
    } else {
      slow = true;
    }
  }
  if (i < end && text.charCodeAt(i) === decimalCode) {
    for (i++; i < end; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      sawDigit = true;
      if (mantissa === 0 && d === 0) {
        exponent--;
      } else if (digits < MAX_FAST_DIGITS) {
        mantissa = mantissa * 10 + d;
        digits++;
        exponent--;
      } else {
        slow = true;
      }
    }
  }
  if (!sawDigit) return notANumber(text, start, end);
  if (i < end) {
    c = text.charCodeAt(i);
    if (c !== 101 && c !== 69) return invalid();
    i++;
    c = text.charCodeAt(i);
    let negativeExponent = false;
    if (c === 45 || c === 43) {
      negativeExponent = c === 45;
      i++;
    }
    if (i >= end) return invalid();
    let value = 0;
    for (; i < end; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return invalid();
      if (value < 100000) value = value * 10 + d;
    }
    exponent += negativeExponent ? -value : value;
  }
  if (slow || exponent > 22 || exponent < -22) return slowNumber(text, start, end, decimalCode);
  const magnitude = exponent >= 0 ? mantissa * (POW10[exponent] as number) : mantissa / (POW10[-exponent] as number);
  return negative ? -magnitude : magnitude;
}

function invalid(): number {
  scanStatus.ok = false;
  return Number.NaN;
}

/** The field has no digits: NaN, NA or N/A (any case) are missing values; anything else is invalid. */
function notANumber(text: string, start: number, end: number): number {
  const length = end - start;
  if (length === 2 || length === 3) {
    const token = text.slice(start, end).toLowerCase();
    if (token === 'nan' || token === 'na' || token === 'n/a') return Number.NaN;
  }
  return invalid();
}

function slowNumber(text: string, start: number, end: number, decimalCode: number): number {
  const token = text.slice(start, end);
  // The syntax was validated by the caller, so Number() only has to do the rounding.
  return Number(decimalCode === 44 ? token.replace(',', '.') : token);
}
