import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelCalibration, Spectrum, WorkbenchError, WorkbenchErrorCode } from '../../../core';
import { parseFile } from '../../../formats/parseFile';
import { delimitedTextFormat, sniffDelimitedText } from '../../../formats/readers/delimitedText.format';
import { type GammaRecord, type MeasurementClass, toGammaSpectrum } from '../gammaSpectrum';
import { parseGammaCsv } from './gammaCsv';
import { gammaCsvFormat, sniffGammaCsv } from './gammaCsv.format';
import { parseIec1455 } from './iec1455';
import { errorFor, fuzzReader } from './readerTestSupport';
import { parseSpe } from './spe';
import { writeGammaCsv } from './writeGammaCsv';

const FIXTURES = new URL('../../../../test/fixtures/grs/', import.meta.url);
const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = (text: string, name = 'g.csv'): Spectrum[] => parseGammaCsv(encode(text), name);
const without = (meta: Spectrum['meta'], ...keys: string[]): Spectrum['meta'] =>
  Object.fromEntries(Object.entries(meta).filter(([key]) => !keys.includes(key)));

/** Asserts that `back` is `original` after a write/read round trip, bit for bit. */
function expectSameSpectrum(back: Spectrum | undefined, original: Spectrum): void {
  expect(back).toBeDefined();
  const b = back as Spectrum;
  expect(b.y.values.length).toBe(original.y.values.length);
  original.y.values.forEach((v, i) => {
    if (!Object.is(b.y.values[i], v)) expect.fail(`count ${i}: ${b.y.values[i]} ≠ ${v}`);
  });
  original.x.values.forEach((v, i) => {
    if (!Object.is(b.x.values[i], v)) expect.fail(`x ${i}: ${b.x.values[i]} ≠ ${v}`);
  });
  expect([b.x.unit, b.x.quantity]).toEqual([original.x.unit, original.x.quantity]);
  expect(b.x.calibration).toEqual(original.x.calibration);
  for (const [k, c] of (original.x.calibration?.coefficients ?? []).entries()) {
    expect(Object.is(b.x.calibration?.coefficients[k], c)).toBe(true);
  }
  expect(Object.is(b.meta.liveTimeS, original.meta.liveTimeS)).toBe(true);
  expect(Object.is(b.meta.realTimeS, original.meta.realTimeS)).toBe(true);
  expect(b.meta.format).toBe('gamma-csv');
  expect(b.meta.sourceFormat).toBe(original.meta.format);
  expect(without(b.meta, 'format', 'sourceFormat')).toEqual(without(original.meta, 'format', 'sourceFormat'));
}

describe('writeGammaCsv → parseGammaCsv on real files', () => {
  it('round-trips SPE and IEC fixtures, several spectra in one file, calibrated or not', () => {
    const originals = [
      ...parseSpe(fixtureBytes('bq_mendocino_kelp_poptop_hpge.spe'), 'kelp.spe'),
      ...parseIec1455(fixtureBytes('bq_hpge_dummy_test_01.iec'), 'dummy.iec'),
      ...parseSpe(fixtureBytes('bq_digibase_nai_bad_cal.spe'), 'digibase.spe'),
      ...parseSpe(fixtureBytes('bq_kromek_d3s_csi_ba133_cs137.spe'), 'kromek.spe'),
    ];
    const text = writeGammaCsv(originals);
    expect(text.startsWith('# Spectralligence gamma spectrum\n# version: 1\n# channels: 8192\n')).toBe(true);
    expect(text).toContain('\n\n# Spectralligence gamma spectrum\n');
    expect(text).toContain('\nchannel,energy_keV,counts\n0,0,0\n1,0.378444,0\n');
    expect(text).toContain('\nchannel,energy_keV,counts\n0,,0\n'); // no energies on a channel axis
    const back = read(text, 'all.csv');
    expect(back.map((s) => s.id)).toEqual(['all.csv#0', 'all.csv#1', 'all.csv#2', 'all.csv#3']);
    for (const [i, s] of back.entries()) expectSameSpectrum(s, originals[i] as Spectrum);
    expect(back[0]?.x.unit).toBe('keV');
    expect(back[0]?.x.values[3860]).toBeCloseTo(1460.79, 2);
    expect(back[2]?.meta.calibrationProblem).toBe('all energy calibration coefficients are zero');
    expect(back[3]?.x.calibration).toBeUndefined();
  });

  it('returns an empty string for no spectra', () => {
    expect(writeGammaCsv([])).toBe('');
  });
});

