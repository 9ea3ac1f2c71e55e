import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseOrtecSpc } from './ortecSpc';
import { ortecSpcFormat, sniffOrtecSpc } from './ortecSpc.format';
import { codeOf, fuzzReader, mutate, parseOutcome, peakKeV } from './readerTestSupport';

const FIXTURE = path.resolve(process.cwd(), 'test/fixtures/grs/bq_alcatraz14_transspec_hpge.spc');
const fixture = new Uint8Array(readFileSync(FIXTURE));

/** The fixture turned into a "real" SPC (FILTYP 5): its data records rewritten as float32. */
function floatVariant(): Uint8Array {
  const bytes = fixture.slice();
  const view = new DataView(bytes.buffer);
  view.setInt16(2, 5, true);
  const at = (view.getInt16(60, true) - 1) * 128;
  const n = view.getUint16(64, true);
  for (let i = 0; i < n; i++) view.setFloat32(at + 4 * i, view.getUint32(at + 4 * i, true), true);
  return bytes;
}

describe('parseOrtecSpc on Alcatraz14 (ORTEC Trans-SPEC, integer SPC)', () => {
  const spectra = parseOrtecSpc(fixture, 'alcatraz.spc');
  const spectrum = spectra[0] as Spectrum;

  it('reads one 8192-channel spectrum with the MANIFEST times', () => {
    expect(spectra).toHaveLength(1);
    expect(spectrum.y.values.length).toBe(8192);
    expect(spectrum.meta.liveTimeS).toBe(900);
    expect(spectrum.meta.realTimeS).toBeCloseTo(905.42, 4);
    expect(spectrum.meta.countsType).toBe('integer');
  });

  it('reads the quadratic calibration E = 0.5783 + 0.374436·ch + 2.986e-7·ch²', () => {
    const c = spectrum.x.calibration?.coefficients ?? [];
    expect(spectrum.x.calibration?.model).toBe('polynomial');
    expect(c[0]).toBeCloseTo(0.5783, 4);
    expect(c[1]).toBeCloseTo(0.374436, 6);
    expect(c[2]).toBeCloseTo(2.986e-7, 10);
    expect(spectrum.x.unit).toBe('keV');
  });

  it('puts K-40, Bi-214 and Tl-208 where the MANIFEST found them', () => {
    expect(peakKeV(spectrum, 1440, 1480)).toBeCloseTo(1461.3, 0);
    expect(peakKeV(spectrum, 595, 620)).toBeCloseTo(609.4, 0);
    expect(peakKeV(spectrum, 2600, 2640)).toBeCloseTo(2620.8, 0);
  });

  it('reads start time, sample/detector/calibration descriptions and FWHM coefficients', () => {
    expect(spectrum.meta.startTime).toBe('2012-09-17T13:41:07');
    expect(spectrum.meta.title).toBe('Alcatraz14');
    expect(spectrum.meta.instrument).toBe('Transpec MCB129');
    expect(spectrum.meta.calibrationDescription).toBe('Trans-SPEC CalibrationSN: 7606');
    const fwhm = String(spectrum.meta.fwhmCoefficients).split(',').map(Number);
    expect(fwhm[0]).toBeCloseTo(4.0275, 3);
    expect(fwhm[1]).toBeCloseTo(2.79e-4, 6);
  });

  it('falls back to the DECDAY start time when the acquisition record has no date', () => {
    const bytes = fixture.slice();
    bytes.fill(0x20, 256 + 16, 256 + 28);
    expect(parseOrtecSpc(bytes, 'decday.spc')[0]?.meta.startTime).toBe('2012-09-17T13:41:07');
  });
});

describe('parseOrtecSpc on a real-counts (FILTYP 5) file', () => {
  it('reads float32 counts identical to the integer file', () => {
    const integer = parseOrtecSpc(fixture, 'int.spc')[0] as Spectrum;
    const real = parseOrtecSpc(floatVariant(), 'real.spc')[0] as Spectrum;
    expect(real.meta.countsType).toBe('real');
    expect(Array.from(real.y.values)).toEqual(Array.from(integer.y.values));
    expect(Array.from(real.x.values)).toEqual(Array.from(integer.x.values));
  });

  it('refuses a non-finite count', () => {
    const bytes = floatVariant();
    const view = new DataView(bytes.buffer);
    view.setFloat32((view.getInt16(60, true) - 1) * 128 + 4 * 10, Number.NaN, true);
    expect(codeOf(() => parseOrtecSpc(bytes, 'nan.spc'))).toEqual({ code: 'INVALID_DATA', file: 'nan.spc' });
  });
});

