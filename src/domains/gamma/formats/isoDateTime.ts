/**
 * Builds ISO 8601 local date-times (no zone) from the pieces that binary gamma formats store as
 * text (`17-SEP-121`, `26-Dec-2013 21:15:00.00`, `20131226T211500` …). Readers use it so that an
 * impossible date in a file (month 13, 31 February, a blank field) gives no start time rather
 * than a wrong one.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** Month number 1–12 of an English three-letter month name (any case), or `undefined`. */
export function monthNumber(name: string): number | undefined {
  const index = (MONTHS as readonly string[]).indexOf(name.trim().slice(0, 3).toLowerCase());
  return index < 0 || name.trim().length < 3 ? undefined : index + 1;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * `YYYY-MM-DDTHH:MM:SS[.fff]` (no zone), or `undefined` when a part is not a valid calendar value.
 * @param second seconds, possibly fractional (kept to at most 3 decimals, trailing zeros dropped)
 */
export function isoDateTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): string | undefined {
  const integers = [year, month, day, hour, minute];
  if (!integers.every(Number.isInteger) || !Number.isFinite(second)) return undefined;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 ? (leap ? 29 : 28) : daysInMonth)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second >= 60) return undefined;
  const whole = Math.floor(second);
  const millis = Math.round((second - whole) * 1000);
  const fraction = millis === 0 ? '' : `.${pad(Math.min(millis, 999), 3).replace(/0+$/, '')}`;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(whole, 2)}${fraction}`;
}

/** `isoDateTime` of a time in milliseconds since 1970-01-01 (UTC fields, since the files give no zone). */
export function isoFromEpochMillis(ms: number): string | undefined {
  if (!Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return undefined;
  const seconds = date.getUTCSeconds() + date.getUTCMilliseconds() / 1000;
  return isoDateTime(
    date.getUTCFullYear(),
    date.getUTCMonth() + 1,
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    seconds,
  );
}
