import type { SpectrumMeta } from '../../../core';
import { keyValue, leadingNumber, yesNo } from './vendorText';

/**
 * The `Key: value` header of an Ocean Optics text export (optical-notes §4.3), as metadata:
 * `date` (ISO 8601), `user`, `spectrometer` (serial), `integrationTimeS` (s, from `(usec)`, `(msec)`
 * or `(sec)` keys), `scansAveraged`, `boxcarWidth` (pixels), `electricDarkCorrection`,
 * `nonlinearityCorrection`, `strayLightCorrection`, `strobeLampEnabled`, `darkSpectrumPresent`,
 * `referenceSpectrumPresent`, `pixelCountStated` (never used for sizing: the spliced OceanView file
 * states 2048 pixels and holds 2389 rows), `xAxisMode`, `triggerMode`; Jaz irradiance files add
 * `fiberDiameterUm` and `collectionArea`. Spanish SpectraSuite keys are matched by their stems.
 */
export interface OceanOpticsHeader {
  readonly meta: SpectrumMeta;
  readonly darkPresent?: boolean;
  readonly referencePresent?: boolean;
  readonly xAxisMode?: string;
}

type Field = 'text' | 'number' | 'flag' | 'time' | 'date';

/** Key patterns (English SpectraSuite/Jaz/OceanView keys and Spanish SpectraSuite stems) → meta key. */
const FIELDS: readonly (readonly [RegExp, string, Field])[] = [
  [/^(date|fecha)$/i, 'date', 'date'],
  [/^(user|usuario)$/i, 'user', 'text'],
  [/^(spectrometers?|espectr.metros?)$/i, 'spectrometer', 'text'],
  [/^(integration time|tiempo de integraci)/i, 'integrationTimeS', 'time'],
  [/^(spectra averaged|scans to average|promedio de espectros)/i, 'scansAveraged', 'number'],
  [/^(boxcar smoothing|boxcar width)$|alisar/i, 'boxcarWidth', 'number'],
  [/electrica?l? dark|el.ctrica del obscuridad/i, 'electricDarkCorrection', 'flag'],
  [/non-?linearity/i, 'nonlinearityCorrection', 'flag'],
  [/stray light|externa del luz/i, 'strayLightCorrection', 'flag'],
  [/^(strobe\/lamp enabled|estrobo)/i, 'strobeLampEnabled', 'flag'],
  [/^dark spectrum present$|oscuro del espectro/i, 'darkSpectrumPresent', 'flag'],
  [/^reference spectrum present$|referencia de presente/i, 'referenceSpectrumPresent', 'flag'],
  [/^number of pixels in (processed )?spectrum$|pixeles/i, 'pixelCountStated', 'number'],
  [/^xaxis mode$/i, 'xAxisMode', 'text'],
  [/^trigger mode$/i, 'triggerMode', 'number'],
  [/^fiber \(micron\)$/i, 'fiberDiameterUm', 'number'],
  [/^collection area$/i, 'collectionArea', 'number'],
];

/** Reads the header lines (between the first line and the first `>>>>>` line). */
export function readOceanOpticsHeader(lines: readonly string[]): OceanOpticsHeader {
  const meta: Record<string, string | number | boolean> = {};
  for (const line of lines) {
    const pair = keyValue(line);
    if (pair === undefined || pair.value === '') continue;
    const field = FIELDS.find(([pattern]) => pattern.test(pair.key));
    if (field === undefined || meta[field[1]] !== undefined) continue;
    const [, key, kind] = field;
    const value = fieldValue(kind, pair.key, pair.value);
    if (value === undefined) continue;
    meta[key] = value;
    if (kind === 'date' && typeof value === 'string' && !/[Zz]$|[+-]\d\d:\d\d$/.test(value)) {
      const zone = /\s([A-Z]{2,5})\s+\d{4}$/.exec(pair.value)?.[1];
      if (zone !== undefined) meta.timeZone = zone;
    }
  }
  const flag = (key: string): boolean | undefined =>
    typeof meta[key] === 'boolean' ? (meta[key] as boolean) : undefined;
  const mode = meta.xAxisMode;
  return {
    meta,
    ...optional('darkPresent', flag('darkSpectrumPresent')),
    ...optional('referencePresent', flag('referenceSpectrumPresent')),
    ...optional('xAxisMode', typeof mode === 'string' ? mode : undefined),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function fieldValue(kind: Field, key: string, value: string): string | number | boolean | undefined {
  switch (kind) {
    case 'text':
      return value.replace(/\s+/g, ' ').slice(0, 200);
    case 'number':
      return leadingNumber(value);
    case 'flag':
      return yesNo(value);
    case 'date':
      return javaDateToIso(value) ?? value.slice(0, 100);
    case 'time': {
      const number = leadingNumber(value);
      const perSecond = unitsPerSecond(key);
      return number === undefined || perSecond === undefined ? undefined : number / perSecond;
    }
  }
}

/** Units per second of an integration-time key: `(usec)` 1e6, `(msec)` 1e3, `(sec)` 1. */
function unitsPerSecond(key: string): number | undefined {
  const unit = /\(([^)]*)\)/.exec(key)?.[1]?.trim().toLowerCase();
  if (unit === undefined) return undefined;
  if (unit === 'usec' || unit === 'us' || unit === 'µs' || unit === 'microsec') return 1e6;
  if (unit === 'msec' || unit === 'ms') return 1e3;
  if (unit === 'sec' || unit === 's') return 1;
  return undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * UTC offsets (hours) of the zone abbreviations Java's `Date.toString` writes that are unambiguous.
 * `CST` (US Central or China) and `IST` (India, Ireland, Israel) are left out on purpose.
 */
const ZONES: Readonly<Record<string, number>> = {
  GMT: 0,
  UTC: 0,
  WET: 0,
  WEST: 1,
  BST: 1,
  CET: 1,
  CEST: 2,
  EET: 2,
  EEST: 3,
  EST: -5,
  EDT: -4,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
  JST: 9,
  AEST: 10,
  AEDT: 11,
};

/**
 * A Java `Date.toString()` stamp (`Mon Jan 14 17:36:35 GMT 2008`; Jaz omits the zone:
 * `Mon Aug 29 16:23:13 2011`) as ISO 8601: with its UTC offset when the zone is in the table above
 * (`Z` for GMT/UTC), else local time without offset. `undefined` when it is not such a stamp.
 */
export function javaDateToIso(text: string): string | undefined {
  const match = /^\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s+([A-Za-z]{2,5}))?\s+(\d{4})$/.exec(
    text.trim(),
  );
  if (match === null) return undefined;
  const [, monthName, day, hour, minute, second, zone, year] = match as unknown as string[];
  const month = MONTHS.indexOf(monthName as string) + 1;
  const d = Number(day);
  if (month === 0 || d < 1 || d > 31 || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 60) {
    return undefined;
  }
  const two = (value: number | string): string => String(value).padStart(2, '0');
  const local = `${year}-${two(month)}-${two(d)}T${two(hour as string)}:${minute}:${second}`;
  const offset = zone === undefined ? undefined : ZONES[zone];
  if (offset === undefined) return local;
  if (offset === 0) return `${local}Z`;
  return `${local}${offset < 0 ? '-' : '+'}${two(Math.abs(offset))}:00`;
}
