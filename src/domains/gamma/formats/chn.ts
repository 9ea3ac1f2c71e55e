import { type Spectrum, WorkbenchError } from '../../../core';
import { BinaryReader } from '../../../formats/binaryReader';
import { polynomialCalibration } from '../calibration/energyCalibration';
import { toGammaSpectrum } from '../gammaSpectrum';
import {
  CHN_FORMAT_ID,
  CHN_HEADER_BYTES,
  CHN_TRAILER_LINEAR,
  CHN_TRAILER_QUADRATIC,
  chnChannelCount,
} from './chnLayout';
import { gammaRecordOf } from './gammaRecordOf';
import { isoDateTime, monthNumber } from './isoDateTime';

/**
 * Reads an ORTEC `.chn` file (Maestro, GammaVision, many MCA programs): one spectrum.
 *
 * Layout [V: SpecUtils src/SpecFile_chn.cpp; Battelle SFChnFile.h; grs-notes §3.2], little-endian:
 * - header (32 bytes): int16 −1 @0; int16 MCA number @2; int16 segment @4; "SS" start seconds @6;
 *   uint32 real time @8 and live time @12, both in 20 ms ticks; "DDMMMYY" @16 + century flag @23
 *   ('1' = 20xx; SpecUtils reads anything but '0' as 20xx, as does this reader); "HHMM" @24;
 *   uint16 channel offset @28; uint16 channel count N @30 (0: derived from the file size, as
 *   SpecUtils does, when that gives a power of two in 128…32768);
 * - N uint32 counts from byte 32;
 * - trailer (512 bytes, optional): int16 type −101 (linear) or −102 (quadratic); energy
 *   calibration c0, c1 (, c2) float32 @+4; width (FWHM) calibration @+16, +20 (, +24);
 *   detector description (length byte @+256, 63 chars), sample description (length @+320, 63 chars).
 *
 * Unlike SpecUtils, which zeroes the first two and last two channels on reading, every channel is
 * kept as stored. The energy calibration applies to the data index (channel 0 = first stored
 * value), as in SpecUtils; a non-zero channel offset is kept as `meta.firstChannel`.
 * Sample description → `title`, detector description → `instrument`, width calibration →
 * `meta.fwhmCoefficients`.
 */
export function parseChn(bytes: Uint8Array, fileName: string): Spectrum[] {
  const r = new BinaryReader(bytes, fileName);
  const invalid = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', message, { file: fileName });
  };
  r.require(0, CHN_HEADER_BYTES, 'the 32-byte CHN header');
  const type = r.int16(0, 'the file type');
  if (type !== -1) invalid(`the first word is ${type}, a CHN file starts with −1`);
  const channelCount = chnChannelCount(r.uint16(30, 'the channel count'), bytes.length);
  if (channelCount === undefined) {
    invalid('the header gives 0 channels and the file size gives no power-of-two channel count');
  }
  const n = channelCount as number;
  const counts = r.uint32Array(CHN_HEADER_BYTES, n, `the ${n} channel counts`);
  const trailer = readTrailer(r, CHN_HEADER_BYTES + 4 * n);
  const firstChannel = r.uint16(28, 'the channel offset');
  const record = gammaRecordOf(counts, {
    liveTimeS: r.uint32(12, 'the live time') / 50,
    realTimeS: r.uint32(8, 'the real time') / 50,
    startTime: chnStartTime(r),
    title: trailer.sample,
    instrument: trailer.detector,
    calibration: trailer.energy === undefined ? undefined : polynomialCalibration(trailer.energy, n),
    meta: {
      firstChannel: firstChannel === 0 ? undefined : firstChannel,
      mcaNumber: r.int16(2, 'the MCA number'),
      fwhmCoefficients: trailer.fwhm?.join(','),
    },
  });
  return [toGammaSpectrum(record, fileName, 0, CHN_FORMAT_ID)];
}

interface Trailer {
  readonly energy?: number[];
  readonly fwhm?: number[];
  readonly detector?: string;
  readonly sample?: string;
}

function readTrailer(r: BinaryReader, at: number): Trailer {
  if (r.length < at + 2) return {};
  const type = r.int16(at, 'the trailer type');
  if (type !== CHN_TRAILER_LINEAR && type !== CHN_TRAILER_QUADRATIC) return {};
  const terms = type === CHN_TRAILER_QUADRATIC ? 3 : 2;
  const floats = (start: number, what: string): number[] | undefined => {
    if (r.length < start + 4 * terms) return undefined;
    return Array.from({ length: terms }, (_, k) => r.float32(start + 4 * k, what));
  };
  const energy = floats(at + 4, 'the energy calibration');
  const fwhm = floats(at + 16, 'the width calibration');
  return {
    ...(energy !== undefined && { energy }),
    ...(fwhm?.some((value) => value !== 0) && { fwhm }),
    ...descriptionAt(r, at + 256, 'detector'),
    ...descriptionAt(r, at + 320, 'sample'),
  };
}

/** A length-prefixed description (1 length byte + 63 characters), when present and sane. */
function descriptionAt(r: BinaryReader, at: number, key: 'detector' | 'sample'): Partial<Trailer> {
  if (r.length < at + 1) return {};
  const length = r.uint8(at, `the ${key} description length`);
  if (length === 0 || length > 63 || r.length < at + 1 + length) return {};
  const text = r.ascii(at + 1, length, `the ${key} description`);
  return text === '' ? {} : { [key]: text };
}

function digits(r: BinaryReader, offset: number, length: number): number {
  const text = r.ascii(offset, length, 'the start date and time');
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

function chnStartTime(r: BinaryReader): string | undefined {
  const month = monthNumber(r.ascii(18, 3, 'the start month'));
  if (month === undefined) return undefined;
  const yy = digits(r, 21, 2);
  const century = r.uint8(23, 'the century flag') === 0x30 ? 1900 : 2000;
  return isoDateTime(century + yy, month, digits(r, 16, 2), digits(r, 24, 2), digits(r, 26, 2), digits(r, 6, 2));
}
