import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { errorFor, fuzzReader } from '../../../formats/readerTestSupport';
import { sniffOrtecSpc } from '../../gamma/formats/ortecSpc.format';
import { parseSpc } from './spc';
import { sniffSpc, spcFormat } from './spc.format';
import { buildSpc } from './spcTestSupport';

const OPTICAL = new URL('../../../../test/fixtures/optical/', import.meta.url);
const GAMMA_SPC = new URL('../../../../test/fixtures/grs/bq_alcatraz14_transspec_hpge.spc', import.meta.url);
const fixture = (url: URL): Uint8Array => new Uint8Array(readFileSync(url));

const xs = (s: Spectrum | undefined): number[] => Array.from(s?.x.values ?? []);
const ys = (s: Spectrum | undefined): number[] => Array.from(s?.y.values ?? []);

describe('parseSpc on written files of every shape (content known exactly)', () => {
  it('Y: even x from ffirst/flast, int32 × 2^(exp−32); a descending x is reversed with its y', () => {
    const bytes = buildSpc({ exponent: 24, first: 400, last: 300, xType: 3, subfiles: [{ y: [256, -512, 2 ** 24] }] });
    const [s, ...rest] = parseSpc(bytes, 'y.spc');
    expect(rest).toHaveLength(0);
    expect([xs(s), ys(s)]).toEqual([
      [300, 350, 400],
      [65536, -2, 1],
    ]);
    expect([s?.domain, s?.x.unit, s?.meta.shape, s?.meta.xOrder, s?.name]).toEqual([
      'emission',
      'nm',
      'Y',
      'ascending',
      'y.spc',
    ]);
  });

  it('XY: the shared x array before the first subheader; float32 y (exponent −128)', () => {
    const bytes = buildSpc({
      flags: 0x80,
      exponent: -128,
      xType: 1,
      x: [100, 150.5, 400],
      subfiles: [{ y: [0.5, 1.25, -3] }],
    });
    const [s] = parseSpc(bytes, 'xy.spc');
    expect([xs(s), ys(s), s?.x.unit, s?.meta.shape]).toEqual([[100, 150.5, 400], [0.5, 1.25, -3], 'cm-1', 'XY']);
  });

  it('YY and XYY: one spectrum per subfile, z (subtime, subnext), co-added scans, per-subfile exponent', () => {
    const subfiles = [
      { y: [1, 2], z: 0, zEnd: 0.5, scans: 16 },
      { y: [3, 4], z: 1.5, zEnd: 1.5, exponent: 33 },
    ];
    const yy = parseSpc(buildSpc({ flags: 0x04, exponent: 32, first: 500, last: 501, zType: 4, subfiles }), 'yy.spc');
    expect(yy.map((s) => [ys(s), s.meta.z, s.meta.zEnd, s.meta.coAddedScans, s.meta.subfile])).toEqual([
      [[1, 2], 0, 0.5, 16, 1],
      [[6, 8], 1.5, undefined, undefined, 2],
    ]);
    expect(yy[1]?.name).toBe('yy.spc (subfile 2, z = 1.5 Seconds)');
    expect(yy[0]?.meta).toMatchObject({ shape: 'YY', subfiles: 2, zType: 'Seconds', zOrder: 'even' });
    const xyy = parseSpc(buildSpc({ flags: 0x84, exponent: 32, x: [2, 1], subfiles }), 'xyy.spc');
    expect(xyy.map((s) => [xs(s), ys(s), s.meta.shape])).toEqual([
      [[1, 2], [2, 1], 'XYY'],
      [[1, 2], [8, 6], 'XYY'],
    ]);
  });

  it('XYXY with 16-bit y: an x array per subfile, of its own length', () => {
    const bytes = buildSpc({
      flags: 0x01 | 0x04 | 0x40 | 0x80,
      exponent: 16,
      xType: 9,
      subfiles: [
        { y: [10, 20, 30], x: [43.9, 30, 25.85] },
        { y: [-5, 7], x: [1, 2] },
      ],
    });
    const spectra = parseSpc(bytes, 'ms.spc');
    expect(spectra.map((s) => [s.x.values.length, ys(s), s.meta.shape, s.domain])).toEqual([
      [3, [30, 20, 10], 'XYXY', 'generic'],
      [2, [-5, 7], 'XYXY', 'generic'],
    ]);
    expect(spectra[0]?.x.values[2]).toBe(Math.fround(43.9));
  });

  it('the old LabCalc format (0x4D): float point count, swapped 16-bit halves, subfiles to the end', () => {
    const subfiles = [{ y: [0x12345678, -2] }, { y: [65536, 1] }];
    const spectra = parseSpc(
      buildSpc({ version: 0x4d, flags: 0x04, exponent: 32, first: 1, last: 2, xType: 1, subfiles }),
      'old.spc',
    );
    expect(spectra.map((s) => ys(s))).toEqual([
      [0x12345678, -2],
      [65536, 1],
    ]);
    expect(spectra[0]?.meta).toMatchObject({ spcVersion: '0x4D (old format)', shape: 'YY', subfiles: 2 });
  });

  it('big-endian (0x4C) files give what the little-endian file gives', () => {
    const spec = {
      flags: 0x84,
      exponent: 20,
      x: [1, 2, 3],
      xType: 3,
      zType: 4,
      subfiles: [{ y: [5, 6, 7], z: 2 }, { y: [-1, 0, 1] }],
    };
    const le = parseSpc(buildSpc(spec), 'le.spc');
    const be = parseSpc(buildSpc({ ...spec, version: 0x4c }), 'le.spc');
    expect(be.map((s) => [xs(s), ys(s), s.meta.z])).toEqual(le.map((s) => [xs(s), ys(s), s.meta.z]));
    expect(be[0]?.meta.spcVersion).toBe('0x4C (big-endian)');
  });

  it('custom axis labels (TALABS), µm converted to nm, the log block, a single file that says fnsub = 0', () => {
    const labelled = buildSpc({
      flags: 0x20,
      xType: 0,
      yType: 0,
      labels: ['Wavelength (nm)', 'Emission', ''],
      first: 200,
      last: 201,
      declaredSubfiles: 0,
      log: 'MODEL = LIBS-1\r\nSCANS = 50\r\n',
      comment: 'Fe plate',
      subfiles: [{ y: [1, 2] }],
    });
    const [s] = parseSpc(labelled, 'l.spc');
    expect([s?.x.unit, s?.x.label, s?.y.label, s?.y.unit]).toEqual(['nm', 'Wavelength (nm)', 'Emission', 'a.u.']);
    expect(s?.meta).toMatchObject({
      comment: 'Fe plate',
      'log:MODEL': 'LIBS-1',
      'log:SCANS': '50',
      log: 'MODEL = LIBS-1\r\nSCANS = 50',
    });
    const [um] = parseSpc(buildSpc({ xType: 2, first: 1, last: 2, subfiles: [{ y: [1, 2] }] }), 'um.spc');
    expect([xs(um), um?.x.unit, um?.x.label]).toEqual([[1000, 2000], 'nm', 'Micrometers (um)']);
  });
});

