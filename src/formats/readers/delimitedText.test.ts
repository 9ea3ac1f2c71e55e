import { describe, expect, it } from 'vitest';
import type { Spectrum, WorkbenchErrorCode } from '../../core';
import { thrownWorkbenchError as thrown } from '../../core/thrownWorkbenchError';
import type { ParseOptions } from '../formatDescriptor';
import { parseDelimitedText } from './delimitedText';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const parse = (text: string, fileName = 'data.csv', options?: ParseOptions): Spectrum[] =>
  parseDelimitedText(encode(text), fileName, options);
const xs = (spectrum: Spectrum | undefined): number[] => Array.from(spectrum?.x.values ?? []);
const ys = (spectrum: Spectrum | undefined): number[] => Array.from(spectrum?.y.values ?? []);

/** Runs `fn` and returns the WorkbenchError it throws (failing when it throws nothing or something else). */
function expectError(text: string, code: WorkbenchErrorCode, message: RegExp, fileName = 'data.csv'): void {
  const error = thrown(() => parse(text, fileName));
  expect(error.code).toBe(code);
  expect(error.file).toBe(fileName);
  expect(error.message).toMatch(message);
  // The file travels in `file`; the message says what is wrong and where, without repeating the name.
  expect(error.message.startsWith(`${fileName}: `)).toBe(false);
}

describe('parseDelimitedText: delimiters and decimal separators', () => {
  it.each([
    ['comma', 'x,y\n1,10\n2,20\n3,30\n'],
    ['tab', 'x\ty\n1\t10\n2\t20\n3\t30\n'],
    ['semicolon', 'x;y\n1;10\n2;20\n3;30\n'],
    ['whitespace', 'x   y\n  1  10\n 2\t 20\n3 \t30\n'],
  ])('reads a %s-separated table', (delimiter, text) => {
    const [spectrum, ...rest] = parse(text);
    expect(rest).toHaveLength(0);
    expect(xs(spectrum)).toEqual([1, 2, 3]);
    expect(ys(spectrum)).toEqual([10, 20, 30]);
    expect(spectrum?.meta.delimiter).toBe(delimiter);
    expect(spectrum?.meta.decimalSeparator).toBe('.');
  });

  it.each([
    ['semicolon', '1,5;2,25\n2,5;3,75\n3,5;-4,5\n'],
    ['tab', '1,5\t2,25\n2,5\t3,75\n3,5\t-4,5\n'],
    ['comma (quoted)', '"1,5","2,25"\n"2,5","3,75"\n"3,5","-4,5"\n'],
    ['whitespace', '1,5  2,25\n2,5  3,75\n3,5  -4,5\n'],
  ])('reads decimal commas with a %s delimiter', (_, text) => {
    const [spectrum] = parse(text);
    expect(xs(spectrum)).toEqual([1.5, 2.5, 3.5]);
    expect(ys(spectrum)).toEqual([2.25, 3.75, -4.5]);
    expect(spectrum?.meta.decimalSeparator).toBe(',');
  });

  it('reads exponents, signs and leading/trailing dots', () => {
    const [spectrum] = parse('1.5e+02,-3.2E-04\n+1.6E2,+.5\n170.,1e3\n1.8e2,-0.0\n');
    expect(xs(spectrum)).toEqual([150, 160, 170, 180]);
    expect(ys(spectrum)).toEqual([-3.2e-4, 0.5, 1000, -0]);
  });

  it('reads numbers longer than 15 digits exactly like Number()', () => {
    const [spectrum] = parse('0.1000000000000000055511151231257827,1.7976931348623157e308\n2,5e-324\n');
    expect(xs(spectrum)).toEqual([0.1, 2]);
    expect(ys(spectrum)).toEqual([1.7976931348623157e308, 5e-324]);
  });

  it('ignores a delimiter at the end of every row', () => {
    const [spectrum, ...rest] = parse('x,y,\n1,10,\n2,20,\n3,30,\n');
    expect(rest).toHaveLength(0);
    expect(ys(spectrum)).toEqual([10, 20, 30]);
  });

  it('takes the delimiter and decimal separator from the options when given', () => {
    const [spectrum] = parse('1,5\n2,25\n3,125\n', 'data.txt', { decimalSeparator: ',' });
    expect(xs(spectrum)).toEqual([0, 1, 2]);
    expect(ys(spectrum)).toEqual([1.5, 2.25, 3.125]);
    const [asTwoColumns] = parse('1,5\n2,25\n3,125\n');
    expect(ys(asTwoColumns)).toEqual([5, 25, 125]);
  });
});

