import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { gunzipCapped, gunzipHead, isGzip } from './gunzipCapped';

const MiB = 2 ** 20;
const text = new TextEncoder().encode('NIfTI-MRS '.repeat(50_000));
const zipped = gzipSync(text);

describe('gunzipCapped', () => {
  it('inflates one member, and several members back to back', () => {
    expect(isGzip(zipped)).toBe(true);
    expect(Buffer.from(gunzipCapped(zipped, 'a.gz')).equals(text)).toBe(true);
    const two = new Uint8Array([...zipped, ...gzipSync(new Uint8Array([1, 2, 3]))]);
    expect(Buffer.from(gunzipCapped(two, 'b.gz')).equals(new Uint8Array([...text, 1, 2, 3]))).toBe(true);
  });

  it('TOO_LARGE from the ISIZE trailer before inflating, and from the stream when ISIZE lies', () => {
    const zeros = gzipSync(new Uint8Array(4 * MiB));
    const early = thrownWorkbenchError(() => gunzipCapped(zeros, 'bomb.gz', MiB));
    expect([early.code, early.file]).toEqual(['TOO_LARGE', 'bomb.gz']);
    expect(early.message).toContain('gzip trailer states 4 MiB');
    const lying = zeros.slice();
    new DataView(lying.buffer).setUint32(lying.length - 4, 1000, true);
    const streamed = thrownWorkbenchError(() => gunzipCapped(lying, 'bomb.gz', MiB));
    expect(streamed.code).toBe('TOO_LARGE');
    expect(streamed.message).toContain('inflates to more than the limit of 1 MiB');
  });

  it('TRUNCATED for a cut stream, INVALID_DATA for corrupt data or a trailer that does not match', () => {
    for (const cut of [0, 10, 100, zipped.length - 9]) {
      expect(thrownWorkbenchError(() => gunzipCapped(zipped.subarray(0, cut), 'c.gz')).code).toBe('TRUNCATED');
    }
    const corrupt = zipped.slice();
    corrupt[12] = 0xff;
    corrupt[13] = 0xff;
    expect(thrownWorkbenchError(() => gunzipCapped(corrupt, 'd.gz')).code).toBe('INVALID_DATA');
    const wrongSize = zipped.slice();
    new DataView(wrongSize.buffer).setUint32(wrongSize.length - 4, text.length - 1, true);
    expect(thrownWorkbenchError(() => gunzipCapped(wrongSize, 'e.gz')).message).toContain('a corrupt file');
  });

  it('gives the head of a stream without throwing, even on garbage (property)', () => {
    expect(gunzipHead(zipped.subarray(0, 2000), 552)).toEqual(text.subarray(0, 552));
    expect(Buffer.from(gunzipHead(zipped, 10 * MiB)).equals(text)).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.nat(zipped.length), (garbage, cut) => {
        gunzipHead(new Uint8Array([0x1f, 0x8b, 8, 0, ...garbage]), 552);
        const head = gunzipHead(zipped.subarray(0, cut), 552);
        expect(Buffer.from(head).equals(text.subarray(0, head.length))).toBe(true);
      }),
      { seed: 20_251_127, numRuns: 200 },
    );
  });
});
