import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { base45Decode, base64UrlDecode, inflateCapped, percentDecode } from './raddataEncoding';

const fail = (message: string): never => {
  throw new Error(message);
};
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('base45Decode (RFC 9285 examples)', () => {
  it('decodes the RFC examples', () => {
    expect(text(base45Decode('BB8', fail))).toBe('AB');
    expect(text(base45Decode('%69 VD92EX0', fail))).toBe('Hello!!');
    expect(text(base45Decode('UJCLQE7W581', fail))).toBe('base-45');
    expect(text(base45Decode('QED8WEX0', fail))).toBe('ietf!');
  });

  it('skips characters outside the alphabet (line breaks) and refuses invalid input', () => {
    expect(text(base45Decode('BB\n8', fail))).toBe('AB');
    expect(() => base45Decode('GGW', fail)).toThrow(/more than two bytes/); // 65535 + 1
    expect(() => base45Decode('ABCD', fail)).toThrow(/length mod 3 is 1/);
    expect(() => base45Decode('::', fail)).toThrow(/more than a byte/);
  });
});

describe('base64UrlDecode and percentDecode', () => {
  it('decodes url-safe base-64 with or without padding, skipping foreign characters', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xfe, 0x01, 0x02]);
    const encoded = Buffer.from(bytes).toString('base64url');
    expect(Array.from(base64UrlDecode(encoded))).toEqual(Array.from(bytes));
    expect(Array.from(base64UrlDecode(`${encoded.slice(0, 3)}\n${encoded.slice(3)}=`))).toEqual(Array.from(bytes));
  });

  it('decodes %XX and + like SpecUtils url_decode', () => {
    expect(percentDecode('A%20B+C%2b%zz')).toBe('A B C+%zz');
  });
});

describe('inflateCapped', () => {
  it('inflates zlib data of any size below the cap, growing its buffer', () => {
    const data = new Uint8Array(3_000_000).map((_, i) => i % 251);
    const out = inflateCapped(zlibSync(data), 64 * 1024 * 1024, fail);
    expect(out.length).toBe(data.length);
    expect(out.every((value, i) => value === data[i])).toBe(true);
    expect(inflateCapped(zlibSync(new Uint8Array(10)), 1000, fail)).toEqual(new Uint8Array(10));
  });

  it('refuses output above the cap and broken streams', () => {
    expect(() => inflateCapped(zlibSync(new Uint8Array(5000)), 4096, fail)).toThrow(/more than/);
    expect(inflateCapped(zlibSync(new Uint8Array(4096)), 4096, fail).length).toBe(4096);
    const cut = zlibSync(new Uint8Array(100_000).fill(7)).slice(0, 20);
    expect(() => inflateCapped(cut, 1_000_000, fail)).toThrow(/cannot be inflated/);
  });
});
