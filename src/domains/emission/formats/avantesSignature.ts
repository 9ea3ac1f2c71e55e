/**
 * Signatures and layout constants of the Avantes (AvaSoft) files (optical-notes §4.4), shared by the
 * sniffers and the parsers; small, so the eager descriptors can import it.
 */

/** Format ids (kept as `meta.format`). */
export const AVASOFT7_ID = 'avasoft7-binary';
export const AVASOFT8_ID = 'avasoft8-binary';
export const AVASOFT_TEXT_ID = 'avasoft-text';

/**
 * Byte layout of an AvaSoft ≤ 7 binary, all fields little-endian float32 (lightr
 * `lr_parse_trm`, after Avantes' description): version 70 has the spectrometer id (9 floats holding
 * character codes) and a friendly name (64 floats) before the 5 polynomial coefficients, version 60
 * has the id after them; then ipixfirst, ipixlast, measuremode, dummy; version 70 adds 17 floats
 * (laser wavelength, laser delay, laser width, strobe control, 2 dummies, timestamp in 10 µs ticks,
 * dynamic dark correction, smoothing pixels, smoothing model, trigger mode, source, source type,
 * NTC1 board °C, NTC2 V, thermistor detector °C, dummy). Header: 400 bytes (v70), 76 bytes (v60).
 * After the pixel data: integration time (ms), averages, and integration delay (v70) or boxcar (v60).
 */
export const AVASOFT7_LAYOUT = {
  70: { id: 4, name: 40, polynomial: 296, range: 316, extra: 332, header: 400 },
  60: { id: 24, name: undefined, polynomial: 4, range: 60, extra: undefined, header: 76 },
} as const;

/** Bytes after the pixel data of an AvaSoft ≤ 7 binary: 3 float32. */
export const AVASOFT7_TRAILER = 12;

/** Most pixels a pixel range may span (detectors have up to a few thousand). */
export const MAX_PIXELS = 65536;

function float32(head: Uint8Array, at: number): number {
  return new DataView(head.buffer, head.byteOffset, head.byteLength).getFloat32(at, true);
}

/** The AvaSoft 7 version (60 or 70) of a head whose first float is one, else `undefined`. */
export function avaSoft7Version(head: Uint8Array): 60 | 70 | undefined {
  if (head.length < 4) return undefined;
  const version = float32(head, 0);
  return version === 60 || version === 70 ? version : undefined;
}

/** A float that holds a pixel number: an integer in 0…65535. */
export function isPixelNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < MAX_PIXELS;
}

/**
 * Confidence that `head` is an AvaSoft ≤ 7 binary: the version float, a pixel range of integers,
 * finite polynomial coefficients and (v70) an id of character codes. When `head` is the whole file
 * (shorter than `wholeBelow`), its size must also fit 1 or 3 floats per pixel: 0.95; a file too
 * short for its pixels scores 0.6 (so that its parser says TRUNCATED); a longer head 0.9; else 0.
 */
export function sniffAvaSoft7Head(head: Uint8Array, wholeBelow: number): number {
  const version = avaSoft7Version(head);
  if (version === undefined) return 0;
  const layout = AVASOFT7_LAYOUT[version];
  if (head.length < layout.range + 8) return 0;
  const first = float32(head, layout.range);
  const last = float32(head, layout.range + 4);
  if (!isPixelNumber(first) || !isPixelNumber(last) || last < first) return 0;
  for (let k = 0; k < 5; k++) {
    const c = float32(head, layout.polynomial + 4 * k);
    if (!Number.isFinite(c) || Math.abs(c) > 1e6) return 0;
  }
  for (let k = 0; k < 9; k++) {
    const c = float32(head, layout.id + 4 * k);
    if (!(c === 0 || (Number.isInteger(c) && c >= 32 && c < 127))) return 0;
  }
  if (head.length >= wholeBelow) return 0.9;
  const n = last - first + 1;
  const data = head.length - layout.header - AVASOFT7_TRAILER;
  if (data === 4 * n || data === 12 * n) return 0.95;
  return data < 12 * n ? 0.6 : 0;
}

/** The AvaSoft 8 version string (`AVS82`, `AVS84`) at the start of `head`, or `undefined`. */
export function avaSoft8Version(head: Uint8Array): string | undefined {
  if (head.length < 6) return undefined;
  const text = String.fromCharCode(...head.subarray(0, 5));
  return /^AVS8\d$/.test(text) ? text : undefined;
}
