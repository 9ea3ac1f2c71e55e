import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../core';
import { readDicomDataSet } from './dicomDataSet';
import { csa2Header } from './dicomMrsTestSupport';
import { csaNumber, csaString, parseSiemensCsa } from './siemensCsa';
import { errorFor } from './vendorTestSupport';

const ima = new Uint8Array(
  readFileSync(new URL('../../../../test/fixtures/mrs/suspect_siemens/SVS_30.IMA', import.meta.url)),
);

/** A CSA1 header (no `SV10`): item length = first int32 − the first tag's item count (SPM's rule). */
function csa1Header(tags: Readonly<Record<string, readonly string[]>>): Uint8Array {
  const names = Object.keys(tags);
  const firstCount = tags[names[0] as string]?.length ?? 0;
  const parts: number[] = [];
  const int32 = (v: number): void => {
    parts.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  };
  int32(names.length);
  int32(77);
  for (const name of names) {
    const values = tags[name] ?? [];
    const tag = new Array(84).fill(0);
    [...name].forEach((c, i) => {
      tag[i] = c.charCodeAt(0);
    });
    tag[76] = values.length;
    parts.push(...tag);
    for (const value of values) {
      const bytes = [...`${value}\0`].map((c) => c.charCodeAt(0));
      int32(bytes.length + firstCount);
      int32(0);
      int32(77);
      int32(0);
      parts.push(...bytes, ...new Array((4 - (bytes.length % 4)) % 4).fill(0));
    }
  }
  return new Uint8Array(parts);
}

describe('parseSiemensCsa', () => {
  it('reads the CSA image header of SVS_30.IMA (0029,1110)', () => {
    const dataSet = readDicomDataSet(ima, 'SVS_30.IMA');
    const element = dataSet.elements.x00291110;
    if (element === undefined) throw new Error('no CSA image header');
    const csa = parseSiemensCsa(
      ima.subarray(element.dataOffset, element.dataOffset + element.length),
      'csa',
      'SVS_30.IMA',
    );
    expect(csaNumber(csa, 'ImagingFrequency')).toBe(123.234655);
    expect(csaNumber(csa, 'RealDwellTime')).toBe(833400);
    expect(csaNumber(csa, 'DataPointColumns')).toBe(1024);
    expect(csaNumber(csa, 'NumberOfAverages')).toBe(64);
    expect(csaString(csa, 'ImagedNucleus')).toBe('1H');
    expect(csa.get('VoiPosition')?.values.map(Number)).toEqual([41.602906, 21.569007, -4.958838]);
    expect(csa.get('VoiPosition')?.vr).toBe('FD');
  });

  it('reads CSA2 and CSA1 layouts alike', () => {
    const tags = { A: ['1.5'], Names: ['x', 'yz', 'longer value'], Empty: [] };
    for (const bytes of [csa2Header(tags), csa1Header(tags)]) {
      const csa = parseSiemensCsa(bytes, 'csa', 'f');
      expect(csaNumber(csa, 'A')).toBe(1.5);
      expect(csa.get('Names')?.values).toEqual(['x', 'yz', 'longer value']);
      expect(csa.get('Empty')?.values).toEqual([]);
      expect(csaNumber(csa, 'Names')).toBeUndefined();
      expect(csaNumber(csa, 'Missing')).toBeUndefined();
    }
  });

  it('refuses bad counts, negative lengths and items past the end, naming the element', () => {
    const good = csa2Header({ A: ['1'] });
    const tags = good.slice();
    new DataView(tags.buffer).setUint32(8, 0, true);
    expect(errorFor('x.ima', () => parseSiemensCsa(tags, 'the CSA image header', 'x.ima')).message).toBe(
      'the CSA image header: it declares 0 tags (expected 1–1000)',
    );
    const items = good.slice();
    new DataView(items.buffer).setInt32(16 + 76, 2000, true);
    expect(errorFor('x.ima', () => parseSiemensCsa(items, 'csa', 'x.ima')).message).toContain('A declares 2000 items');
    const negative = good.slice();
    new DataView(negative.buffer).setInt32(16 + 84 + 4, -8, true);
    expect(errorFor('x.ima', () => parseSiemensCsa(negative, 'csa', 'x.ima')).message).toContain('negative length');
    const cut = errorFor('x.ima', () => parseSiemensCsa(good.subarray(0, good.length - 4), 'csa', 'x.ima'));
    expect([cut.code, cut.message]).toEqual(['INVALID_DATA', expect.stringContaining('runs past its end')]);
  });

  it('never throws anything but a WorkbenchError on random or mutated headers', () => {
    const good = csa2Header({ ImagingFrequency: ['123.2'], RealDwellTime: ['500000'], Vector: ['1', '2', '3'] });
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(good.length - 1), fc.nat(255)), { maxLength: 6 }),
        (random, edits) => {
          const mutated = good.slice();
          for (const [at, value] of edits) mutated[at] = value;
          for (const bytes of [random, mutated]) {
            try {
              parseSiemensCsa(bytes, 'csa', 'f');
            } catch (error) {
              if (!(error instanceof WorkbenchError && error.file === 'f')) throw error;
            }
          }
        },
      ),
      { seed: 5201, numRuns: 300 },
    );
  });
});
