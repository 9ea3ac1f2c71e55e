import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { errorFor, fuzzReader } from '../../../formats/readerTestSupport';
import { parseOceanOptics } from './oceanOptics';
import { sniffOceanOpticsText } from './oceanOptics.format';
import { javaDateToIso } from './oceanOpticsHeader';
import { latin1, repoFixture, utf8 } from './vendorFixtures.testUtil';

const SS_HEADER = [
  'SpectraSuite Data File',
  '++++++++++++++++++++++++++++++++++++',
  'Date: Mon Jan 14 17:36:35 GMT 2008',
  'Dark Spectrum Present: No',
  'Reference Spectrum Present: No',
  'Spectrometers: USB4A00428',
  'Integration Time (usec): 20000 (USB4A00428)',
  'Spectra Averaged: 50 (USB4A00428)',
  'Number of Pixels in Processed Spectrum: 3',
  '>>>>>Begin Processed Spectral Data<<<<<',
];
const spectraSuite = (rows: readonly string[], end = true): Uint8Array =>
  utf8([...SS_HEADER, ...rows, ...(end ? ['>>>>>End Processed Spectral Data<<<<<'] : [])].join('\r\n'));

const values = (s: Spectrum | undefined): number[] => Array.from(s?.y.values ?? []);
const xs = (s: Spectrum | undefined): number[] => Array.from(s?.x.values ?? []);

describe('parseOceanOptics on written files', () => {
  it('reads a SpectraSuite scope file: x, y, header metadata, counts when neither dark nor reference was present', () => {
    const [s] = parseOceanOptics(spectraSuite(['400.5\t10', '401.0\t-2.5', '401.5\t1.25E2']), 'a.txt');
    expect(xs(s)).toEqual([400.5, 401, 401.5]);
    expect(values(s)).toEqual([10, -2.5, 125]);
    expect(s?.domain).toBe('emission');
    expect(s?.x.unit).toBe('nm');
    expect(s?.y.unit).toBe('counts');
    expect(s?.meta).toMatchObject({
      format: 'oceanoptics-text',
      dialect: 'SpectraSuite',
      date: '2008-01-14T17:36:35Z',
      spectrometer: 'USB4A00428',
      integrationTimeS: 0.02,
      scansAveraged: 50,
      pixelCountStated: 3,
      role: 'processed',
      yQuantity: 'counts',
    });
  });

  it('reads a decimal comma when a TAB separates the columns, and reverses a descending axis', () => {
    const [s] = parseOceanOptics(spectraSuite(['401,5\t1,25', '401,0\t2', '400,5\t-3,5']), 'a.txt');
    expect(xs(s)).toEqual([400.5, 401, 401.5]);
    expect(values(s)).toEqual([-3.5, 2, 1.25]);
    expect(s?.meta.xDescending).toBe(true);
  });

  it('reads an OceanView file without end marker, Raman shifts in cm-1', () => {
    const text = [
      'Data from raman.txt Node',
      '',
      'Integration Time (sec): 1,500000E-1',
      'XAxis mode: Raman Shifts',
      '>>>>>Begin Spectral Data<<<<<',
      '1.0E2\t5',
      '2.0E2\t6',
    ].join('\n');
    const [s] = parseOceanOptics(utf8(text), 'r.txt');
    expect(s?.x.unit).toBe('cm-1');
    expect(s?.x.quantity).toBe('wavenumber');
    expect(s?.meta.integrationTimeS).toBe(0.15);
    expect(s?.meta.yQuantity).toBe('unknown');
  });

  it('names the line of a bad row and refuses what is not an Ocean Optics export', () => {
    expect(
      errorFor('a.txt', () => parseOceanOptics(spectraSuite(['1\t2', '2\t3\t4', '3\t4']), 'a.txt')).message,
    ).toMatch(/line 12 has 3 cells/);
    const bad = errorFor('a.txt', () => parseOceanOptics(spectraSuite(['1\t2', '2\tx7', '3\t4']), 'a.txt'));
    expect([bad.code, bad.message]).toEqual(['INVALID_DATA', 'line 12, column 2: `x7` is not a number']);
    expect(errorFor('a.txt', () => parseOceanOptics(spectraSuite(['1\t2', '3\t4', '2\t5']), 'a.txt')).message).toMatch(
      /not ascending at line 13/,
    );
    expect(errorFor('a.txt', () => parseOceanOptics(spectraSuite(['1\t2', '2\t3'], false), 'a.txt')).code).toBe(
      'TRUNCATED',
    );
    expect(errorFor('a.txt', () => parseOceanOptics(utf8(SS_HEADER.slice(0, 5).join('\n')), 'a.txt')).code).toBe(
      'TRUNCATED',
    );
    expect(errorFor('a.txt', () => parseOceanOptics(spectraSuite([]), 'a.txt')).code).toBe('NOT_A_SPECTRUM');
    expect(errorFor('a.txt', () => parseOceanOptics(utf8('x,y\n1,2\n'), 'a.txt')).code).toBe('NOT_A_SPECTRUM');
    expect(errorFor('a.txt', () => parseOceanOptics(new Uint8Array([1, 2, 3, 200]), 'a.txt')).code).toBe('BINARY_FILE');
    expect(errorFor('a.txt', () => parseOceanOptics(utf8('  \n'), 'a.txt')).code).toBe('EMPTY_FILE');
  });

  it('reads UTF-16 with a byte-order mark and UTF-8 with one', () => {
    const text = `${SS_HEADER.join('\r\n')}\r\n400\t1\r\n401\t2\r\n>>>>>End Processed Spectral Data<<<<<\r\n`;
    const utf16 = new Uint8Array(2 + 2 * text.length);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    expect(values(parseOceanOptics(utf16, 'w.txt')[0])).toEqual([1, 2]);
    expect(sniffOceanOpticsText(utf16, 'w.txt')).toBe(0.95);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(values(parseOceanOptics(bom, 'b.txt')[0])).toEqual([1, 2]);
    expect(sniffOceanOpticsText(bom, 'b.txt')).toBe(0.95);
  });

  it('dates: Java Date.toString with a known zone gets its offset, an ambiguous or absent one stays local', () => {
    expect(javaDateToIso('Tue Mar 18 08:44:17 EST 2014')).toBe('2014-03-18T08:44:17-05:00');
    expect(javaDateToIso('Thu Apr 20 21:15:04 CEST 2017')).toBe('2017-04-20T21:15:04+02:00');
    expect(javaDateToIso('Mon Aug 29 16:23:13 2011')).toBe('2011-08-29T16:23:13');
    expect(javaDateToIso('Fri Aug 19 13:19:52 CST 2016')).toBe('2016-08-19T13:19:52');
    expect(javaDateToIso('Fri Foo 19 13:19:52 2016')).toBeUndefined();
  });
});

