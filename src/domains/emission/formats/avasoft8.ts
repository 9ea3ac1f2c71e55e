import type { Spectrum } from '../../../core';
import { BinaryReader } from '../../../formats/binaryReader';
import { AVASOFT8_ID, avaSoft8Version } from './avantesSignature';
import { AVS82_MODES, AVS84_MODES, avantesTraces } from './avantesTraces';
import { pixelAxis, type VendorGroup, vendorSpectra } from './vendorSpectra';
import { vendorFail } from './vendorText';

/** Bytes of a spectrum's fixed header, from its length field to the first pixel value. */
const SPECTRUM_HEADER = 322;
/** Merge group name after the four arrays. */
const MERGE_BYTES = 10;
/** AVS84 appends stray-light (7 B) and nonlinearity (3 B) settings, a custom-reflectance flag (1 B) and 2 × 471 float32. */
const AVS84_EXTRA = 7 + 3 + 1 + 2 * 471 * 4;

/**
 * A SPC-style packed date (`fdate`, optical-notes §4.2: year << 20 | month << 16 | day << 11 |
 * hour << 6 | minute) as local ISO time without zone, or `undefined` when a field is out of range.
 * Decoded this way, the four lightr files give 2019-07-06, 2022-03-20, 2025-07-21 and 2025-02-04.
 */
export function packedDate(value: number): string | undefined {
  const year = value >>> 20;
  const month = (value >>> 16) & 0xf;
  const day = (value >>> 11) & 0x1f;
  const hour = (value >>> 6) & 0x1f;
  const minute = value & 0x3f;
  if (year < 1990 || year > 2200 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return undefined;
  const two = (v: number): string => String(v).padStart(2, '0');
  return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:00`;
}

/**
 * Reads an AvaSoft 8 binary (`.Raw8`, `.RFL8`, `.Rfl8x`, `.IRR8`, `.ABS8`, `.TRM8`; optical-notes
 * §4.4, lightr `lr_parse_rfl8`): `AVS82`/`AVS84`, a spectrum count (u8), then per spectrum a
 * 322-byte header (length u32, seq, measurement mode, bitness, SD marker, 10-byte id, 64-byte
 * friendly name, status, start/stop pixel u16, integration time f32 ms, delay u32, averages u32,
 * dark-correction flag, forget %, boxcar u16, smoothing model, saturation detection, trigger mode,
 * source and type, strobe u16, laser delay/width u32, laser wavelength f32, store-to-RAM u16,
 * timestamp, packed date i32, detector/board temperature f32, NTC2 volt, colour temperature,
 * calibration integration time f32, 5 × f64 wavelength fit, 130-byte comment), four float32
 * arrays over the pixels (wavelength, sample, dark, reference), a 10-byte merge group and, in AVS84,
 * 3779 bytes of further settings. In AVS84 the length field is the spectrum's byte count minus 10
 * (checked on all 5 spectra of the lightr files).
 *
 * Each spectrum gives its processed quantity (by measurement mode, {@link avantesTraces}) and its
 * sample, dark and reference counts; x = the stored wavelengths (nm), the fit as `x.calibration`.
 * Files with several spectra (two spectrometers merged in `.Rfl8x`) name each by its serial.
 *
 * @throws WorkbenchError INVALID_DATA (another version, an empty pixel range, a length field that
 *   disagrees with the layout), NOT_A_SPECTRUM (no spectrum), TRUNCATED (the file ends early; the
 *   byte needed is named, checked before the arrays are allocated).
 */
export function parseAvaSoft8(bytes: Uint8Array, fileName: string): Spectrum[] {
  const r = new BinaryReader(bytes, fileName);
  r.require(0, 6, 'the version and the spectrum count');
  const version = avaSoft8Version(bytes);
  if (version !== 'AVS82' && version !== 'AVS84') {
    return vendorFail(
      'INVALID_DATA',
      `the version is \`${r.ascii(0, 5, 'the version')}\`, not AVS82 or AVS84`,
      fileName,
    );
  }
  const count = r.uint8(5, 'the spectrum count');
  if (count === 0) return vendorFail('NOT_A_SPECTRUM', 'the file says it holds 0 spectra', fileName);
  const groups: VendorGroup[] = [];
  let at = 6;
  for (let k = 0; k < count; k++) {
    const { group, end } = readSpectrum(r, at, k, count, version);
    groups.push(group);
    at = end;
  }
  return vendorSpectra(groups, fileName, AVASOFT8_ID);
}

