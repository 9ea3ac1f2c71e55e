import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum, WorkbenchError, WorkbenchErrorCode } from '../../../core';
import { errorFor, fullestChannel, fuzzReader, peakNear, utf16le } from './readerTestSupport';
import { parseSpe } from './spe';
import { sniffSpe } from './spe.format';

const FIXTURES = new URL('../../../../test/fixtures/grs/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const only = (spectra: Spectrum[]): Spectrum => {
  expect(spectra).toHaveLength(1);
  return spectra[0] as Spectrum;
};
const fixture = (name: string): Spectrum => only(parseSpe(bytesOf(name), name));

function expectPeaks(
  spectrum: Spectrum,
  expected: readonly number[],
  halfWidth: number,
  tolerance: number,
  smooth = 1,
): void {
  for (const e of expected) {
    const peak = peakNear(spectrum, e, halfWidth, smooth);
    // Smoothing lowers the edge noise the ratio is taken against; ask for less there.
    expect(peak.sigmas, `peak near ${e}`).toBeGreaterThan(smooth > 1 ? 3 : 5);
    expect(Math.abs(peak.centroid - e), `peak near ${e} found at ${peak.centroid}`).toBeLessThan(tolerance);
  }
}

function expectError(bytes: Uint8Array, code: WorkbenchErrorCode, message: RegExp): void {
  const error = errorFor('bad.spe', () => parseSpe(bytes, 'bad.spe'));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

describe('parseSpe on the becquerel fixtures (MANIFEST values)', () => {
  it('Mendocino kelp (HPGe): times, 8192 channels, E = 0.378444·ch, K-40 strongest at 1460.8 keV', () => {
    const s = fixture('bq_mendocino_kelp_poptop_hpge.spe');
    expect(s.meta).toMatchObject({
      format: 'gamma-spe',
      liveTimeS: 595642,
      realTimeS: 595798,
      startTime: '2013-10-11T10:30:10',
      channelCount: 8192,
      title: 'No sample description was entered.',
      instrument: 'BETA MCB 129 Input 1',
      detectorNumber: '5',
      software: 'GammaVision Version 6.09',
      fwhmCoefficients: '4.273686,0,0',
      calibrationSource: '$MCA_CAL',
    });
    expect(s.meta.remarks).toBe('DET# 5\nDETDESC# BETA MCB 129 Input 1\nAP# GammaVision Version 6.09');
    expect(s.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [0, 0.378444, 0],
      channelCount: 8192,
      unit: 'keV',
    });
    expect(s.x.unit).toBe('keV');
    expect(s.x.values[1000]).toBeCloseTo(378.444, 9);
    expect(s.x.values[fullestChannel(s, -Infinity, Infinity)]).toBeCloseTo(1460.8, 0);
    expectPeaks(s, [1460.8, 510.9, 2614.7, 609.3, 351.9], 6, 0.5);
  });

  it.each([
    ['bq_1110C_naa_cave_background_hpge.spe', 437817, 437903, '2017-04-26T11:05:11', [1461.4, 511.1, 2615.7, 609.6]],
    ['bq_1110C_naa_cave_pottery_hpge.spe', 16543, 16557, '2017-04-25T12:54:27', [121.8, 1333.1, 1173.8, 344.5]],
  ])('%s: 16384 channels, quadratic calibration, MANIFEST peaks', (name, live, real, start, peaks) => {
    const s = fixture(name);
    expect(s.meta).toMatchObject({ liveTimeS: live, realTimeS: real, startTime: start, channelCount: 16384 });
    expect(s.x.calibration?.coefficients).toEqual([-0.035087, 0.1828039, -6.86613e-10]);
    expect(s.meta.fwhmCoefficients).toBe('4.714864,0.001056482,-2.50616e-8');
    expectPeaks(s, peaks, 4, 0.5);
  });

  it('Kromek D3S (CsI): 4094 channels, no calibration → channel axis, peaks at channels 117, 605, 1093', () => {
    const s = fixture('bq_kromek_d3s_csi_ba133_cs137.spe');
    expect(s.meta).toMatchObject({
      liveTimeS: 300,
      realTimeS: 300,
      channelCount: 4094,
      startTime: '2018-07-11T00:00:00',
    });
    expect(s.meta.title).toBe('Spectrum from a D3S CsI detector with Ba-133 and Cs-137 sources.');
    expect(s.meta.calibrationProblem).toBe('the file has no energy calibration');
    expect(s.x).toMatchObject({ unit: 'channel', quantity: 'channel' });
    expect(s.x.calibration).toBeUndefined();
    // CsI peaks are tens of channels wide with few counts: smoothed, and compared within 15 channels.
    expectPeaks(s, [116.8, 605.3, 1092.9], 60, 15, 9);
  });

  it('digiBASE (NaI): all-zero calibration → channel axis, calibration kept, calibrationProblem set', () => {
    const s = fixture('bq_digibase_nai_bad_cal.spe');
    expect(s.meta).toMatchObject({ liveTimeS: 296, realTimeS: 300, channelCount: 1024, instrument: 'digiBASE' });
    expect(s.meta.calibrationProblem).toBe('all energy calibration coefficients are zero');
    expect(s.x.unit).toBe('channel');
    expect(s.x.calibration?.coefficients).toEqual([0, 0, 0]);
  });

  it('NaI background and simulated spectrum: channel axes of 1001 and 1024 channels', () => {
    const nai = fixture('bq_nai_background.spe');
    expect(nai.meta).toMatchObject({ liveTimeS: 3600, realTimeS: 3600, channelCount: 1001 });
    expectPeaks(nai, [54.9, 724.5], 40, 10, 9);
    const sim = fixture('bq_sim_csi_background_SIMULATED.spe');
    expect(sim.meta).toMatchObject({ liveTimeS: 100, realTimeS: 100, channelCount: 1024 });
    expect(sim.x.unit).toBe('channel');
  });

  it('reads a UTF-16LE copy (with BOM) exactly like the original', () => {
    const bytes = bytesOf('bq_mendocino_kelp_poptop_hpge.spe');
    const original = only(parseSpe(bytes, 'kelp.spe'));
    const wide = utf16le(new TextDecoder().decode(bytes));
    expect(sniffSpe(wide.subarray(0, 65536), 'kelp.spe')).toBeGreaterThanOrEqual(0.9);
    const copy = only(parseSpe(wide, 'kelp.spe'));
    expect(copy.meta).toEqual(original.meta);
    expect(copy.x).toEqual(original.x);
    expect(copy.y.values).toEqual(original.y.values);
  });
});

