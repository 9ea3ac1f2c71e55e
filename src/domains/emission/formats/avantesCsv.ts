import type { Spectrum } from '../../../core';
import { AVASOFT_TEXT_ID } from './avantesSignature';
import { type VendorTrace, vendorSpectra } from './vendorSpectra';
import { readVendorTable } from './vendorTable';
import { leadingNumber, vendorFail } from './vendorText';

/**
 * Reads the lines of an AvaSoft CSV export (optical-notes §4.4; photobiologyInOut
 * `avantes-avaspec-e-irrad.csv`): `Key-->,value` lines (`Filename-->`, `Mode/Unit-->,Irradiance[µWatt/cm²]`,
 * `Int.time[ms]-->`, `NrOfAverages-->`, `Smoothing-->`), then `Wavelength[nm],<serial> <comment>`
 * and comma-separated rows (decimal point). Every column after the wavelength is one spectrum of
 * the stated mode: `yQuantity` is the mode in lower case, `yUnit` the bracketed unit as written
 * (AvaSoft writes µ and ² in a code page the file does not name; they may arrive as `?`).
 *
 * @throws WorkbenchError NOT_A_SPECTRUM (no `Wavelength` header, no rows), INVALID_DATA,
 *   TRUNCATED (a cut-off last row).
 */
export function parseAvantesCsv(lines: readonly string[], fileName: string): Spectrum[] {
  const meta: Record<string, string | number | boolean> = { dialect: 'AvaSoft CSV' };
  let quantity = 'unknown';
  let unit = '';
  let header = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const arrow = line.indexOf('-->');
    if (arrow < 0) {
      if (/^\s*Wavelength/i.test(line)) {
        header = i;
        break;
      }
      continue;
    }
    const key = line.slice(0, arrow).trim();
    const value = line
      .slice(arrow + 3)
      .replace(/^\s*,/, '')
      .trim();
    const number = leadingNumber(value);
    if (key === 'Filename') meta.sourceFile = value.slice(0, 200);
    else if (key === 'Mode/Unit') {
      const mode = /^([^[]*)(?:\[(.*)\])?/.exec(value);
      quantity = (mode?.[1] ?? '').trim().toLowerCase() || 'unknown';
      unit = (mode?.[2] ?? '').trim();
    } else if (/^Int\.?time/i.test(key) && number !== undefined) meta.integrationTimeS = number / 1000;
    else if (/^NrOfAverages/i.test(key) && number !== undefined) meta.scansAveraged = number;
    else if (/^Smoothing/i.test(key) && number !== undefined) meta.boxcarWidth = number;
  }
  if (header < 0) {
    return vendorFail('NOT_A_SPECTRUM', 'the AvaSoft CSV has no `Wavelength[nm],…` column header line', fileName);
  }
  const table = readVendorTable(lines, header, lines.length, fileName, { delimiter: ',', lastRowMayBeCut: true });
  const traces: VendorTrace[] = table.columns.slice(1).map((values, k) => {
    const label = (table.names[k + 1] ?? `column ${k + 2}`).trim();
    return {
      role: quantity === 'scope' ? 'sample' : 'processed',
      values,
      quantity: quantity === 'scope' ? 'counts' : quantity,
      unit,
      label,
    };
  });
  const serial = /^(\S+?)-?(\s|$)/.exec(traces[0]?.label ?? '')?.[1];
  if (serial !== undefined && serial !== '') meta.spectrometer = serial;
  const comment = (traces[0]?.label ?? '').replace(/^\S+\s*/, '').trim();
  if (comment !== '') meta.comment = comment.slice(0, 200);
  return vendorSpectra(
    [
      {
        x: table.columns[0] as Float64Array,
        xUnit: 'nm',
        xLabel: table.names[0] ?? 'Wavelength',
        traces,
        meta: { ...meta, pointCount: table.rows },
        where: (row) => `line ${(table.lineOf[row] as number) + 1}`,
      },
    ],
    fileName,
    AVASOFT_TEXT_ID,
  );
}
