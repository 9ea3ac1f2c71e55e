import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseSpc } from './spc';

/** spc-parser's test files (repository MIT; the GRAMS sample files' own terms unknown): ../shared only. */
const SHARED = path.resolve(process.cwd(), '../shared/fixtures/optical');
const SPC_DIR = path.join(SHARED, 'spc/spc-parser');
const haveSpc = existsSync(path.join(SPC_DIR, 's_evenx.spc'));
const haveLightr = existsSync(path.join(SHARED, 'vendor/lightr/OceanOptics.spc'));
if (!haveSpc || !haveLightr) console.warn(`SPC fixtures missing under ${SHARED} (their tests are skipped)`);
const shared = (name: string): Spectrum[] =>
  parseSpc(new Uint8Array(readFileSync(path.join(SHARED, name))), path.basename(name));

describe.skipIf(!haveSpc)('parseSpc on spc-parser test files (shared folder): the header census', () => {
  it('reads every shape with the subfile counts and axes of the census (optical-notes §4.2)', () => {
    const census = [
      's_evenx.spc',
      's_xy.spc',
      'm_evenz.spc',
      'nir.spc',
      'm_ordz.spc',
      'm_xyxy.spc',
      'ms.spc',
      'RAMAN.SPC',
      'NDR0002.SPC',
      'Ft-ir.spc',
    ].map((name) => {
      const spectra = shared(`spc/spc-parser/${name}`);
      const first = spectra[0] as Spectrum;
      return [name, first.meta.spcFlags, first.meta.shape, spectra.length, first.x.values.length, first.x.unit];
    });
    expect(census).toEqual([
      ['s_evenx.spc', '0x00', 'Y', 1, 1844, 'cm-1'],
      ['s_xy.spc', '0x80', 'XY', 1, 512, 'unknown'],
      ['m_evenz.spc', '0x04', 'YY', 32, 171, 'nm'],
      ['nir.spc', '0x04', 'YY', 20, 700, 'nm'],
      ['m_ordz.spc', '0x14', 'YY', 10, 857, 'cm-1'],
      ['m_xyxy.spc', '0xF5', 'XYXY', 512, 8, 'unknown'],
      ['ms.spc', '0xE1', 'XYXY', 1, 128, 'unknown'],
      ['RAMAN.SPC', '0x20', 'Y', 1, 3632, 'cm-1'],
      ['NDR0002.SPC', '0x20', 'Y', 1, 4069, 'cm-1'],
      ['Ft-ir.spc', '0x00', 'Y', 1, 1776, 'cm-1'],
    ]);
  });

  it('Ft-ir.spc: y = int32 × 2^(8−32) decoded by hand, x 4000 → 450 cm⁻¹ reversed, the log block', () => {
    const [s] = shared('spc/spc-parser/Ft-ir.spc');
    expect([s?.x.values[0], s?.x.values.at(-1)]).toEqual([450, 4000]);
    expect([s?.y.values.at(-1), s?.y.values.at(-2), s?.y.values[0]]).toEqual([
      95.13749694824219, 95.31822204589844, 94.88349151611328,
    ]);
    expect(s?.meta).toMatchObject({
      yType: 'Transmission',
      comment: 'FT-IR Spectrum Example',
      date: '1995-04-18T09:20',
      'log:MODEL': 'PE Spectrum 2000',
    });
  });

  it('m_evenz: 32 subfiles 200–800 nm with z in minutes; nir: Kubelka-Munk; RAMAN.SPC: Raman shift with custom y label', () => {
    const evenz = shared('spc/spc-parser/m_evenz.spc');
    expect([evenz[0]?.x.values[0], evenz[0]?.x.values.at(-1), evenz[31]?.meta.z, evenz[0]?.meta.zType]).toEqual([
      200,
      800,
      16,
      'Minutes',
    ]);
    expect(evenz[5]?.y.values.some((v) => v !== 0)).toBe(true);
    expect(shared('spc/spc-parser/nir.spc')[19]?.y.label).toBe('Kubelka-Munk');
    const [raman] = shared('spc/spc-parser/RAMAN.SPC');
    expect([raman?.x.label, raman?.y.label, raman?.meta['log:MODEL']]).toEqual([
      'Raman Shift (cm-1)',
      'Rmn Intensity',
      'Nicolet',
    ]);
    const [ordz] = shared('spc/spc-parser/m_ordz.spc');
    expect([ordz?.meta.z, ordz?.meta.date, ordz?.meta.resolution]).toEqual([
      18.977195739746094,
      '1992-05-14T20:19',
      '8. cm-1',
    ]);
  });
});

describe.skipIf(!haveLightr)('parseSpc on Ocean Optics and CRAIC SPC (lightr, GPL, shared folder)', () => {
  it('OceanOptics.spc: XY float32, 3648 px 176.36–893.69 nm, SpectraSuite log; CRAIC.spc matches CRAIC.txt', () => {
    const [oo] = shared('vendor/lightr/OceanOptics.spc');
    expect([oo?.x.values.length, oo?.x.unit, oo?.y.label, oo?.meta['log:USER']]).toEqual([
      3648,
      'nm',
      'Transmission',
      'hugo',
    ]);
    const [craic] = shared('vendor/lightr/compare/CRAIC/CRAIC.spc');
    const text = readFileSync(path.join(SHARED, 'vendor/lightr/compare/CRAIC/CRAIC.txt'), 'latin1')
      .split(/\r?\n/)
      .slice(3, 6);
    const rows = text.map((line) => line.split('\t').map(Number));
    expect(craic?.x.values.length).toBe(3761);
    for (const [k, [x, y]] of rows.entries()) {
      expect(craic?.x.values[k]).toBeCloseTo(x as number, 2);
      expect(craic?.y.values[k]).toBeCloseTo(y as number, 3);
    }
  });
});
