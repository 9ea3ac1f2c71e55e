import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { MAX_NIFTI_SPECTRA, parseNiftiMrs } from './niftiMrs';
import { metaboliteNifti, mrsSpectrum, NAA_CR_CHO, niftiOne, parseOutcome, syntheticFid } from './niftiMrsTestSupport';
import { writeNiftiMrs } from './writeNiftiMrs';

const FIXTURE = path.resolve(process.cwd(), 'test/fixtures/mrs/osprey_niftimrs/sub-01_ses-01_SVS-ref.nii.gz');
const fixtureGz = new Uint8Array(readFileSync(FIXTURE));

describe('parseNiftiMrs errors', () => {
  const good = metaboliteNifti();
  const edited = (edit: (view: DataView, bytes: Uint8Array) => void, from = good): Uint8Array => {
    const bytes = from.slice();
    edit(new DataView(bytes.buffer), bytes);
    return bytes;
  };
  const error = (bytes: Uint8Array, fileName = 'bad.nii') => {
    const thrown = thrownWorkbenchError(() => parseNiftiMrs(bytes, fileName));
    expect(thrown.file).toBe(fileName);
    expect(thrown.message).not.toContain(fileName);
    return thrown;
  };

  it('TRUNCATED for a cut header, a cut extension area or cut samples', () => {
    expect(error(good.subarray(0, 2)).code).toBe('TRUNCATED');
    expect(error(good.subarray(0, 300)).message).toContain('NIfTI-2 header');
    expect(error(good.subarray(0, 560)).code).toBe('TRUNCATED');
    expect(error(good.subarray(0, good.length - 1)).code).toBe('TRUNCATED');
    expect(error(fixtureGz.subarray(0, 200_000), 'cut.nii.gz').code).toBe('TRUNCATED');
  });

  it('TRUNCATED, before allocating, when the dims need more bytes than the file has', () => {
    const huge = edited((view) => view.setBigInt64(16 + 8 * 4, 1_000_000_000n, true));
    const thrown = error(huge);
    expect(thrown.code).toBe('TRUNCATED');
    expect(thrown.message).toContain('need 8000000000 bytes');
  });

  it('TOO_LARGE for a voxel grid with too many spectra, or a gzip that states more than 512 MiB', () => {
    const n = 300;
    const bytes = niftiOne({
      dims: [4, n, n, 1, 1, 1, 1, 1],
      dwell: 1e-3,
      json: { SpectrometerFrequency: 1, ResonantNucleus: '1H' },
      samples: new Float64Array(2 * n * n),
    });
    expect(n * n).toBeGreaterThan(MAX_NIFTI_SPECTRA);
    expect(error(bytes).code).toBe('TOO_LARGE');
    // a 700 KB gzip whose trailer states 600 MiB (a ratio deflate can reach): refused before inflating
    const bomb = new Uint8Array(700_000);
    bomb.set(gzipSync(good));
    new DataView(bomb.buffer).setUint32(bomb.length - 4, 600 * 2 ** 20, true);
    expect(error(bomb, 'bomb.nii.gz').message).toContain('gzip trailer states 600 MiB');
  });

  it('INVALID_DATA for real (not complex) samples, naming the datatype', () => {
    const real = edited((view) => {
      view.setInt16(12, 16, true);
      view.setInt16(14, 32, true);
    });
    const thrown = error(real);
    expect(thrown.code).toBe('INVALID_DATA');
    expect(thrown.message).toMatch(/^NIfTI-MRS data must be complex .*datatype 16 \(float32\)/);
  });

  it('NOT_A_SPECTRUM for a plain NIfTI image, INVALID_DATA for an mrs intent without its extension', () => {
    const image = niftiOne({
      datatype: 16,
      dims: [3, 4, 4, 4, 1, 1, 1, 1],
      dwell: 1,
      intentName: '',
      samples: new Float64Array(64),
    });
    const thrown = error(image);
    expect(thrown.code).toBe('NOT_A_SPECTRUM');
    expect(thrown.message).toContain('not NIfTI-MRS');
    expect(error(niftiOne({ dims: [4, 1, 1, 1, 4, 1, 1, 1], dwell: 1, samples: new Float64Array(8) })).code).toBe(
      'INVALID_DATA',
    );
    expect(error(new TextEncoder().encode('x,y\n1,2\n')).code).toBe('NOT_A_SPECTRUM');
  });

  it('INVALID_DATA for bad magic, a .hdr/.img pair, a bad extension size, bad JSON or missing keys, bad dwell or dims', () => {
    const cases: [string, (view: DataView, bytes: Uint8Array) => void][] = [
      ['magic', (_, b) => b.set([0x6e, 0x2b, 0x33], 4)],
      ['hdr/img pair', (_, b) => b.set([0x6e, 0x69, 0x32], 4)],
      ['esize', (v) => v.setInt32(544, -16, true)],
      ['JSON', (_, b) => b.set([0x7b, 0x7b], 552)],
      ['dwell', (v) => v.setFloat64(104 + 32, 0, true)],
      ['dwell unit', (v) => v.setInt32(500, 32, true)],
      ['dim[0]', (v) => v.setBigInt64(16, 3n, true)],
      ['dim[4]', (v) => v.setBigInt64(16 + 32, 0n, true)],
      ['bitpix', (v) => v.setInt16(14, 32, true)],
      ['vox_offset', (v) => v.setBigInt64(168, 100n, true)],
    ];
    for (const [what, edit] of cases) expect([what, error(edited(edit)).code]).toEqual([what, 'INVALID_DATA']);
    const noFrequency = niftiOne({
      dims: [4, 1, 1, 1, 4, 1, 1, 1],
      dwell: 1,
      json: { ResonantNucleus: ['1H'] },
      samples: new Float64Array(8),
    });
    expect(error(noFrequency).message).toContain('SpectrometerFrequency');
    const noNucleus = niftiOne({
      dims: [4, 1, 1, 1, 4, 1, 1, 1],
      dwell: 1,
      json: { SpectrometerFrequency: [64] },
      samples: new Float64Array(8),
    });
    expect(error(noNucleus).message).toContain('ResonantNucleus');
  });

  it('reads NaN written by Python as null', () => {
    const json = { SpectrometerFrequency: [64], ResonantNucleus: ['1H'], InversionTime: 12345, MixingTime: 1 };
    const bytes = niftiOne({ dims: [4, 1, 1, 1, 4, 1, 1, 1], dwell: 1e-3, json, samples: new Float64Array(8) });
    const at = new TextDecoder('latin1').decode(bytes).indexOf('12345');
    bytes.set(new TextEncoder().encode('NaN  '), at);
    const meta = parseNiftiMrs(bytes, 'nan.nii')[0]?.meta;
    expect(meta?.['nifti.InversionTime']).toBeUndefined();
    expect(meta?.['nifti.MixingTime']).toBe(1);
  });
});

