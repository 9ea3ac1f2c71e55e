import type { Spectrum } from '../../../core';
import { parseAvantesCsv } from './avantesCsv';
import { AVASOFT_TEXT_ID } from './avantesSignature';
import { type SpectrumRole, type VendorTrace, vendorSpectra } from './vendorSpectra';
import { readVendorTable, type VendorTable } from './vendorTable';
import { decodeVendorText, keyValue, leadingNumber, textLines, vendorFail } from './vendorText';

/** The column header line of an AvaSoft text export: `Wave   ;Sample   ;…`. */
const WAVE_HEADER = /^\s*Wave\s*;/i;

/** Raw columns by name; any other column is the processed quantity it names. */
const RAW_COLUMNS: readonly (readonly [RegExp, SpectrumRole])[] = [
  [/^(sample|scope)$/i, 'sample'],
  [/^dark$/i, 'dark'],
  [/^ref(erence)?$/i, 'reference'],
];

const ROLE_ORDER: readonly SpectrumRole[] = ['processed', 'sample', 'dark', 'reference'];

/**
 * Reads an AvaSoft text export (optical-notes §4.4), or an AvaSoft CSV export (`Filename-->,…`,
 * see {@link parseAvantesCsv}):
 * - AvaSoft ≤ 7 (`.ttt`, `.trt`): first line `<serial>- <comment>`, `Integration time: 100.00 ms`,
 *   `Average: 20 scans`, `Nr of pixels used for smoothing: 0`, `Data measured with spectrometer name:`
 *   (padded with NUL bytes, which are dropped), optionally `Timestamp [10 microsec ticks]<n>`;
 * - AvaSoft 8 (`.txt`): `Integration time [ms]:`, `Averaging Nr. [scans]:`, `Smoothing Nr. [pixels]:`,
 *   `Data measured with spectrometer [name]:`;
 * - then a `;`-separated header `Wave;Sample;Dark;Reference;Transmittance` (any subset), a units row
 *   (`[nm];[counts];…;[% transmittance]`) and `;`-separated rows, decimal comma when the first row
 *   holds a comma.
 * The processed column (any column that is not Wave, Sample/Scope, Dark, Ref/Reference) is the main
 * spectrum, its quantity its name in lower case (`transmittance`, `reflectance`, …) and its unit the
 * units row's (`%` for `[% transmittance]`); sample, dark and reference counts follow (`meta.role`).
 *
 * @throws WorkbenchError BINARY_FILE, EMPTY_FILE, NOT_A_SPECTRUM (no `Wave;` header, no rows),
 *   INVALID_DATA (a row with another cell count or a non-number: line and column), TRUNCATED (a
 *   cut-off last row).
 */
export function parseAvantesText(bytes: Uint8Array, fileName: string): Spectrum[] {
  const lines = textLines(decodeVendorText(bytes, fileName));
  const firstText = lines.find((line) => line.trim() !== '') ?? '';
  if (firstText.trim().startsWith('Filename-->')) return parseAvantesCsv(lines, fileName);
  const headerLine = lines.findIndex((line) => WAVE_HEADER.test(line));
  if (headerLine < 0) {
    return vendorFail('NOT_A_SPECTRUM', 'no `Wave;…` column header line: this is not an AvaSoft text export', fileName);
  }
  const meta = headerMeta(lines.slice(0, headerLine));
  const table = readVendorTable(lines, headerLine, lines.length, fileName, { delimiter: ';', lastRowMayBeCut: true });
  return vendorSpectra(
    [
      {
        x: table.columns[0] as Float64Array,
        xUnit: 'nm',
        xLabel: table.names[0] ?? 'Wave',
        traces: tracesOf(table),
        meta: { ...meta, pointCount: table.rows },
        where: (row) => `line ${(table.lineOf[row] as number) + 1}`,
      },
    ],
    fileName,
    AVASOFT_TEXT_ID,
  );
}

function tracesOf(table: VendorTable): VendorTrace[] {
  const traces: VendorTrace[] = [];
  for (let c = 1; c < table.columns.length; c++) {
    const name = (table.names[c] ?? `column ${c + 1}`).trim();
    const unit = normaliseUnit(table.units[c] ?? '');
    const role = RAW_COLUMNS.find(([pattern]) => pattern.test(name))?.[1] ?? 'processed';
    const quantity = role === 'processed' ? name.toLowerCase() : 'counts';
    traces.push({
      role,
      values: table.columns[c] as Float64Array,
      quantity,
      unit: role === 'processed' ? unit : 'counts',
      label: name,
    });
  }
  return traces.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

/** `% transmittance` and `%` → `%`, `counts` → `counts`, anything else as written. */
function normaliseUnit(unit: string): string {
  if (unit.startsWith('%')) return '%';
  return unit.trim();
}

/** Metadata of the lines above the `Wave;` header (both AvaSoft 7 and AvaSoft 8 keys). */
function headerMeta(lines: readonly string[]): Record<string, string | number | boolean> {
  const meta: Record<string, string | number | boolean> = {};
  let avaSoft8 = false;
  const first = lines.find((line) => line.trim() !== '');
  for (const line of lines) {
    const ticks = /^Timestamp \[10 microsec ticks\]\s*(\d+)/.exec(line);
    if (ticks !== null) meta.timestampTicks10us = Number(ticks[1]);
    const pair = keyValue(line);
    if (pair === undefined) continue;
    const { key, value } = pair;
    if (/\[(ms|scans|pixels|name)\]$/.test(key)) avaSoft8 = true;
    const number = leadingNumber(value);
    if (/^Integration time/i.test(key) && number !== undefined) meta.integrationTimeS = number / 1000;
    else if (/^Averag/i.test(key) && number !== undefined) meta.scansAveraged = number;
    else if (/smoothing/i.test(key) && number !== undefined) meta.boxcarWidth = number;
    else if (/^Data measured with spectrometer/i.test(key)) meta.spectrometer = value.trim().slice(0, 60);
  }
  if (!avaSoft8 && first !== undefined && keyValue(first) === undefined) {
    const dash = first.indexOf('-');
    const comment = (dash < 0 ? '' : first.slice(dash + 1)).trim();
    if (comment !== '') meta.comment = comment.slice(0, 200);
  }
  meta.dialect = avaSoft8 ? 'AvaSoft 8 text' : 'AvaSoft 7 text';
  return meta;
}
