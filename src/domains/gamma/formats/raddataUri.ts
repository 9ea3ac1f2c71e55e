import { type Spectrum, WorkbenchError } from '../../../core';
import { decodeText } from '../../../formats';
import { polynomialCalibration } from '../calibration/energyCalibration';
import { toGammaSpectrum } from '../gammaSpectrum';
import { gammaRecordOf } from './gammaRecordOf';
import { base45Decode, base64UrlDecode, inflateCapped, MAX_INFLATED_BYTES, percentDecode } from './raddataEncoding';
import { decodeRaddataPayload, RADDATA_OPTION } from './raddataPayload';

/** Format id of RADDATA spectrum URIs in text files. */
export const RADDATA_URI_FORMAT_ID = 'gamma-raddata-uri';

/** Option bits this reader understands; any other bit is refused by name. */
const KNOWN_OPTIONS = 0x3f;
const UNKNOWN_OPTION_NAMES: Record<number, string> = {
  64: 'lossy (wavelet) channel encoding',
  128: 'an undefined option',
};

/**
 * Reads text files holding RADDATA spectrum URIs (InterSpec/SpecUtils QR-code spectra, e.g. the
 * GADRAS reference spectra shipped with InterSpec): every `RADDATA://G0/…` in the text (case
 * ignored; also inside a `mailto:` body) gives its spectra.
 *
 * URI [V: SpecUtils src/UriSpectrum.cpp `get_spectrum_url_info`]: `RADDATA://G0/` then the options
 * as one hex digit, or two when the fourth character is not `/`, then (number of URIs − 1) and
 * (number of spectra − 1) as hex digits, `/`, the payload. Options: 0x01 no deflate, 0x02 no
 * base-X (raw text), 0x04 CSV channel data, 0x08 no zero compression, 0x10 url-safe base-64
 * instead of the default base-45, 0x20 e-mail URI (no effect on decoding). All of these are
 * supported; 0x40 (lossy wavelet encoding) and 0x80 are refused with INVALID_DATA naming the bit,
 * and so is a spectrum split over several URIs (number of URIs > 1: the parts and their CRC-16
 * would have to be collected from several QR codes). The payload is percent-decoded, base-decoded,
 * inflated (at most 64 MiB) and decoded by `decodeRaddataPayload`.
 *
 * Energy calibration: `C:` coefficients are a polynomial in the channel number — SpecUtils'
 * encoder converts full-range-fraction calibrations to polynomial and its decoder calls
 * `set_polynomial` (e.g. the Detective X reference file has C:-0.32,0.4888275, which is the
 * PCF's FRF (−0.32, 8008.95) / 16384). Kept as stated, with `D:` deviation pairs.
 * SpecUtils/GADRAS evaluate such a calibration at channel i for the channel's *lower edge*: the
 * Cs-137 centroids of the GADRAS reference spectra land at 661.6–661.7 keV only in that reading
 * (measured on Detective X, CZT, Detective-EX, Fulcrum), so the calibration carries
 * `channelReference: 'lowerEdge'`.
 */
export function parseRaddataUri(bytes: Uint8Array, fileName: string): Spectrum[] {
  const decoded = decodeText(bytes);
  if (decoded === null) {
    throw new WorkbenchError('NOT_A_SPECTRUM', 'this is a binary file, not text with a RADDATA:// URI', {
      file: fileName,
    });
  }
  const uris = [...decoded.text.matchAll(/raddata:\/\/g0\/([^\s"'<>&]*)/gi)].map((match) => match[1] as string);
  if (uris.length === 0) {
    throw new WorkbenchError('NOT_A_SPECTRUM', 'the text holds no RADDATA://G0/ spectrum URI', { file: fileName });
  }
  const spectra: Spectrum[] = [];
  uris.forEach((uri, k) => {
    const label = uris.length > 1 ? `URI ${k + 1}: ` : '';
    const invalid = (message: string): never => {
      throw new WorkbenchError('INVALID_DATA', `${label}${message}`, { file: fileName });
    };
    const { options, payload } = splitUri(uri, invalid);
    for (const found of decodeRaddataPayload(decodePayload(payload, options, invalid), options, fileName)) {
      const n = found.counts.length;
      const record = gammaRecordOf(found.counts, {
        liveTimeS: found.liveTimeS,
        realTimeS: found.realTimeS,
        startTime: found.startTime,
        title: found.title,
        instrument: found.model,
        measurementClass: found.measurementClass,
        calibration:
          found.coefficients === undefined || n === 0
            ? undefined
            : { ...polynomialCalibration(found.coefficients, n, found.deviationPairs), channelReference: 'lowerEdge' },
        meta: {
          latitude: found.latitude,
          longitude: found.longitude,
          neutronCounts: found.neutronCounts,
          raddataOptions: `0x${options.toString(16)}`,
        },
      });
      spectra.push(toGammaSpectrum(record, fileName, spectra.length, RADDATA_URI_FORMAT_ID));
    }
  });
  return spectra;
}

function hex(char: string | undefined, what: string, invalid: (message: string) => never): number {
  if (char === undefined || !/^[0-9A-Fa-f]$/.test(char))
    return invalid(`the ${what} after RADDATA://G0/ is not a hex digit`);
  return Number.parseInt(char, 16);
}

/** Options and payload of the part after `RADDATA://G0/`. */
function splitUri(uri: string, invalid: (message: string) => never): { options: number; payload: string } {
  const twoDigits = uri.charAt(3) !== '/';
  if (twoDigits && uri.charAt(4) !== '/') invalid("the options after RADDATA://G0/ do not end with '/'");
  const options = twoDigits
    ? 16 * hex(uri[0], 'options', invalid) + hex(uri[1], 'options', invalid)
    : hex(uri[0], 'options', invalid);
  const urls = hex(uri[twoDigits ? 2 : 1], 'number of URIs', invalid) + 1;
  hex(uri[twoDigits ? 3 : 2], 'number of spectra', invalid);
  const unknown = options & ~KNOWN_OPTIONS;
  if (unknown !== 0) {
    const bit = unknown & 0x40 ? 0x40 : 0x80;
    invalid(`option bit 0x${bit.toString(16)} (${UNKNOWN_OPTION_NAMES[bit]}) is not supported`);
  }
  if (options & RADDATA_OPTION.NoBaseXEncoding && options & RADDATA_OPTION.UseUrlSafeBase64) {
    invalid('options 0x02 (no base-X) and 0x10 (base-64) contradict each other');
  }
  if (urls > 1) invalid(`this URI is one of ${urls} parts of a spectrum; multi-part URIs are not supported`);
  return { options, payload: uri.slice(twoDigits ? 5 : 4) };
}

function decodePayload(payload: string, options: number, invalid: (message: string) => never): Uint8Array {
  const text = percentDecode(payload);
  let bytes: Uint8Array;
  if (options & RADDATA_OPTION.UseUrlSafeBase64) bytes = base64UrlDecode(text);
  else if (options & RADDATA_OPTION.NoBaseXEncoding) bytes = Uint8Array.from(text, (char) => char.charCodeAt(0) & 0xff);
  else bytes = base45Decode(text, invalid);
  if (bytes.length === 0) invalid('the payload is empty');
  return options & RADDATA_OPTION.NoDeflate ? bytes : inflateCapped(bytes, MAX_INFLATED_BYTES, invalid);
}