describe('parseDelimitedText: lines, encodings, quoting', () => {
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('reads %s line ends', (_, eol) => {
    const [spectrum] = parse(['x,y', '1,10', '2,20', '3,30'].join(eol));
    expect(xs(spectrum)).toEqual([1, 2, 3]);
    expect(spectrum?.y.label).toBe('y');
  });

  it('skips a UTF-8 byte-order mark', () => {
    const [spectrum] = parse('\uFEFFwavelength,intensity\n1,2\n3,4\n');
    expect(spectrum?.x.label).toBe('wavelength');
    expect(spectrum?.meta.encoding).toBe('utf-8');
  });

  it('reads UTF-16 with a byte-order mark', () => {
    const text = '\uFEFFλ (nm)\tI\n400\t1\n401\t2\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) bytes[2 * i] = text.charCodeAt(i) & 0xff;
    for (let i = 0; i < text.length; i++) bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    const [spectrum] = parseDelimitedText(bytes, 'utf16.txt');
    expect(xs(spectrum)).toEqual([400, 401]);
    expect(spectrum?.x.unit).toBe('nm');
    expect(spectrum?.meta.encoding).toBe('utf-16le');
  });

  it('reads Windows-1252 text (a µ in the header) instead of calling it binary', () => {
    const bytes = new Uint8Array([...encode('Time (')].concat([0xb5], [...encode('s),I\n1,2\n2,3\n')]));
    const [spectrum] = parseDelimitedText(bytes, 'latin.csv');
    expect(spectrum?.x.label).toBe('Time (µs)');
    expect(spectrum?.meta.encoding).toBe('windows-1252');
  });

  it('unquotes quoted headers and values', () => {
    const [spectrum] = parse('"wavelength_nm","say ""hi"""\n"400.5","1"\n"401.5","2"\n');
    expect(spectrum?.x.label).toBe('wavelength_nm');
    expect(spectrum?.y.label).toBe('say "hi"');
    expect(xs(spectrum)).toEqual([400.5, 401.5]);
  });

  it('reads NaN, NA, N/A and empty y cells as NaN', () => {
    const spectra = parse('x,a,b\n1,NaN,\n2,NA,5\n3,n/a,6\n');
    expect(ys(spectra[0])).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(ys(spectra[1])).toEqual([Number.NaN, 5, 6]);
  });

  it('skips blank lines and comment lines inside the data', () => {
    const [spectrum] = parse('x,y\n1,10\n\n# gap\n2,20\n   \n3,30\n\n\n');
    expect(xs(spectrum)).toEqual([1, 2, 3]);
  });
});

