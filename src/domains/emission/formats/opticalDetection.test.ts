import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../formats/detectFormat';
import { parseFile } from '../../../formats/parseFile';
import { delimitedTextFormat } from '../../../formats/readers/delimitedText.format';
import { gammaFormats } from '../../gamma/formats';
import { writeGammaCsv } from '../../gamma/formats/writeGammaCsv';
import { avaSoft7Format, avaSoft8Format, avaSoftTextFormat } from './avantes.format';
import { jcampFormat } from './jcamp.format';
import { oceanOpticsTextFormat, procSpecFormat } from './oceanOptics.format';
import { opticalCsvFormat } from './opticalCsv.format';
import { spcFormat } from './spc.format';

/**
 * Which reader `detectFormat` picks once the JCAMP, SPC and optical CSV readers are registered next
 * to the generic and gamma ones (the precedence README.md documents), and that `parseFile` accepts
 * what they return (the Spectrum invariant).
 */
const VENDOR = [oceanOpticsTextFormat, procSpecFormat, avaSoft7Format, avaSoft8Format, avaSoftTextFormat];
const FORMATS = [delimitedTextFormat, ...gammaFormats, jcampFormat, spcFormat, ...VENDOR, opticalCsvFormat];
const SHARED = path.resolve(process.cwd(), '../shared/fixtures/optical');
const haveShared = existsSync(path.join(SHARED, 'vendor/lightr/OOusb4000.txt'));
const fixture = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/${path}`, import.meta.url)));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('format detection with the emission readers registered', () => {
  it('gives each file to the reader it belongs to', async () => {
    const spe = await parseFile(fixture('grs/bq_nai_background.spe'), 'nai.spe', { formats: FORMATS });
    if (!spe.ok) throw new Error(spe.error.message);
    const cases: [Uint8Array, string, string][] = [
      [fixture('optical/jcampconverter/uv.jdx'), 'uv.jdx', 'emission-jcamp'],
      [fixture('optical/jcampconverter/jcamp-difdup.dx'), 'x.txt', 'emission-jcamp'],
      [fixture('optical/raman_atacamit.spc'), 'raman_atacamit.spc', 'emission-spc'],
      [fixture('grs/bq_alcatraz14_transspec_hpge.spc'), 'alcatraz.spc', 'gamma-ortec-spc'],
      [fixture('optical/raman_hdpe.csv'), 'raman_hdpe.csv', 'emission-csv'],
      [fixture('optical/specData_soil_LIBS_240-400nm.csv'), 'specData.csv', 'emission-csv'],
      [fixture('optical/ftir_pva_without_header.csv'), 'ftir.csv', 'delimited-text'],
      [encode('Channel,Counts\n0,5\n1,7\n2,9\n'), 'g.csv', 'gamma-csv'],
      [encode('time_s,value\n0,1\n1,2\n2,3\n'), 't.csv', 'delimited-text'],
      [encode(writeGammaCsv(spe.value.spectra)), 'own.csv', 'gamma-csv'],
    ];
    for (const [bytes, name, id] of cases) expect([name, detectFormat(bytes, name, FORMATS).id]).toEqual([name, id]);
  });

  it.skipIf(!haveShared)('vendor files (shared folder, GPL) go to the vendor readers, generic tables here', () => {
    const cases = [
      ['vendor/lightr/OOusb4000.txt', 'oceanoptics-text'],
      ['vendor/photobiologyInOut/avantes-avaspec-e-irrad.csv', 'avasoft-text'],
      ['vendor/photobiologyInOut/wasatch-enlighten-raman.csv', 'emission-csv'],
      ['vendor/lightr/compare/Avantes/30849.csv', 'emission-csv'],
      ['vendor/lightr/OceanOptics.spc', 'emission-spc'],
      ['vendor/lightr/OceanOptics_period.jdx', 'emission-jcamp'],
      ['libs/libssa_KBr_C/KBr+C_00.txt', 'emission-csv'],
    ];
    for (const [file, id] of cases) {
      const bytes = new Uint8Array(readFileSync(path.join(SHARED, file as string)));
      expect([file, detectFormat(bytes, path.basename(file as string), FORMATS).id]).toEqual([file, id]);
    }
  });

  it('parseFile accepts what the readers return', async () => {
    for (const [path, name] of [
      ['optical/jcampconverter/uv.jdx', 'uv.jdx'],
      ['optical/raman_atacamit.spc', 'a.spc'],
      ['optical/raman_hdpe.csv', 'r.csv'],
    ] as const) {
      const result = await parseFile(fixture(path), name, { formats: FORMATS });
      expect(result.ok).toBe(true);
    }
  });
});
