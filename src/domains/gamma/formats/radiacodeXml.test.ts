import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum, WorkbenchError } from '../../../core';
import { estimateRadiacodeLiveTime, overflowChannel } from './radiacodeDeadTime';
import { parseRadiacodeXml } from './radiacodeXml';
import { sniffRadiacodeXml } from './radiacodeXml.format';
import { errorFor, fuzzReader, smoothedPeakKeV } from './readerTestSupport';

const read = (file: string): Uint8Array =>
  new Uint8Array(readFileSync(path.resolve(process.cwd(), 'test/fixtures/grs', file)));
const parse = (file: string): Spectrum[] => parseRadiacodeXml(read(file), file);

/** Energy (keV) of the highest channel in [lo, hi] after a 7-channel moving sum (CsI peaks are wide). */
const peakEnergy = (spectrum: Spectrum, lo: number, hi: number): number => smoothedPeakKeV(spectrum, lo, hi, 3);

describe('RadiaCode XML fixtures (radiacode-tools, MIT)', () => {
  it('Am-241 on an RC-102: real time only, calibration, peak near 60–64 keV', () => {
    const [s, ...rest] = parse('rc_data_am241.xml');
    expect(rest).toHaveLength(0);
    const spectrum = s as Spectrum;
    expect(spectrum.meta).toMatchObject({
      format: 'gamma-radiacode-xml',
      channelCount: 1024,
      realTimeS: 613,
      startTime: '2023-06-07T05:52:00',
      endTime: '2023-06-07T06:02:13',
      title: 'Am-241',
      instrument: 'RadiaCode-102 RC-102-000115',
      detectorType: 'CsI',
      measurementClass: 'Foreground',
      liveTimeEstimated: false,
    });
    expect(spectrum.meta.liveTimeS).toBeUndefined();
    expect(spectrum.meta.liveTimeEstimateS).toBeCloseTo(613 * (1 - (306058 / 613) * 5e-6), 6);
    expect(spectrum.meta.overflowChannel).toBeUndefined();
    expect(spectrum.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [-6.2832313, 2.4383054, 3.818e-4],
      channelCount: 1024,
      unit: 'keV',
    });
    expect(Math.abs(peakEnergy(spectrum, 40, 100) - 62)).toBeLessThan(3);
  });

  it('trinitite on an RC-103: foreground and background with their own times, overflow in the last channel', () => {
    const [fg, bg, ...rest] = parse('rc_trinitite.xml');
    expect(rest).toHaveLength(0);
    expect(fg?.meta).toMatchObject({
      realTimeS: 259200,
      startTime: '2024-01-21T21:07:16',
      endTime: '2024-01-24T21:07:16',
      measurementClass: 'Foreground',
      overflowChannel: 1023,
    });
    expect(bg?.meta).toMatchObject({
      realTimeS: 129600,
      startTime: '2024-01-20T09:04:23',
      endTime: '2024-01-21T21:04:23',
      measurementClass: 'Background',
      title: '3gz',
      comment: 'RC103 graded-z shielded background',
      overflowChannel: 1023,
    });
    expect(fg?.y.values[1023]).toBe(6663); // the overflow count is kept
    expect(Math.abs(peakEnergy(fg as Spectrum, 40, 90) - 62.3)).toBeLessThan(4);
    expect(Math.abs(peakEnergy(fg as Spectrum, 600, 720) - 662.7)).toBeLessThan(8);
  });

  it.each([
    [
      'rc_dt_Co60_a.xml',
      300,
      [
        [1326, 1250, 1400],
        [1158.4, 1120, 1220],
      ],
    ],
    [
      'rc_dt_Cs137_b.xml',
      300,
      [
        [654.3, 600, 720],
        [193.5, 160, 230],
      ],
    ],
    ['rc_dt_bg.xml', 1800, [[77, 50, 110]]],
  ] as const)('%s: %s s and its peaks', (file, real, peaks) => {
    const [s] = parse(file);
    expect(s?.meta).toMatchObject({ realTimeS: real, instrument: 'RadiaCode-102 RC-102-001272' });
    for (const [energy, lo, hi] of peaks)
      expect(Math.abs(peakEnergy(s as Spectrum, lo, hi) - energy)).toBeLessThan(0.01 * energy + 3);
  });

  it('is sniffed, and other XML is not', () => {
    expect(sniffRadiacodeXml(read('rc_data_am241.xml'))).toBe(0.95);
    expect(sniffRadiacodeXml(read('rc_data_am241.n42'))).toBe(0);
  });
});

