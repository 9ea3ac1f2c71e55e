import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Spectrum, WorkbenchError, type WorkbenchErrorCode } from '../../../core';
import { parseIec1455 } from './iec1455';
import { sniffIec1455 } from './iec1455.format';
import { errorFor, fuzzReader, peakNear } from './readerTestSupport';
import { splitTouchingExponents } from './textGammaText';

const NAME = 'bq_hpge_dummy_test_01.iec';
const bytes = new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/grs/${NAME}`, import.meta.url)));
const text = new TextDecoder().decode(bytes);
const records = text.split('\r\n');
const encode = (value: string): Uint8Array => new TextEncoder().encode(value);
/** The fixture with some records (0-based line index → new line) replaced. */
const edited = (changes: Record<number, string>): Uint8Array =>
  encode(records.map((line, i) => changes[i] ?? line).join('\r\n'));
const parseOne = (input: Uint8Array): Spectrum => {
  const spectra = parseIec1455(input, 'x.iec');
  expect(spectra).toHaveLength(1);
  return spectra[0] as Spectrum;
};

function expectError(input: Uint8Array, code: WorkbenchErrorCode, message: RegExp): void {
  const error = errorFor('bad.iec', () => parseIec1455(input, 'bad.iec'));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

describe('parseIec1455 on the becquerel fixture (MANIFEST values)', () => {
  it('reads times, 2048 channels, the quadratic calibration and the metadata records', () => {
    const s = parseOne(bytes);
    expect(s.meta).toMatchObject({
      format: 'gamma-iec1455',
      liveTimeS: 3564,
      realTimeS: 3600,
      channelCount: 2048,
      startTime: '2021-09-12T10:54:31',
      sampleCollectionTime: '2021-08-25T11:34:36',
      instrument: 'NUCICA HPGE',
      detectorType: 'HPGe',
      title: 'Dummy data / No real sample used / Test case 1',
      fwhmCoefficients: '0.1,0.02,0.003,0.0004',
    });
    expect(s.meta.energyChannelPairs).toBeUndefined();
    expect(s.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [-0.0155656, 0.8, -2.97939e-8, 0],
      channelCount: 2048,
      unit: 'keV',
    });
    expect(s.x.unit).toBe('keV');
    expect(s.x.values[1000]).toBeCloseTo(-0.0155656 + 800 - 2.97939e-2, 9);
    expect(Array.from(s.y.values.subarray(0, 7))).toEqual([40680, 41390, 41100, 40900, 41720, 41790, 41920]);
    expect(Array.from(s.y.values.subarray(2040))).toEqual([2, 2, 0, 0, 0, 0, 0, 0]);
  });

  it('shows the photopeaks at 1332.0 and 1172.7 keV, and the broad humps at 946.5 and 224.6 keV', () => {
    const s = parseOne(bytes);
    for (const e of [1332.0, 1172.7]) expect(Math.abs(peakNear(s, e, 5).centroid - e), `peak ${e}`).toBeLessThan(0.5);
    // 946.5 and 224.6 keV are the tops of broad humps of the continuum (tens of keV wide), not photopeaks.
    for (const [e, lo, hi] of [
      [946.5, 900, 1000],
      [224.6, 200, 250],
    ] as const) {
      let best = -1;
      for (let i = 0; i < s.x.values.length; i++) {
        const energy = s.x.values[i] as number;
        if (energy > lo && energy < hi && (best < 0 || (s.y.values[i] as number) > (s.y.values[best] as number)))
          best = i;
      }
      expect(Math.abs((s.x.values[best] as number) - e), `hump ${e}`).toBeLessThan(6);
    }
  });

  it('keeps non-zero energy/channel, resolution and efficiency pairs, and skips lines without A004', () => {
    const s = parseOne(
      edited({
        10: 'A004 1.17320000E+03 1.46650000E+03 1.33250000E+03-1.66560000E+03',
        22: 'A004 1.33250000E+03 1.90000000E+00 0.00000000E+00 0.00000000E+00',
        34: 'A004 6.61660000E+02 2.50000000E-02 0.00000000E+00 0.00000000E+00',
        57: 'A004                                                                \r\nstray line',
      }),
    );
    expect(s.meta).toMatchObject({
      energyChannelPairs: '1173.2 1466.5; 1332.5 -1665.6',
      energyResolutionPairs: '1332.5 1.9',
      energyEfficiencyPairs: '661.66 0.025',
      ignoredLines: 1,
    });
  });

  it('splits touching E-format fields after each exponent', () => {
    expect(splitTouchingExponents('-1.55656000E-02 8.00000000E-01-2.97939000E-08 0.00000000E+00')).toEqual([
      '-1.55656000E-02',
      '8.00000000E-01',
      '-2.97939000E-08',
      '0.00000000E+00',
    ]);
    expect(splitTouchingExponents('1.0E+100-2.5e-07+3.0E+01')).toEqual(['1.0E+100', '-2.5e-07', '+3.0E+01']);
  });

  it('reads record 1 without a system name (becquerel accepts that too)', () => {
    const s = parseOne(edited({ 0: 'A004          NaI   2   0     0' }));
    expect(s.meta).toMatchObject({ instrument: 'NaI', detectorType: 'NaI', adcNumber: 2 });
  });

  it('gives a channel axis with calibrationProblem when record 4 is all zero', () => {
    const s = parseOne(edited({ 3: 'A004 0.00000000E+00 0.00000000E+00 0.00000000E+00 0.00000000E+00' }));
    expect(s.x.unit).toBe('channel');
    expect(s.meta.calibrationProblem).toBe('all energy calibration coefficients are zero');
  });
});

describe('parseIec1455: errors', () => {
  const head = records.slice(0, 58).join('\r\n');
  it.each([
    ['no A004 record', 'NOT_A_SPECTRUM', /no line starts with "A004"/, encode('hello\r\nworld\r\n')],
    ['only record 1', 'TRUNCATED', /after record 1, before record 2/, encode(`${records[0]}\r\n`)],
    ['no data records', 'TRUNCATED', /after record 58, before record 59/, encode(`${head}\r\n`)],
    ['cut in the data', 'TRUNCATED', /2048 channels .* only 210 counts/, encode(records.slice(0, 100).join('\r\n'))],
    ['a huge channel count', 'TRUNCATED', /999999999 channels/, edited({ 1: 'A004 3564.00 3600.00 999999999' })],
    ['bad times', 'INVALID_DATA', /line 2: record 2 .* live and real/, edited({ 1: 'A004 live real 2048' })],
    ['a fractional channel count', 'INVALID_DATA', /line 2: .*number of channels/, edited({ 1: 'A004 1 2 20.5' })],
    ['a non-numeric count', 'INVALID_DATA', /line 61: the count "4x590"/, edited({ 60: 'A004    10 42620 4x590' })],
    [
      'a skipped data record',
      'INVALID_DATA',
      /line 61: .* channel 15, expected 10/,
      edited({ 60: 'A004    15 42620' }),
    ],
  ] as const)('%s → %s', (_, code, message, input) => {
    expectError(input, code, message);
  });

  it('says BINARY_FILE for binary bytes', () => {
    expectError(new Uint8Array([0x41, 0x30, 0x30, 0x34, 0, 1]), 'BINARY_FILE', /binary/);
  });
});

describe('sniffIec1455', () => {
  it('scores A004 records 0.9, an .iec name alone 0.05, anything else 0', () => {
    expect(sniffIec1455(bytes, NAME)).toBe(0.9);
    expect(sniffIec1455(bytes, 'renamed.txt')).toBe(0.9);
    expect(sniffIec1455(encode('x,y\n1,2\n'), 'a.iec')).toBe(0.05);
    expect(sniffIec1455(encode('$SPEC_ID:\nA004\n'), 'a.spe')).toBe(0);
    expect(sniffIec1455(new Uint8Array([0, 1, 2]), 'a.iec')).toBe(0);
  });
});

describe('parseIec1455: properties', () => {
  it('random bytes (alone or after valid records), truncations (TRUNCATED inside the data), mutations', () => {
    const dataStart = encode(records.slice(0, 58).join('\r\n')).length;
    fuzzReader({
      parse: parseIec1455,
      fileName: 'fuzz.iec',
      fixture: bytes,
      seed: 1455,
      maxLength: 300,
      prefixes: [encode(`${records.slice(0, 60).join('\r\n')}\r\n`)],
      onTruncation: (cut, result) => {
        if (cut < dataStart || cut > bytes.length - 400) return;
        expect(result).toBeInstanceOf(WorkbenchError);
        expect(['TRUNCATED', 'INVALID_DATA']).toContain((result as WorkbenchError).code);
      },
    });
  });
});
