import { describe, expect, it } from 'vitest';
import { gammaRecordOf } from './gammaRecordOf';

describe('gammaRecordOf', () => {
  it('leaves out undefined, empty and non-finite values, at the top level and in meta', () => {
    const counts = Float64Array.from([1, 2]);
    const record = gammaRecordOf(counts, {
      title: '',
      instrument: 'MCA',
      liveTimeS: Number.NaN,
      realTimeS: 10,
      startTime: undefined,
      meta: { a: undefined, b: '', c: Number.POSITIVE_INFINITY, d: 0, e: false, f: 'x' },
    });
    expect(record).toEqual({ counts, instrument: 'MCA', realTimeS: 10, meta: { d: 0, e: false, f: 'x' } });
    expect(gammaRecordOf(counts, { meta: { a: undefined } })).toEqual({ counts });
  });
});
