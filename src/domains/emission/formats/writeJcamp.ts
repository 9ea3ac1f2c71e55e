import { type Spectrum, WorkbenchError } from '../../../core';
import { exact } from './writeOpticalCsv';

/**
 * Writes spectra as JCAMP-DX 5.01 text (Lampen et al., Pure Appl. Chem. 71 (1999) 1549): one block
 * with `##XYPOINTS=(XY..XY)` per spectrum; several spectra go into one `##DATA TYPE=LINK` file with a
 * block each (`##BLOCK_ID=`).
 *
 * Why not convert-to-jcamp 7.0.1: without compression it writes `##JCAMP-DX=4.24` and the curve as a
 * `##PEAK TABLE=` (a table of sticks, not a continuous spectrum), with FIRSTY/LASTY set to the minimum
 * and maximum y; with compression (`xyEncoding`) it rounds y to integers times a factor, so the
 * values do not come back exactly. Here every x and y is written with its shortest round-trip text
 * (`-0` kept), XFACTOR = YFACTOR = 1 and a missing y as `?`, so `parseJcamp` gives back every value bit
 * for bit. (Explicit pairs rather than `(X++(Y..Y))`: an equidistant x would come back from FIRSTX,
 * LASTX and NPOINTS, not bit for bit.)
 *
 * Header: TITLE (the spectrum's name, or `meta.title`), DATA TYPE (`meta.dataType`, else
 * `UV/VIS SPECTRUM` for nm, `RAMAN SPECTRUM` / `INFRARED SPECTRUM` for cm⁻¹), ORIGIN and OWNER
 * (`meta.origin`/`meta.owner`, else the workbench and `public domain`), SPECTROMETER/DATA SYSTEM
 * (`meta.instrument`), XUNITS (`NANOMETERS`, `1/CM`, `PPM`, `HZ`, `SECONDS` …), YUNITS (`COUNTS`,
 * `ARBITRARY UNITS`, else the y label). Text values lose line breaks and `$$` (a comment marker).
 *
 * @throws WorkbenchError INVALID_DATA (with the spectrum's file) for an infinite value or an empty spectrum.
 */
export function writeJcamp(spectra: readonly Spectrum[], title = 'Spectralligence Workbench export'): string {
  if (spectra.length === 0) return '';
  if (spectra.length === 1) return `${block(spectra[0] as Spectrum, [])}\n`;
  const head = [`##TITLE=${clean(title)}`, '##JCAMP-DX=5.01', '##DATA TYPE=LINK', `##BLOCKS=${spectra.length}`];
  const blocks = spectra.map((s, k) => block(s, [`##BLOCK_ID=${k + 1}`]));
  return `${[...head, ...blocks, '##END=$$ end of the LINK block'].join('\n')}\n`;
}

function block(spectrum: Spectrum, extra: readonly string[]): string {
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', `cannot write JCAMP-DX: "${spectrum.name}" ${message}`, {
      file: spectrum.file,
    });
  };
  if (x.length === 0) fail('has no points');
  if (x.some((v) => !Number.isFinite(v))) fail('has an x value that is not finite');
  if (y.some((v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY)) fail('holds an infinite value');
  const meta = spectrum.meta;
  const text = (key: string): string | undefined =>
    typeof meta[key] === 'string' ? clean(meta[key] as string) : undefined;
  const lines = [
    `##TITLE=${text('title') || clean(spectrum.name)}`,
    '##JCAMP-DX=5.01',
    ...extra,
    `##DATA TYPE=${text('dataType') || dataType(spectrum)}`,
    `##ORIGIN=${text('origin') || 'Spectralligence Workbench'}`,
    `##OWNER=${text('owner') || 'public domain'}`,
  ];
  const instrument = text('instrument');
  if (instrument) lines.push(`##SPECTROMETER/DATA SYSTEM=${instrument}`);
  lines.push(
    `##XUNITS=${xUnits(spectrum)}`,
    `##YUNITS=${yUnits(spectrum)}`,
    '##XFACTOR=1',
    '##YFACTOR=1',
    `##FIRSTX=${exact(x[0] as number)}`,
    `##LASTX=${exact(x[x.length - 1] as number)}`,
    `##NPOINTS=${x.length}`,
    `##FIRSTY=${yText(y[0] as number)}`,
    '##XYPOINTS=(XY..XY)',
  );
  for (let i = 0; i < x.length; i++) lines.push(`${exact(x[i] as number)}, ${yText(y[i] as number)}`);
  lines.push('##END=');
  return lines.join('\n');
}

function yText(value: number): string {
  return Number.isNaN(value) ? '?' : exact(value);
}

function dataType(spectrum: Spectrum): string {
  if (spectrum.x.unit === 'nm') return 'UV/VIS SPECTRUM';
  if (spectrum.x.unit === 'cm-1') return /raman/i.test(spectrum.x.label ?? '') ? 'RAMAN SPECTRUM' : 'INFRARED SPECTRUM';
  return 'UNKNOWN';
}

const X_UNITS: Readonly<Record<string, string>> = {
  nm: 'NANOMETERS',
  'cm-1': '1/CM',
  ppm: 'PPM',
  Hz: 'HZ',
  s: 'SECONDS',
  ms: 'MILLISECONDS',
  keV: 'KEV',
  MeV: 'MEV',
  channel: 'CHANNEL',
  index: 'INDEX',
};

function xUnits(spectrum: Spectrum): string {
  return X_UNITS[spectrum.x.unit] ?? 'ARBITRARY UNITS';
}

function yUnits(spectrum: Spectrum): string {
  switch (spectrum.y.unit) {
    case 'counts':
      return 'COUNTS';
    case 'counts/s':
      return 'COUNTS/S';
    case 'a.u.':
      return 'ARBITRARY UNITS';
    default:
      return clean(spectrum.y.label ?? '') || 'UNKNOWN';
  }
}

/** A text value on one line, without the comment marker `$$`. */
function clean(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replaceAll('$$', '$ $')
    .trim();
}