describe('RadiaCode XML details and errors', () => {
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  const file = (spectrum: string): Uint8Array =>
    encode(
      `<ResultDataFile><ResultDataList><ResultData><DeviceConfigReference><Name>RadiaCode-103G</Name></DeviceConfigReference><StartTime>2024-01-01T00:00:00</StartTime><EnergySpectrum>${spectrum}</EnergySpectrum></ResultData></ResultDataList></ResultDataFile>`,
    );
  const good =
    '<NumberOfChannels>2</NumberOfChannels><EnergyCalibration><PolynomialOrder>1</PolynomialOrder><Coefficients><Coefficient>0</Coefficient><Coefficient>3</Coefficient></Coefficients></EnergyCalibration><MeasurementTime>10</MeasurementTime>';
  const failure = (bytes: Uint8Array): WorkbenchError => errorFor('bad.xml', () => parseRadiacodeXml(bytes, 'bad.xml'));

  it('uses LiveTime when the file has it, and GAGG for a "G" model', () => {
    const [s] = parseRadiacodeXml(
      file(`${good}<LiveTime>9.5</LiveTime><Spectrum><DataPoint>1</DataPoint><DataPoint>2</DataPoint></Spectrum>`),
      'g.xml',
    );
    expect(s?.meta).toMatchObject({ liveTimeS: 9.5, realTimeS: 10, detectorType: 'GAGG' });
    expect(s?.meta.liveTimeEstimated).toBeUndefined();
  });

  it.each([
    ['another XML document', encode('<RadInstrumentData/>'), 'NOT_A_SPECTRUM'],
    ['no spectrum', encode('<ResultDataFile><ResultDataList/></ResultDataFile>'), 'NOT_A_SPECTRUM'],
    ['fewer DataPoints than channels', file(`${good}<Spectrum><DataPoint>1</DataPoint></Spectrum>`), 'INVALID_DATA'],
    [
      'a DataPoint that is not a number',
      file(`${good}<Spectrum><DataPoint>1</DataPoint><DataPoint>two</DataPoint></Spectrum>`),
      'INVALID_DATA',
    ],
    ['an absurd channel count', file('<NumberOfChannels>1e9</NumberOfChannels><Spectrum/>'), 'INVALID_DATA'],
    [
      'coefficients that disagree with the order',
      file(
        '<NumberOfChannels>1</NumberOfChannels><EnergyCalibration><PolynomialOrder>2</PolynomialOrder><Coefficients><Coefficient>0</Coefficient></Coefficients></EnergyCalibration><Spectrum><DataPoint>1</DataPoint></Spectrum>',
      ),
      'INVALID_DATA',
    ],
    ['a file cut short', read('rc_dt_bg.xml').subarray(0, 5000), 'TRUNCATED'],
  ])('%s → %s', (_name, bytes, code) => {
    expect(failure(bytes).code).toBe(code);
  });

  it('live-time estimate and overflow rules', () => {
    expect(estimateRadiacodeLiveTime(100, 1e6)).toBeCloseTo(100 * (1 - 1e4 * 5e-6), 9);
    expect(estimateRadiacodeLiveTime(1, 1e6)).toBeUndefined(); // m·τ ≥ 1
    expect(overflowChannel(Float64Array.from([...Array(60).fill(3), 31]))).toBe(60);
    expect(overflowChannel(Float64Array.from([...Array(60).fill(3), 29]))).toBeUndefined();
    expect(overflowChannel(Float64Array.from([...Array(60).fill(0), 5]))).toBeUndefined();
  });
});

describe('RadiaCode XML robustness (fast-check, fixed seed)', () => {
  it('random bytes, truncations and byte mutations', () => {
    fuzzReader({
      parse: parseRadiacodeXml,
      fileName: 'fuzz.xml',
      fixture: read('rc_trinitite.xml'),
      seed: 103,
      maxLength: 2000,
    });
  });
});
