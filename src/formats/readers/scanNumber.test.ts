import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanNumber, scanStatus } from './scanNumber';

const DOT = 46;
const COMMA = 44;

function scan(token: string, decimalCode = DOT): number | 'invalid' {
  const value = scanNumber(token, 0, token.length, decimalCode);
  return scanStatus.ok ? value : 'invalid';
}

describe('scanNumber', () => {
  it.each([
    '0',
    '-0',
    '42',
    '+42',
    '-3.25',
    '.5',
    '5.',
    '1e3',
    '1E-3',
    '6.749918e+002',
    '0.000123',
    '123456789012345',
    '1234567890123456789',
    '0.1000000000000000055511151231257827',
    '1.7976931348623157e308',
    '5e-324',
    '1e400',
    '2.2250738585072014e-308',
    '9007199254740993',
  ])('reads %s exactly like Number()', (token) => {
    expect(Object.is(scan(token), Number(token))).toBe(true);
  });

  it('reads a decimal comma when told to', () => {
    expect(scan('1,5', COMMA)).toBe(1.5);
    expect(scan('-2,25e1', COMMA)).toBe(-22.5);
    expect(scan('1,5', DOT)).toBe('invalid');
    expect(scan('1.5', COMMA)).toBe('invalid');
  });

  it('reads NaN, NA and N/A as NaN', () => {
    for (const token of ['NaN', 'nan', 'NA', 'na', 'N/A', 'n/a']) expect(scan(token)).toBeNaN();
  });

  it.each(['', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', '1,2', '0x10', 'Infinity', 'abc', '1 2', '--1', '1e5.5'])(
    'rejects %j',
    (token) => {
      expect(scan(token)).toBe('invalid');
    },
  );

  it('round-trips every finite double written by String()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const expected = value === 0 ? 0 : value; // String(-0) is "0"
        expect(scan(String(value))).toBe(expected);
        expect(scan(String(value).replace('.', ','), COMMA)).toBe(expected);
      }),
    );
  });
});
