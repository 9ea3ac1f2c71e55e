import { describe, expect, it } from 'vitest';
import { WorkbenchError, type WorkbenchErrorCode } from '../core';
import { detectFormat } from './detectFormat';
import type { FormatDescriptor } from './formatDescriptor';
import { delimitedTextFormat } from './readers/delimitedText.format';
import { listFormats, registerFormat } from './registry';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function fakeFormat(
  id: string,
  sniff: FormatDescriptor['sniff'],
  extra: Partial<FormatDescriptor> = {},
): FormatDescriptor {
  return {
    id,
    name: `Fake ${id}`,
    domain: 'gamma',
    extensions: [],
    binary: false,
    sniff,
    load: () => Promise.reject(new Error('not loaded in these tests')),
    ...extra,
  };
}

function detectError(bytes: Uint8Array, fileName: string, formats?: readonly FormatDescriptor[]): WorkbenchError {
  try {
    detectFormat(bytes, fileName, formats);
  } catch (error) {
    if (error instanceof WorkbenchError) return error;
    throw error;
  }
  throw new Error('expected a WorkbenchError');
}

function expectDetectError(
  bytes: Uint8Array,
  fileName: string,
  code: WorkbenchErrorCode,
  formats?: readonly FormatDescriptor[],
): void {
  const error = detectError(bytes, fileName, formats);
  expect(error.code).toBe(code);
  expect(error.file).toBe(fileName);
  expect(error.message.startsWith(`${fileName}: `)).toBe(false); // the name travels in `file`
}

describe('detectFormat', () => {
  it('recognises a CSV table as delimited text', () => {
    expect(detectFormat(encode('x,y\n1,2\n3,4\n'), 'a.csv').id).toBe('delimited-text');
    expect(detectFormat(encode('1 2\n3 4\n'), 'no-extension').id).toBe('delimited-text');
  });

  it('EMPTY_FILE for 0 bytes and for whitespace only (with or without BOM)', () => {
    expectDetectError(new Uint8Array(), 'empty.csv', 'EMPTY_FILE');
    expectDetectError(encode(' \r\n\t \n'), 'blank.csv', 'EMPTY_FILE');
    expectDetectError(encode('\uFEFF\n\n'), 'bom.csv', 'EMPTY_FILE');
    expectDetectError(new Uint8Array([0xff, 0xfe, 0x20, 0, 0x0a, 0]), 'utf16.txt', 'EMPTY_FILE');
  });

  it('BINARY_FILE for NUL or control bytes when only text formats are known', () => {
    expectDetectError(new Uint8Array([0x31, 0x2c, 0x32, 0x00, 0x0a]), 'nul.csv', 'BINARY_FILE');
    expectDetectError(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x01, 0x02]), 'photo.jpg', 'BINARY_FILE');
    expect(detectError(new Uint8Array([0, 1, 2]), 'x.spc').message).toMatch(/binary file.*only text formats/);
  });

  it('UNKNOWN_FORMAT for text that no format claims', () => {
    expectDetectError(encode('# Notes\n\nSome prose.\n'), 'notes.md', 'UNKNOWN_FORMAT');
    expectDetectError(encode('##TITLE=uv\n##JCAMP-DX=4.24\n##XYDATA=(X++(Y..Y))\n1 2 3\n'), 'uv.jdx', 'UNKNOWN_FORMAT');
  });

  it('UNKNOWN_FORMAT for binary bytes when binary formats exist but none claims them', () => {
    const binary = fakeFormat('fake-binary', (head) => (head[0] === 0x4b ? 0.9 : 0), { binary: true });
    expectDetectError(new Uint8Array([0, 1, 2]), 'x.bin', 'UNKNOWN_FORMAT', [delimitedTextFormat, binary]);
    expect(detectFormat(new Uint8Array([0x4b, 0, 1]), 'x.spc', [delimitedTextFormat, binary]).id).toBe('fake-binary');
  });

  it('picks the highest confidence', () => {
    const spe = fakeFormat('fake-spe', (head) => (new TextDecoder().decode(head).startsWith('$SPEC_ID:') ? 0.9 : 0));
    const formats = [delimitedTextFormat, spe];
    expect(detectFormat(encode('$SPEC_ID:\nsample\n$DATA:\n0 3\n1\n2\n3\n4\n'), 'a.txt', formats).id).toBe('fake-spe');
    expect(detectFormat(encode('1\n2\n3\n4\n'), 'a.txt', formats).id).toBe('delimited-text');
  });

  it('breaks ties by extension, then by registration order', () => {
    const a = fakeFormat('a', () => 0.5, { extensions: ['aaa'] });
    const b = fakeFormat('b', () => 0.5, { extensions: ['bbb'] });
    expect(detectFormat(encode('data'), 'file.bbb', [a, b]).id).toBe('b');
    expect(detectFormat(encode('data'), 'file.AAA', [b, a]).id).toBe('a');
    expect(detectFormat(encode('data'), 'file.ccc', [b, a]).id).toBe('b');
  });

  it('treats a sniff that throws or returns nonsense as 0', () => {
    const broken = fakeFormat('broken', () => {
      throw new Error('bug');
    });
    const nan = fakeFormat('nan', () => Number.NaN);
    expect(detectFormat(encode('1,2\n3,4\n'), 'a.csv', [broken, nan, delimitedTextFormat]).id).toBe('delimited-text');
  });

  it('passes at most 64 KiB to sniff', () => {
    let seen = 0;
    const probe = fakeFormat('probe', (head) => {
      seen = head.length;
      return 1;
    });
    detectFormat(new Uint8Array(200_000).fill(0x31), 'big.txt', [probe]);
    expect(seen).toBe(65_536);
  });
});

describe('registry', () => {
  it('lists the built-in delimited text format', () => {
    expect(listFormats().map((format) => format.id)).toContain('delimited-text');
  });

  it('registers a format, used by detectFormat, and unregisters it', () => {
    const unregister = registerFormat(fakeFormat('fake-magic', (head) => (head[0] === 0x4d ? 1 : 0)));
    try {
      expect(detectFormat(encode('M,1\n'), 'a.csv').id).toBe('fake-magic');
    } finally {
      unregister();
    }
    expect(listFormats().map((format) => format.id)).not.toContain('fake-magic');
  });

  it('refuses a duplicate id', () => {
    expect(() => registerFormat(fakeFormat('delimited-text', () => 0))).toThrow(RangeError);
  });

  it('returns a copy', () => {
    (listFormats() as FormatDescriptor[]).length = 0;
    expect(listFormats().length).toBeGreaterThan(0);
  });
});
