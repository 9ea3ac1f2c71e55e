import { describe, expect, it } from 'vitest';
import { sniffDelimitedText } from './delimitedText.format';
import { detectLayout } from './delimitedTextLayout';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('detectLayout', () => {
  it('returns undefined for text without rows of numbers', () => {
    expect(detectLayout('just words\nand more: words\n')).toBeUndefined();
    expect(detectLayout('')).toBeUndefined();
  });

  it('finds the data start, header and preamble', () => {
    const layout = detectLayout('Title: test\n\nx,y\n1,2\n3,4\n');
    expect(layout).toMatchObject({
      delimiter: ',',
      decimalSeparator: '.',
      columns: 2,
      dataLine: 4,
      headerLines: 3,
      header: ['x', 'y'],
      preamble: { Title: 'test' },
    });
  });

  it('reads a comma between digits as a delimiter unless told otherwise', () => {
    expect(detectLayout('1,5\n2,5\n')).toMatchObject({ delimiter: ',', columns: 2 });
    expect(detectLayout('1,5\n2,5\n', { decimalSeparator: ',' })).toMatchObject({ decimalSeparator: ',', columns: 1 });
    expect(detectLayout('1,5\n2,5\n', { delimiter: ';' })).toMatchObject({ decimalSeparator: ',', columns: 1 });
  });

  it('prefers a comma-separated table even when some rows are broken', () => {
    expect(detectLayout('1,2\n2,3\n3\n4,5\n')).toMatchObject({ delimiter: ',', columns: 2 });
  });

  it('detects a delimiter at the end of every row', () => {
    expect(detectLayout('1;2;\n3;4;\n')).toMatchObject({ delimiter: ';', columns: 2, trailingDelimiter: true });
    expect(detectLayout('1\t2\t\n3\t4\t\n')).toMatchObject({ delimiter: '\t', columns: 2, trailingDelimiter: true });
  });

  it('joins a units row to the names row above it', () => {
    const layout = detectLayout('Wave   ;Sample   ;Dark\n[nm]   ;[counts] ;[counts]\n300;1;2\n301;3;4\n');
    expect(layout?.header).toEqual(['Wave [nm]', 'Sample [counts]', 'Dark [counts]']);
  });

  it('skips up to three leading rows with another column count', () => {
    expect(detectLayout('2048\n1,2\n2,3\n3,4\n')).toMatchObject({ dataLine: 2, columns: 2 });
  });

  it('treats a lone numeric line between text lines as preamble', () => {
    expect(detectLayout('Pixels\n2048\nx y\n1 2\n2 3\n')).toMatchObject({ dataLine: 4, header: ['x', 'y'] });
  });
});

describe('sniffDelimitedText', () => {
  it('scores a multi-column table about 0.5, more with a table extension', () => {
    expect(sniffDelimitedText(encode('x,y\n1,2\n3,4\n'), 'a.csv')).toBeCloseTo(0.55);
    expect(sniffDelimitedText(encode('x,y\n1,2\n3,4\n'), 'a.out')).toBeCloseTo(0.5);
  });

  it('scores a single column lower', () => {
    expect(sniffDelimitedText(encode('1\n2\n3\n'), 'a.txt')).toBeCloseTo(0.35);
  });

  it('scores text without numbers 0.05 with a table extension, else 0', () => {
    expect(sniffDelimitedText(encode('hello\n'), 'notes.txt')).toBeCloseTo(0.05);
    expect(sniffDelimitedText(encode('hello\n'), 'notes.md')).toBe(0);
  });

  it('leaves binary files and JCAMP-DX to other readers', () => {
    expect(sniffDelimitedText(new Uint8Array([0, 1, 2, 3]), 'a.csv')).toBe(0);
    expect(sniffDelimitedText(encode('##TITLE=x\n##XYDATA=(X++(Y..Y))\n1 2 3\n'), 'a.txt')).toBe(0);
  });

  it('does not mind a head cut in the middle of a character', () => {
    const head = encode('x,y\n1,2\n2,3\nµ').subarray(0, 13);
    expect(sniffDelimitedText(head, 'a.csv')).toBeGreaterThan(0.5);
  });
});