function readSpectrum(
  r: BinaryReader,
  at: number,
  k: number,
  count: number,
  version: 'AVS82' | 'AVS84',
): { group: VendorGroup; end: number } {
  const which = count > 1 ? `spectrum ${k + 1} of ${count} (byte ${at})` : `the spectrum (byte ${at})`;
  r.require(at, SPECTRUM_HEADER, `the header of ${which}`);
  const length = r.uint32(at, 'the spectrum length');
  const modeCode = r.uint8(at + 5, 'the measurement mode');
  const startPixel = r.uint16(at + 83, 'the start pixel');
  const stopPixel = r.uint16(at + 85, 'the stop pixel');
  if (stopPixel < startPixel) {
    vendorFail(
      'INVALID_DATA',
      `${which}: the stop pixel ${stopPixel} comes before the start pixel ${startPixel}`,
      r.fileName,
    );
  }
  const n = stopPixel - startPixel + 1;
  const data = at + SPECTRUM_HEADER;
  const end = data + 16 * n + MERGE_BYTES + (version === 'AVS84' ? AVS84_EXTRA : 0);
  r.require(data, end - data, `the ${n}-pixel arrays and settings of ${which}`);
  if (version === 'AVS84' && end - at !== length + 10) {
    vendorFail(
      'INVALID_DATA',
      `${which}: the length field says ${length} bytes, the layout for ${n} pixels takes ${end - at - 10}`,
      r.fileName,
    );
  }
  const fit = Array.from({ length: 5 }, (_, j) => r.float64(at + 152 + 8 * j, 'the wavelength fit'));
  const stated = r.float32Array(data, n, 'the wavelengths');
  const modes = version === 'AVS84' ? AVS84_MODES : AVS82_MODES;
  const mode = modes[modeCode] ?? 'unknown';
  const traces = avantesTraces(mode, {
    sample: r.float32Array(data + 4 * n, n, 'the sample counts'),
    dark: r.float32Array(data + 8 * n, n, 'the dark counts'),
    reference: r.float32Array(data + 12 * n, n, 'the reference counts'),
  });
  const spectrometer = r.ascii(at + 8, 10, 'the spectrometer id');
  const friendly = r.ascii(at + 18, 64, 'the friendly name');
  const meta: Record<string, string | number | boolean> = {
    dialect: `AvaSoft 8 (${version})`,
    spectrometer,
    measurementMode: mode,
    measurementModeCode: modeCode,
    integrationTimeS: r.float32(at + 87, 'the integration time') / 1000,
    scansAveraged: r.uint32(at + 95, 'the number of averages'),
    darkCorrection: r.uint8(at + 99, 'the dark correction flag') !== 0,
    boxcarWidth: r.uint16(at + 101, 'the boxcar width'),
    detectorTemperatureC: r.float32(at + 132, 'the detector temperature'),
    boardTemperatureC: r.float32(at + 136, 'the board temperature'),
    firstPixel: startPixel,
    lastPixel: stopPixel,
    wavelengthCoefficients: fit.join(','),
    spectrumIndex: k,
  };
  if (friendly !== spectrometer) meta.friendlyName = friendly;
  const date = packedDate(r.uint32(at + 128, 'the file date'));
  if (date !== undefined) meta.date = date;
  const comment = r.ascii(at + 192, 130, 'the comment');
  if (comment !== '') meta.comment = comment;
  const merge = r.ascii(data + 16 * n, MERGE_BYTES, 'the merge group');
  if (merge !== '') meta.mergeGroup = merge;
  const axis = pixelAxis(fit, startPixel, n, stated);
  if (axis.problem !== undefined) meta.calibrationProblem = axis.problem;
  const group: VendorGroup = {
    x: axis.x,
    xUnit: axis.xUnit,
    calibration: axis.calibration,
    traces,
    meta,
    ...(count > 1 && spectrometer !== '' ? { tag: spectrometer } : {}),
    where: (i) => `pixel ${startPixel + i} of ${which}`,
  };
  return { group, end };
}
