import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseN42 } from './n42';
import { sniffN42 } from './n42.format';
import { smoothedPeakKeV } from './readerTestSupport';

const SHARED = path.resolve(process.cwd(), '../shared/fixtures/grs');
const haveShared = existsSync(SHARED);
if (!haveShared) console.warn(`N42-2006 tests: ${SHARED} is missing, the LGPL fixture tests are skipped`);

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const doc = (body: string): Uint8Array =>
  encode(
    `<?xml version="1.0"?><N42InstrumentData xmlns="http://physics.nist.gov/Divisions/Div846/Gp4/ANSIN4242/2005/ANSIN4242" xmlns:dndons="http://www.dndo.gov/N42Schema">${body}</N42InstrumentData>`,
  );

describe.skipIf(!haveShared)('N42-2006 RSI aerial time series (LGPL fixture)', () => {
  // skipIf still runs this body to collect the tests: read the file only when it is there.
  const bytes = haveShared
    ? new Uint8Array(readFileSync(path.join(SHARED, 'is_rsi_aerial_helicopter_timeseries_2006.n42')))
    : new Uint8Array();
  const spectra = haveShared ? parseN42(bytes, 'heli.n42') : [];

  it('has 81 one-second spectra of one detector with GPS, in sample order', () => {
    expect(spectra).toHaveLength(81);
    expect(new Set(spectra.map((s) => s.meta.detector))).toEqual(new Set(['Fusion.Vgd00']));
    expect(spectra.map((s) => s.meta.sampleNumber)).toEqual(Array.from({ length: 81 }, (_, i) => 5623 + i));
    const first = spectra[0] as Spectrum;
    expect(first.meta).toMatchObject({
      channelCount: 1024,
      realTimeS: 0.999998,
      liveTimeS: 0.999718,
      startTime: '2016-02-04T20:28:33.000Z',
      latitude: 30.4483028526658,
      longitude: -91.236734038036,
      measurementClass: 'Foreground',
      instrument: 'Radiation Solutions Inc. RS??? serial #Avid',
    });
    expect(spectra[80]?.meta.startTime).toBe('2016-02-04T20:29:53.000Z');
    expect(first.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [1.8081, 2.9994, 0],
      channelCount: 1024,
      unit: 'keV',
      channelReference: 'lowerEdge',
    });
    expect(spectra.every((s) => s.meta.neutronCounts === undefined)).toBe(true);
  });

  it('expands CountedZeroes: the first spectrum starts with 3 empty channels', () => {
    expect(Array.from(spectra[0]?.y.values.slice(0, 5) ?? [])).toEqual([0, 0, 0, 3, 43]);
  });

  it('sum of all spectra shows K-40 near 1464 keV and Tl-208 near 2607 keV', () => {
    const sum = new Float64Array(1024);
    for (const s of spectra)
      s.y.values.forEach((v, i) => {
        sum[i] = (sum[i] as number) + v;
      });
    const summed = { x: (spectra[0] as Spectrum).x, y: { values: sum } };
    // 7-channel moving sum; both windows end far below the overflow channel 1023 (≈ 3070 keV)
    const peak = (lo: number, hi: number): number => smoothedPeakKeV(summed, lo, hi, 3);
    expect(Math.abs(peak(1380, 1560) - 1464)).toBeLessThan(10);
    expect(Math.abs(peak(2500, 2720) - 2607)).toBeLessThan(15);
    expect(sum[1023]).toBeGreaterThan(10 * (sum[1000] as number)); // last channel = overflow
  });

  it('is sniffed', () => {
    expect(sniffN42(bytes.subarray(0, 65536))).toBe(0.95);
  });
});