describe('parseSpc on real files', () => {
  it('raman_atacamit.spc (Open Specy, CC BY 4.0): Y, 559 points 117.78–1050 cm⁻¹, fexp 11', () => {
    const [s] = parseSpc(fixture(new URL('raman_atacamit.spc', OPTICAL)), 'raman_atacamit.spc');
    expect([s?.x.values.length, s?.x.values[0], s?.x.values.at(-1), s?.x.unit]).toEqual([
      559,
      117.77999114990234,
      1050,
      'cm-1',
    ]);
    // y = int32 × 2^(11−32), decoded by hand from bytes 544…: 218.71998596191406, 236.39999389648438.
    expect(ys(s).slice(0, 2)).toEqual([218.71998596191406, 236.39999389648438]);
    expect(s?.y.values.at(-1)).toBe(10.814799308776855);
  });
});

describe('parseSpc: bad input, and the ORTEC gamma .spc', () => {
  const valid = buildSpc({ flags: 0x84, exponent: 32, x: [1, 2, 3], subfiles: [{ y: [1, 2, 3] }, { y: [4, 5, 6] }] });

  it('gives typed errors that say where', () => {
    const gamma = errorFor('g.spc', () => parseSpc(fixture(GAMMA_SPC), 'g.spc'));
    expect([gamma.code, gamma.message]).toEqual([
      'INVALID_DATA',
      'byte 1 (the version) is 0x00; an SPC file has 0x4B, 0x4C or 0x4D',
    ]);
    expect(errorFor('h.spc', () => parseSpc(valid.subarray(0, 300), 'h.spc')).message).toBe(
      'the file ends at byte 300, inside the 512-byte header',
    );
    const cut = errorFor('c.spc', () => parseSpc(valid.subarray(0, valid.length - 1), 'c.spc'));
    expect([cut.code, cut.message]).toEqual([
      'TRUNCATED',
      'the file ends at byte 611, inside subfile 2 of 2 (bytes 568…611)',
    ]);
    const huge = new Uint8Array(valid);
    new DataView(huge.buffer).setUint32(4, 2 ** 31, true);
    expect(errorFor('x.spc', () => parseSpc(huge, 'x.spc')).message).toBe(
      'the point count (fnpts, bytes 4–7) is 2147483648: not a point count this reader accepts (1 to 16777216)',
    );
    const twice = buildSpc({ flags: 0x80, x: [1, 1], subfiles: [{ y: [1, 2] }] });
    expect(errorFor('d.spc', () => parseSpc(twice, 'd.spc')).message).toBe(
      'subfile 1 (header at byte 520): x = 1 occurs twice (values 1 and 2); x must not repeat',
    );
  });

  it('sniffs disjointly from the ORTEC reader, on real and written files', () => {
    const gamma = fixture(GAMMA_SPC);
    expect([sniffSpc(gamma, 'g.spc'), sniffOrtecSpc(gamma, 'g.spc') > 0]).toEqual([0, true]);
    const optical = [
      fixture(new URL('raman_atacamit.spc', OPTICAL)),
      valid,
      buildSpc({ version: 0x4d, first: 1, last: 2, subfiles: [{ y: [1, 2] }] }),
    ];
    for (const bytes of optical) expect([sniffSpc(bytes, 'o.spc'), sniffOrtecSpc(bytes, 'o.spc')]).toEqual([0.9, 0]);
    expect(sniffSpc(valid.subarray(0, 560), 'cut.spc')).toBe(0.6);
    expect(sniffSpc(new TextEncoder().encode(`OK ${'text '.repeat(200)}`), 't.spc')).toBe(0);
    expect(spcFormat.binary).toBe(true);
  });

  it('survives random bytes, truncations and mutations (fuzz), header fields included', () => {
    const header = fc.oneof(
      fc.integer({ min: 0, max: 40 }),
      fc.integer({ min: 240, max: 260 }),
      fc.nat(valid.length - 1),
    );
    fuzzReader({
      parse: parseSpc,
      fileName: 'f.spc',
      fixture: valid,
      seed: 6400,
      maxLength: 700,
      hotOffsets: header,
      prefixes: [valid.subarray(0, 2)],
    });
    const xyxy = buildSpc({
      flags: 0xf5,
      exponent: 16,
      subfiles: [
        { y: [1, 2], x: [2, 1] },
        { y: [3], x: [5] },
      ],
      log: 'A = 1\r\n',
    });
    fuzzReader({ parse: parseSpc, fileName: 'f.spc', fixture: xyxy, seed: 6410, maxLength: 600 });
    const old = buildSpc({
      version: 0x4d,
      flags: 0x04,
      first: 1,
      last: 3,
      subfiles: [{ y: [1, 2, 3] }, { y: [4, 5, 6] }],
    });
    fuzzReader({ parse: parseSpc, fileName: 'f.spc', fixture: old, seed: 6420, maxLength: 400 });
    fuzzReader({
      parse: parseSpc,
      fileName: 'f.spc',
      fixture: fixture(new URL('raman_atacamit.spc', OPTICAL)),
      seed: 6430,
      numRuns: 100,
      maxLength: 600,
      hotOffsets: header,
    });
  });
});
