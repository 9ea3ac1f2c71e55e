import { describe, expect, it } from 'vitest';
import { errorFor, fuzzReader } from '../../../formats/readerTestSupport';
import { avaSoftTextFormat, sniffAvaSoftText } from './avantes.format';
import { parseAvantesText } from './avantesText';
import { byRole, haveVendor, utf8, vendorBytes, warnWithoutVendor } from './vendorFixtures.testUtil';

warnWithoutVendor('AvaSoft text tests');

/** An AvaSoft 7 `.ttt` as AvaSoft writes it: CRLF, the spectrometer line padded with NUL bytes. */
function ttt(rows: readonly string[], columns = 'Wave   ;Dark     ;Ref      ;Sample   ;Transmittance'): Uint8Array {
  const head = utf8(
    [
      '0804016U1- leaf 3',
      'Integration time: 100.00 ms',
      'Average: 20 scans',
      'Nr of pixels used for smoothing: 2',
      'Data measured with spectrometer name: 0804016U1',
    ].join('\r\n'),
  );
  const tail = utf8(
    `\r\n${[columns, '[nm]   ;[counts] ;[counts] ;[counts] ;[% transmittance] ', ...rows].join('\r\n')}\r\n`,
  );
  const out = new Uint8Array(head.length + 40 + tail.length);
  out.set(head);
  out.set(tail, head.length + 40);
  return out;
}

const ROWS = ['300.00;10.0;110.0;60.0;50.000', '301.00;10.0;110.0;35.0;25.000', '302.00;10.0;210.0;60.0;25.000'];

describe('parseAvantesText on written files', () => {
  it('reads an AvaSoft 7 .ttt with NUL padding: the processed column first, then sample, dark, reference', () => {
    const spectra = parseAvantesText(ttt(ROWS), 'a.ttt');
    expect(spectra.map((s) => s.meta.role)).toEqual(['processed', 'sample', 'dark', 'reference']);
    expect(Array.from(spectra[0]?.x.values ?? [])).toEqual([300, 301, 302]);
    expect(Array.from(spectra[0]?.y.values ?? [])).toEqual([50, 25, 25]);
    expect(Array.from(byRole(spectra, 'reference').y.values)).toEqual([110, 110, 210]);
    expect(spectra[0]?.meta).toMatchObject({
      format: 'avasoft-text',
      dialect: 'AvaSoft 7 text',
      spectrometer: '0804016U1',
      comment: 'leaf 3',
      integrationTimeS: 0.1,
      scansAveraged: 20,
      boxcarWidth: 2,
      yQuantity: 'transmittance',
      yUnit: '%',
    });
    expect(byRole(spectra, 'sample').y.unit).toBe('counts');
    expect(sniffAvaSoftText(ttt(ROWS), 'a.ttt')).toBe(0.95);
  });

  it('reads a decimal comma, AvaSoft 8 keys, blank lines and padded cells', () => {
    const [comma] = parseAvantesText(ttt(['300,00;1,5;2,5;2,0;50,0', '301,00;1,5;2,5;2,0;50,0']), 'c.ttt');
    expect(Array.from(comma?.x.values ?? [])).toEqual([300, 301]);
    const text = [
      '',
      'Integration time [ms]:    6.00',
      'Averaging Nr. [scans]: 79',
      'Smoothing Nr. [pixels]: 1',
      'Data measured with spectrometer [name]: 1209167U1',
      'Wave   ;Sample   ;Dark     ;Reference;Reflectance',
      '[nm]   ;[counts] ;[counts] ;[counts] ;[%]',
      '',
      ' 300.00;   -6.893;  -10.335;   -9.339;252.16336',
      ' 301.00;   -7.474;   -7.390;   -9.369; 0.00000',
      '',
    ].join('\r\n');
    const spectra = parseAvantesText(utf8(text), 'b.txt');
    expect(spectra[0]?.meta).toMatchObject({
      dialect: 'AvaSoft 8 text',
      yQuantity: 'reflectance',
      yUnit: '%',
      integrationTimeS: 0.006,
      scansAveraged: 79,
      boxcarWidth: 1,
      spectrometer: '1209167U1',
    });
    expect(Array.from(spectra[0]?.y.values ?? [])).toEqual([252.16336, 0]);
    expect(Array.from(byRole(spectra, 'sample').y.values)).toEqual([-6.893, -7.474]);
  });

  it('reads an AvaSoft CSV export with its `-->` header', () => {
    const text = [
      'Filename-->,F1.IRR',
      'Mode/Unit-->,Irradiance[µWatt/cm²]',
      'Int.time[ms]-->,100',
      'NrOfAverages-->,100',
      'Smoothing-->,0',
      'Wavelength[nm],1412092U1- f1 g2',
      '172.485,9.27919E-09',
      '173.091,1.10348E-08',
    ].join('\n');
    const [s] = parseAvantesText(utf8(text), 'e.csv');
    expect(Array.from(s?.x.values ?? [])).toEqual([172.485, 173.091]);
    expect(s?.meta).toMatchObject({
      dialect: 'AvaSoft CSV',
      sourceFile: 'F1.IRR',
      yQuantity: 'irradiance',
      yUnit: 'µWatt/cm²',
      integrationTimeS: 0.1,
      scansAveraged: 100,
      boxcarWidth: 0,
      spectrometer: '1412092U1',
      comment: 'f1 g2',
    });
    expect(sniffAvaSoftText(utf8(text), 'e.csv')).toBe(0.95);
  });

  it('says where a file goes wrong', () => {
    const fail = (bytes: Uint8Array): [string, string] => {
      const error = errorFor('d.ttt', () => parseAvantesText(bytes, 'd.ttt'));
      return [error.code, error.message];
    };
    expect(fail(utf8('Integration time: 1 ms\n300;1\n'))[0]).toBe('NOT_A_SPECTRUM');
    expect(fail(ttt([ROWS[0] as string, '301.00;10.0;abc;35.0;25.000', ROWS[2] as string]))).toEqual([
      'INVALID_DATA',
      'line 9, column 3: `abc` is not a number',
    ]);
    expect(fail(ttt([ROWS[0] as string, '301.00;10.0;1']))[0]).toBe('TRUNCATED');
    expect(fail(ttt(ROWS, 'Wave;Sample'))[1]).toBe('the column header at line 6 names 2 columns, the data rows have 5');
    expect(fail(ttt([]))[0]).toBe('NOT_A_SPECTRUM');
    expect(fail(utf8('Filename-->,x\n1,2\n'))[0]).toBe('NOT_A_SPECTRUM');
  });

  it('survives random bytes, truncations and mutations', () => {
    fuzzReader({
      parse: parseAvantesText,
      fileName: 'f.ttt',
      fixture: ttt(ROWS),
      seed: 6501,
      maxLength: 500,
      prefixes: [ttt([]).subarray(0, 250), utf8('Filename-->,x\nWavelength[nm],A\n')],
    });
  });
});