describe('parseDelimitedText: header, preamble, footer', () => {
  it('keeps key: value and key=value preamble lines in meta and skips comments', () => {
    const text = [
      '# Instrument: Avaspec 2048',
      '% operator = J. Doe',
      '// exported by ACME',
      '; Integration time (ms): 100',
      'Sample: soil 42',
      '',
      'Wavelength (nm);Counts',
      '400,1;10',
      '400,2;11',
      '400,3;12',
    ].join('\n');
    const [spectrum] = parse(text);
    expect(spectrum?.meta).toMatchObject({
      Instrument: 'Avaspec 2048',
      operator: 'J. Doe',
      'Integration time (ms)': '100',
      Sample: 'soil 42',
      headerLines: 7,
      delimiter: 'semicolon',
      decimalSeparator: ',',
      columnHeader: 'Counts',
    });
    expect(spectrum?.x.unit).toBe('nm');
    expect(spectrum?.y.unit).toBe('counts');
    expect(spectrum?.domain).toBe('emission');
  });

  it('takes a commented line just before the data as the header', () => {
    const [spectrum] = parse('# energy_keV counts\n1.0 5\n2.0 6\n3.0 7\n', 'spectrum.dat');
    expect(spectrum?.x.unit).toBe('keV');
    expect(spectrum?.domain).toBe('gamma');
    expect(spectrum?.name).toBe('spectrum.dat (counts)');
  });

  it('joins (unit) tokens to their names in a whitespace header', () => {
    const [spectrum] = parse('Wavelength (nm) Intensity (a.u.)\n500 1\n501 2\n');
    expect(spectrum?.x.label).toBe('Wavelength (nm)');
    expect(spectrum?.y.unit).toBe('a.u.');
  });

  it('treats a lone number before the table (a pixel count) as preamble', () => {
    const [spectrum] = parse('pixels\n2048\nx,y\n1,2\n2,3\n3,4\n');
    expect(xs(spectrum)).toEqual([1, 2, 3]);
    expect(spectrum?.x.label).toBe('x');
    const [direct] = parse('2048\n1,2\n2,3\n3,4\n');
    expect(xs(direct)).toEqual([1, 2, 3]);
  });

  it('ignores text lines after the data (a footer) and counts them', () => {
    const [spectrum] = parse('>>>>>Begin Spectral Data<<<<<\n1\t2\n2\t3\n3\t4\n>>>>>End Spectral Data<<<<<\n');
    expect(xs(spectrum)).toEqual([1, 2, 3]);
    expect(spectrum?.meta.footerLines).toBe(1);
    expect(spectrum?.x.label).toBeUndefined();
  });
});

describe('parseDelimitedText: columns and x order', () => {
  it('gives one spectrum per y column, named after the header', () => {
    const spectra = parse('wavelength,Fe,Cu,Zn\n300,1,2,3\n301,4,5,6\n', 'lines/metals.csv');
    expect(spectra.map((s) => s.name)).toEqual(['metals.csv (Fe)', 'metals.csv (Cu)', 'metals.csv (Zn)']);
    expect(spectra.map((s) => s.id)).toEqual(['lines/metals.csv#0', 'lines/metals.csv#1', 'lines/metals.csv#2']);
    expect(spectra.map((s) => s.meta.column)).toEqual([2, 3, 4]);
    expect(ys(spectra[2])).toEqual([3, 6]);
    expect(spectra[0]?.x.values).not.toBe(spectra[1]?.x.values); // own buffers, so each can be transferred
    expect(spectra.every((s) => s.file === 'lines/metals.csv')).toBe(true);
  });

  it('names headerless columns by number', () => {
    expect(parse('1,2,3\n2,3,4\n').map((s) => s.name)).toEqual(['data.csv (column 2)', 'data.csv (column 3)']);
    expect(parse('1,2\n2,3\n').map((s) => s.name)).toEqual(['data.csv']);
  });

  it('reads a single column as y over the index', () => {
    const [spectrum] = parse('counts\n5\n7\n9\n');
    expect(xs(spectrum)).toEqual([0, 1, 2]);
    expect(ys(spectrum)).toEqual([5, 7, 9]);
    expect(spectrum?.x.unit).toBe('index');
    expect(spectrum?.x.quantity).toBe('index');
    expect(spectrum?.y.unit).toBe('counts');
  });

  it('reverses a descending x, with its y', () => {
    const [spectrum] = parse('cm-1,abs\n4000,0.1\n3000,0.2\n2000,0.3\n');
    expect(xs(spectrum)).toEqual([2000, 3000, 4000]);
    expect(ys(spectrum)).toEqual([0.3, 0.2, 0.1]);
    expect(spectrum?.meta.xDescending).toBe(true);
    expect(spectrum?.x.unit).toBe('cm-1');
  });

  it('sorts an unsorted x (overlapping segments), with its y', () => {
    const [spectrum] = parse('nm,I\n1,10\n2,20\n3,30\n2.5,25\n4,40\n');
    expect(xs(spectrum)).toEqual([1, 2, 2.5, 3, 4]);
    expect(ys(spectrum)).toEqual([10, 20, 25, 30, 40]);
    expect(spectrum?.meta).toMatchObject({ xSorted: true, xDescending: false });
  });
});

