import { describe, expect, it } from 'vitest';
import { errorFor, fuzzReader } from '../../../formats/readerTestSupport';
import { avaSoft8Format, sniffAvaSoft8 } from './avantes.format';
import { type AvaSoft8Spectrum, packDate, writeAvaSoft8 } from './avantesWriters.testUtil';
import { packedDate, parseAvaSoft8 } from './avasoft8';
import { byRole, haveVendor, vendorBytes, warnWithoutVendor } from './vendorFixtures.testUtil';

warnWithoutVendor('AvaSoft 8 binary tests');

const REFLECTANCE: AvaSoft8Spectrum = {
  mode: 5,
  id: '1904090M1',
  start: 200,
  x: [200, 200.5, 201, 201.5],
  sample: [60, 110, 35, 10],
  dark: [10, 10, 10, 10],
  reference: [110, 110, 110, 110],
  fit: [100, 0.5, 0, 0, 0],
  integrationTimeMs: 50,
  averages: 20,
  boxcar: 2,
  packedDate: packDate(2019, 7, 6, 15, 48),
};

describe('parseAvaSoft8 on written files', () => {
  it('reads an AVS84 reflectance: 100·(S−D)/(R−D) first, stored wavelengths, the fit over the stored pixels', () => {
    const spectra = parseAvaSoft8(writeAvaSoft8('AVS84', [REFLECTANCE]), 'a.RFL8');
    expect(spectra.map((s) => s.meta.role)).toEqual(['processed', 'sample', 'dark', 'reference']);
    const p = spectra[0];
    expect(Array.from(p?.x.values ?? [])).toEqual([200, 200.5, 201, 201.5]);
    expect(Array.from(p?.y.values ?? [])).toEqual([50, 100, 25, 0]);
    expect(p?.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [200, 0.5, 0, 0, 0],
      channelCount: 4,
      unit: 'nm',
    });
    expect(p?.meta).toMatchObject({
      format: 'avasoft8-binary',
      dialect: 'AvaSoft 8 (AVS84)',
      spectrometer: '1904090M1',
      measurementMode: 'reflectance',
      measurementModeCode: 5,
      integrationTimeS: 0.05,
      scansAveraged: 20,
      boxcarWidth: 2,
      darkCorrection: true,
      detectorTemperatureC: -5,
      boardTemperatureC: 31,
      firstPixel: 200,
      lastPixel: 203,
      date: '2019-07-06T15:48:00',
      yQuantity: 'reflectance',
      yUnit: '%',
    });
    expect(sniffAvaSoft8(writeAvaSoft8('AVS84', [REFLECTANCE]), 'a.RFL8')).toBe(0.95);
  });

  it('reads the mode codes of each version: 1 is absorbance in AVS82, scope − dark in AVS84', () => {
    const [abs] = parseAvaSoft8(writeAvaSoft8('AVS82', [{ ...REFLECTANCE, mode: 1 }]), 'a.ABS8');
    expect(abs?.meta).toMatchObject({ measurementMode: 'absorbance', dialect: 'AvaSoft 8 (AVS82)' });
    expect(abs?.y.values[0]).toBeCloseTo(Math.log10(2), 12);
    const [net] = parseAvaSoft8(writeAvaSoft8('AVS84', [{ ...REFLECTANCE, mode: 1 }]), 'a.Raw8');
    expect(net?.meta).toMatchObject({ measurementMode: 'scope minus dark', yQuantity: 'counts' });
    expect(Array.from(net?.y.values ?? [])).toEqual([50, 100, 25, 0]);
    const irradiance = parseAvaSoft8(writeAvaSoft8('AVS84', [{ ...REFLECTANCE, mode: 4 }]), 'a.IRR8');
    expect(irradiance.map((s) => [s.meta.role, s.meta.yQuantity])).toEqual([
      ['sample', 'counts'],
      ['dark', 'counts'],
      ['reference', 'unknown'],
    ]);
  });

  it('names the spectra of a two-spectrometer file by serial, and keeps pixel indices when the wavelengths fold back', () => {
    const second = { ...REFLECTANCE, id: '7324585SP', x: [900, 903, 906, 909], merge: 'Merge0' };
    const spectra = parseAvaSoft8(writeAvaSoft8('AVS84', [REFLECTANCE, second]), 'd.Rfl8x');
    expect(spectra.map((s) => s.id)).toEqual(Array.from({ length: 8 }, (_, k) => `d.Rfl8x#${k}`));
    expect(spectra[4]?.name).toBe('d.Rfl8x (7324585SP)');
    expect(spectra[5]?.name).toBe('d.Rfl8x (7324585SP, sample)');
    expect(spectra[4]?.meta).toMatchObject({ mergeGroup: 'Merge0', spectrumIndex: 1 });
    const [folded] = parseAvaSoft8(writeAvaSoft8('AVS84', [{ ...REFLECTANCE, x: [200, 201, 200.5, 202] }]), 'f.RFL8');
    expect(folded?.x.unit).toBe('channel');
    expect(folded?.meta.calibrationProblem).toMatch(/at pixel 202/);
  });

  it('refuses other versions, empty files, bad pixel ranges and lengths, before allocating', () => {
    const good = writeAvaSoft8('AVS84', [REFLECTANCE]);
    const code = (bytes: Uint8Array): string => errorFor('e.RFL8', () => parseAvaSoft8(bytes, 'e.RFL8')).code;
    const patched = (at: number, write: (view: DataView) => void): Uint8Array => {
      const copy = good.slice();
      write(new DataView(copy.buffer, at));
      return copy;
    };
    expect(
      errorFor('e.RFL8', () =>
        parseAvaSoft8(
          patched(4, (v) => v.setUint8(0, 0x33)),
          'e.RFL8',
        ),
      ).message,
    ).toBe('the version is `AVS83`, not AVS82 or AVS84');
    expect(code(patched(5, (v) => v.setUint8(0, 0)))).toBe('NOT_A_SPECTRUM');
    expect(code(patched(6 + 85, (v) => v.setUint16(0, 100, true)))).toBe('INVALID_DATA');
    const huge = errorFor('e.RFL8', () =>
      parseAvaSoft8(
        patched(6 + 85, (v) => v.setUint16(0, 65535, true)),
        'e.RFL8',
      ),
    );
    expect([huge.code, huge.message]).toEqual([
      'TRUNCATED',
      'the file ends before the 65336-pixel arrays and settings of the spectrum (byte 6) (needs bytes 328…1049492, the file has 4181)',
    ]);
    expect(
      errorFor('e.RFL8', () =>
        parseAvaSoft8(
          patched(6, (v) => v.setUint32(0, 5, true)),
          'e.RFL8',
        ),
      ).message,
    ).toMatch(/the length field says 5 bytes, the layout for 4 pixels takes 4165/);
    expect(code(good.subarray(0, 200))).toBe('TRUNCATED');
    expect(code(good.subarray(0, good.length - 1))).toBe('TRUNCATED');
    expect(code(new Uint8Array([0x41, 0x56]))).toBe('TRUNCATED');
  });

  it('decodes SPC-style packed dates and rejects impossible ones', () => {
    expect(packedDate(0x7e3733f0)).toBe('2019-07-06T15:48:00');
    expect(packedDate(packDate(2022, 13, 1, 0, 0))).toBeUndefined();
    expect(packedDate(0)).toBeUndefined();
  });

  it('survives random bytes, truncations and mutations', () => {
    const fixture = writeAvaSoft8('AVS84', [REFLECTANCE, { ...REFLECTANCE, id: 'B', x: [900, 901, 902, 903] }]);
    fuzzReader({
      parse: parseAvaSoft8,
      fileName: 'f.RFL8',
      fixture,
      seed: 6401,
      maxLength: 400,
      prefixes: [fixture.subarray(0, 6)],
    });
  });
});

