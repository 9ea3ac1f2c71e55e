import type { Spectrum } from '../../../core';
import { readForeignGammaCsv } from './textGammaCsvForeign';
import { GAMMA_CSV_SIGNATURE } from './textGammaCsvLayout';
import { readOwnGammaCsv } from './textGammaCsvOwn';
import { gammaTextLines } from './textGammaText';

/** Format id of the gamma CSV reader. */
export const GAMMA_CSV_FORMAT_ID = 'gamma-csv';

/**
 * Reads a gamma CSV (grs-notes §3.7):
 * - a file that starts with the signature `# Spectralligence gamma spectrum` is the workbench's own
 *   export (`writeGammaCsv`): every block is one spectrum, read bit-exactly (counts, calibration,
 *   times, metadata; see `textGammaCsvOwn.ts`);
 * - any other file is read with SpecUtils' heuristics for gamma CSVs of other programs (a
 *   Channel/Energy/Counts header, or one or two unnamed columns; see `textGammaCsvForeign.ts`).
 *
 * @throws WorkbenchError BINARY_FILE, NOT_A_SPECTRUM, TRUNCATED or INVALID_DATA (with the line
 *   number), each with `file` set.
 */
export function parseGammaCsv(bytes: Uint8Array, fileName: string): Spectrum[] {
  const lines = gammaTextLines(bytes, fileName);
  const first = lines.find((line) => line.trim() !== '');
  return first?.trim() === GAMMA_CSV_SIGNATURE
    ? readOwnGammaCsv(lines, fileName, GAMMA_CSV_FORMAT_ID)
    : readForeignGammaCsv(lines, fileName, GAMMA_CSV_FORMAT_ID);
}
