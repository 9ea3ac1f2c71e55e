/**
 * Builds an object with optional properties from values that may be `undefined`, dropping the
 * `undefined` ones (the project compiles with `exactOptionalPropertyTypes`, so an optional
 * property may be absent but not `undefined`). Readers use it to fill a `GammaRecord`.
 */
export function compactRecord<T extends object>(values: { [K in keyof T]?: T[K] | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out as T;
}

/** Scalar metadata without the `undefined`, empty-string and non-finite entries. */
export function compactMeta(
  values: Readonly<Record<string, string | number | boolean | undefined>>,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) continue;
    out[key] = value;
  }
  return out;
}
