import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum, WorkbenchError } from '../../../core';
import { parseRadiacodeSpectrogram } from './radiacodeSpectrogram';
import { sniffRadiacodeSpectrogram } from './radiacodeSpectrogram.format';
import { errorFor, fuzzReader } from './readerTestSupport';

const fixture = new Uint8Array(readFileSync(path.resolve(process.cwd(), 'test/fixtures/grs/rc_K40.rcspg')));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('RadiaCode spectrogram rc_K40.rcspg (radiacode-tools, MIT)', () => {
  const spectra = parseRadiacodeSpectrogram(fixture, 'K40.rcspg');
  const rows = spectra.slice(0, -1);
  const cumulative = spectra.at(-1) as Spectrum;

  it('has 690 rows plus the accumulated spectrum, 43510 s in all, from 2023-12-01', () => {
    expect(rows).toHaveLength(690);
    expect(rows.reduce((sum, s) => sum + (s.meta.realTimeS as number), 0)).toBe(43510);
    expect(rows.map((s) => s.meta.sampleNumber)).toEqual(Array.from({ length: 690 }, (_, i) => i));
    expect(rows[0]?.meta).toMatchObject({
      format: 'gamma-radiacode-spectrogram',
      channelCount: 1024,
      realTimeS: 60,
      startTime: '2023-12-01T08:16:11.496Z',
      endTime: '2023-12-01T08:17:11.496Z',
      instrument: 'RadiaCode-102 RC-102-001272',
      spectrogramTime: '2023-12-01 00:16:11',
      accumulationTimeS: 43510,
      liveTimeEstimated: false,
    });
    expect(rows[0]?.meta.liveTimeS).toBeUndefined();
    expect(cumulative.meta).toMatchObject({
      cumulative: true,
      realTimeS: 1586387,
      endTime: '2023-12-01T08:16:11.259Z',
    });
  });

  it('keeps the float32 calibration −12.994 + 2.45003·ch + 3.365e-4·ch² exactly', () => {
    const c = rows[0]?.x.calibration?.coefficients as number[];
    expect(c).toEqual([Math.fround(-12.994064), Math.fround(2.4500298), Math.fround(0.00033654124)]);
    expect(c[0]).toBeCloseTo(-12.994, 3);
  });

  it('the rows do not sum to the accumulated spectrum: that one is the device total since its last reset', () => {
    const sum = new Float64Array(1024);
    for (const s of rows)
      s.y.values.forEach((v, i) => {
        sum[i] = (sum[i] as number) + v;
      });
    expect(sum.reduce((a, b) => a + b, 0)).toBe(249362);
    expect(cumulative.y.values.reduce((a, b) => a + b, 0)).toBe(1696187751);
    // …and it holds more than the rows in every channel (it covers 1586387 s, the rows 43510 s).
    expect(cumulative.y.values.every((v, i) => v >= (sum[i] as number))).toBe(true);
  });

  it('K-40 (≈1461 keV) is the strongest peak above 1000 keV in the sum of the rows', () => {
    const sum = new Float64Array(1023); // the last channel is an overflow bin
    for (const s of rows) for (let i = 0; i < 1023; i++) sum[i] = (sum[i] as number) + (s.y.values[i] as number);
    const x = rows[0]?.x.values as Float64Array;
    const smooth = (i: number): number => {
      let total = 0;
      for (let k = -4; k <= 4; k++) total += sum[i + k] as number;
      return total / 9;
    };
    // Net height above the mean of the two sides 30 channels away (a top-hat filter, ≈ 2 FWHM of CsI at 1.4 MeV).
    let best = -Infinity;
    let at = 0;
    for (let i = 34; i < 1023 - 34; i++) {
      if ((x[i] as number) < 1000) continue;
      const net = smooth(i) - (smooth(i - 30) + smooth(i + 30)) / 2;
      if (net > best) [best, at] = [net, x[i] as number];
    }
    expect(Math.abs(at - 1461)).toBeLessThan(25);
  });

  it('parses in well under a second', () => {
    const t0 = performance.now();
    parseRadiacodeSpectrogram(fixture, 'K40.rcspg');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('is sniffed', () => {
    expect(sniffRadiacodeSpectrogram(fixture.subarray(0, 65536))).toBe(0.95);
    expect(sniffRadiacodeSpectrogram(encode('Spectrum: 00'))).toBe(0);
  });
});

describe('RadiaCode spectrogram errors', () => {
  const header =
    'Spectrogram: x\tTime: 2023-12-01 00:16:11\tTimestamp: 133458921712590000\tAccumulation time: 60\tChannels: 2\tDevice serial: RC-103G-000001\tFlags: 1\tComment: ';
  const hex = `Spectrum: 3C 00 00 00 ${'00 00 80 3F '.repeat(3)}01 00 00 00 02 00 00 00`;
  const failure = (text: string): WorkbenchError =>
    errorFor('bad.rcspg', () => parseRadiacodeSpectrogram(encode(text), 'bad.rcspg'));

  it('reads a minimal file, with omitted trailing zeros and a GAGG model', () => {
    const spectra = parseRadiacodeSpectrogram(encode(`${header}\n${hex}\n133458922314960000\t60\t5\n`), 'ok.rcspg');
    expect(spectra).toHaveLength(2);
    expect(Array.from(spectra[0]?.y.values ?? [])).toEqual([5, 0]);
    expect(spectra[0]?.meta).toMatchObject({ detectorType: 'GAGG', instrument: 'RadiaCode-103G RC-103G-000001' });
    expect(Array.from(spectra[1]?.y.values ?? [])).toEqual([1, 2]);
  });

  it.each([
    ['not a spectrogram', 'Track: x', 'NOT_A_SPECTRUM'],
    ['only the header', `${header}\n`, 'TRUNCATED'],
    ['cut in the hex line', `${header}\n${hex.slice(0, 40)}`, 'TRUNCATED'],
    ['hex line of the wrong length before rows', `${header}\n${hex} 00\n1 1 1\n`, 'INVALID_DATA'],
    ['a bad hex byte', `${header}\n${hex.replace('3C', 'ZZ')}\n`, 'INVALID_DATA'],
    ['an absurd channel count', header.replace('Channels: 2', 'Channels: 99999999'), 'INVALID_DATA'],
    ['a row with too many counts', `${header}\n${hex}\n133458922314960000\t60\t1\t2\t3\n`, 'INVALID_DATA'],
    ['a count that is not a number', `${header}\n${hex}\n133458922314960000\t60\t1\tx\n`, 'INVALID_DATA'],
    ['a row without duration', `${header}\n${hex}\n133458922314960000\n`, 'TRUNCATED'],
    ['a timestamp far out of range', `${header}\n${hex}\n99999999999999999999\t60\t1\n`, 'INVALID_DATA'],
  ])('%s → %s', (_name, text, code) => {
    expect(failure(text).code).toBe(code);
  });
});

describe('RadiaCode spectrogram robustness (fast-check, fixed seed)', () => {
  const small = fixture.subarray(0, fixture.indexOf(10, fixture.indexOf(10, fixture.indexOf(10) + 1) + 1) + 2000);
  it('random bytes (alone and after a valid header), truncations and byte mutations', () => {
    fuzzReader({
      parse: parseRadiacodeSpectrogram,
      fileName: 'fuzz.rcspg',
      fixture: small,
      seed: 1601,
      maxLength: 2000,
      prefixes: [fixture.subarray(0, 300)],
    });
  });
});