const anyDouble = fc.double();
const nonNegative = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true });
const countValue = fc.oneof(fc.nat(), fc.maxSafeNat(), nonNegative);
const calibrationArb = (n: number): fc.Arbitrary<ChannelCalibration | undefined> =>
  fc.oneof(
    fc.constant(undefined),
    fc.record(
      {
        model: fc.constantFrom('polynomial' as const, 'fullRangeFraction' as const),
        coefficients: fc.array(anyDouble, { minLength: 1, maxLength: 5 }),
        deviationPairs: fc.array(fc.tuple(anyDouble, anyDouble), { maxLength: 4 }),
        channelCount: fc.oneof(fc.constant(n), fc.nat()),
        unit: fc.constantFrom('keV' as const, 'MeV' as const),
      },
      { requiredKeys: ['model', 'coefficients', 'channelCount', 'unit'] },
    ),
    // A usable calibration, so that the energy column is exercised.
    fc.tuple(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true })).map(
      ([c0, c1]): ChannelCalibration => ({
        model: 'polynomial',
        coefficients: [c0, c1],
        channelCount: n,
        unit: 'keV',
      }),
    ),
  );
const RESERVED = new Set(['format', 'channelCount', 'calibrationProblem', 'sourceFormat', '__proto__']);
const text = fc.string({ unit: 'binary', maxLength: 20 });
const recordArb: fc.Arbitrary<GammaRecord> = fc.array(countValue, { minLength: 1, maxLength: 120 }).chain((counts) =>
  fc.record(
    {
      counts: fc.constant(Float64Array.from(counts)),
      calibration: calibrationArb(counts.length),
      liveTimeS: nonNegative,
      realTimeS: nonNegative,
      startTime: fc.constantFrom('2017-04-26T11:05:11', '2021-09-12', ' spaced ', '"quoted"'),
      title: text,
      detector: text,
      detectorType: fc.constantFrom('HPGe', 'NaI'),
      instrument: text,
      measurementClass: fc.constantFrom<MeasurementClass>('Foreground', 'Background', 'NotSpecified'),
      sampleNumber: fc.integer(),
      meta: fc.dictionary(
        fc.string({ maxLength: 8 }).filter((key) => !RESERVED.has(key)),
        fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
        { maxKeys: 4 },
      ),
    },
    { requiredKeys: ['counts'] },
  ),
) as fc.Arbitrary<GammaRecord>;

describe('gamma CSV: round-trip property', () => {
  it('random counts, calibrations and metadata read back identically (Object.is per value)', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (records, crlf) => {
        const originals = records.map((r, i) => toGammaSpectrum(r, 'p.spe', i, 'gamma-spe'));
        let written = writeGammaCsv(originals);
        if (crlf) written = written.replaceAll('\n', '\r\n');
        const back = parseGammaCsv(encode(written), 'p.csv');
        expect(back).toHaveLength(originals.length);
        for (const [i, s] of back.entries()) expectSameSpectrum(s, originals[i] as Spectrum);
      }),
      { seed: 20240611, numRuns: 200 },
    );
  });
});

