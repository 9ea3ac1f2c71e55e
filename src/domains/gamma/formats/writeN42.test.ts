import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelCalibration, Spectrum } from '../../../core';
import { channelEdges } from '../calibration/energyCalibration';
import { type GammaRecord, type MeasurementClass, toGammaSpectrum } from '../gammaSpectrum';
import { parseN42 } from './n42';
import { parseRadiacodeXml } from './radiacodeXml';
import { writeN42 } from './writeN42';

const read = (xml: string): Spectrum[] => parseN42(new TextEncoder().encode(xml), 'round.n42');

/** What a round trip must keep: counts bit for bit, calibration, times and the metadata writeN42 documents. */
function expectSame(after: Spectrum, before: Spectrum): void {
  expect(after.y.values.length).toBe(before.y.values.length);
  before.y.values.forEach((v, i) => {
    if (!Object.is(after.y.values[i], v)) expect.fail(`channel ${i}: ${after.y.values[i]} instead of ${v}`);
  });
  expect(after.x.calibration).toEqual(before.x.calibration);
  for (const key of [
    'liveTimeS',
    'realTimeS',
    'startTime',
    'title',
    'detector',
    'detectorType',
    'instrument',
    'measurementClass',
    'sampleNumber',
    'neutronCounts',
    'latitude',
    'longitude',
    'remarks',
    'deviceIdentifiedNuclides',
  ]) {
    expect([key, after.meta[key]]).toEqual([key, before.meta[key]]);
  }
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const count = fc.oneof(
  fc.nat({ max: 1e6 }),
  fc.constant(0),
  finite,
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY),
);
/** Non-empty trimmed text without the control characters XML cannot hold; markup characters and any Unicode included. */
const line = fc
  .oneof(
    fc.string({ unit: fc.constantFrom('a', '&', '<', '>', '"', "'", ']]>', '&amp;', 'é', ' ', '中', ';') }),
    fc.string({ unit: 'grapheme' }),
  )
  .map((s) => s.trim())
  .filter(
    (s) =>
      s !== '' &&
      !/^title:/i.test(s) &&
      [...s].every((c) => (c.codePointAt(0) as number) >= 0x20 && c !== '\uFFFE' && c !== '\uFFFF'),
  );
const time = fc.double({ min: 0, max: 1e7, noNaN: true });
const classes: MeasurementClass[] = ['Foreground', 'Background', 'IntrinsicActivity', 'Calibration', 'NotSpecified'];
const polynomial = (n: number): fc.Arbitrary<ChannelCalibration> =>
  fc
    .record({
      coefficients: fc.array(finite, { minLength: 1, maxLength: 4 }),
      pairs: fc.option(fc.array(fc.tuple(finite, finite), { minLength: 1, maxLength: 5 }), { nil: undefined }),
    })
    .map(({ coefficients, pairs }) =>
      pairs === undefined
        ? { model: 'polynomial', coefficients, channelCount: n, unit: 'keV' }
        : { model: 'polynomial', coefficients, deviationPairs: pairs, channelCount: n, unit: 'keV' },
    );
const edges = (n: number): fc.Arbitrary<ChannelCalibration> =>
  fc
    .array(finite, { minLength: n, maxLength: n + 1 })
    .map((coefficients) => ({ model: 'lowerChannelEdges', coefficients, channelCount: n, unit: 'keV' }));

const record: fc.Arbitrary<GammaRecord> = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record(
    {
      counts: fc.array(count, { minLength: n, maxLength: n }).map((c) => Float64Array.from(c)),
      calibration: fc.oneof(polynomial(n), edges(n)),
      liveTimeS: time,
      realTimeS: time,
      startTime: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString()),
      title: line,
      detector: line,
      detectorType: fc.constantFrom('NaI', 'HPGe', 'CsI', 'LaBr3'),
      instrument: fc.constant('Maker Model 7 & <sons>'),
      measurementClass: fc.constantFrom(...classes),
      sampleNumber: fc.nat(50),
      meta: fc
        .record(
          {
            neutronCounts: fc.nat(1000),
            gps: fc.tuple(
              fc.double({ min: -90, max: 90, noNaN: true }),
              fc.double({ min: -180, max: 180, noNaN: true }),
            ),
            remarks: fc.array(line, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n')),
            deviceIdentifiedNuclides: fc.constantFrom('Cs137', 'K40, Th232'),
          },
          { requiredKeys: [] },
        )
        .map(({ gps, ...rest }) => (gps === undefined ? rest : { ...rest, latitude: gps[0], longitude: gps[1] })),
    },
    { requiredKeys: ['counts', 'calibration', 'instrument', 'measurementClass'] },
  ),
) as fc.Arbitrary<GammaRecord>;

