import type { Spectrum } from '../../../core';
import { PROCSPEC_ID } from './oceanOpticsSignature';
import { readProcSpecXml } from './procSpecXml';
import { vendorSpectra } from './vendorSpectra';
import { vendorFail } from './vendorText';
import { ZIP_ENTRY_CAP, zipEntries, zipEntryData } from './zipEntryCapped';

/** The XML entry of a ProcSpec archive: `ps_<n>.xml` (optical-notes §4.3; lightr `lr_parse_procspec`). */
const ENTRY = /(^|\/)ps_\d+\.xml$/;

/**
 * Keeps tab, LF, CR and printable ASCII: SpectraSuite writes the locale's grouping separator, per-mille
 * and currency symbols as bytes that are not valid in the declared encoding (0xA0, 0x89, 0x80 at 12
 * places in each lightr file), which lightr also strips before XML parsing.
 */
function printableAscii(bytes: Uint8Array): string {
  const kept = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) kept[n++] = b;
  }
  return new TextDecoder('latin1').decode(kept.subarray(0, n));
}

/**
 * Reads an Ocean Optics SpectraSuite `.ProcSpec` file: a ZIP archive with `ps_<n>.xml` (the
 * processed spectrum and its sources, XStream XML), `OOISignatures.xml` (SHA-512 signatures, not
 * checked) and `OOIVersion.txt`. The XML entry is inflated under a cap ({@link zipEntryData}),
 * stripped to printable ASCII and parsed by {@link readProcSpecXml}.
 *
 * Spectra: the processed spectrum (y quantity from its `yUnits` descriptor: transmittance %,
 * reflectance %, absorbance, counts, irradiance), then the sample, dark and reference detector
 * counts as spectra of their own (`meta.role`); x = `channelWavelengths` (nm) with the
 * `channelCoefficients` wavelength polynomial as `x.calibration`.
 *
 * @param maxXmlBytes largest inflated XML accepted (default 64 MiB).
 * @throws WorkbenchError INVALID_DATA (not a ZIP, corrupt archive or XML), TRUNCATED (cut archive),
 *   TOO_LARGE (the XML states more than the cap), NOT_A_SPECTRUM (no `ps_<n>.xml`, no source spectrum).
 */
export function parseProcSpec(bytes: Uint8Array, fileName: string, maxXmlBytes = ZIP_ENTRY_CAP): Spectrum[] {
  if (bytes.length === 0) return vendorFail('EMPTY_FILE', 'the file is empty (0 bytes)', fileName);
  const entries = zipEntries(bytes, fileName);
  const entry = entries.find((candidate) => ENTRY.test(candidate.name));
  if (entry === undefined) {
    const names =
      entries
        .map((candidate) => candidate.name.slice(0, 60))
        .slice(0, 10)
        .join(', ') || 'none';
    return vendorFail('NOT_A_SPECTRUM', `the archive holds no ps_<n>.xml entry (entries: ${names})`, fileName);
  }
  const xml = printableAscii(zipEntryData(bytes, entry, fileName, maxXmlBytes));
  const content = readProcSpecXml(xml, entry.name, fileName);
  return vendorSpectra(
    [
      {
        x: content.wavelengths,
        xUnit: 'nm',
        ...(content.calibration === undefined ? {} : { calibration: content.calibration }),
        traces: content.traces,
        meta: { ...content.meta, xmlEntry: entry.name, pointCount: content.wavelengths.length },
        where: (row) => `pixel ${row} of channelWavelengths`,
      },
    ],
    fileName,
    PROCSPEC_ID,
  );
}