describe('parseNiftiMrs on garbage (property)', () => {
  const small = writeNiftiMrs(
    [0, 1].map((k) => mrsSpectrum({ ...syntheticFid(NAA_CR_CHO, 123.2, 0.00025, 64), indices: { coil: k } }, k)),
  );
  const smallGz = gzipSync(small);
  const outcome = (bytes: Uint8Array) => parseOutcome(parseNiftiMrs, bytes, 'fuzz.nii');
  const edit = fc.record({
    at: fc.oneof(fc.nat(600), fc.nat(small.length - 1)),
    value: fc.nat(255),
    flip: fc.boolean(),
  });
  const mutate = (from: Uint8Array, edits: readonly { at: number; value: number; flip: boolean }[]) => {
    const bytes = from.slice();
    for (const { at, value, flip } of edits)
      if (at < bytes.length) bytes[at] = flip ? (bytes[at] as number) ^ (1 << (value & 7)) : value;
    return bytes;
  };

  it('random bytes, NIfTI-looking prefixes, truncations and mutations give spectra or a WorkbenchError', () => {
    const seed = 20_251_125;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        outcome(bytes);
        outcome(new Uint8Array([...small.subarray(0, 552), ...bytes]));
        outcome(new Uint8Array([0x1f, 0x8b, ...bytes]));
      }),
      { seed, numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.nat(small.length), fc.nat(smallGz.length), (cut, cutGz) => {
        outcome(small.subarray(0, cut));
        outcome(smallGz.subarray(0, cutGz));
      }),
      { seed: seed + 1, numRuns: 200 },
    );
    // the real file: fewer runs, each inflates up to 0.5 MB
    fc.assert(
      fc.property(fc.nat(fixtureGz.length), (cut) => {
        outcome(fixtureGz.subarray(0, cut));
      }),
      { seed: seed + 3, numRuns: 40 },
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        outcome(mutate(small, edits));
        outcome(gzipSync(mutate(small, edits)));
      }),
      { seed: seed + 2, numRuns: 200 },
    );
  });
});
