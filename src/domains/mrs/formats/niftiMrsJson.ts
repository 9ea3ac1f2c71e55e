import { type SpectrumMeta, WorkbenchError } from '../../../core';
import { DEFAULT_DIM_TAGS, indexNameOfTag } from './niftiMrsDims';

/** Longest JSON text kept as meta for an array or object value of the header extension (characters). */
const MAX_JSON_META = 256;
/** Longest `dim_N_header` kept whole as meta (its per-index values are kept for every spectrum anyway). */
const MAX_DIM_HEADER_META = 8192;

/** Keys mapped to `MrsRecord` fields (or per-dim meta) rather than copied as `nifti.<key>`. */
const MAPPED = new Set(['SpectrometerFrequency', 'ResonantNucleus', 'EchoTime', 'RepetitionTime']);

/** One of dims 5–7 as the header extension describes it. */
export interface NiftiMrsDim {
  /** NIfTI dimension number, 5, 6 or 7. */
  readonly dim: 5 | 6 | 7;
  /** `DIM_COIL`, `DIM_DYN`, … (the spec default when the file names none). */
  readonly tag: string;
  /** Index name in `MrsRecord.indices` (`coil`, `dynamic`, `edit` …), unique within the file. */
  readonly name: string;
  /** `dim_N_header`: per-index parameters, `{ key: [values] }` or `{ key: { start, increment } }`. */
  readonly header?: Readonly<Record<string, unknown>>;
}

/** What the NIfTI-MRS JSON header extension says, in the units of `MrsRecord`. */
export interface NiftiMrsFacts {
  readonly spectrometerFrequencyMHz: number;
  readonly nucleus: string;
  readonly echoTimeS?: number;
  readonly repetitionTimeS?: number;
  readonly role?: 'metabolite' | 'water';
  readonly instrument?: string;
  readonly dims: readonly NiftiMrsDim[];
  /** `nifti.<key>` for the other keys, plus `hasPatientFields` / `hasPrivateFields`. */
  readonly meta: SpectrumMeta;
}

/** First element of a one-or-more value (`[297.2]` → 297.2), else the value itself. */
function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** A JSON value as scalar meta: scalars as they are, one-element arrays unwrapped, short JSON text otherwise. */
export function metaValue(value: unknown, maxJson = MAX_JSON_META): string | number | boolean | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] !== 'object') return metaValue(value[0], maxJson);
  if (value === null || value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text.length <= maxJson ? text : undefined;
}

/**
 * Reads the NIfTI-MRS header extension [V: mrs_nifti_standard specification.MD v0.9, definitions.json;
 * mrs-notes §3.1]: required `SpectrometerFrequency` (MHz, an array: its first value) and
 * `ResonantNucleus` (array: first); `EchoTime`, `RepetitionTime` (s); `WaterSuppressed` (true →
 * role metabolite, false → water); `Manufacturer` + `ManufacturersModelName` → instrument;
 * `dim_5` … `dim_7` tags (defaults DIM_COIL, DIM_DYN, DIM_INDIRECT_0), `dim_N_info`,
 * `dim_N_header`. Every other key becomes `nifti.<key>` ({@link metaValue}), except that keys
 * starting with `Patient` (name, birth date, weight …) and `private_` are never copied: the meta
 * only says `hasPatientFields` / `hasPrivateFields`, so that exports do not carry them on.
 *
 * @param dimCount dim[0] of the file (dims 5 … dimCount get tags).
 * @throws WorkbenchError INVALID_DATA for a missing or unusable required key or a non-string tag.
 */
export function readNiftiMrsJson(
  json: Readonly<Record<string, unknown>>,
  dimCount: number,
  fileName: string,
): NiftiMrsFacts {
  const invalid = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', message, { file: fileName });
  };
  const sf = first(json.SpectrometerFrequency);
  if (sf === undefined) invalid('the NIfTI-MRS header extension lacks the required SpectrometerFrequency');
  if (!(typeof sf === 'number' && Number.isFinite(sf) && sf > 0)) {
    invalid(`SpectrometerFrequency is ${JSON.stringify(sf)}; it must be a positive number of MHz`);
  }
  const nucleus = first(json.ResonantNucleus);
  if (!(typeof nucleus === 'string' && nucleus.trim() !== '')) {
    invalid('the NIfTI-MRS header extension lacks the required ResonantNucleus (e.g. "1H")');
  }
  const seconds = (key: string): number | undefined => {
    const value = first(json[key]);
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };

  const dims: NiftiMrsDim[] = [];
  const names = new Set<string>();
  for (const dim of [5, 6, 7] as const) {
    if (dim > dimCount) break;
    const given = json[`dim_${dim}`];
    if (given !== undefined && typeof given !== 'string') invalid(`dim_${dim} must be a tag such as "DIM_COIL"`);
    const tag = typeof given === 'string' && given.trim() !== '' ? given.trim() : DEFAULT_DIM_TAGS[dim];
    let name = indexNameOfTag(tag);
    if (names.has(name)) name = `${name}_dim${dim}`;
    names.add(name);
    const header = json[`dim_${dim}_header`];
    const isObject = typeof header === 'object' && header !== null && !Array.isArray(header);
    dims.push(isObject ? { dim, tag, name, header: header as Record<string, unknown> } : { dim, tag, name });
  }

  const meta: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(json)) {
    if (MAPPED.has(key) || /^dim_[567]$/.test(key)) continue;
    if (key.startsWith('Patient')) meta.hasPatientFields = true;
    else if (key.startsWith('private_')) meta.hasPrivateFields = true;
    else {
      const kept = metaValue(value, /^dim_[567]_header$/.test(key) ? MAX_DIM_HEADER_META : MAX_JSON_META);
      if (kept !== undefined) meta[`nifti.${key}`] = kept;
    }
  }
  for (const { dim, tag } of dims) meta[`nifti.dim_${dim}`] = tag;

  const suppressed = json.WaterSuppressed;
  const role = suppressed === true ? 'metabolite' : suppressed === false ? 'water' : undefined;
  const make = typeof json.Manufacturer === 'string' ? json.Manufacturer.trim() : '';
  const model = typeof json.ManufacturersModelName === 'string' ? json.ManufacturersModelName.trim() : '';
  const instrument = [make, model].filter((part) => part !== '').join(' ');
  const echoTimeS = seconds('EchoTime');
  const repetitionTimeS = seconds('RepetitionTime');
  return {
    spectrometerFrequencyMHz: sf as number,
    nucleus: (nucleus as string).trim(),
    dims,
    meta,
    ...(echoTimeS === undefined ? {} : { echoTimeS }),
    ...(repetitionTimeS === undefined ? {} : { repetitionTimeS }),
    ...(role === undefined ? {} : { role }),
    ...(instrument === '' ? {} : { instrument }),
  };
}

/**
 * Per-spectrum meta from a dim's `dim_N_header` at index `at`: `nifti.dim_N_header.<key>` = the
 * key's `at`-th value (list form) or start + at·increment (`{ start, increment }` form).
 */
export function dimHeaderMeta(dim: NiftiMrsDim, at: number, meta: Record<string, string | number | boolean>): void {
  for (const [key, spec] of Object.entries(dim.header ?? {})) {
    let value: unknown;
    if (Array.isArray(spec)) value = spec[at];
    else if (typeof spec === 'object' && spec !== null) {
      const { start, increment } = spec as { start?: unknown; increment?: unknown };
      if (typeof start === 'number' && typeof increment === 'number') value = start + at * increment;
    }
    const kept = metaValue(value);
    if (kept !== undefined) meta[`nifti.dim_${dim.dim}_header.${key}`] = kept;
  }
}
