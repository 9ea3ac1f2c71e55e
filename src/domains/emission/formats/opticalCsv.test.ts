import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseDelimitedText } from '../../../formats/readers/delimitedText';
import { sniffDelimitedText } from '../../../formats/readers/delimitedText.format';
import { errorFor, fuzzReader } from '../../../formats/readerTestSupport';
import { sniffGammaCsv } from '../../gamma/formats/gammaCsv.format';
import { parseOpticalCsv } from './opticalCsv';
import { opticalCsvFormat, sniffOpticalCsv } from './opticalCsv.format';

const FIXTURES = new URL('../../../../test/fixtures/optical/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = (text: string, name = 't.csv'): Spectrum[] => parseOpticalCsv(encode(text), name);
const xs = (s: Spectrum | undefined): number[] => Array.from(s?.x.values ?? []);
const ys = (s: Spectrum | undefined): number[] => Array.from(s?.y.values ?? []);

/** libssa (AGPL), Aalto (licence unverified), lightr and photobiologyInOut (GPL): ../shared only. */
const SHARED = path.resolve(process.cwd(), '../shared/fixtures/optical');
const haveShared = existsSync(path.join(SHARED, 'libs/libssa_KBr_C/KBr+C_00.txt'));
if (!haveShared) console.warn(`Optical fixtures missing: ${SHARED} (libssa, Aalto and vendor CSV tests skipped)`);
const shared = (name: string): Spectrum[] =>
  parseOpticalCsv(new Uint8Array(readFileSync(path.join(SHARED, name))), path.basename(name));

describe('parseOpticalCsv on real files (test/fixtures/optical)', () => {
  it('specData (specProc, MIT): long layout, 10 LIBS spectra × 15036 points, 240–400 nm, sorted seams', () => {
    const file = 'specData_soil_LIBS_240-400nm.csv';
    const spectra = parseOpticalCsv(bytesOf(file), file);
    const generic = parseDelimitedText(bytesOf(file), file);
    expect(spectra.map((s) => s.meta.columnHeader)).toEqual(generic.map((s) => s.meta.columnHeader));
    for (const [k, s] of spectra.entries()) {
      expect([s.x.values.length, s.x.values[0], s.x.values.at(-1), s.domain, s.x.unit]).toEqual([
        15036,
        240.00205,
        400.007872,
        'emission',
        'nm',
      ]);
      expect(ys(s)).toEqual(ys(generic[k]));
    }
    expect(spectra[0]?.meta).toMatchObject({
      layout: 'long',
      xOrder: 'sorted',
      delimiter: 'comma',
      format: 'emission-csv',
    });
    expect(spectra[0]?.name).toBe(`${file} (spectrum_142353)`);
  });

  it('raman_hdpe.csv (Open Specy, CC BY 4.0): wavenumber header → cm⁻¹, domain emission', () => {
    const [s] = parseOpticalCsv(bytesOf('raman_hdpe.csv'), 'raman_hdpe.csv');
    expect([s?.x.unit, s?.x.label, s?.domain, s?.x.values.length, s?.name]).toEqual([
      'cm-1',
      'wavenumber',
      'emission',
      964,
      'raman_hdpe.csv',
    ]);
  });

  it('ftir_pva_without_header.csv: no header and x beyond 1200 → unit unknown, domain generic, not claimed', () => {
    const bytes = bytesOf('ftir_pva_without_header.csv');
    const [s] = parseOpticalCsv(bytes, 'ftir.csv');
    expect([s?.x.unit, s?.domain, s?.meta.xUnitGuessed]).toEqual(['unknown', 'generic', undefined]);
    expect(sniffOpticalCsv(bytes, 'ftir.csv')).toBe(0);
  });
});

describe.skipIf(!haveShared)('parseOpticalCsv on shared fixtures (libssa AGPL, Aalto, vendor GPL)', () => {
  it('libssa KBr+C_00.txt: TSV, UTF-8 "λ(nm)" header, Spec1…Spec20, 2047 rows 187.98–400.535 nm', () => {
    const spectra = shared('libs/libssa_KBr_C/KBr+C_00.txt');
    expect(spectra.map((s) => s.meta.columnHeader)).toEqual(Array.from({ length: 20 }, (_, k) => `Spec${k + 1}`));
    const [s] = spectra;
    expect([s?.x.label, s?.x.unit, s?.x.values.length, s?.x.values[0], s?.x.values.at(-1), s?.y.values[0]]).toEqual([
      'λ(nm)',
      'nm',
      2047,
      187.98,
      400.535,
      74,
    ]);
    expect(s?.meta.delimiter).toBe('tab');
  });

  it('Aalto Al_spectrum.csv: wavelength,spectrum, 8188 rows 195.45–982.64 nm', () => {
    const [s] = shared('libs/aalto_elements/Al_spectrum.csv');
    expect([s?.x.values.length, s?.x.unit, s?.x.values[0]]).toEqual([8188, 'nm', 195.45022583007812]);
  });

  it('Wasatch ENLIGHTEN: key,value preamble in meta, Pixel column skipped, Wavelength is x', () => {
    const spectra = shared('vendor/photobiologyInOut/wasatch-enlighten-absorbance.csv');
    expect(spectra.map((s) => s.meta.columnHeader)).toEqual(['Processed', 'Raw', 'Dark', 'Reference']);
    expect(spectra[0]?.meta).toMatchObject({
      skippedColumns: 'Pixel',
      Model: 'WP-UV-VIS-C-S-25',
      Timestamp: '2021-10-04 00:53:36.877725',
    });
    expect([spectra[0]?.x.values[0], spectra[0]?.x.unit]).toEqual([247.94, 'nm']);
  });

  it('AvaSoft CSV: key-->,value preamble; lightr spec.csv: no header, nm guessed from the range', () => {
    const [ava] = shared('vendor/photobiologyInOut/avantes-avaspec-e-irrad.csv');
    expect(ava?.meta).toMatchObject({ Filename: 'F1_G2_201505290001.IRR', 'Int.time[ms]': '100', NrOfAverages: '100' });
    expect([ava?.x.label, ava?.x.unit]).toEqual(['Wavelength[nm]', 'nm']);
    const [spec] = shared('vendor/lightr/spec.csv');
    expect([spec?.x.unit, spec?.meta.xUnitGuessed, spec?.domain]).toEqual(['nm', 'range', 'emission']);
  });
});

describe('parseOpticalCsv: layouts, delimiters, units', () => {
  const wavelengths = Array.from({ length: 10 }, (_, k) => 240 + k * 0.5);

  it('wide layout (R write.csv): one spectrum per row, X-prefixed wavelength names, row labels', () => {
    const header = ['""', ...wavelengths.map((w) => `"X${w}"`)].join(',');
    const rows = ['"soil A"', '"soil B"'].map((label, r) =>
      [label, ...wavelengths.map((_, k) => r * 100 + k)].join(','),
    );
    const spectra = read([header, ...rows].join('\n'));
    expect(spectra.map((s) => [s.name, s.meta.sampleLabel, s.meta.layout, s.meta.line])).toEqual([
      ['t.csv (soil A)', 'soil A', 'wide', 2],
      ['t.csv (soil B)', 'soil B', 'wide', 3],
    ]);
    expect(xs(spectra[0])).toEqual(wavelengths);
    expect(ys(spectra[1])).toEqual(wavelengths.map((_, k) => 100 + k));
    expect([spectra[0]?.x.unit, spectra[0]?.meta.xUnitGuessed]).toEqual(['nm', 'range']);
  });

  it('wide layout with ; and decimal comma, wavelengths descending → sorted ascending with y', () => {
    const names = [...wavelengths].reverse().map((w) => String(w).replace('.', ','));
    const text = `sample;${names.join(';')}\nS1;${names.map((_, k) => `${k},5`).join(';')}\n`;
    const [s] = read(text);
    expect([s?.meta.decimalSeparator, s?.meta.xOrder, xs(s)[0], ys(s)[0], ys(s).at(-1)]).toEqual([
      ',',
      'descending',
      240,
      9.5,
      0.5,
    ]);
  });

  it('long layout: metadata lines, a units row, semicolons with decimal comma', () => {
    const text =
      'Integration time: 100 ms\nAverage: 20 scans\nWave;Sample;Dark\n[nm];[counts];[counts]\n400,5;10,25;1\n401,5;11;2\n';
    const spectra = read(text);
    expect(spectra.map((s) => [s.x.label, s.y.label, s.y.unit])).toEqual([
      ['Wave [nm]', 'Sample [counts]', 'counts'],
      ['Wave [nm]', 'Dark [counts]', 'counts'],
    ]);
    expect([xs(spectra[0]), ys(spectra[0])]).toEqual([
      [400.5, 401.5],
      [10.25, 11],
    ]);
    expect(spectra[0]?.meta).toMatchObject({
      'Integration time': '100 ms',
      Average: '20 scans',
      decimalSeparator: ',',
    });
  });

  it('x units from the header: Å and µm converted to nm, Raman shift to cm⁻¹, energy left generic', () => {
    expect(xs(read('wavelength (Å),I\n2000,1\n3000,2\n')[0])).toEqual([200, 300]);
    expect(xs(read('Wavelength [µm],I\n0.5,1\n1.5,2\n')[0])).toEqual([500, 1500]);
    const [raman] = read('Raman shift (cm-1)\tI\n3000\t1\n200\t2\n');
    expect([raman?.x.unit, raman?.domain, raman?.meta.xOrder, xs(raman)]).toEqual([
      'cm-1',
      'emission',
      'descending',
      [200, 3000],
    ]);
    const [energy] = read('Energy (keV),Counts\n1,2\n2,3\n');
    expect([energy?.x.unit, energy?.domain]).toEqual(['unknown', 'generic']);
  });
});

describe('sniffOpticalCsv: what it claims, and what it leaves to the gamma and generic readers', () => {
  const long = 'Wavelength (nm),Intensity\n400.1,1\n400.2,2\n';
  const headerless = Array.from({ length: 30 }, (_, k) => `${(250 + k * 0.37).toFixed(3)}\t${k}`).join('\n');
  const gammaEnergies = `Energy (keV),Counts\n${Array.from({ length: 30 }, (_, k) => `${(150 + k * 0.37).toFixed(3)},${k}`).join('\n')}`;

  it('scores as documented', () => {
    expect(sniffOpticalCsv(encode(long), 'a.csv')).toBe(0.65);
    expect(sniffOpticalCsv(bytesOf('specData_soil_LIBS_240-400nm.csv'), 'x.csv')).toBe(0.65);
    expect(sniffOpticalCsv(encode(`Channel,Wavelength,Counts\n1,400.1,5\n2,400.2,6\n`), 'c.csv')).toBe(0.65);
    expect(
      sniffOpticalCsv(
        encode(`,${Array.from({ length: 9 }, (_, k) => 300 + k).join(',')}\nA,${'1,'.repeat(8)}1\n`),
        'w.csv',
      ),
    ).toBe(0.62);
    expect(sniffOpticalCsv(encode(headerless), 'h.txt')).toBe(0.56);
    expect(sniffOpticalCsv(encode(gammaEnergies), 'g.csv')).toBe(0);
    expect(sniffOpticalCsv(encode('Channel,Counts\n1,2\n2,3\n'), 'g.csv')).toBe(0);
    expect(sniffOpticalCsv(encode('time,value\n0,1\n1,2\n'), 'g.csv')).toBe(0);
    expect(sniffOpticalCsv(encode('##TITLE=x\n##XYPOINTS=(XY..XY)\n400, 1\n'), 'j.csv')).toBe(0);
    expect(sniffOpticalCsv(new Uint8Array([1, 0, 2]), 'b.csv')).toBe(0);
  });

  it('recognises a wide table whose header fills or overflows the 64 KiB head', () => {
    for (const [columns, last] of [
      [9000, 919.92],
      [12000, 1159.92],
    ] as const) {
      const wavelengths = Array.from({ length: columns }, (_, k) => (200 + k * 0.08).toFixed(2));
      const text = `sample,${wavelengths.join(',')}\nA,${wavelengths.map((_, k) => k % 7).join(',')}\n`;
      const bytes = encode(text);
      expect(sniffOpticalCsv(bytes.subarray(0, 65536), 'big.csv')).toBe(0.62);
      const [s] = parseOpticalCsv(bytes, 'big.csv');
      expect([s?.x.values.length, s?.x.values.at(-1), s?.meta.layout, s?.meta.sampleLabel]).toEqual([
        columns,
        last,
        'wide',
        'A',
      ]);
    }
  });

  it('beats the generic reader on optical tables, and loses to the gamma CSV reader on gamma tables', () => {
    expect(sniffOpticalCsv(encode(long), 'a.csv')).toBeGreaterThan(sniffDelimitedText(encode(long), 'a.csv'));
    expect(sniffOpticalCsv(encode(headerless), 'h.csv')).toBeGreaterThan(
      sniffDelimitedText(encode(headerless), 'h.csv'),
    );
    expect(sniffGammaCsv(encode(gammaEnergies), 'g.csv')).toBeGreaterThan(
      sniffOpticalCsv(encode(gammaEnergies), 'g.csv'),
    );
    const both = 'Channel,Wavelength,Counts\n1,400.1,5\n2,400.2,6\n';
    expect(sniffOpticalCsv(encode(both), 'b.csv')).toBeGreaterThan(sniffGammaCsv(encode(both), 'b.csv'));
    expect(opticalCsvFormat.binary).toBe(false);
  });
});

describe('parseOpticalCsv: bad input', () => {
  it('gives typed errors naming the file and the line', () => {
    expect(errorFor('b.csv', () => parseOpticalCsv(new Uint8Array([52, 0, 1]), 'b.csv')).code).toBe('BINARY_FILE');
    expect(errorFor('e.csv', () => read(' \n\n', 'e.csv')).code).toBe('EMPTY_FILE');
    expect(errorFor('n.csv', () => read('just words\n', 'n.csv')).code).toBe('NOT_A_SPECTRUM');
    expect(errorFor('o.csv', () => read('400.5\n401.5\n', 'o.csv')).message).toBe(
      'only one column (from line 1): an optical spectrum needs an x column',
    );
    expect(errorFor('r.csv', () => read('nm,I\n400,1\n401,2\n400,3\n', 'r.csv')).message).toBe(
      'line 4: x = 400 occurs twice (values 1 and 3); x must not repeat',
    );
    const header = `id,${Array.from({ length: 8 }, (_, k) => 500 + k).join(',')}`;
    const wideCut = errorFor('w.csv', () => read(`${header}\nA,1,2,3,4,5,6,7,8\nB,1,2,3`, 'w.csv'));
    expect([wideCut.code, wideCut.message]).toEqual([
      'TRUNCATED',
      'line 3 has 4 cells, the header has 9 — the file looks truncated',
    ]);
    const wideBad = errorFor('w.csv', () => read(`${header}\nA,1,2,3,4,5,6,7,8\nB,1,2,3,4,5,6,7,x`, 'w.csv'));
    expect(wideBad.message).toBe('line 3, column 9: "x" is not a number');
    expect(errorFor('l.csv', () => read('nm,a,b\n400,1,2\n401,3', 'l.csv')).code).toBe('TRUNCATED');
  });

  it('survives random bytes, truncations and mutations (fuzz), long and wide', () => {
    const text = new TextDecoder()
      .decode(bytesOf('specData_soil_LIBS_240-400nm.csv'))
      .split('\n')
      .slice(0, 12)
      .join('\n');
    const chars = fc.constantFrom(...'0123456789.,;\t -+eE"\nnmXλ#:'.split('').map((c) => c.charCodeAt(0) & 0xff));
    fuzzReader({
      parse: parseOpticalCsv,
      fileName: 'f.csv',
      fixture: encode(text),
      seed: 6500,
      maxLength: 400,
      byteValues: chars,
    });
    fuzzReader({
      parse: parseOpticalCsv,
      fileName: 'f.csv',
      fixture: encode(text),
      seed: 6510,
      numRuns: 100,
      maxLength: 200,
    });
    const wide = `sample;${Array.from({ length: 9 }, (_, k) => `${300 + k},5`).join(';')}\nA;${'1;'.repeat(8)}2\nB;${'3;'.repeat(8)}4\n`;
    fuzzReader({
      parse: parseOpticalCsv,
      fileName: 'f.csv',
      fixture: encode(wide),
      seed: 6520,
      maxLength: 300,
      byteValues: chars,
    });
  });
});