describe('parseSpe: layout variants', () => {
  const head = '$SPEC_ID:\nTest\n$MEAS_TIM:\n10 12\n';
  it('reads several counts per line, a first channel above 0 (zero padded) and $ENER_FIT', () => {
    const s = only(parseSpe(encode(`${head}$DATA:\n2 6\n1 2 3\n4\t5\n$ENER_FIT:\n1.5 2\n`), 'a.spe'));
    expect(Array.from(s.y.values)).toEqual([0, 0, 1, 2, 3, 4, 5]);
    expect(s.meta).toMatchObject({
      firstChannel: 2,
      liveTimeS: 10,
      realTimeS: 12,
      title: 'Test',
      calibrationSource: '$ENER_FIT',
    });
    expect(Array.from(s.x.values)).toEqual([1.5, 3.5, 5.5, 7.5, 9.5, 11.5, 13.5]);
  });

  it('prefers $MCA_CAL over $ENER_FIT, unless it is all zero; converts MeV; keeps deviation pairs', () => {
    const data = '$DATA:\n0 3\n1\n2\n3\n4\n';
    const both = only(parseSpe(encode(`${head}${data}$ENER_FIT:\n0 1\n$MCA_CAL:\n2\n0 2 keV\n`), 'a.spe'));
    expect(both.x.calibration?.coefficients).toEqual([0, 2]);
    const zero = only(parseSpe(encode(`${head}${data}$ENER_FIT:\n0 1\n$MCA_CAL:\n3\n0 0 0\n`), 'a.spe'));
    expect(zero.x.calibration?.coefficients).toEqual([0, 1]);
    const mev = only(parseSpe(encode(`${head}${data}$MCA_CAL:\n2\n0 0.002 MeV\n`), 'a.spe'));
    expect(mev.x.calibration?.coefficients).toEqual([0, 2]);
    expect(mev.meta.calibrationUnitInFile).toBe('MeV');
    const dev = `$MCA_CAL:\n2\n0 1\n$NON_LINEAR_DEVIATIONS:\n2\n0 0\n3 0.5\n`;
    const withPairs = only(parseSpe(encode(`${head}${data}${dev}`), 'a.spe'));
    expect(withPairs.x.calibration?.deviationPairs).toEqual([
      [0, 0],
      [3, 0.5],
    ]);
    const bad = only(parseSpe(encode(`${head}${data}$MCA_CAL:\nthree\n0 1\n`), 'a.spe'));
    expect(bad.meta.calibrationWarning).toMatch(/MCA_CAL/);
    expect(bad.x.unit).toBe('channel');
  });

  it('keeps GPS, neutrons, dose rate, $RT/$DT and short unknown keys in meta; splits at $ENDRECORD', () => {
    const extra =
      '$GPS:\nLat=37.5\nLon=-122.25\nSpeed=3\nAlt=12\n$NEUTRONS:\n7.000000  (total)\n$DOSE_RATE:\n0.12\n' +
      '$RT:\n301\n$DT:\n1.5\n$TEMPERATURE:\n21.5 C\n$ROI:\n1\n3 4\n';
    const two = `${head}$DATA:\n0 1\n5\n6\n${extra}$ENDRECORD:\n$MEAS_TIM:\n1 2\n$DATA:\n0 1\n7 8\n$ENDRECORD:\n`;
    const [a, b, ...rest] = parseSpe(encode(two), 'multi.spe');
    expect(rest).toHaveLength(0);
    expect(a?.meta).toMatchObject({
      latitude: 37.5,
      longitude: -122.25,
      speed: 3,
      gpsAlt: 12,
      neutronCounts: 7,
      doseRate: 0.12,
      'spe.RT': 301,
      'spe.DT': 1.5,
      'spe.TEMPERATURE': '21.5 C',
    });
    expect(a?.meta['spe.ROI']).toBeUndefined();
    expect(b?.id).toBe('multi.spe#1');
    expect(Array.from(b?.y.values ?? [])).toEqual([7, 8]);
    expect(b?.meta).toMatchObject({ liveTimeS: 1, realTimeS: 2 });
  });

  it('keeps a date it cannot read as text, and reads a day-first date when the month cannot be first', () => {
    const odd = only(parseSpe(encode('$DATE_MEA:\nyesterday\n$DATA:\n0 1\n1\n2\n'), 'a.spe'));
    expect(odd.meta.startTimeText).toBe('yesterday');
    const dayFirst = only(parseSpe(encode('$DATE_MEA:\n25/08/2021 11:34:36\n$DATA:\n0 1\n1\n2\n'), 'a.spe'));
    expect(dayFirst.meta.startTime).toBe('2021-08-25T11:34:36');
  });
});

