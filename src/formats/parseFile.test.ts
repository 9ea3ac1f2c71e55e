import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result, Spectrum, WorkbenchErrorCode } from '../core';
import type { FormatDescriptor, FormatParser } from './formatDescriptor';
import { type ParsedFile, parseFile } from './parseFile';
import { delimitedTextFormat } from './readers/delimitedText.format';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

async function expectFailure(
  result: Promise<Result<ParsedFile>>,
  code: WorkbenchErrorCode,
  file: string,
  message?: RegExp,
): Promise<void> {
  const settled = await result;
  if (settled.ok) throw new Error(`expected ${code}, got a parsed file`);
  expect(settled.error.code).toBe(code);
  expect(settled.error.file).toBe(file);
  if (message) expect(settled.error.message).toMatch(message);
}

function fakeReader(parse: FormatParser): FormatDescriptor {
  return {
    id: 'fake',
    name: 'Fake',
    domain: 'mrs',
    extensions: ['fake'],
    binary: false,
    sniff: () => 1,
    load: async () => ({ parse }),
  };
}

const spectrum = (x: number[], y: number[]): Spectrum => ({
  id: 'f#0',
  name: 'f',
  file: 'f.fake',
  domain: 'mrs',
  x: { values: Float64Array.from(x), unit: 'ppm', quantity: 'chemical shift' },
  y: { values: Float64Array.from(y), unit: 'a.u.' },
  meta: {},
});