describe.skipIf(!haveVendor)(
  'parseAvantesText on the lightr and photobiologyInOut exports (GPL, shared folder)',
  () => {
    it('avantes_export.ttt, avantes_export_long.ttt, avantes_export2.trt', () => {
      const [t] = parseAvantesText(vendorBytes('lightr/avantes_export.ttt'), 'x.ttt');
      expect([t?.x.values.length, t?.x.values[0], t?.x.values[400], t?.y.values[0], t?.y.values[400]]).toEqual([
        401, 300, 700, 3.1487, 31.4912,
      ]);
      expect(t?.meta).toMatchObject({
        yQuantity: 'transmittance',
        integrationTimeS: 0.1,
        scansAveraged: 20,
        spectrometer: '0804016U1',
      });
      const long = parseAvantesText(vendorBytes('lightr/avantes_export_long.ttt'), 'l.ttt');
      expect(long.map((s) => s.meta.role)).toEqual(['processed', 'sample', 'dark', 'reference']);
      expect([long[0]?.x.values.length, long[0]?.y.values[0], byRole(long, 'dark').y.values[0]]).toEqual([
        1442, 23.333, 768.6,
      ]);
      const [trt] = parseAvantesText(vendorBytes('lightr/avantes_export2.trt'), 'e.trt');
      expect(trt?.meta).toMatchObject({
        role: 'sample',
        yQuantity: 'counts',
        timestampTicks10us: 2585261312,
        comment: 'I C',
      });
    });

    it('avasoft8.txt and avantes-avaspec-e-irrad.csv', () => {
      const spectra = parseAvantesText(vendorBytes('lightr/avasoft8.txt'), 'a8.txt');
      expect([spectra[0]?.x.values.length, spectra[0]?.y.values[0], spectra[0]?.y.values[400]]).toEqual([
        401, 252.16336, 96.33834,
      ]);
      expect(spectra[0]?.meta).toMatchObject({
        dialect: 'AvaSoft 8 text',
        yQuantity: 'reflectance',
        integrationTimeS: 0.006,
      });
      const [csv] = parseAvantesText(vendorBytes('photobiologyInOut/avantes-avaspec-e-irrad.csv'), 'a.csv');
      expect([csv?.x.values.length, csv?.x.values[0], csv?.x.values[1603], csv?.y.values[0]]).toEqual([
        1604, 172.485, 1100.222, 9.27919e-9,
      ]);
      expect(csv?.meta).toMatchObject({
        yQuantity: 'irradiance',
        integrationTimeS: 0.1,
        scansAveraged: 100,
        spectrometer: '1412092U1',
      });
    });

    it('sniffs every export at 0.95 and leaves the headerless CSV of 30849.RFL8 alone', () => {
      for (const file of [
        'lightr/avantes_export.ttt',
        'lightr/avantes_export2.trt',
        'lightr/avantes_export_long.ttt',
        'lightr/avasoft8.txt',
        'lightr/compare/Avantes/NEW0601.ttt',
        'photobiologyInOut/avantes-avaspec-e-irrad.csv',
      ]) {
        expect(avaSoftTextFormat.sniff(vendorBytes(file).subarray(0, 65536), file)).toBe(0.95);
      }
      expect(sniffAvaSoftText(vendorBytes('lightr/compare/Avantes/30849.csv'), '30849.csv')).toBe(0);
      fuzzReader({
        parse: parseAvantesText,
        fileName: 'n.ttt',
        fixture: vendorBytes('lightr/avantes_export.ttt'),
        seed: 6502,
        numRuns: 80,
        maxLength: 100,
      });
    });
  },
);
