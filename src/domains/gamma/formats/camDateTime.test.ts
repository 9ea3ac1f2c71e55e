import { describe, expect, it } from 'vitest';
import { BinaryReader } from '../../../formats/binaryReader';
import { readCamDateTime, readCamDuration } from './camDateTime';

function bytesOf(value: bigint): BinaryReader {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value, true);
  return new BinaryReader(bytes, 't.cnf');
}

describe('readCamDateTime', () => {
  it('counts 100 ns ticks from 1858-11-17 (the MJD epoch)', () => {
    const unix = BigInt(Date.UTC(2014, 0, 12, 15, 12, 28, 125)) * 10_000n;
    expect(readCamDateTime(bytesOf(unix + 3_506_716_800n * 10_000_000n), 0, 'start')).toBe('2014-01-12T15:12:28.125');
    expect(readCamDateTime(bytesOf(0n), 0, 'start')).toBeUndefined();
    expect(readCamDateTime(bytesOf(1n), 0, 'start')).toBeUndefined(); // 1858: not a measurement
  });
});

describe('readCamDuration', () => {
  it('takes the absolute value of the (negative) tick count', () => {
    expect(readCamDuration(bytesOf(-8_495_100_000n), 0, 'real')).toBeCloseTo(849.51, 9);
    expect(readCamDuration(bytesOf(1_608_400_000n), 0, 'live')).toBeCloseTo(160.84, 9);
  });

  it('reads durations flagged as years (byte 7 = 0x80) and millions of years (byte 4 = 1)', () => {
    const years = new Uint8Array(8);
    new DataView(years.buffer).setInt32(0, 3, true);
    years[7] = 0x80;
    expect(readCamDuration(new BinaryReader(years, 'y'), 0, 'half-life')).toBe(3 * 31_557_600);
    years[4] = 1;
    expect(readCamDuration(new BinaryReader(years, 'y'), 0, 'half-life')).toBe(3e6 * 31_557_600);
  });

  it('throws TRUNCATED past the end', () => {
    expect(() => readCamDuration(new BinaryReader(new Uint8Array(7), 'c.cnf'), 0, 'the live time')).toThrow(
      /live time/,
    );
  });
});