describe('writeN42 → parseN42 round trip', () => {
  it('keeps counts (Object.is), calibrations, times and metadata of random spectra', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), fc.boolean(), (records, countedZeroes) => {
        const before = records.map((r, i) => toGammaSpectrum(r, 'in', i, 'test'));
        const after = read(writeN42(before, { countedZeroes }));
        expect(after).toHaveLength(before.length);
        after.forEach((s, i) => {
          expectSame(s, before[i] as Spectrum);
        });
      }),
      { seed: 20120, numRuns: 200 },
    );
  });

  it('writes a full-range fraction calibration as its computed channel edges', () => {
    const frf: ChannelCalibration = {
      model: 'fullRangeFraction',
      coefficients: [1, 3000, 20, -5, 2],
      channelCount: 8,
      unit: 'keV',
    };
    const spectrum = toGammaSpectrum({ counts: new Float64Array(8).fill(1), calibration: frf }, 'f', 0, 'test');
    const xml = writeN42([spectrum]);
    expect(xml).toContain('EnergyBoundaryValues');
    expect(xml).toContain(`<EnergyBoundaryValues>${Array.from(channelEdges(frf, 8)).join(' ')}</EnergyBoundaryValues>`);
    // other programs see the edges; the workbench reads the exact original back from its remark
    const [back] = read(xml);
    expect(back?.x.calibration).toEqual(frf);
    expect(back?.meta.remarks).toBeUndefined();
  });

  it('writes a centre-referenced polynomial in the lower-edge form N42 readers expect', () => {
    const centre: ChannelCalibration = {
      model: 'polynomial',
      coefficients: [1, 2, 0.001],
      channelCount: 16,
      unit: 'keV',
    };
    const spectrum = toGammaSpectrum({ counts: new Float64Array(16).fill(1), calibration: centre }, 'c', 0, 'test');
    const xml = writeN42([spectrum]);
    // g(x) = f(x − ½): 1 − 1 + 0.00025, 2 − 0.001, 0.001
    expect(xml).toContain('<CoefficientValues>0.00025 1.999 0.001</CoefficientValues>');
    const [back] = read(xml);
    expect(back?.x.calibration).toEqual(centre);
    // an edited file (remark kept, coefficients changed) keeps what its elements say
    const edited = read(xml.replace('0.00025 1.999 0.001', '0.5 1.999 0.001'));
    expect(edited[0]?.x.calibration).toMatchObject({
      coefficients: [0.5, 1.999, 0.001],
      channelReference: 'lowerEdge',
    });
  });

  it('shares a RadMeasurement between detectors of one sample, and one calibration between equal ones', () => {
    const cal: ChannelCalibration = { model: 'polynomial', coefficients: [0, 1], channelCount: 3, unit: 'keV' };
    const spectra = ['A', 'B'].map((detector, i) =>
      toGammaSpectrum(
        {
          counts: Float64Array.of(1, 2, 3),
          calibration: cal,
          detector,
          sampleNumber: 4,
          realTimeS: 1,
          startTime: '2020-01-01T00:00:00Z',
        },
        's',
        i,
        'test',
      ),
    );
    const xml = writeN42(spectra);
    expect(xml.match(/<RadMeasurement /g)).toHaveLength(1);
    expect(xml.match(/<EnergyCalibration /g)).toHaveLength(1);
    expect(xml.match(/<RadDetectorInformation /g)).toHaveLength(2);
    expect(read(xml).map((s) => [s.meta.detector, s.meta.sampleNumber])).toEqual([
      ['A', 4],
      ['B', 4],
    ]);
  });
});

describe('real files: read → write → read keeps counts, calibration and times', () => {
  const local = path.resolve(process.cwd(), 'test/fixtures/grs');
  const shared = path.resolve(process.cwd(), '../shared/fixtures/grs');
  if (!existsSync(shared)) console.warn(`writeN42 tests: ${shared} is missing, its LGPL fixtures are skipped`);
  const files = [
    ...readdirSync(local)
      .filter((f) => /^rc_.*\.(n42|xml)$/.test(f))
      .map((f) => path.join(local, f)),
    ...(existsSync(shared)
      ? readdirSync(shared)
          .filter((f) => /^(is|su)_.*\.n42$/.test(f))
          .map((f) => path.join(shared, f))
      : []),
  ];
  it.each(files)('%s', (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const before = file.endsWith('.xml') ? parseRadiacodeXml(bytes, 'f.xml') : parseN42(bytes, 'f.n42');
    const after = read(writeN42(before, { countedZeroes: file.includes('rsi') }));
    expect(after).toHaveLength(before.length);
    after.forEach((s, i) => {
      const b = before[i] as Spectrum;
      expect(Array.from(s.y.values)).toEqual(Array.from(b.y.values));
      expect(s.x.calibration).toEqual(b.x.calibration);
      expect([s.meta.liveTimeS, s.meta.realTimeS, s.meta.startTime]).toEqual([
        b.meta.liveTimeS,
        b.meta.realTimeS,
        b.meta.startTime,
      ]);
      expect([s.meta.detector, s.meta.sampleNumber, s.meta.neutronCounts, s.meta.latitude]).toEqual([
        b.meta.detector,
        b.meta.sampleNumber,
        b.meta.neutronCounts,
        b.meta.latitude,
      ]);
    });
  });
});