describe('parseGammaCsv: CSVs of other programs (SpecUtils heuristics)', () => {
  it('Channel,Counts → channel axis without calibration', () => {
    const [s] = read('Channel,Counts\n1,5\n2,7\n3,9\n');
    expect(Array.from(s?.y.values ?? [])).toEqual([5, 7, 9]);
    expect(s?.x.unit).toBe('channel');
    expect(s?.meta).toMatchObject({ format: 'gamma-csv', firstChannel: 1, columns: 'Channel, Counts' });
  });

  it('Energy (keV),Counts → lower channel edges in keV, x at the channel middles', () => {
    const preamble = '# exported\nLive Time: 300 s\nReal Time = 310\nEnergy calibration: 0 1\n';
    const [s] = read(`${preamble}Energy (keV),Counts\n10,1\n12,2\n14,3\n`);
    expect(s?.x.calibration).toEqual({
      model: 'lowerChannelEdges',
      coefficients: [10, 12, 14],
      channelCount: 3,
      unit: 'keV',
    });
    expect(Array.from(s?.x.values ?? [])).toEqual([11, 13, 15]);
    expect(s?.meta).toMatchObject({ liveTimeS: 300, realTimeS: 310, 'Energy calibration': '0 1' });
  });

  it.each([
    ['Energy(MeV);Counts;Detector\n0,5;1;a\n1,5;2;a\n', [500, 1500]],
    ['Energy(KeV) Counts\n  1.5  4\n  2.5  5\n', [1.5, 2.5]],
    ['En\tData\n100000\t1\n100500\t2\n', [100, 100.5]],
  ])('reads the energy unit and delimiter of %j', (input, edges) => {
    const [s] = read(input);
    expect(s?.x.calibration?.coefficients).toEqual(edges);
  });

  it('reads one unnamed column as counts, two as (channel | energy, counts)', () => {
    expect(read('5\n6\n7\n')[0]?.y.values).toEqual(Float64Array.from([5, 6, 7]));
    expect(read('0 5\n1 6\n')[0]?.x.unit).toBe('channel');
    expect(read('0.5 5\n1.5 6\n')[0]?.x.calibration?.model).toBe('lowerChannelEdges');
  });

  it.each([
    ['a non-numeric cell', 'Channel,Counts\n0,1\n1,x\n2,3\n', 'INVALID_DATA', /line 3: the count "x"/],
    ['a short last row', 'Channel,Counts\n0,1\n1,2\n2', 'TRUNCATED', /line 4: expected 2 values, found 1/],
    ['a short middle row', 'Channel,Counts\n0,1\n1\n2,3\n', 'INVALID_DATA', /line 3: expected 2 values/],
    ['no counts column', 'Energy,Efficiency,Error\n1,2,3\n', 'NOT_A_SPECTRUM', /no column of counts/],
    ['no table', 'hello\nworld\n', 'NOT_A_SPECTRUM', /no table of counts/],
    ['three unnamed columns', '1,2,3\n4,5,6\n', 'NOT_A_SPECTRUM', /which of the 3 columns/],
    ['a single row', 'Channel,Counts\n0,1\n', 'NOT_A_SPECTRUM', /1 row/],
  ] as const)('%s → %s', (_, input, code, message) => expectError(input, code, message));
});

function expectError(input: string, code: WorkbenchErrorCode, message: RegExp): void {
  const error = errorFor('bad.csv', () => read(input, 'bad.csv'));
  expect(error.code).toBe(code);
  expect(error.message).toMatch(message);
}