describe('parseSpe: errors', () => {
  it.each([
    ['no section line', 'hello\n1 2 3\n', 'NOT_A_SPECTRUM', /no `\$KEY:` section/],
    ['no $DATA:', '$SPEC_ID:\nx\n$MEAS_TIM:\n1 1\n', 'NOT_A_SPECTRUM', /no `\$DATA:` section/],
    [
      'fewer counts than the range',
      '$DATA:\n0 9\n1\n2\n3\n',
      'TRUNCATED',
      /channels 0…9 \(10 counts\).*after 3 counts/,
    ],
    ['a range far beyond the counts', '$DATA:\n0 4294967295\n1\n2\n', 'TRUNCATED', /4294967296 counts.*after 2 counts/],
    ['a cut range line', '$MEAS_TIM:\n1 2\n$DATA:\n', 'TRUNCATED', /ends after the \$DATA: line \(line 3\)/],
    ['a non-numeric count', '$DATA:\n0 3\n1\n2\nthree\n4\n', 'INVALID_DATA', /line 5: the count "three"/],
    ['a bad channel range', '$DATA:\n5 2\n1\n', 'INVALID_DATA', /line 2: .*first ≤ last/],
    [
      'a channel beyond 2^20',
      '$DATA:\n2000000 2000001\n1\n2\n',
      'INVALID_DATA',
      /beyond the largest supported channel/,
    ],
    ['a non-numeric live time', '$MEAS_TIM:\nlive real\n$DATA:\n0 0\n1\n', 'INVALID_DATA', /line 2: \$MEAS_TIM:/],
  ] as const)('%s → %s', (_, text, code, message) => {
    expectError(encode(text), code, message);
  });

  it('says BINARY_FILE for binary bytes', () => {
    expectError(new Uint8Array([0x24, 0, 1, 2, 3]), 'BINARY_FILE', /binary/);
  });
});