describe('N42-2006 variants', () => {
  it('calibration by CalibrationIDs, deviation pairs per detector, neutrons in CountDoseData, eV units', () => {
    const spectra = parseN42(
      doc(`<Measurement>
        <InstrumentInformation><Manufacturer>ORTEC</Manufacturer><InstrumentModel>Detective</InstrumentModel>
          <dndons:NonlinearityCorrection Detector="Aa1"><dndons:Deviation>0 0</dndons:Deviation><dndons:Deviation>1000 2</dndons:Deviation></dndons:NonlinearityCorrection>
        </InstrumentInformation>
        <Calibration Type="Energy" ID="en" EnergyUnits="eV"><Equation Model="Polynomial"><Coefficients>1000 500000</Coefficients></Equation></Calibration>
        <Spectrum Detector="Aa1" CalibrationIDs="en"><StartTime>2020-01-01T00:00:00</StartTime><RealTime>PT1M</RealTime><LiveTime>PT59.5S</LiveTime>
          <SourceType>Background</SourceType><DetectorType>HPGe</DetectorType><ChannelData>1 2 3 4</ChannelData></Spectrum>
        <CountDoseData DetectorType="Neutron"><StartTime>2020-01-01T00:00:00</StartTime><SampleRealTime>PT60S</SampleRealTime><Counts>17</Counts></CountDoseData>
      </Measurement>`),
      'v.n42',
    );
    expect(spectra).toHaveLength(1);
    const s = spectra[0] as Spectrum;
    expect(s.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [1, 500],
      deviationPairs: [
        [0, 0],
        [1000, 2],
      ],
      channelCount: 4,
      unit: 'keV',
      channelReference: 'lowerEdge',
    });
    expect(s.meta).toMatchObject({
      realTimeS: 60,
      liveTimeS: 59.5,
      measurementClass: 'Background',
      detectorType: 'HPGe',
      neutronCounts: 17,
      instrument: 'ORTEC Detective',
      startTime: '2020-01-01T00:00:00',
    });
  });

  it('full-range fraction and lower channel edges; later samples reuse the last calibration of the detector', () => {
    const spectra = parseN42(
      doc(`<Measurement><DetectorData><StartTime>2020-01-01T00:00:00Z</StartTime><SampleRealTime>PT2S</SampleRealTime>
        <DetectorMeasurement DetectorType="Gamma"><SpectrumMeasurement>
          <Spectrum Detector="A" SampleNumber="1"><Calibration Type="Energy"><Equation Model="FullRangeFraction"><Coefficients>0 3000 0 0 0</Coefficients></Equation></Calibration><ChannelData>5 6</ChannelData></Spectrum>
          <Spectrum Detector="B" SampleNumber="1"><Calibration Type="FWHM"><Equation Model="Polynomial"><Coefficients>1 0.5</Coefficients></Equation></Calibration><Calibration Type="Energy"><Equation Model="LowerChannelEdge"><Coefficients>0 10 20</Coefficients></Equation></Calibration><ChannelData Compression="CountedZeroes">0 2</ChannelData></Spectrum>
        </SpectrumMeasurement></DetectorMeasurement>
        <DetectorMeasurement DetectorType="Neutron"><GrossCountMeasurement><GrossCounts>4</GrossCounts></GrossCountMeasurement></DetectorMeasurement>
        </DetectorData>
        <DetectorData><DetectorMeasurement><SpectrumMeasurement><Spectrum Detector="A" SampleNumber="2"><ChannelData>7 8</ChannelData></Spectrum></SpectrumMeasurement></DetectorMeasurement></DetectorData>
      </Measurement>`),
      'v.n42',
    );
    expect(spectra.map((s) => s.x.calibration?.model)).toEqual([
      'fullRangeFraction',
      'lowerChannelEdges',
      'fullRangeFraction',
    ]);
    expect(spectra[0]?.meta).toMatchObject({
      realTimeS: 2,
      startTime: '2020-01-01T00:00:00Z',
      sampleNumber: 1,
      neutronCounts: 4,
    });
    expect(spectra[1]?.meta.fwhmCoefficients).toBe('1,0.5');
    expect(Array.from(spectra[1]?.y.values ?? [])).toEqual([0, 0]);
    expect(spectra[2]?.meta.neutronCounts).toBeUndefined();
    expect(spectra[2]?.meta.sampleNumber).toBe(2);
  });

  it('guesses a missing model as SpecUtils does, and says so', () => {
    const [s] = parseN42(
      doc(
        '<Measurement><Spectrum><Calibration><Equation><Coefficients>0 2</Coefficients></Equation></Calibration><ChannelData>1 1 1</ChannelData></Spectrum></Measurement>',
      ),
      'g.n42',
    );
    expect(s?.x.calibration?.model).toBe('polynomial');
    expect(s?.meta.calibrationModelGuessed).toBe(true);
  });
});
