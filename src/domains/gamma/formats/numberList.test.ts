import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDouble, formatNumberList, parseDouble, parseNumberList } from './numberList';

describe('xsd:double lists', () => {
  it('reads decimals, exponents, NaN and INF, with whitespace or commas between', () => {
    expect(parseNumberList(' 1 -2.5e3,\n.5 +4. NaN INF -INF ')).toEqual([
      1,
      -2500,
      0.5,
      4,
      Number.NaN,
      Infinity,
      -Infinity,
    ]);
    expect(parseNumberList('1 0x10 2')).toEqual({ bad: '0x10' });
    expect(parseDouble('Infinity')).toBeUndefined();
  });
  it('every double reads back exactly from its text', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 20 }), (values) => {
        const back = parseNumberList(formatNumberList(values)) as number[];
        values.forEach((v, i) => {
          expect(Object.is(back[i], v)).toBe(true);
        });
      }),
      { seed: 64, numRuns: 300 },
    );
    expect(formatDouble(-0)).toBe('-0');
  });
});
