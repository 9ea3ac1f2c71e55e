import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIsoDuration, parseIsoDuration } from './isoDuration';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT639.920S', 639.92],
    ['PT613S', 613],
    ['PT1H2M3.5S', 3723.5],
    ['P1DT2H', 93600],
    ['-PT5S', -5],
    ['PT1M', 60],
    ['12.5', 12.5],
    [' PT0.999998S ', 0.999998],
    ['PT1e-7S', 1e-7],
  ])('%s = %s s', (text, seconds) => {
    expect(parseIsoDuration(text)).toBe(seconds);
  });
  it.each(['P', 'PT', 'P1Y', 'P2M', 'soon', 'PT1H2', '', 'PTS'])('%s is not a duration', (text) => {
    expect(parseIsoDuration(text)).toBeUndefined();
  });
  it('formats any finite number of seconds so that it reads back exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (s) => {
        expect(Object.is(parseIsoDuration(formatIsoDuration(s)), s)).toBe(true);
      }),
      { seed: 8601, numRuns: 500 },
    );
    expect(formatIsoDuration(613)).toBe('PT613S');
    expect(() => formatIsoDuration(Number.NaN)).toThrow(RangeError);
  });
});