describe('parseFile', () => {
  it('reads a real file into a ParsedFile', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../test/fixtures/optical/Ca_Mn_spec.csv', import.meta.url)));
    const result = await parseFile(bytes, 'optical/Ca_Mn_spec.csv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      file: 'optical/Ca_Mn_spec.csv',
      format: 'delimited-text',
      domain: 'emission',
    });
    expect(result.value.spectra).toHaveLength(1);
    expect(result.value.spectra[0]?.x.values.length).toBe(1024);
  });

  it("takes the domain from the spectra, or the format's when they disagree", async () => {
    const generic = await parseFile(encode('x,y\n1,2\n2,3\n'), 'a.csv');
    expect(generic.ok && generic.value.domain).toBe('generic');
    const gamma = await parseFile(encode('channel,counts\n1,2\n2,3\n'), 'a.csv');
    expect(gamma.ok && gamma.value.domain).toBe('gamma');
  });

  it('passes parse options on to the reader', async () => {
    const result = await parseFile(encode('1,5\n2,5\n'), 'a.txt', { decimalSeparator: ',' });
    expect(result.ok && Array.from(result.value.spectra[0]?.y.values ?? [])).toEqual([1.5, 2.5]);
  });

  it('loads only the parser of the chosen format', async () => {
    let loaded = false;
    const other: FormatDescriptor = {
      ...fakeReader(() => []),
      sniff: () => 0,
      load: async () => {
        loaded = true;
        return { parse: () => [] };
      },
    };
    const result = await parseFile(encode('1,2\n3,4\n'), 'a.csv', { formats: [delimitedTextFormat, other] });
    expect(result.ok).toBe(true);
    expect(loaded).toBe(false);
  });

  it('EMPTY_FILE, BINARY_FILE, UNKNOWN_FORMAT with the file name', async () => {
    await expectFailure(parseFile(new Uint8Array(), 'empty.csv'), 'EMPTY_FILE', 'empty.csv', /empty/);
    await expectFailure(parseFile(encode('\n  \n'), 'blank.csv'), 'EMPTY_FILE', 'blank.csv', /only whitespace/);
    await expectFailure(parseFile(new Uint8Array([1, 0, 2]), 'x.spc'), 'BINARY_FILE', 'x.spc', /binary/);
    await expectFailure(parseFile(encode('# Title\ntext'), 'read.me'), 'UNKNOWN_FORMAT', 'read.me');
  });

  it('TOO_LARGE with the limit in the message', async () => {
    const bytes = encode(Array.from({ length: 1000 }, (_, k) => `${k},1\n`).join('')); // 5890 bytes
    await expectFailure(
      parseFile(bytes, 'big.csv', { maxBytes: 2048 }),
      'TOO_LARGE',
      'big.csv',
      /5\.8 KiB.*limit of 2 KiB/,
    );
    expect((await parseFile(bytes, 'big.csv', { maxBytes: 5890 })).ok).toBe(true);
  });

  it('INVALID_OPTION for a maxBytes that is not a positive number', async () => {
    await expectFailure(
      parseFile(encode('1,2\n2,3\n'), 'a.csv', { maxBytes: 0 }),
      'INVALID_OPTION',
      'a.csv',
      /maxBytes/,
    );
    await expectFailure(parseFile(encode('1,2\n2,3\n'), 'a.csv', { maxBytes: Number.NaN }), 'INVALID_OPTION', 'a.csv');
  });

  it('NOT_A_SPECTRUM, TRUNCATED, INVALID_DATA from the reader, with the file name', async () => {
    await expectFailure(parseFile(encode('no numbers here\n'), 'words.txt'), 'NOT_A_SPECTRUM', 'words.txt');
    await expectFailure(parseFile(encode('x,y\n1,2\n'), 'one.csv'), 'NOT_A_SPECTRUM', 'one.csv', /only 1 data row/);
    await expectFailure(parseFile(encode('1,2\n2,3\n3'), 'cut.csv'), 'TRUNCATED', 'cut.csv', /line 3 has 1 column/);
    await expectFailure(parseFile(encode('1,2\n2,x\n3,4\n'), 'bad.csv'), 'INVALID_DATA', 'bad.csv', /line 2/);
  });

  it('reports reader bugs as INTERNAL and an empty result as NOT_A_SPECTRUM', async () => {
    const bytes = encode('anything');
    const throwing = fakeReader(() => {
      throw new TypeError('oops');
    });
    await expectFailure(parseFile(bytes, 'a.fake', { formats: [throwing] }), 'INTERNAL', 'a.fake', /oops/);
    const unsorted = fakeReader(() => [spectrum([2, 1], [0, 0])]);
    await expectFailure(
      parseFile(bytes, 'a.fake', { formats: [unsorted] }),
      'INTERNAL',
      'a.fake',
      /not strictly ascending/,
    );
    const mismatched = fakeReader(() => [spectrum([1, 2], [0])]);
    await expectFailure(
      parseFile(bytes, 'a.fake', { formats: [mismatched] }),
      'INTERNAL',
      'a.fake',
      /2 points but y has 1/,
    );
    const nothing = fakeReader(async () => []);
    await expectFailure(parseFile(bytes, 'a.fake', { formats: [nothing] }), 'NOT_A_SPECTRUM', 'a.fake');
    const fine = fakeReader(async () => [spectrum([1, 2], [3, 4])]);
    const result = await parseFile(bytes, 'a.fake', { formats: [fine] });
    expect(result.ok && [result.value.format, result.value.domain]).toEqual(['fake', 'mrs']);
  });

  it('never throws on garbage bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        const result = await parseFile(bytes, 'garbage.bin');
        if (!result.ok) {
          expect(result.error.file).toBe('garbage.bin');
          expect(result.error.code).not.toBe('INTERNAL');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on number-like garbage, and what it reads keeps the Spectrum invariant (property)', async () => {
    const alphabet = fc.constantFrom(...'0123456789.,;\t -+eE"#\n\r\nNaA/x'.split(''));
    await fc.assert(
      fc.asyncProperty(fc.array(alphabet, { maxLength: 400 }), async (chars) => {
        const result = await parseFile(encode(chars.join('')), 'noise.csv');
        if (!result.ok) {
          expect(result.error.file).toBe('noise.csv');
          expect(result.error.code).not.toBe('INTERNAL');
          return;
        }
        for (const s of result.value.spectra) {
          expect(s.x.values.length).toBe(s.y.values.length);
          expect(s.x.values.length).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseFile error reports', () => {
  it('names the detected format of a file that fails to parse', async () => {
    const result = await parseFile(new TextEncoder().encode('wavelength,intensity\n1,2\n3'), 'cut.csv');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        code: 'TRUNCATED',
        file: 'cut.csv',
        format: 'Delimited text (CSV, TSV, XY)',
      });
  });
});
