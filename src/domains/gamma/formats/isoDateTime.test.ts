import { describe, expect, it } from 'vitest';
import { isoDateTime, isoFromEpochMillis, monthNumber } from './isoDateTime';

describe('isoDateTime', () => {
  it('formats valid dates without a zone, fractions to ms without trailing zeros', () => {
    expect(isoDateTime(2012, 9, 17, 13, 41, 7)).toBe('2012-09-17T13:41:07');
    expect(isoDateTime(2014, 9, 19, 14, 12, 1.62)).toBe('2014-09-19T14:12:01.62');
    expect(isoDateTime(2024, 2, 29, 0, 0, 0)).toBe('2024-02-29T00:00:00');
  });

  it('refuses impossible dates and non-integers', () => {
    for (const args of [
      [2023, 2, 29, 0, 0, 0],
      [2000, 13, 1, 0, 0, 0],
      [2000, 4, 31, 0, 0, 0],
      [2000, 1, 1, 24, 0, 0],
      [2000, 1, 1, 0, 60, 0],
      [2000, 1, 1, 0, 0, 60],
      [2000, 1, Number.NaN, 0, 0, 0],
      [1900.5, 1, 1, 0, 0, 0],
    ]) {
      const [year, month, day, hour, minute, second] = args as [number, number, number, number, number, number];
      expect(isoDateTime(year, month, day, hour, minute, second), args.join(',')).toBeUndefined();
    }
    expect(isoDateTime(1900, 2, 29, 0, 0, 0)).toBeUndefined();
    expect(isoDateTime(2000, 2, 29, 0, 0, 0)).toBe('2000-02-29T00:00:00');
  });
});

describe('monthNumber and isoFromEpochMillis', () => {
  it('reads English month abbreviations in any case', () => {
    expect(monthNumber('SEP')).toBe(9);
    expect(monthNumber('dec')).toBe(12);
    expect(monthNumber('Sept')).toBe(9);
    expect(monthNumber('XYZ')).toBeUndefined();
    expect(monthNumber('  ')).toBeUndefined();
  });

  it('formats epoch milliseconds as UTC fields', () => {
    expect(isoFromEpochMillis(Date.UTC(1979, 0, 1))).toBe('1979-01-01T00:00:00');
    expect(isoFromEpochMillis(Number.NaN)).toBeUndefined();
    expect(isoFromEpochMillis(1e20)).toBeUndefined();
  });
});
