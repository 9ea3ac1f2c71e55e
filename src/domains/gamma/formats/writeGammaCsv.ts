import type { Spectrum } from '../../../core';
import { calibrationToJson } from './calibrationJson';
import {
  GAMMA_CSV_HEADER,
  GAMMA_CSV_NUMBER_KEYS,
  GAMMA_CSV_SIGNATURE,
  GAMMA_CSV_TEXT_KEYS,
  GAMMA_CSV_VERSION,
} from './textGammaCsvLayout';
import { exactJsonRecord, exactNumber } from './textGammaJson';

/** Metadata that `toGammaSpectrum` derives again on reading, so they are not written. */
const DERIVED_KEYS = new Set(['format', 'channelCount', 'calibrationProblem']);

/**
 * Writes gamma spectra in the workbench's own CSV layout (`gamma-csv`, grs-notes §3.7 suggestion),
 * one block per spectrum, blocks separated by a blank line:
 *
 * ```
 * # Spectralligence gamma spectrum
 * # version: 1
 * # channels: 8192
 * # title: Kelp sample            (title, startTime, detector, detectorType, instrument,
 * # liveTimeS: 595642              measurementClass, sourceFormat, liveTimeS, realTimeS, sampleNumber)
 * # calibration: {"model":"polynomial","coefficients":[0,0.378444,0],"channelCount":8192,"unit":"keV"}
 * # meta: {"remarks":"…"}          (every other scalar metadata)
 * channel,energy_keV,counts
 * 0,0,12
 * ```
 *
 * Round trip with `parseGammaCsv` is exact: every number is written with its shortest round-trip
 * text (`String`, `-0` for negative zero, see `textGammaJson.ts`), so counts, calibration
 * coefficients, deviation pairs and times read back bit for bit. The energy column is the
 * spectrum's x when it is in keV and empty otherwise; the calibration, when the axis has one, is
 * written as stated even when it is unusable. Text values with control characters (line breaks),
 * lone surrogates, surrounding spaces or a leading `"` are written as JSON strings. `sourceFormat`
 * keeps the format the spectrum was read from. Non-finite numbers in `meta` (which
 * `toGammaSpectrum` never produces) are left out.
 *
 * @returns the file text (LF line ends), `''` for no spectra.
 */
export function writeGammaCsv(spectra: readonly Spectrum[]): string {
  return spectra.map(gammaCsvBlock).join('\n');
}

function gammaCsvBlock(spectrum: Spectrum): string {
  const n = spectrum.y.values.length;
  const lines = [GAMMA_CSV_SIGNATURE, `# version: ${GAMMA_CSV_VERSION}`, `# channels: ${n}`];
  const meta = spectrum.meta;
  const rest: Record<string, string | number | boolean> = {};
  const text = new Set<string>(GAMMA_CSV_TEXT_KEYS);
  const numeric = new Set<string>(GAMMA_CSV_NUMBER_KEYS);
  const sourceFormat = typeof meta.sourceFormat === 'string' ? meta.sourceFormat : meta.format;
  for (const [key, value] of Object.entries({ ...meta, sourceFormat })) {
    if (value === undefined || DERIVED_KEYS.has(key)) continue;
    if (text.has(key) && typeof value === 'string') lines.push(`# ${key}: ${textValue(value)}`);
    else if (numeric.has(key) && typeof value === 'number' && Number.isFinite(value)) {
      lines.push(`# ${key}: ${exactNumber(value)}`);
    } else rest[key] = value;
  }
  const calibration = spectrum.x.calibration;
  if (calibration !== undefined) lines.push(`# calibration: ${calibrationToJson(calibration)}`);
  if (Object.keys(rest).length > 0) lines.push(`# meta: ${exactJsonRecord(rest)}`);
  lines.push(GAMMA_CSV_HEADER);
  const x = spectrum.x.values;
  const energies = spectrum.x.unit === 'keV';
  const y = spectrum.y.values;
  for (let i = 0; i < n; i++) {
    lines.push(`${i},${energies ? exactNumber(x[i] as number) : ''},${exactNumber(y[i] as number)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A text value as written after `# key: `: raw when it reads back unchanged, else a JSON string. */
function textValue(value: string): string {
  let safe = value === value.trim() && !value.startsWith('"') && !/\p{Cs}/u.test(value);
  for (let i = 0; safe && i < value.length; i++) safe = value.charCodeAt(i) >= 0x20;
  return safe ? value : JSON.stringify(value);
}