describe('parseOrtecSpc errors', () => {
  const edited = (edit: (view: DataView) => void): Uint8Array => {
    const bytes = fixture.slice();
    edit(new DataView(bytes.buffer));
    return bytes;
  };

  it('INVALID_DATA for a wrong INFTYP/FILTYP, no channels, too few records or no spectrum pointer', () => {
    const cases = [
      edited((v) => v.setInt16(0, 2, true)),
      edited((v) => v.setInt16(2, 3, true)),
      edited((v) => v.setUint16(64, 0, true)),
      edited((v) => v.setInt16(62, 10, true)),
      edited((v) => v.setInt16(60, 0, true)),
    ];
    for (const bytes of cases)
      expect(codeOf(() => parseOrtecSpc(bytes, 'bad.spc'))).toEqual({ code: 'INVALID_DATA', file: 'bad.spc' });
  });

  it('TRUNCATED for a short header, a pointer past the end or cut counts', () => {
    expect(codeOf(() => parseOrtecSpc(fixture.slice(0, 100), 'a.spc'))).toEqual({ code: 'TRUNCATED', file: 'a.spc' });
    expect(
      codeOf(() =>
        parseOrtecSpc(
          edited((v) => v.setInt16(34, 9999, true)),
          'b.spc',
        ),
      ),
    ).toEqual({ code: 'TRUNCATED', file: 'b.spc' });
    expect(codeOf(() => parseOrtecSpc(fixture.slice(0, 20_000), 'c.spc'))).toEqual({
      code: 'TRUNCATED',
      file: 'c.spc',
    });
  });
});

describe('ortecSpcFormat', () => {
  it('sniffs the fixture and its float variant at 0.85', () => {
    expect(ortecSpcFormat.id).toBe('gamma-ortec-spc');
    expect(sniffOrtecSpc(fixture, 'a.spc')).toBe(0.85);
    expect(sniffOrtecSpc(floatVariant(), 'a.spc')).toBe(0.85);
  });

  it('gives 0 to Thermo/Galactic SPC headers and to other bytes', () => {
    for (const version of [0x4b, 0x4c, 0x4d]) {
      const galactic = new Uint8Array(1024);
      galactic[0] = 0x00; // ftflgs
      galactic[1] = version;
      expect(sniffOrtecSpc(galactic, 'optical.spc')).toBe(0);
      galactic[0] = 0x01; // even with a flag byte of 1 the first int16 (0x4B01…) is not INFTYP 1
      expect(sniffOrtecSpc(galactic, 'optical.spc')).toBe(0);
    }
    // a truncated SPC is still recognised (less surely), so the parser can say TRUNCATED and where
    expect(sniffOrtecSpc(fixture.slice(0, 4000), 'cut.spc')).toBe(0.6);
    expect(sniffOrtecSpc(new TextEncoder().encode('x'.repeat(300)), 'a.spc')).toBe(0);
  });

  it('loads its parser lazily', async () => {
    const { parse } = await ortecSpcFormat.load();
    expect(await parse(fixture, 'lazy.spc')).toHaveLength(1);
  });
});

describe('parseOrtecSpc on garbage (property)', () => {
  it('random bytes, truncations and mutations of the header records give spectra or a WorkbenchError', () => {
    fuzzReader({
      parse: parseOrtecSpc,
      fileName: 'fuzz.spc',
      fixture,
      seed: 20_250_302,
      maxLength: 4000,
      hotOffsets: fc.nat(1023),
    });
  });

  it('a bit flipped anywhere in the fixture gives spectra or a WorkbenchError', () => {
    fc.assert(
      fc.property(fc.nat(fixture.length * 8 - 1), (bit) => {
        parseOutcome(parseOrtecSpc, mutate(fixture, [{ at: bit >> 3, value: bit & 7, flip: true }]), 'fuzz.spc');
      }),
      { seed: 20_250_302, numRuns: 200 },
    );
  });
});
