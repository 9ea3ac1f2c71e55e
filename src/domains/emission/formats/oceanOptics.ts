import type { AxisUnit, Spectrum } from '../../../core';
import { fileExtension } from '../../../formats/formatDescriptor';
import { readOceanOpticsHeader } from './oceanOpticsHeader';
import { isSectionMarker, OCEAN_OPTICS_TEXT_ID, oceanOpticsDialect } from './oceanOpticsSignature';
import { type SpectrumRole, type VendorTrace, vendorSpectra } from './vendorSpectra';
import { readVendorTable, type VendorTable } from './vendorTable';
import { decodeVendorText, textLines, vendorFail } from './vendorText';

/** Extensions whose processed spectrum is spectral irradiance in µW/cm²/nm (photobiologyInOut `read_oo_ssirrad`). */
const IRRADIANCE_EXTENSIONS = new Set(['ssirrad', 'ovirrad', 'jazirrad']);

/** Jaz column letters (optical-notes §4.3): W wavelength, D dark, R reference, S sample, P processed. */
const JAZ_COLUMNS: Readonly<Record<string, SpectrumRole>> = { P: 'processed', S: 'sample', D: 'dark', R: 'reference' };

const ROLE_ORDER: readonly SpectrumRole[] = ['processed', 'sample', 'dark', 'reference'];

/**
 * Reads an Ocean Optics / Ocean Insight text export (optical-notes §4.3):
 * - SpectraSuite (`.txt`, `.SSIrrad`, …), also localised (Spanish keys and markers), Jaz (`.jaz`,
 *   `.JazIrrad`) and OceanView (`.txt`, `.OVIrrad`);
 * - header `Key: value` lines up to the first line that starts with `>>>>>` (the begin marker, in
 *   any language); metadata as in {@link readOceanOpticsHeader};
 * - data rows up to the next `>>>>>` line (SpectraSuite, Jaz) or the end (OceanView, no end
 *   marker): x and one y per column, TAB-separated; decimal comma when the first row has a comma
 *   and a TAB (also in English files); engineering notation (`12.978E2`);
 * - Jaz files name their columns `W D R S P` (`W D S P` for irradiance): the processed column `P`
 *   is the main spectrum, sample, dark and reference follow as spectra of their own (`meta.role`);
 * - the JazIrrad `>>>>>Begin Calibration Data<<<<<` section (µJ/count per pixel) is not read.
 * y: irradiance (µW/cm²/nm) for `.SSIrrad`/`.OVIrrad`/`.JazIrrad`, detector counts when the file says
 * neither a dark nor a reference spectrum was present, else `unknown` (the export does not say
 * whether the processed spectrum is a transmittance, reflectance or absorbance); raw traces are counts.
 * x in nm (`XAxis mode: Wavelengths` or none), cm⁻¹ for Raman shifts/wavenumbers, pixel index for pixels.
 *
 * @throws WorkbenchError BINARY_FILE, EMPTY_FILE, NOT_A_SPECTRUM (no Ocean Optics first line, no data
 *   rows), TRUNCATED (no begin marker after the header, no end marker, a cut-off last row),
 *   INVALID_DATA (a row with another column count or a cell that is not a number, with its line).
 */
export function parseOceanOptics(bytes: Uint8Array, fileName: string): Spectrum[] {
  const lines = textLines(decodeVendorText(bytes, fileName));
  const first = lines.findIndex((line) => line.trim() !== '');
  const dialect = oceanOpticsDialect(lines[first] ?? '');
  if (dialect === undefined) {
    return vendorFail(
      'NOT_A_SPECTRUM',
      'the first line is not an Ocean Optics header (SpectraSuite, Jaz, OceanView)',
      fileName,
    );
  }
  const begin = lines.findIndex((line, i) => i > first && isSectionMarker(line));
  if (begin < 0) {
    return vendorFail(
      'TRUNCATED',
      `the header ends at line ${lines.length} without a \`>>>>>Begin … Data<<<<<\` line`,
      fileName,
    );
  }
  const header = readOceanOpticsHeader(lines.slice(first + 1, begin));
  const markedEnd = lines.findIndex((line, i) => i > begin && isSectionMarker(line));
  if (markedEnd < 0 && dialect !== 'OceanView') {
    return vendorFail(
      'TRUNCATED',
      `the data after line ${begin + 1} end without a \`>>>>>End … Data<<<<<\` line`,
      fileName,
    );
  }
  const table = readVendorTable(lines, begin + 1, markedEnd < 0 ? lines.length : markedEnd, fileName, {
    lastRowMayBeCut: markedEnd < 0,
  });
  const extension = fileExtension(fileName);
  const irradiance = IRRADIANCE_EXTENSIONS.has(extension) || /Irradiance/i.test(lines[first] ?? '');
  const scope = dialect !== 'OceanView' && header.darkPresent === false && header.referencePresent === false;
  const processed = irradiance
    ? { quantity: 'irradiance', unit: 'µW/cm²/nm' }
    : scope
      ? { quantity: 'counts', unit: 'counts' }
      : { quantity: 'unknown', unit: '' };
  const traces = tracesOf(table, processed, fileName);
  const xUnit = axisUnit(header.xAxisMode);
  return vendorSpectra(
    [
      {
        x: table.columns[0] as Float64Array,
        xUnit,
        ...(table.names[0] === undefined ? {} : { xLabel: table.names[0] }),
        traces,
        meta: { ...header.meta, dialect, pointCount: table.rows },
        where: (row) => `line ${(table.lineOf[row] as number) + 1}`,
      },
    ],
    fileName,
    OCEAN_OPTICS_TEXT_ID,
  );
}

function tracesOf(table: VendorTable, processed: { quantity: string; unit: string }, fileName: string): VendorTrace[] {
  const traces: VendorTrace[] = [];
  for (let c = 1; c < table.columns.length; c++) {
    const name = table.names[c];
    const role = name === undefined ? 'processed' : JAZ_COLUMNS[name.toUpperCase()];
    if (role === undefined) {
      return vendorFail('INVALID_DATA', `the data column header \`${name}\` is none of W, D, R, S, P`, fileName);
    }
    const values = table.columns[c] as Float64Array;
    traces.push(
      role === 'processed'
        ? { role, values, ...processed, ...(name === undefined ? {} : { label: name }) }
        : { role, values, quantity: 'counts', unit: 'counts', label: name as string },
    );
  }
  return traces.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

function axisUnit(mode: string | undefined): AxisUnit {
  if (mode === undefined || /wavelength/i.test(mode)) return 'nm';
  if (/raman|wavenumber/i.test(mode)) return 'cm-1';
  if (/pixel/i.test(mode)) return 'channel';
  return 'unknown';
}
