import { describe, expect, it } from 'vitest';
import { errorFor, fuzzReader } from '../../../formats/readerTestSupport';
import { avaSoft7Format, sniffAvaSoft7 } from './avantes.format';
import { parseAvantesText } from './avantesText';
import { type AvaSoft7File, writeAvaSoft7 } from './avantesWriters.testUtil';
import { parseAvaSoft7 } from './avasoft7';
import { byRole, haveVendor, maxAbsDiff, vendorBytes, warnWithoutVendor } from './vendorFixtures.testUtil';

warnWithoutVendor('AvaSoft 7 binary tests');

/** 4 pixels 10…13, λ = 400 + 0.5·p; sample 60, 110, 35, 10 over reference 110 and dark 10. */
const TRM: AvaSoft7File = {
  version: 70,
  id: '0804016U1',
  polynomial: [400, 0.5, 0, 0, 0],
  first: 10,
  last: 13,
  data: [60, 110, 10, 110, 110, 10, 35, 110, 10, 10, 110, 10],
  integrationTimeMs: 100,
  averages: 20,
  boxcar: 3,
};

describe('parseAvaSoft7 on written files', () => {
  it('reads a version 70 .TRM: transmittance 100·(S−D)/(R−D) first, then sample, dark, reference', () => {
    const spectra = parseAvaSoft7(writeAvaSoft7(TRM), 'a.TRM');
    expect(spectra.map((s) => s.meta.role)).toEqual(['processed', 'sample', 'dark', 'reference']);
    const p = spectra[0];
    expect(Array.from(p?.x.values ?? [])).toEqual([405, 405.5, 406, 406.5]);
    expect(Array.from(p?.y.values ?? [])).toEqual([50, 100, 25, 0]);
    expect(Array.from(byRole(spectra, 'reference').y.values)).toEqual([110, 110, 110, 110]);
    expect(p?.x.calibration).toEqual({
      model: 'polynomial',
      coefficients: [405, 0.5, 0, 0, 0],
      channelCount: 4,
      unit: 'nm',
    });
    expect(p?.meta).toMatchObject({
      format: 'avasoft7-binary',
      dialect: 'AvaSoft 7 (version 70)',
      spectrometer: '0804016U1',
      integrationTimeS: 0.1,
      scansAveraged: 20,
      boxcarWidth: 3,
      firstPixel: 10,
      lastPixel: 13,
      wavelengthCoefficients: '400,0.5,0,0,0',
      timestampTicks10us: 123456,
      boardTemperatureC: 29.5,
      yQuantity: 'transmittance',
      yUnit: '%',
    });
    expect(sniffAvaSoft7(writeAvaSoft7(TRM), 'a.TRM')).toBe(0.95);
  });

  it('.ABS gives absorbance −log10 of the same ratio; version 60 single-column files by extension', () => {
    const [abs] = parseAvaSoft7(writeAvaSoft7(TRM), 'a.ABS');
    expect(abs?.meta.yQuantity).toBe('absorbance');
    expect(abs?.y.values[0]).toBeCloseTo(Math.log10(2), 12);
    const v60 = { ...TRM, version: 60 as const, data: [5, 6, 7, 8], boxcar: 4 };
    const [roh] = parseAvaSoft7(writeAvaSoft7(v60), 'b.ROH');
    expect(roh?.meta).toMatchObject({
      role: 'sample',
      yQuantity: 'counts',
      boxcarWidth: 4,
      dialect: 'AvaSoft 7 (version 60)',
    });
    expect(Array.from(roh?.y.values ?? [])).toEqual([5, 6, 7, 8]);
    expect(parseAvaSoft7(writeAvaSoft7(v60), 'b.DRK')[0]?.meta.role).toBe('dark');
    expect(parseAvaSoft7(writeAvaSoft7(v60), 'b.REF')[0]?.meta.role).toBe('reference');
  });

  it('keeps the pixel index and says why when the polynomial does not increase', () => {
    const [s] = parseAvaSoft7(writeAvaSoft7({ ...TRM, polynomial: [400, -0.5, 0, 0, 0] }), 'c.TRM');
    expect(s?.x.unit).toBe('channel');
    expect(Array.from(s?.x.values ?? [])).toEqual([0, 1, 2, 3]);
    expect(s?.meta.calibrationProblem).toMatch(/do not increase at pixel 11/);
    expect(s?.x.calibration?.coefficients).toEqual([395, -0.5, 0, 0, 0]);
  });

  it('refuses other versions, bad pixel ranges, and sizes that fit no layout, before allocating', () => {
    const good = writeAvaSoft7(TRM);
    const code = (bytes: Uint8Array, name = 'd.TRM'): string => errorFor(name, () => parseAvaSoft7(bytes, name)).code;
    const patched = (at: number, value: number): Uint8Array => {
      const copy = good.slice();
      new DataView(copy.buffer).setFloat32(at, value, true);
      return copy;
    };
    expect(errorFor('d.TRM', () => parseAvaSoft7(patched(0, 65), 'd.TRM')).message).toBe(
      'the version float at byte 0 is 65, not 60 or 70',
    );
    expect(code(patched(320, 5))).toBe('INVALID_DATA');
    expect(code(patched(316, 2.5))).toBe('INVALID_DATA');
    expect(errorFor('d.TRM', () => parseAvaSoft7(patched(320, 60000), 'd.TRM')).message).toMatch(
      /ends within the data of pixels 10…60000/,
    );
    expect(code(good.subarray(0, 300))).toBe('TRUNCATED');
    expect(code(good.subarray(0, good.length - 20))).toBe('TRUNCATED');
    expect(code(new Uint8Array([...good, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('INVALID_DATA');
    expect(code(new Uint8Array(2))).toBe('TRUNCATED');
  });

  it('survives random bytes, truncations and mutations', () => {
    fuzzReader({
      parse: parseAvaSoft7,
      fileName: 'f.TRM',
      fixture: writeAvaSoft7(TRM),
      seed: 6301,
      maxLength: 500,
      prefixes: [writeAvaSoft7(TRM).subarray(0, 332)],
    });
  });
});

describe.skipIf(!haveVendor)('parseAvaSoft7 on the lightr AvaSoft binaries (GPL, shared folder)', () => {
  it('avantes_trans.TRM: v70, pixels 0–1622, 179.1–1100.35 nm, 100 ms, 20 averages', () => {
    const bytes = vendorBytes('lightr/avantes_trans.TRM');
    const [p] = parseAvaSoft7(bytes, 'avantes_trans.TRM');
    expect(p?.x.values.length).toBe(1623);
    expect(p?.x.values[0]).toBeCloseTo(179.1006, 3);
    expect(p?.x.values[1622]).toBeCloseTo(1100.348, 2);
    expect(p?.meta).toMatchObject({
      spectrometer: '0804016U1',
      firstPixel: 0,
      lastPixel: 1622,
      integrationTimeS: 0.1,
      scansAveraged: 20,
    });
    expect(avaSoft7Format.sniff(bytes, 'avantes_trans.TRM')).toBe(0.95);
  });

  it('avantes2.TRM, its .DRK and .REF, and avantes_reflect.ROH: 1442 pixels, 275.3–1100.1 nm, the same dark and reference', () => {
    const trm = parseAvaSoft7(vendorBytes('lightr/avantes2.TRM'), 'avantes2.TRM');
    const [dark] = parseAvaSoft7(vendorBytes('lightr/1305084U1.DRK'), '1305084U1.DRK');
    const [reference] = parseAvaSoft7(vendorBytes('lightr/1305084U1.REF'), '1305084U1.REF');
    const [roh] = parseAvaSoft7(vendorBytes('lightr/avantes_reflect.ROH'), 'avantes_reflect.ROH');
    for (const s of [trm[0], dark, reference, roh]) {
      expect(s?.x.values.length).toBe(1442);
      expect(s?.x.values[0]).toBeCloseTo(275.27, 2);
      expect(s?.x.values[1441]).toBeCloseTo(1100.13, 2);
    }
    expect([dark?.meta.role, reference?.meta.role, roh?.meta.role]).toEqual(['dark', 'reference', 'sample']);
    expect(maxAbsDiff(byRole(trm, 'dark').y.values, dark?.y.values ?? [])).toBe(0);
    expect(maxAbsDiff(byRole(trm, 'reference').y.values, reference?.y.values ?? [])).toBe(0);
    expect(trm[0]?.meta).toMatchObject({
      integrationTimeS: 0.15,
      scansAveraged: 10,
      detectorTemperatureC: -30.4999942779541,
    });
    expect(roh?.meta.timestampTicks10us).toBe(2585261312);
  });

  it('NEW0601.TRM gives what AvaSoft exported as NEW0601.ttt; avantes_reflect.ROH what it exported as avantes_export2.trt', () => {
    const trm = parseAvaSoft7(vendorBytes('lightr/compare/Avantes/NEW0601.TRM'), 'NEW0601.TRM');
    const ttt = parseAvantesText(vendorBytes('lightr/compare/Avantes/NEW0601.ttt'), 'NEW0601.ttt');
    expect(maxAbsDiff(trm[0]?.x.values ?? [], ttt[0]?.x.values ?? [])).toBeLessThanOrEqual(0.0051);
    expect(maxAbsDiff(trm[0]?.y.values ?? [], ttt[0]?.y.values ?? [])).toBeLessThanOrEqual(0.0005);
    expect(maxAbsDiff(byRole(trm, 'dark').y.values, byRole(ttt, 'dark').y.values)).toBeLessThan(0.0001);
    expect(trm[0]?.meta).toMatchObject({ boxcarWidth: 12, scansAveraged: 5 });
    const [roh] = parseAvaSoft7(vendorBytes('lightr/avantes_reflect.ROH'), 'r.ROH');
    const [trt] = parseAvantesText(vendorBytes('lightr/avantes_export2.trt'), 'e.trt');
    // the text export rounds to 5 significant digits (17046.488 → 17046)
    roh?.y.values.forEach((v, i) => {
      expect(Math.abs(v - (trt?.y.values[i] as number))).toBeLessThanOrEqual(5e-5 * Math.abs(v) + 0.005);
    });
  });

  it('does not claim the StellarNet text .IRR of the lightr set; survives mutations of a real file', () => {
    expect(sniffAvaSoft7(vendorBytes('lightr/irr_820_1941.IRR'), 'irr_820_1941.IRR')).toBe(0);
    expect(errorFor('x.IRR', () => parseAvaSoft7(vendorBytes('lightr/irr_820_1941.IRR'), 'x.IRR')).code).toBe(
      'INVALID_DATA',
    );
    fuzzReader({
      parse: parseAvaSoft7,
      fileName: 'r.TRM',
      fixture: vendorBytes('lightr/avantes2.TRM'),
      seed: 6302,
      numRuns: 80,
      maxLength: 100,
    });
  });
});
