/**
 * How an Ocean Optics / Ocean Insight text export announces itself on its first line
 * (optical-notes §4.3, checked on the lightr and photobiologyInOut files):
 * - SpectraSuite: `SpectraSuite Data File`; localised, e.g. Spanish `Fichero De Datos De SpectraSuite`;
 * - Jaz: `Jaz Data File`, `Jaz Absolute Irradiance File`;
 * - OceanView: `Data from <file name> Node`.
 * Shared by the sniffer and the parser; small, so the eager descriptor can import it.
 */
export type OceanOpticsDialect = 'SpectraSuite' | 'Jaz' | 'OceanView';

/** Format id of the Ocean Optics text reader (kept as `meta.format`). */
export const OCEAN_OPTICS_TEXT_ID = 'oceanoptics-text';

/** Format id of the Ocean Optics ProcSpec reader (kept as `meta.format`). */
export const PROCSPEC_ID = 'oceanoptics-procspec';

/** The dialect announced by the first non-blank line of a file, or `undefined`. */
export function oceanOpticsDialect(firstLine: string): OceanOpticsDialect | undefined {
  const line = firstLine.trim();
  if (line.length > 200) return undefined;
  if (/SpectraSuite/.test(line) && !/[<>;,=]/.test(line)) return 'SpectraSuite';
  if (/^Jaz [\w ]*File$/.test(line)) return 'Jaz';
  if (/^Data from .+ Node$/.test(line)) return 'OceanView';
  return undefined;
}

/** True for the lines that open and close the data sections: `>>>>>Begin Processed Spectral Data<<<<<` … */
export function isSectionMarker(line: string): boolean {
  return line.startsWith('>>>>>');
}