describe('sniffSpe', () => {
  it('scores SPE section heads ≥ 0.9, an .spe name alone 0.05, anything else 0', () => {
    for (const name of ['bq_mendocino_kelp_poptop_hpge.spe', 'bq_kromek_d3s_csi_ba133_cs137.spe']) {
      expect(sniffSpe(bytesOf(name).subarray(0, 65536), name)).toBeGreaterThanOrEqual(0.9);
    }
    expect(sniffSpe(encode('\r\n$DATA:\r\n0 1\r\n'), 'x.txt')).toBe(0.9);
    expect(sniffSpe(encode('channel,counts\n0,1\n'), 'x.spe')).toBe(0.05);
    expect(sniffSpe(encode('channel,counts\n0,1\n'), 'x.csv')).toBe(0);
    expect(sniffSpe(new Uint8Array([0, 1, 2]), 'x.spe')).toBe(0);
    expect(sniffSpe(bytesOf('bq_hpge_dummy_test_01.iec'), 'x.iec')).toBe(0);
  });
});

describe('parseSpe: properties', () => {
  const small = bytesOf('bq_nai_background.spe');
  const kelp = bytesOf('bq_mendocino_kelp_poptop_hpge.spe');

  it('random bytes (alone and after a $DATA record), truncations, mutations and bit flips of a fixture', () => {
    fuzzReader({
      parse: parseSpe,
      fileName: 'fuzz.spe',
      fixture: small,
      seed: 1455,
      maxLength: 400,
      prefixes: [encode('$DATA:\n0 3\n')],
    });
  });

  it('the HPGe fixture gives TRUNCATED when cut inside the counts, and never another exception', () => {
    const dataStart = new TextDecoder().decode(kelp).indexOf('0 8191') + 8;
    const dataEnd = new TextDecoder().decode(kelp).indexOf('$ROI:');
    fuzzReader({
      parse: parseSpe,
      fileName: 'fuzz.spe',
      fixture: kelp,
      seed: 61455,
      numRuns: 100,
      maxLength: 400,
      onTruncation: (cut, result) => {
        if (cut > dataStart + 20 && cut < dataEnd - 20) expect((result as WorkbenchError).code).toBe('TRUNCATED');
      },
    });
  });

  it('written SPE text reads back: counts, times and calibration', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 300 }),
        fc.nat(5),
        fc.tuple(
          fc.double({ min: -5, max: 5, noNaN: true }).map((v) => v + 0),
          fc.double({ min: 0.01, max: 10, noNaN: true }),
        ),
        fc.tuple(fc.nat(10 ** 7), fc.nat(10 ** 7)),
        (counts, perLine, [offset, gain], [live, real]) => {
          const rows: string[] = [];
          for (let i = 0; i < counts.length; i += perLine + 1) rows.push(counts.slice(i, i + perLine + 1).join(' '));
          const text = `$MEAS_TIM:\r\n${live} ${real}\r\n$DATA:\r\n0 ${counts.length - 1}\r\n${rows.join('\r\n')}\r\n$MCA_CAL:\r\n2\r\n${offset} ${gain} keV\r\n`;
          const s = only(parseSpe(encode(text), 'gen.spe'));
          expect(Array.from(s.y.values)).toEqual(counts);
          expect(s.x.calibration?.coefficients).toEqual([offset, gain]);
          expect([s.meta.liveTimeS, s.meta.realTimeS]).toEqual([live, real]);
        },
      ),
      { seed: 7, numRuns: 100 },
    );
  });
});
