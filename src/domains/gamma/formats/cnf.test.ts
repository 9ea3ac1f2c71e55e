import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { CAM_BLOCK, parseCnf } from './cnf';
import { cnfFormat, sniffCnf } from './cnf.format';
import { codeOf, fuzzReader, peakKeV } from './readerTestSupport';

const falconBytes = new Uint8Array(
  readFileSync(path.resolve(process.cwd(), 'test/fixtures/grs/bq_falcon5000_halfmoonbay_hpge.cnf')),
);
const SHARED = path.resolve(process.cwd(), '../shared/fixtures/grs');
const GENIE = path.join(SHARED, 'xy_genie2k_background_8_hpge.cnf');
const haveGenie = existsSync(GENIE);
if (!haveGenie) console.warn(`LGPL fixtures missing: ${SHARED} (Genie-2000 CNF tests skipped)`);

/** Each [energy, lo, hi] (keV): the peak found in [lo, hi] lies within `tolerance` keV of `energy`. */
function expectPeaks(
  spectrum: Spectrum,
  peaks: readonly (readonly [number, number, number])[],
  tolerance: number,
): void {
  for (const [energy, lo, hi] of peaks) {
    expect(Math.abs(peakKeV(spectrum, lo, hi) - energy), `peak near ${energy} keV`).toBeLessThan(tolerance);
  }
}

describe('parseCnf on the Falcon 5000 file (Half Moon Bay background)', () => {
  const spectrum = parseCnf(falconBytes, 'falcon.cnf')[0] as Spectrum;

  it('reads 4096 channels, LT 841.42 s, RT 849.51 s and E = −0.2097 + 0.71899·ch', () => {
    expect(spectrum.y.values.length).toBe(4096);
    expect(spectrum.meta.liveTimeS).toBeCloseTo(841.42, 6);
    expect(spectrum.meta.realTimeS).toBeCloseTo(849.51, 6);
    const c = spectrum.x.calibration?.coefficients ?? [];
    expect(c).toHaveLength(4);
    expect(c[0]).toBeCloseTo(-0.2097, 4);
    expect(c[1]).toBeCloseTo(0.71899, 5);
    expect(c.slice(2)).toEqual([0, 0]);
  });

  it('starts on 2014-01-12 shortly before the 15:27:31 of its file name', () => {
    expect(spectrum.meta.startTime).toBe('2014-01-12T15:12:28.125');
  });

  it('puts the U/Th-chain peaks where the MANIFEST found them', () => {
    const manifest = [
      [608.7, 600, 615],
      [351.4, 345, 356],
      [582.7, 578, 588],
      [910.6, 905, 916],
      [1119.9, 1114, 1125],
    ] as const;
    expectPeaks(spectrum, manifest, 0.5);
  });

  it('reads detector, sample and FWHM information', () => {
    expect(spectrum.meta).toMatchObject({
      detectorType: 'HPGe',
      instrument: 'MCA I2K, detector 13000182',
      serialNumber: '13000182',
      title: 'Sample title.',
    });
    const [a, b] = String(spectrum.meta.fwhmCoefficients).split(',').map(Number);
    expect(a).toBeCloseTo(0.3676, 4);
    expect(b).toBeCloseTo(0.04844, 5);
    // a + b·√E: about 2 keV at 1332 keV, as an HPGe detector has
    expect((a as number) + (b as number) * Math.sqrt(1332)).toBeCloseTo(2.13, 1);
  });
});

describe.skipIf(!haveGenie)('parseCnf on the Genie-2000 background file (LGPL, shared folder)', () => {
  it('reads 8192 channels, 160.84/161.1 s, E = −0.3123 + 0.795035·ch, and the MANIFEST peaks', () => {
    const spectrum = parseCnf(new Uint8Array(readFileSync(GENIE)), 'genie.cnf')[0] as Spectrum;
    expect(spectrum.y.values.length).toBe(8192);
    expect(spectrum.meta.liveTimeS).toBeCloseTo(160.84, 6);
    expect(spectrum.meta.realTimeS).toBeCloseTo(161.1, 6);
    expect(spectrum.x.calibration?.coefficients[0]).toBeCloseTo(-0.3123, 4);
    expect(spectrum.x.calibration?.coefficients[1]).toBeCloseTo(0.795035, 6);
    expect(spectrum.meta.startTime).toBe('2015-11-20T00:05:36.423');
    expect(spectrum.meta).toMatchObject({
      title: 'InSitu LIBNA',
      sampleId: 'E15IS51',
      sampleType: 'InSitu',
      sampleDescription: 'E15IS51 / ROMENEK 2015 / HD@1m=60nSv/h',
      instrument: 'MCA I2K, detector EL-INSP2',
    });
    const manifest = [
      [608.5, 600, 615],
      [1458.7, 1450, 1468],
      [351.3, 345, 356],
      [2611.7, 2600, 2625],
    ] as const;
    expectPeaks(spectrum, manifest, 0.8);
  });
});