describe.skipIf(!haveVendor)('parseAvaSoft8 on the lightr AvaSoft 8 files (GPL, shared folder)', () => {
  it('1904090M1_0003.Raw8: AVS84, 1 spectrum, pixels 238–1256, 300.0–899.9 nm, 50 ms, scope', () => {
    const bytes = vendorBytes('lightr/1904090M1_0003.Raw8');
    const spectra = parseAvaSoft8(bytes, '1904090M1_0003.Raw8');
    expect(spectra.map((s) => s.meta.role)).toEqual(['sample', 'dark', 'reference']);
    const s = spectra[0];
    expect(s?.x.values.length).toBe(1019);
    expect(s?.x.values[0]).toBeCloseTo(300.0139, 4);
    expect(s?.x.values[1018]).toBeCloseTo(899.8749, 4);
    expect(s?.meta).toMatchObject({
      firstPixel: 238,
      lastPixel: 1256,
      integrationTimeS: 0.05,
      scansAveraged: 20,
      measurementMode: 'scope',
      spectrometer: '1904090M1',
      date: '2019-07-06T15:48:00',
    });
    const c = s?.x.calibration?.coefficients ?? [];
    s?.x.values.forEach((x, i) => {
      expect(Math.abs(c.reduceRight((acc, a) => acc * i + a, 0) - x)).toBeLessThan(1e-4);
    });
    expect(avaSoft8Format.sniff(bytes, 'x.Raw8')).toBe(0.95);
    fuzzReader({ parse: parseAvaSoft8, fileName: 'r.Raw8', fixture: bytes, seed: 6402, numRuns: 80, maxLength: 100 });
  });

  it('30849.RFL8 gives what AvaSoft exported as 30849.csv (reflectance, 1612 pixels)', () => {
    const [p] = parseAvaSoft8(vendorBytes('lightr/compare/Avantes/30849.RFL8'), '30849.RFL8');
    const rows = new TextDecoder()
      .decode(vendorBytes('lightr/compare/Avantes/30849.csv'))
      .trim()
      .split(/\r?\n/)
      .map((line) => line.split(',').map(Number));
    expect([rows.length, p?.x.values.length]).toEqual([1612, 1612]);
    rows.forEach(([x, y], i) => {
      expect(Math.abs((p?.x.values[i] as number) - (x as number))).toBeLessThanOrEqual(0.0005);
      expect(Math.abs((p?.y.values[i] as number) - (y as number))).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(y as number)),
      );
    });
    expect(p?.meta).toMatchObject({
      measurementMode: 'reflectance',
      integrationTimeS: 0.03,
      spectrometer: '7213296SP',
    });
  });

  it('eg.IRR8 (irradiance: sample first) and d0001.Rfl8x (two spectrometers merged)', () => {
    const irr = parseAvaSoft8(vendorBytes('lightr/eg.IRR8'), 'eg.IRR8');
    expect(irr.map((s) => s.meta.role)).toEqual(['sample', 'dark', 'reference']);
    expect(irr[0]?.meta).toMatchObject({
      measurementMode: 'irradiance',
      firstPixel: 0,
      lastPixel: 1619,
      date: '2022-03-20T16:39:00',
    });
    expect(byRole(irr, 'reference').meta.yQuantity).toBe('unknown');
    const merged = parseAvaSoft8(vendorBytes('lightr/compare/rfl8x/d0001.Rfl8x'), 'd0001.Rfl8x');
    expect(merged.length).toBe(8);
    const [vis, nir] = [merged[0], merged[4]];
    expect([vis?.x.values.length, nir?.x.values.length]).toEqual([1660, 238]);
    expect(vis?.x.values[0]).toBeCloseTo(144.786, 3);
    expect(nir?.x.values[237]).toBeCloseTo(1700.432, 3);
    expect([vis?.meta.spectrometer, nir?.meta.spectrometer, nir?.meta.mergeGroup]).toEqual([
      '7324584SP',
      '7324585SP',
      'Merge0',
    ]);
  });
});
