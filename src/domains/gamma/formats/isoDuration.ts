/**
 * ISO 8601 / `xsd:duration` values as N42 writes times (`PT639.920S`, `PT1H2M3.5S`,
 * `P1DT2H`; grs-notes §3.5–3.6). SpecUtils also accepts a bare number of seconds, and so do we.
 */

const NUMBER = String.raw`(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)`;
const DURATION = new RegExp(`^([+-])?P(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`);
const BARE_SECONDS = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Seconds in an ISO 8601 duration (days, hours, minutes, seconds; a leading sign allowed), or in a
 * bare number of seconds. Years, months and weeks have no fixed length and are refused.
 * @returns seconds, or `undefined` when `text` is not such a duration
 */
export function parseIsoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (BARE_SECONDS.test(trimmed)) return Number(trimmed);
  const match = DURATION.exec(trimmed);
  if (match === null || trimmed === 'P' || trimmed.endsWith('T')) return undefined;
  const [, sign, days, hours, minutes, seconds] = match;
  if (days === undefined && hours === undefined && minutes === undefined && seconds === undefined) return undefined;
  // Only seconds: keep the number exactly as written (no arithmetic, so it round-trips).
  let total =
    days === undefined && hours === undefined && minutes === undefined
      ? Number(seconds)
      : Number(days ?? 0) * 86400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
  if (sign === '-') total = -total;
  return total;
}

/**
 * `PT<seconds>S` with the shortest decimal that reads back to exactly `seconds`. (For values below
 * 1e-6 s or above 1e21 s JavaScript writes exponent notation, which {@link parseIsoDuration} reads.)
 */
export function formatIsoDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) throw new RangeError(`a duration must be finite, got ${seconds}`);
  if (seconds < 0 || Object.is(seconds, -0)) return `-PT${String(-seconds)}S`;
  return `PT${String(seconds)}S`;
}