describe('parseDelimitedText: errors', () => {
  it('NOT_A_SPECTRUM for text without rows of numbers', () => {
    expectError('This is a note.\nNothing here: none\n', 'NOT_A_SPECTRUM', /no table of numbers/, 'notes.txt');
  });

  it('NOT_A_SPECTRUM for fewer than 2 data rows', () => {
    expectError('x,y\n1,2\n', 'NOT_A_SPECTRUM', /only 1 data row \(line 2\).*at least 2 points/);
  });

  it('TRUNCATED for a last row with a missing column', () => {
    const rows = Array.from({ length: 1042 }, (_, k) => `${k},${k * 2}`);
    const text = `x,y\n${rows.join('\n')}\n1042`;
    expectError(text, 'TRUNCATED', /^line 1044 has 1 column, expected 2 — the file looks truncated$/);
  });

  it('TRUNCATED for a last number cut off', () => {
    expectError('1,2\n2,3\n3,4e', 'TRUNCATED', /line 3 ends in "4e", not a number — the file looks truncated/);
  });

  it('INVALID_DATA for a middle row with another column count', () => {
    expectError('1,2\n2,3\n3\n4,5\n', 'INVALID_DATA', /line 3 has 1 column, expected 2$/);
    expectError('1,2\n2,3\n3,4,5\n4,5\n', 'INVALID_DATA', /line 3 has 3 columns, expected 2$/);
  });

  it('INVALID_DATA for a non-numeric x in the middle, naming its line', () => {
    expectError('1,2\n2,3\n3,4\nabc,5\n5,6\n', 'INVALID_DATA', /line 4 \("abc,5"\) is not a data row.*line 5/);
    expectError('1,2\n2,3\n3,4\n,5\n5,6\n', 'INVALID_DATA', /line 4, x \(column 1\) is empty/);
    expectError('1,2\n2,3\nNaN,4\n5,6\n', 'INVALID_DATA', /line 3: x \(column 1\) must be a finite number/);
    expectError('1,2\n2,3\n1.2.3,4\n5,6\n', 'INVALID_DATA', /line 3, column 1: "1\.2\.3" is not a number/);
  });

  it('INVALID_DATA for a non-numeric y, naming line and column', () => {
    expectError('1,2\n2,oops\n3,4\n', 'INVALID_DATA', /line 2, column 2: "oops" is not a number/);
  });

  it('INVALID_DATA for a repeated x', () => {
    expectError('1,2\n2,3\n2,4\n3,5\n', 'INVALID_DATA', /x = 2 appears twice \(lines 2 and 3\)/);
    expectError('1,2\n3,3\n2,4\n3,5\n', 'INVALID_DATA', /x = 3 occurs twice \(lines 2 and 4\)/);
  });

  it('BINARY_FILE and EMPTY_FILE when called directly', () => {
    const binary = thrown(() => parseDelimitedText(new Uint8Array([0x31, 0, 0x32]), 'b.csv'));
    expect([binary.code, binary.file]).toEqual(['BINARY_FILE', 'b.csv']);
    const empty = thrown(() => parse(' \n\t\n', 'e.csv'));
    expect([empty.code, empty.file]).toEqual(['EMPTY_FILE', 'e.csv']);
  });
});
