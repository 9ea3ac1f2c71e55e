/**
 * Writers of small AvaSoft binaries, byte by byte from the layouts in optical-notes §4.4 (not
 * through the readers), for the tests of `avasoft7.ts` and `avasoft8.ts`. Only tests import it.
 */

/** One AvaSoft ≤ 7 binary. `data` holds 1 or 3 floats per pixel (sample, reference, dark interleaved). */
export interface AvaSoft7File {
  readonly version: 60 | 70;
  readonly id: string;
  readonly polynomial: readonly number[];
  readonly first: number;
  readonly last: number;
  readonly data: readonly number[];
  readonly integrationTimeMs: number;
  readonly averages: number;
  /** v70: boxcar (smoothing pixels) in the settings block; v60: the last float. */
  readonly boxcar: number;
}

export function writeAvaSoft7(file: AvaSoft7File): Uint8Array {
  const header = file.version === 70 ? 400 : 76;
  const bytes = new Uint8Array(header + 4 * file.data.length + 12);
  const view = new DataView(bytes.buffer);
  const f = (at: number, value: number): void => view.setFloat32(at, value, true);
  f(0, file.version);
  const idAt = file.version === 70 ? 4 : 24;
  const polyAt = file.version === 70 ? 296 : 4;
  const rangeAt = file.version === 70 ? 316 : 60;
  [...file.id].slice(0, 9).forEach((c, k) => {
    f(idAt + 4 * k, c.charCodeAt(0));
  });
  if (file.version === 70)
    [...file.id].forEach((c, k) => {
      f(40 + 4 * k, c.charCodeAt(0));
    });
  file.polynomial.forEach((c, k) => {
    f(polyAt + 4 * k, c);
  });
  f(rangeAt, file.first);
  f(rangeAt + 4, file.last);
  f(rangeAt + 8, 2);
  if (file.version === 70) {
    f(332 + 4 * 6, 123456); // timestamp, 10 µs ticks
    f(332 + 4 * 8, file.boxcar);
    f(332 + 4 * 13, 29.5); // board °C
  }
  file.data.forEach((v, i) => {
    f(header + 4 * i, v);
  });
  const tail = header + 4 * file.data.length;
  f(tail, file.integrationTimeMs);
  f(tail + 4, file.averages);
  f(tail + 8, file.version === 60 ? file.boxcar : 0);
  return bytes;
}

/** One spectrum of an AvaSoft 8 file. */
export interface AvaSoft8Spectrum {
  readonly mode: number;
  readonly id: string;
  readonly start: number;
  readonly x: readonly number[];
  readonly sample: readonly number[];
  readonly dark: readonly number[];
  readonly reference: readonly number[];
  readonly fit: readonly number[];
  readonly integrationTimeMs: number;
  readonly averages: number;
  readonly boxcar: number;
  readonly packedDate: number;
  readonly merge?: string;
}

const AVS84_EXTRA = 3779;

export function writeAvaSoft8(version: 'AVS82' | 'AVS84', spectra: readonly AvaSoft8Spectrum[]): Uint8Array {
  const sizes = spectra.map((s) => 322 + 16 * s.x.length + 10 + (version === 'AVS84' ? AVS84_EXTRA : 0));
  const bytes = new Uint8Array(6 + sizes.reduce((a, b) => a + b, 0));
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string): void =>
    [...text].forEach((c, k) => {
      view.setUint8(at + k, c.charCodeAt(0));
    });
  ascii(0, version);
  view.setUint8(5, spectra.length);
  let at = 6;
  spectra.forEach((s, k) => {
    const n = s.x.length;
    view.setUint32(at, (sizes[k] as number) - 10, true);
    view.setUint8(at + 4, k);
    view.setUint8(at + 5, s.mode);
    ascii(at + 8, s.id);
    ascii(at + 18, s.id);
    view.setUint8(at + 82, 2);
    view.setUint16(at + 83, s.start, true);
    view.setUint16(at + 85, s.start + n - 1, true);
    view.setFloat32(at + 87, s.integrationTimeMs, true);
    view.setUint32(at + 95, s.averages, true);
    view.setUint8(at + 99, 1);
    view.setUint16(at + 101, s.boxcar, true);
    view.setUint32(at + 128, s.packedDate, true);
    view.setFloat32(at + 132, -5, true);
    view.setFloat32(at + 136, 31, true);
    s.fit.forEach((c, j) => {
      view.setFloat64(at + 152 + 8 * j, c, true);
    });
    const arrays = [s.x, s.sample, s.dark, s.reference];
    arrays.forEach((array, j) => {
      array.forEach((v, i) => {
        view.setFloat32(at + 322 + 4 * (j * n + i), v, true);
      });
    });
    if (s.merge !== undefined) ascii(at + 322 + 16 * n, s.merge);
    at += sizes[k] as number;
  });
  return bytes;
}

/** SPC-style packed date: year << 20 | month << 16 | day << 11 | hour << 6 | minute. */
export function packDate(year: number, month: number, day: number, hour: number, minute: number): number {
  return ((year << 20) | (month << 16) | (day << 11) | (hour << 6) | minute) >>> 0;
}
