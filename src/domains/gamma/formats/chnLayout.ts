/**
 * Constants of the ORTEC `.chn` layout shared by its descriptor, reader and writer (kept apart so
 * that the eagerly loaded descriptor does not pull in the reader). Layout: see `parseChn`.
 */

/** Format id of ORTEC `.chn` files. */
export const CHN_FORMAT_ID = 'gamma-chn';
/** Size of the CHN header in bytes; the counts follow it. */
export const CHN_HEADER_BYTES = 32;
/** Size of the trailer after the counts, in bytes. */
export const CHN_TRAILER_BYTES = 512;
/** Trailer type word of a linear energy calibration. */
export const CHN_TRAILER_LINEAR = -101;
/** Trailer type word of a quadratic energy calibration. */
export const CHN_TRAILER_QUADRATIC = -102;

/**
 * The channel count of a CHN file: the header's (uint16 @30) when non-zero, else the one SpecUtils
 * derives from the file size ((size − 32 − 512) / 4, accepted when a power of two in 128…32768).
 */
export function chnChannelCount(headerCount: number, fileSize: number): number | undefined {
  if (headerCount > 0) return headerCount;
  const derived = (fileSize - CHN_HEADER_BYTES - CHN_TRAILER_BYTES) / 4;
  const powerOfTwo = Number.isInteger(derived) && derived > 0 && (derived & (derived - 1)) === 0;
  return powerOfTwo && derived >= 128 && derived <= 32768 ? derived : undefined;
}
