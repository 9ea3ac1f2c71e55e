import { type Spectrum, WorkbenchError } from '../../../core';
import { BinaryReader } from '../../../formats/binaryReader';
import { polynomialCalibration } from '../calibration/energyCalibration';
import { toGammaSpectrum } from '../gammaSpectrum';
import { gammaRecordOf } from './gammaRecordOf';
import { isoDateTime, isoFromEpochMillis, monthNumber } from './isoDateTime';

/** Format id of ORTEC binary `.spc` files. */
export const ORTEC_SPC_FORMAT_ID = 'gamma-ortec-spc';

/** ORTEC SPC files are made of 128-byte records, addressed by 1-based record numbers. */
export const SPC_RECORD_BYTES = 128;
/** 1979-01-01 in ms since 1970: the origin of ORTEC's DECDAY day numbers. */
const DECDAY_EPOCH_MS = Date.UTC(1979, 0, 1);

/**
 * Reads an ORTEC binary `.spc` file (Maestro/GammaVision/Detective "integer" or "real" SPC).
 *
 * Layout [V: SpecUtils src/SpecFile_spc.cpp `load_from_binary_spc` (after ORTEC's file structure
 * manual); becquerel parsers/spc.py; grs-notes §3.3], little-endian, 128-byte records, pointers are
 * 1-based record numbers (byte offset (p − 1)·128):
 * - record 1: int16 INFTYP = 1 @0; FILTYP @2 (1 = uint32 counts, 5 = float32 counts); record
 *   pointers ACQIRP @8, SAMDRP @10, DETDRP @12, CALDES @32, CALRP1 @34; SPCTRP @60 (spectrum);
 *   SPCRCN @62 (spectrum records, 32 channels each); uint16 SPCCHN @64 (channels); float64
 *   ACQTI8 @72 (start, days since 1979-01-01); float32 real time @90, live time @94;
 * - calibration record (CALRP1): float32 EC1, EC2, EC3 @20/24/28 (E = EC1 + EC2·ch + EC3·ch²),
 *   FWHM-vs-channel coefficients FC1..3 @32/36/40;
 * - acquisition record (ACQIRP): start date `DD-MMM-YY*` @16 (`*` = '1' after 2000), time
 *   `HH:MM:SS` @28; DECDAY @72 of record 1 is used when these do not parse;
 * - sample description (SAMDRP, 128 chars) → `title`; detector description (DETDRP) →
 *   `instrument`; calibration description (CALDES) → `meta.calibrationDescription`.
 * The Detective-EX report text (expansion header, neutron counts, GPS) is not read.
 */
export function parseOrtecSpc(bytes: Uint8Array, fileName: string): Spectrum[] {
  const r = new BinaryReader(bytes, fileName);
  const invalid = (message: string): never => {
    throw new WorkbenchError('INVALID_DATA', message, { file: fileName });
  };
  r.require(0, SPC_RECORD_BYTES, 'the first 128-byte header record');
  const infoType = r.int16(0, 'INFTYP');
  if (infoType !== 1) invalid(`INFTYP (word 1) is ${infoType}, an ORTEC binary SPC file has 1`);
  const fileType = r.int16(2, 'FILTYP');
  if (fileType !== 1 && fileType !== 5) {
    invalid(`FILTYP (word 2) is ${fileType}: only 1 (integer counts) and 5 (real counts) are known`);
  }
  const n = r.uint16(64, 'the channel count (SPCCHN)');
  const records = r.int16(62, 'the spectrum record count (SPCRCN)');
  if (n < 1) invalid('the header gives 0 channels (SPCCHN)');
  if (32 * records < n) invalid(`${records} spectrum records cannot hold ${n} channels (32 per record)`);
  const recordAt = (word: number, what: string): number | undefined => {
    const pointer = r.int16(word, `the ${what} record pointer`);
    if (pointer <= 0) return undefined;
    const offset = (pointer - 1) * SPC_RECORD_BYTES;
    r.require(offset, 4, `the ${what} record (record ${pointer})`);
    return offset;
  };
  const spectrumAt = recordAt(60, 'spectrum');
  if (spectrumAt === undefined) return invalid('the spectrum record pointer (SPCTRP) is not set');
  const counts =
    fileType === 1
      ? r.uint32Array(spectrumAt, n, `the ${n} channel counts`)
      : r.float32Array(spectrumAt, n, `the ${n} channel counts`);
  const bad = counts.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) invalid(`channel ${bad} holds a value that is not a finite number`);

  const calibrationAt = recordAt(34, 'calibration');
  const floats = (at: number, what: string) => [0, 4, 8].map((k) => r.float32(at + k, what));
  const energy = calibrationAt === undefined ? undefined : floats(calibrationAt + 20, 'the energy calibration');
  const fwhm = calibrationAt === undefined ? undefined : floats(calibrationAt + 32, 'the FWHM calibration');
  const text = (word: number, what: string): string | undefined => {
    const at = recordAt(word, what);
    return at === undefined ? undefined : r.ascii(at, Math.min(SPC_RECORD_BYTES, r.length - at), `the ${what}`);
  };

  const record = gammaRecordOf(counts, {
    liveTimeS: r.float32(94, 'the live time'),
    realTimeS: r.float32(90, 'the real time'),
    startTime: startTime(r, recordAt(8, 'acquisition')),
    title: text(10, 'sample description'),
    instrument: text(12, 'detector description'),
    calibration: energy === undefined ? undefined : polynomialCalibration(energy, n),
    meta: {
      countsType: fileType === 1 ? 'integer' : 'real',
      calibrationDescription: text(32, 'calibration description'),
      fwhmCoefficients: fwhm?.some((value) => value !== 0) ? fwhm.join(',') : undefined,
    },
  });
  return [toGammaSpectrum(record, fileName, 0, ORTEC_SPC_FORMAT_ID)];
}

function startTime(r: BinaryReader, acquisitionAt: number | undefined): string | undefined {
  if (acquisitionAt !== undefined && r.length >= acquisitionAt + 38) {
    const date = /^(\d{1,2})-([A-Za-z]{3})-(\d{2})(\d?)/.exec(r.ascii(acquisitionAt + 16, 12, 'the start date'));
    const time = /^(\d{1,2}):(\d{2}):(\d{2})/.exec(r.ascii(acquisitionAt + 28, 10, 'the start time'));
    const month = date === null ? undefined : monthNumber(date[2] as string);
    if (date !== null && time !== null && month !== undefined) {
      const year = Number(date[3]) + (date[4] === '0' || (date[4] === '' && Number(date[3]) >= 70) ? 1900 : 2000);
      const iso = isoDateTime(year, month, Number(date[1]), Number(time[1]), Number(time[2]), Number(time[3]));
      if (iso !== undefined) return iso;
    }
  }
  const days = r.float64(72, 'the start time (DECDAY)');
  return days > 0 && days < 200 * 366
    ? isoFromEpochMillis(DECDAY_EPOCH_MS + Math.round(days * 86_400) * 1000)
    : undefined;
}
