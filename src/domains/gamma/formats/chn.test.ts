import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { polynomialCalibration } from '../calibration/energyCalibration';
import { toGammaSpectrum } from '../gammaSpectrum';
import { parseChn } from './chn';
import { chnFormat, sniffChn } from './chn.format';
import { CHN_FORMAT_ID } from './chnLayout';
import { gammaRecordOf } from './gammaRecordOf';
import { codeOf, fuzzReader } from './readerTestSupport';
import { writeChn } from './writeChn';

function spectrumOf(counts: number[], fields: Parameters<typeof gammaRecordOf>[1]): Spectrum {
  return toGammaSpectrum(gammaRecordOf(Float64Array.from(counts), fields), 'source.spe', 0, 'test');
}

/** A CHN file built byte by byte from the documented layout (not through the writer). */
function handBuiltChn(): Uint8Array {
  const n = 8;
  const bytes = new Uint8Array(32 + 4 * n + 512);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
  };
  view.setInt16(0, -1, true);
  view.setInt16(2, 3, true); // MCA number
  view.setInt16(4, 1, true); // segment
  ascii(6, '42'); // seconds
  view.setUint32(8, 15_025, true); // real 300.5 s
  view.setUint32(12, 15_000, true); // live 300 s
  ascii(16, '05Nov981'); // 5 Nov, year 98, century flag '1' → 2098
  ascii(24, '1307');
  view.setUint16(28, 0, true);
  view.setUint16(30, n, true);
  [7, 1, 0, 5, 100, 5, 2, 9].forEach((count, i) => {
    view.setUint32(32 + 4 * i, count, true);
  });
  const t = 32 + 4 * n;
  view.setInt16(t, -101, true);
  view.setFloat32(t + 4, 1.5, true);
  view.setFloat32(t + 8, 0.25, true);
  view.setFloat32(t + 16, 1.2, true);
  view.setFloat32(t + 20, 0.001, true);
  bytes[t + 256] = 11;
  ascii(t + 257, 'HPGe MCB-3 ');
  bytes[t + 320] = 9;
  ascii(t + 321, 'Soil #12 ');
  return bytes;
}

describe('parseChn on a file built from the documented layout', () => {
  const [spectrum] = parseChn(handBuiltChn(), 'hand.chn');

  it('reads counts, keeping the first two and last two channels (SpecUtils zeroes them)', () => {
    expect(Array.from(spectrum?.y.values ?? [])).toEqual([7, 1, 0, 5, 100, 5, 2, 9]);
  });

  it('reads times in 20 ms ticks, the start time and the linear calibration', () => {
    expect(spectrum?.meta).toMatchObject({
      format: CHN_FORMAT_ID,
      liveTimeS: 300,
      realTimeS: 300.5,
      startTime: '2098-11-05T13:07:42',
      mcaNumber: 3,
      channelCount: 8,
      fwhmCoefficients: `${Math.fround(1.2)},${Math.fround(0.001)}`,
    });
    expect(spectrum?.x.calibration).toEqual(polynomialCalibration([1.5, 0.25], 8));
    expect(Array.from(spectrum?.x.values ?? [])).toEqual([1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25]);
  });

  it('reads the detector and sample descriptions (trimmed)', () => {
    expect(spectrum?.meta.instrument).toBe('HPGe MCB-3');
    expect(spectrum?.meta.title).toBe('Soil #12');
  });

  it("reads century flag '0' as 19xx", () => {
    const bytes = handBuiltChn();
    bytes[23] = 0x30;
    expect(parseChn(bytes, 'old.chn')[0]?.meta.startTime).toBe('1998-11-05T13:07:42');
  });

  it('gives no start time for a blank date, and no calibration without a trailer', () => {
    const bytes = handBuiltChn().slice(0, 32 + 32);
    bytes.fill(0x20, 16, 24);
    const [bare] = parseChn(bytes, 'bare.chn');
    expect(bare?.meta.startTime).toBeUndefined();
    expect(bare?.x.unit).toBe('channel');
    expect(bare?.meta.calibrationProblem).toBe('the file has no energy calibration');
  });

  it('derives the channel count from the size when the header says 0 (as SpecUtils)', () => {
    const n = 128;
    const bytes = new Uint8Array(32 + 4 * n + 512);
    new DataView(bytes.buffer).setInt16(0, -1, true);
    bytes[32 + 4 * 5] = 77;
    const [spectrum] = parseChn(bytes, 'zero.chn');
    expect(spectrum?.y.values.length).toBe(128);
    expect(spectrum?.y.values[5]).toBe(77);
  });
});

