import { type Intensity, type Spectrum, type SpectrumMeta, WorkbenchError } from '../../../core';

/**
 * Shared plumbing of the emission processing functions: which spectra they accept, how a result
 * spectrum is built, and how numbers are written into meta.
 */

/**
 * Refuses spectra the optical processing does not apply to: another domain's (gamma, MRS), complex
 * ones, and intensities holding NaN or ±Infinity (from a dark/reference correction where the
 * reference had no light: `undefinedPoints` in its meta), naming the first such point.
 * `generic` spectra are accepted: the delimited-text reader gives that domain to a cm⁻¹ axis,
 * which may be Raman or IR.
 * @throws WorkbenchError INVALID_OPTION (other domain, complex data) or INVALID_DATA (non-finite).
 */
export function requireOptical(spectrum: Spectrum, operation: string): void {
  if (spectrum.domain !== 'emission' && spectrum.domain !== 'generic') {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `${operation} applies to optical spectra (emission, Raman, UV-Vis, IR); this one is a ${spectrum.domain} spectrum`,
      { file: spectrum.file },
    );
  }
  if (spectrum.y.imaginary !== undefined) {
    throw new WorkbenchError('INVALID_OPTION', `${operation} needs real intensities; this spectrum is complex`, {
      file: spectrum.file,
    });
  }
  const y = spectrum.y.values;
  let bad = 0;
  let first = -1;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i] as number)) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (bad > 0) {
    throw new WorkbenchError(
      'INVALID_DATA',
      `${operation}: ${bad} intensities are not finite, the first at x = ${spectrum.x.values[first]} ` +
        `(point ${first}); after a transmittance or absorbance, these are points where the reference had no light`,
      { file: spectrum.file },
    );
  }
}

/**
 * A copy of `spectrum` with new intensities, `suffix` appended to id and name, `meta` merged in, and
 * optionally a new intensity unit and label (σ is dropped: it belonged to the old values).
 */
export function derivedSpectrum(
  spectrum: Spectrum,
  values: Float64Array,
  suffix: string,
  meta: SpectrumMeta,
  intensity: Partial<Pick<Intensity, 'unit' | 'label'>> = {},
): Spectrum {
  const label = intensity.label ?? spectrum.y.label;
  const y: Intensity =
    label === undefined
      ? { unit: intensity.unit ?? spectrum.y.unit, values }
      : { unit: intensity.unit ?? spectrum.y.unit, values, label };
  return {
    ...spectrum,
    id: `${spectrum.id}/${suffix}`,
    name: `${spectrum.name} (${suffix})`,
    y,
    meta: { ...spectrum.meta, ...meta },
  };
}

/** A number rounded to `digits` significant digits, so meta stays readable. */
export const round = (value: number, digits = 5): number => Number(value.toPrecision(digits));

/** The unit of an axis as written after numbers in messages and meta (`nm`, `cm-1`, or nothing). */
export const unitSuffix = (spectrum: Spectrum): string =>
  spectrum.x.unit === 'unknown' || spectrum.x.unit === 'index' ? '' : ` ${spectrum.x.unit}`;

/**
 * Index ranges where `mask` is set, written with the axis values (`401.2–401.5 nm, 650.1 nm`), at
 * most `limit` ranges and then `…`; empty string when nothing is set.
 */
export function maskedRanges(spectrum: Spectrum, mask: Uint8Array, limit = 10): string {
  const x = spectrum.x.values;
  const parts: string[] = [];
  let i = 0;
  while (i < mask.length) {
    if (mask[i] === 0) {
      i++;
      continue;
    }
    const from = i;
    while (i + 1 < mask.length && mask[i + 1] !== 0) i++;
    if (parts.length === limit) {
      parts.push('…');
      break;
    }
    const a = round(x[from] as number, 6);
    const b = round(x[i] as number, 6);
    parts.push(`${from === i ? a : `${a}–${b}`}${unitSuffix(spectrum)}`);
    i++;
  }
  return parts.join(', ');
}