describe('parseOceanOptics on OO_comma.txt (CC0, figshare 10.6084/m9.figshare.9883382, via lightr)', () => {
  const bytes = repoFixture('optical/OO_comma.txt');
  const [s] = parseOceanOptics(bytes, 'OO_comma.txt');

  it('reads the decimal-comma English SpectraSuite file', () => {
    expect(s?.x.values.length).toBe(2048);
    expect([s?.x.values[0], s?.x.values[2047]]).toEqual([178.23, 884.34]);
    expect([s?.y.values[3], s?.y.values[2047]]).toEqual([-1746.154, 25.222]);
    expect(s?.meta).toMatchObject({
      date: '2016-08-19T13:19:52-05:00',
      spectrometer: 'USB2+H11150',
      integrationTimeS: 0.07,
      scansAveraged: 15,
      boxcarWidth: 5,
      electricDarkCorrection: false,
      strobeLampEnabled: true,
      darkSpectrumPresent: true,
      referenceSpectrumPresent: true,
      yQuantity: 'unknown',
    });
    expect(sniffOceanOpticsText(bytes, 'OO_comma.txt')).toBe(0.95);
  });

  it('survives random bytes, truncations and mutations (TRUNCATED when cut inside the data)', () => {
    fuzzReader({
      parse: parseOceanOptics,
      fileName: 'OO_comma.txt',
      fixture: bytes,
      seed: 6101,
      numRuns: 120,
      maxLength: 600,
      prefixes: [utf8(`${SS_HEADER.join('\n')}\n`), utf8('Data from x Node\n>>>>>Begin Spectral Data<<<<<\n')],
      onTruncation: (cut, outcome) => {
        if (cut > 900 && cut < bytes.length - 45) expect(outcome).toMatchObject({ code: 'TRUNCATED' });
      },
    });
    fc.assert(
      fc.property(fc.array(fc.constantFrom('1', ',', '\t', '-', 'E', '\r\n', ' ', '>'), { maxLength: 60 }), (cells) => {
        const text = `${SS_HEADER.join('\n')}\n${cells.join('')}\n>>>>>End<<<<<`;
        try {
          parseOceanOptics(utf8(text), 'f.txt');
        } catch (error) {
          expect((error as { file?: string }).file).toBe('f.txt');
        }
      }),
      { seed: 6102, numRuns: 300 },
    );
  });
});

describe('sniffOceanOpticsText', () => {
  it('scores the first line and a section marker, and nothing else', () => {
    expect(sniffOceanOpticsText(utf8('Data from x.txt Node\nDate: now\n'), 'x.txt')).toBe(0.85);
    expect(
      sniffOceanOpticsText(latin1('Fichero De Datos De SpectraSuite\r\nFecha: x\r\n>>>>> Comienza'), 'x.txt'),
    ).toBe(0.95);
    expect(sniffOceanOpticsText(utf8('##TITLE=SpectraSuite\n##JCAMP-DX=4.24\n'), 'x.jdx')).toBe(0);
    expect(sniffOceanOpticsText(utf8('wavelength,intensity\n400,1\n'), 'x.csv')).toBe(0);
    expect(sniffOceanOpticsText(new Uint8Array([0x4b, 0x01, 2, 3]), 'x.spc')).toBe(0);
  });
});