describe('writeChn → parseChn round trip', () => {
  const counts = Array.from({ length: 1024 }, (_, i) => (i * 7919) % 1000);
  const base = {
    liveTimeS: 1799.98,
    realTimeS: 1823.34,
    startTime: '2013-12-26T21:15:03',
    title: 'Cs137 shielded',
    instrument: 'Detective X',
    meta: { fwhmCoefficients: '1.5,0.002,0.0000003' },
  };

  it('keeps counts, times, start time, descriptions and a quadratic calibration (−102)', () => {
    const calibration = polynomialCalibration([-0.32, 0.4888275, 2.3e-7], 1024);
    const bytes = writeChn(spectrumOf(counts, { ...base, calibration }));
    expect(new DataView(bytes.buffer).getInt16(32 + 4 * 1024, true)).toBe(-102);
    const [back] = parseChn(bytes, 'round.chn');
    expect(Array.from(back?.y.values ?? [])).toEqual(counts);
    expect(back?.meta).toMatchObject({ liveTimeS: 1799.98, realTimeS: 1823.34, startTime: '2013-12-26T21:15:03' });
    expect(back?.meta.title).toBe('Cs137 shielded');
    expect(back?.meta.instrument).toBe('Detective X');
    expect(back?.x.calibration?.coefficients).toEqual([-0.32, 0.4888275, 2.3e-7].map(Math.fround));
    expect(back?.meta.fwhmCoefficients).toBe([1.5, 0.002, 0.0000003].map(Math.fround).join(','));
  });

  it('writes a linear calibration with trailer type −101', () => {
    const calibration = polynomialCalibration([0.5, 3], 1024);
    const bytes = writeChn(spectrumOf(counts, { liveTimeS: 60, realTimeS: 60.02, calibration }));
    expect(new DataView(bytes.buffer).getInt16(32 + 4 * 1024, true)).toBe(-101);
    const [back] = parseChn(bytes, 'linear.chn');
    expect(back?.x.calibration?.coefficients).toEqual([0.5, 3]);
    expect(back?.meta.realTimeS).toBe(60.02);
    expect(back?.meta.startTime).toBeUndefined();
  });

  it('converts a full-range-fraction calibration without cubic and low-energy terms exactly', () => {
    const calibration = {
      model: 'fullRangeFraction' as const,
      coefficients: [-0.32, 3000, 16],
      channelCount: 1024,
      unit: 'keV' as const,
    };
    const [back] = parseChn(writeChn(spectrumOf(counts, { calibration })), 'frf.chn');
    expect(back?.x.calibration?.coefficients).toEqual([-0.32, 3000 / 1024, 16 / 1024 ** 2].map(Math.fround));
  });

  it('refuses what CHN cannot hold, naming the spectrum file', () => {
    const cases: Spectrum[] = [
      spectrumOf(counts, { calibration: polynomialCalibration([0, 1], 1024, [[662, -0.5]]) }),
      spectrumOf(counts, { calibration: polynomialCalibration([0, 1, 0, 1e-9], 1024) }),
      spectrumOf(counts, {
        calibration: { model: 'fullRangeFraction', coefficients: [0, 3000, 0, 0, 5], channelCount: 1024, unit: 'keV' },
      }),
      spectrumOf([1, -2, 3], {}),
      spectrumOf([1, Number.NaN], {}),
      spectrumOf([1, 2], { liveTimeS: -1 }),
    ];
    for (const spectrum of cases)
      expect(codeOf(() => writeChn(spectrum))).toEqual({ code: 'INVALID_DATA', file: 'source.spe' });
  });
});

describe('parseChn errors', () => {
  it('TRUNCATED for a cut header or cut counts, INVALID_DATA for a wrong first word or no channel count', () => {
    const good = handBuiltChn();
    expect(codeOf(() => parseChn(good.slice(0, 20), 'a.chn'))).toEqual({ code: 'TRUNCATED', file: 'a.chn' });
    expect(codeOf(() => parseChn(good.slice(0, 40), 'b.chn'))).toEqual({ code: 'TRUNCATED', file: 'b.chn' });
    const wrong = good.slice();
    wrong[0] = 0;
    expect(codeOf(() => parseChn(wrong, 'c.chn'))).toEqual({ code: 'INVALID_DATA', file: 'c.chn' });
    const noCount = good.slice();
    noCount[30] = 0;
    expect(codeOf(() => parseChn(noCount, 'd.chn'))).toEqual({ code: 'INVALID_DATA', file: 'd.chn' });
  });
});

describe('chnFormat', () => {
  it('sniffs a CHN file at 0.9 and other bytes at 0', () => {
    expect(chnFormat.id).toBe(CHN_FORMAT_ID);
    expect(sniffChn(handBuiltChn(), 'x.dat')).toBe(0.9);
    expect(sniffChn(handBuiltChn().slice(0, 40), 'x.chn')).toBe(0);
    expect(sniffChn(new TextEncoder().encode('channel,counts\n1,2\n3,4\n5,6\n7,8\n9,10\n'), 'x.chn')).toBe(0);
    expect(sniffChn(new Uint8Array(100).fill(0xff), 'x.chn')).toBe(0);
  });

  it('loads its parser lazily', async () => {
    const { parse } = await chnFormat.load();
    expect(await parse(handBuiltChn(), 'lazy.chn')).toHaveLength(1);
  });
});

describe('parseChn on garbage (property)', () => {
  const fixture = writeChn(
    spectrumOf(
      Array.from({ length: 256 }, (_, i) => i),
      { liveTimeS: 10, calibration: polynomialCalibration([0, 2, 1e-4], 256), title: 'x', instrument: 'y' },
    ),
  );

  it('random bytes, truncations and mutations give spectra or a WorkbenchError', () => {
    fuzzReader({ parse: parseChn, fileName: 'fuzz.chn', fixture, seed: 20_250_301, maxLength: 2000 });
  });
});