describe('parseGammaCsv: errors in the workbench layout', () => {
  const sig = '# Spectralligence gamma spectrum\n';
  it.each([
    ['no header', `${sig}# channels: 2\n`, 'TRUNCATED', /block at line 1 has no column header/],
    ['a wrong header', `${sig}x,y\n0,1\n`, 'INVALID_DATA', /line 2: expected the column header/],
    [
      'a newer version',
      `${sig}# version: 2\nchannel,counts\n0,1\n`,
      'INVALID_DATA',
      /line 2: unsupported gamma CSV version "2"/,
    ],
    [
      'bad calibration JSON',
      `${sig}# calibration: {"model":"spline"}\nchannel,counts\n0,1\n`,
      'INVALID_DATA',
      /line 2: the calibration/,
    ],
    ['bad meta JSON', `${sig}# meta: [1]\nchannel,counts\n0,1\n`, 'INVALID_DATA', /line 2: the metadata/],
    ['a bad live time', `${sig}# liveTimeS: long\nchannel,counts\n0,1\n`, 'INVALID_DATA', /line 2: liveTimeS "long"/],
    ['a skipped channel', `${sig}channel,counts\n0,1\n2,1\n`, 'INVALID_DATA', /line 4: expected channel 1, found "2"/],
    ['a bad count', `${sig}channel,counts\n0,1\n1,many\n`, 'INVALID_DATA', /line 4: the count "many"/],
    [
      'missing rows at the end',
      `${sig}# channels: 5\nchannel,counts\n0,1\n1,2\n`,
      'TRUNCATED',
      /announces 5 channels but holds 2 rows/,
    ],
    [
      'extra rows',
      `${sig}# channels: 1\nchannel,counts\n0,1\n1,2\n`,
      'INVALID_DATA',
      /announces 1 channels but holds 2/,
    ],
    [
      'a cut last row',
      `${sig}channel,energy_keV,counts\n0,1,2\n1,2`,
      'TRUNCATED',
      /line 4: expected 3 values, found 2/,
    ],
    [
      'text after a block',
      `${sig}channel,counts\n0,1\n\nhello\n`,
      'INVALID_DATA',
      /line 5: a new spectrum must start with/,
    ],
  ] as const)('%s → %s', (_, input, code, message) => expectError(input, code, message));
});

describe('sniffGammaCsv', () => {
  const gammaTables = ['Channel,Counts\n0,1\n1,2\n', 'Energy (keV);Counts\n1,5;2\n', '# x\nCh\tEn\tSignal\n0\t1\t2\n'];
  it('scores the signature 0.95 and a Channel/Energy + Counts table 0.6, above the generic reader', () => {
    expect(
      sniffGammaCsv(encode(writeGammaCsv(parseSpe(fixtureBytes('bq_nai_background.spe'), 'n.spe'))), 'n.csv'),
    ).toBe(0.95);
    for (const table of gammaTables) {
      expect(sniffGammaCsv(encode(table), 'a.csv')).toBe(0.6);
      expect(sniffGammaCsv(encode(table), 'a.csv')).toBeGreaterThan(sniffDelimitedText(encode(table), 'a.csv'));
    }
  });

  it.each([
    ['x,y\n1,2\n2,3\n'],
    ['Wavelength,Counts\n1,2\n'],
    ['Channel,Counts\nnone yet\n'],
    ['Channel,Counts,Extra\n0,1\n'],
    ['$SPEC_ID:\nx\n'],
  ])('scores %j 0', (input) => {
    expect(sniffGammaCsv(encode(input), 'a.csv')).toBe(0);
  });

  it('lets parseFile pick gamma-csv for gamma tables and the generic reader for others', async () => {
    const formats = [delimitedTextFormat, gammaCsvFormat];
    const gamma = await parseFile(encode('Energy (keV),Counts\n1,5\n2,6\n'), 'g.csv', { formats });
    expect(gamma.ok && gamma.value.format).toBe('gamma-csv');
    const generic = await parseFile(encode('x,y\n1,5\n2,6\n'), 'g.csv', { formats });
    expect(generic.ok && generic.value.format).toBe('delimited-text');
  });
});

describe('parseGammaCsv: garbage never throws anything but a WorkbenchError', () => {
  const written = encode(writeGammaCsv(parseSpe(fixtureBytes('bq_nai_background.spe'), 'n.spe')));
  it('random bytes (alone and after a signature), truncations of a written file (TRUNCATED except inside the digits of the last count), byte mutations and bit flips', () => {
    const textOf = new TextDecoder().decode(written);
    const dataStart = textOf.indexOf('channel,energy_keV,counts');
    const lastCount = textOf.lastIndexOf(',') + 2; // a cut after the first digit of the last count reads as a number
    fuzzReader({
      parse: parseGammaCsv,
      fileName: 'fuzz.csv',
      fixture: written,
      seed: 77,
      maxLength: 300,
      prefixes: [encode('# Spectralligence gamma spectrum\n'), encode('Channel,Counts\n')],
      onTruncation: (cut, result) => {
        if (cut > dataStart + 30 && cut < lastCount) expect((result as WorkbenchError).code).toBe('TRUNCATED');
      },
    });
  });
});