describe('parseCnf errors', () => {
  const edited = (edit: (view: DataView) => void): Uint8Array => {
    const bytes = falconBytes.slice();
    edit(new DataView(bytes.buffer));
    return bytes;
  };
  const directoryIndex = (id: number): number => {
    const view = new DataView(falconBytes.buffer, falconBytes.byteOffset);
    for (let k = 0; k < 28; k++) if (view.getUint32(0x70 + 0x30 * k, true) === id) return 0x70 + 0x30 * k;
    throw new Error('no such block');
  };

  it('NOT_A_SPECTRUM without a SPEC block, INVALID_DATA without ACQP or with a misplaced block', () => {
    const noSpec = edited((v) => v.setUint32(directoryIndex(CAM_BLOCK.SPEC), 0x12099, true));
    expect(codeOf(() => parseCnf(noSpec, 'a.cnf'))).toEqual({ code: 'NOT_A_SPECTRUM', file: 'a.cnf' });
    const noAcqp = edited((v) => v.setUint32(directoryIndex(CAM_BLOCK.ACQP), 0x12099, true));
    expect(codeOf(() => parseCnf(noAcqp, 'b.cnf'))).toEqual({ code: 'INVALID_DATA', file: 'b.cnf' });
    const moved = edited((v) => v.setUint32(directoryIndex(CAM_BLOCK.SPEC) + 0x0a, 0x800, true));
    expect(codeOf(() => parseCnf(moved, 'c.cnf'))).toEqual({ code: 'INVALID_DATA', file: 'c.cnf' });
  });

  it('TRUNCATED for a cut directory, a block past the end or cut counts', () => {
    expect(codeOf(() => parseCnf(falconBytes.slice(0, 0x90), 'd.cnf'))).toEqual({ code: 'TRUNCATED', file: 'd.cnf' });
    const far = edited((v) => v.setUint32(directoryIndex(CAM_BLOCK.SAMP) + 0x0a, 10_000_000, true));
    expect(codeOf(() => parseCnf(far, 'e.cnf'))).toEqual({ code: 'TRUNCATED', file: 'e.cnf' });
    expect(codeOf(() => parseCnf(falconBytes.slice(0, falconBytes.length - 100), 'f.cnf'))).toEqual({
      code: 'TRUNCATED',
      file: 'f.cnf',
    });
  });
});

describe('cnfFormat', () => {
  it('sniffs the fixture at 0.9 and other bytes at 0', () => {
    expect(cnfFormat.id).toBe('gamma-cnf');
    expect(sniffCnf(falconBytes.subarray(0, 65536), 'a.dat')).toBe(0.9);
    expect(sniffCnf(new Uint8Array(4096), 'a.cnf')).toBe(0);
    const wrongBlock = falconBytes.slice(0, 65536);
    wrongBlock[0x800] = 0x07;
    expect(sniffCnf(wrongBlock, 'a.cnf')).toBe(0);
  });

  it('loads its parser lazily', async () => {
    const { parse } = await cnfFormat.load();
    expect(await parse(falconBytes, 'lazy.cnf')).toHaveLength(1);
  });
});

describe('parseCnf on garbage (property)', () => {
  // Mutations go where the reader looks: the directory, the ACQP/SAMP block headers and the SPEC header.
  const hotBytes = fc.oneof(
    fc.integer({ min: 0x70, max: 0x400 }),
    fc.integer({ min: 0x800, max: 0x1000 }),
    fc.integer({ min: 0x6a00, max: 0x6e00 }),
    fc.integer({ min: 0x28600, max: 0x28660 }),
  );

  it('random bytes, truncations and mutations of the fixture give spectra or a WorkbenchError', () => {
    fuzzReader({
      parse: parseCnf,
      fileName: 'fuzz.cnf',
      fixture: falconBytes,
      seed: 20_250_303,
      maxLength: 4000,
      hotOffsets: hotBytes,
    });
  });
});
