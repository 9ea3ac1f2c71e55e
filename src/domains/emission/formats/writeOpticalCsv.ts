import { type Spectrum, WorkbenchError } from '../../../core';

/**
 * Writes spectra that share one x axis as a CSV table in the long layout (spectra in columns), the
 * layout `parseOpticalCsv` reads back:
 *
 * ```
 * wavelength (nm),LIBS shot 1,LIBS shot 2
 * 240.00205,872.0725,934.18
 * ```
 *
 * - The x header names the unit (`wavelength (nm)`, `wavenumber (cm-1)`, `Raman shift (cm-1)` when
 *   the axis label says Raman, else `x (<unit>)`); each y column is headed by the spectrum's name
 *   (quoted when it holds a comma, a quote or surrounding spaces; line breaks become spaces).
 * - Every number is written with its shortest round-trip text (ECMAScript `Number.prototype.toString`,
 *   `-0` for negative zero), a missing y (NaN) as `NaN`, so the reader gives back every x and y bit for
 *   bit (`Object.is`). Infinite values cannot be written.
 * - Spectra with different x values cannot share a column of x: that is refused (INVALID_DATA),
 *   rather than resampled or padded; write them one file each.
 *
 * @returns the file text (LF line ends), `''` for no spectra.
 * @throws WorkbenchError INVALID_DATA (with the offending spectrum's file) for different x axes or
 *   units, fewer than 2 points, or an infinite value.
 */
export function writeOpticalCsv(spectra: readonly Spectrum[]): string {
  const first = spectra[0];
  if (first === undefined) return '';
  const x = first.x.values;
  const fail = (spectrum: Spectrum, message: string): never => {
    throw new WorkbenchError('INVALID_DATA', `cannot write CSV: ${message}`, { file: spectrum.file });
  };
  if (x.length < 2) fail(first, `"${first.name}" has ${x.length} point(s); a spectrum table needs at least 2`);
  for (const spectrum of spectra) {
    const other = spectrum.x.values;
    const same =
      other.length === x.length && spectrum.x.unit === first.x.unit && other.every((v, i) => Object.is(v, x[i]));
    if (!same)
      fail(
        spectrum,
        `"${spectrum.name}" has other x values or another x unit than "${first.name}"; write it to a file of its own`,
      );
    if (spectrum.y.values.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)) {
      fail(spectrum, `"${spectrum.name}" holds an infinite value`);
    }
  }
  if (x.some((v) => !Number.isFinite(v))) fail(first, 'an x value is not finite');
  const header = [xHeader(first), ...spectra.map((s) => csvText(s.name))].join(',');
  const lines = [header];
  for (let i = 0; i < x.length; i++) {
    let line = exact(x[i] as number);
    for (const spectrum of spectra) line += `,${exact(spectrum.y.values[i] as number)}`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

function xHeader(spectrum: Spectrum): string {
  const { unit, label } = spectrum.x;
  if (unit === 'nm') return 'wavelength (nm)';
  if (unit === 'cm-1') return /raman/i.test(label ?? '') ? 'Raman shift (cm-1)' : 'wavenumber (cm-1)';
  return unit === 'unknown' ? 'x' : `x (${unit})`;
}

/** Shortest round-trip text of a number, `-0` kept, NaN as `NaN`. */
export function exact(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

/** A CSV cell: line breaks as spaces; quoted (quotes doubled) when it needs to be. */
function csvText(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  return /[",;\t]|^\s|\s$|^$/.test(flat) ? `"${flat.replaceAll('"', '""')}"` : flat;
}
