import type { BinaryReader } from '../../../formats/binaryReader';
import { isoFromEpochMillis } from './isoDateTime';

/** Seconds from the CAM epoch 1858-11-17 (the Modified Julian Date origin) to 1970-01-01. */
const CAM_EPOCH_TO_UNIX_S = 3_506_716_800;
/** Seconds in a Julian year, the unit of CAM durations flagged as years. */
const JULIAN_YEAR_S = 31_557_600;

/**
 * Reads a Canberra CAM date-time: an unsigned 64-bit count of 100 ns ticks since 1858-11-17
 * 00:00 [V: becquerel parsers/cnf.py `_convert_date`; SpecUtils CAMIO.cpp]. Genie stores the
 * acquisition computer's local time with no zone, so the result has none (ISO 8601 local time).
 *
 * @returns `undefined` for 0 (not set) and for dates outside 1900–2199 (not a plausible measurement)
 */
export function readCamDateTime(reader: BinaryReader, offset: number, what: string): string | undefined {
  const ticks = reader.uint64(offset, what);
  if (ticks === 0) return undefined;
  const unixMs = (ticks / 1e7 - CAM_EPOCH_TO_UNIX_S) * 1000;
  const iso = isoFromEpochMillis(unixMs);
  if (iso === undefined) return undefined;
  const year = Number(iso.slice(0, 4));
  return year >= 1900 && year < 2200 ? iso : undefined;
}

/**
 * Reads a Canberra CAM duration in seconds: a signed 64-bit count of 100 ns ticks, stored
 * negative by Genie, so its absolute value is taken [V: SpecUtils CAMIO.cpp
 * `convert_from_CAM_duration`; becquerel takes the one's complement, 100 ns apart]. When byte 7
 * is 0x80 the low 32 bits are a number of years instead (millions of years if byte 4 is 1), as
 * SpecUtils' writer produces for durations too long for 100 ns ticks.
 */
export function readCamDuration(reader: BinaryReader, offset: number, what: string): number {
  reader.require(offset, 8, what);
  if (reader.uint8(offset + 7, what) === 0x80) {
    const years = Math.abs(reader.int32(offset, what));
    const scale = (reader.uint8(offset + 4, what) & 1) === 1 ? 1e6 : 1;
    return years * scale * JULIAN_YEAR_S;
  }
  return Math.abs(reader.int64(offset, what)) * 1e-7;
}
