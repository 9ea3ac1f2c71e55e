import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FormatDescriptor, SNIFF_BYTES } from '../../../formats/formatDescriptor';
import { sniffDelimitedText } from '../../../formats/readers/delimitedText.format';
import { avaSoft7Format, avaSoft8Format, avaSoftTextFormat } from './avantes.format';
import { oceanOpticsTextFormat, procSpecFormat } from './oceanOptics.format';
import { filesUnder, haveVendor, VENDOR } from './vendorFixtures.testUtil';

/** The descriptors of this folder's vendor readers. */
const MINE: readonly FormatDescriptor[] = [
  oceanOpticsTextFormat,
  procSpecFormat,
  avaSoft7Format,
  avaSoft8Format,
  avaSoftTextFormat,
];

/** Which of them must claim each shared vendor fixture (path relative to the vendor folder); every other file: none. */
const CLAIMS: Readonly<Record<string, string>> = {
  'lightr/OOusb4000.txt': 'oceanoptics-text',
  'lightr/OceanView.txt': 'oceanoptics-text',
  'lightr/non_english/OO_comma.txt': 'oceanoptics-text',
  'lightr/non_english/OceanView_nonEN.txt': 'oceanoptics-text',
  'lightr/jazspec.jaz': 'oceanoptics-text',
  'lightr/irrad.JazIrrad': 'oceanoptics-text',
  'photobiologyInOut/oo-spectrum.SSIrrad': 'oceanoptics-text',
  'photobiologyInOut/oo-spectrum.OVIrrad': 'oceanoptics-text',
  'lightr/procspec_files/OceanOptics_Windows.ProcSpec': 'oceanoptics-procspec',
  'lightr/compare/OceanInsight/BB_PF21_4.ProcSpec': 'oceanoptics-procspec',
  'lightr/avantes_trans.TRM': 'avasoft7-binary',
  'lightr/avantes2.TRM': 'avasoft7-binary',
  'lightr/avantes_reflect.ROH': 'avasoft7-binary',
  'lightr/1305084U1.DRK': 'avasoft7-binary',
  'lightr/1305084U1.REF': 'avasoft7-binary',
  'lightr/compare/Avantes/NEW0601.TRM': 'avasoft7-binary',
  'lightr/1904090M1_0003.Raw8': 'avasoft8-binary',
  'lightr/eg.IRR8': 'avasoft8-binary',
  'lightr/compare/Avantes/30849.RFL8': 'avasoft8-binary',
  'lightr/compare/rfl8x/d0001.Rfl8x': 'avasoft8-binary',
  'lightr/avantes_export.ttt': 'avasoft-text',
  'lightr/avantes_export2.trt': 'avasoft-text',
  'lightr/avantes_export_long.ttt': 'avasoft-text',
  'lightr/avasoft8.txt': 'avasoft-text',
  'lightr/compare/Avantes/NEW0601.ttt': 'avasoft-text',
  'photobiologyInOut/avantes-avaspec-e-irrad.csv': 'avasoft-text',
};

function head(file: string): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buffer = new Uint8Array(SNIFF_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, SNIFF_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

function claims(file: string): string[] {
  const bytes = head(file);
  return MINE.filter((format) => format.sniff(bytes, path.basename(file)) > 0).map((format) => format.id);
}

describe('the vendor sniffers take only their own files', () => {
  it('leave every fixture of the repository alone (gamma SPE/SPC/CNF/N42, MRS, optical CSV)', () => {
    const files = filesUnder(path.resolve(process.cwd(), 'test/fixtures')).filter(
      (file) => !file.endsWith('OO_comma.txt'),
    );
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect([file, claims(file)]).toEqual([file, []]);
  });

  it('leave a CHN header (int16 −1) and Galactic SPC headers alone', () => {
    const chn = new Uint8Array(64);
    chn.set([0xff, 0xff, 1, 0, 1, 0]);
    const spc = new Uint8Array(512);
    spc.set([0x00, 0x4b]);
    for (const bytes of [chn, spc]) expect(MINE.map((format) => format.sniff(bytes, 'x.spc'))).toEqual([0, 0, 0, 0, 0]);
  });

  it.skipIf(!haveVendor)(
    'claim each vendor fixture by exactly one reader, and nothing else of the shared folder',
    () => {
      const shared = path.resolve(VENDOR, '../..');
      const files = filesUnder(shared).filter((file) => !file.includes('gadras_reference_spectra_simulated'));
      expect(files.length).toBeGreaterThan(200);
      for (const file of files) {
        const relative = path.relative(VENDOR, file).split(path.sep).join('/');
        const expected = CLAIMS[relative];
        expect([relative, claims(file)]).toEqual([relative, expected === undefined ? [] : [expected]]);
        if (expected !== undefined) {
          const mine = MINE.find((format) => format.id === expected) as FormatDescriptor;
          expect(mine.sniff(head(file), path.basename(file))).toBeGreaterThan(
            sniffDelimitedText(head(file), path.basename(file)),
          );
        }
      }
    },
  );
});
