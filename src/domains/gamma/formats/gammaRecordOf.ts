import type { SpectrumMeta } from '../../../core';
import type { GammaRecord } from '../gammaSpectrum';

/** The optional fields of a {@link GammaRecord}, each allowed to be `undefined` (meta values too). */
export type GammaRecordFields = {
  readonly [K in Exclude<keyof GammaRecord, 'counts' | 'meta'>]?: GammaRecord[K] | undefined;
} & { readonly meta?: Readonly<Record<string, string | number | boolean | undefined>> };

function keep(value: unknown): boolean {
  if (value === undefined || value === '') return false;
  return typeof value !== 'number' || Number.isFinite(value);
}

/**
 * A {@link GammaRecord} from counts and fields that may be missing: `undefined`, empty strings and
 * non-finite numbers are left out (top level and `meta`), so readers can pass what they decoded
 * without a test per field (the project compiles with `exactOptionalPropertyTypes`).
 */
export function gammaRecordOf(counts: Float64Array, fields: GammaRecordFields): GammaRecord {
  const record: Record<string, unknown> = { counts };
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'meta' && keep(value)) record[key] = value;
  }
  const meta: SpectrumMeta = {};
  for (const [key, value] of Object.entries(fields.meta ?? {})) {
    if (keep(value)) meta[key] = value as string | number | boolean;
  }
  if (Object.keys(meta).length > 0) record.meta = meta;
  return record as unknown as GammaRecord;
}
