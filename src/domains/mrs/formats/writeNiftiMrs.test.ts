import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { parseNiftiMrs } from './niftiMrs';
import { readNiftiHeader } from './niftiMrsHeader';
import { mrsSpectrum, NAA_CR_CHO, syntheticFid } from './niftiMrsTestSupport';
import { writeNiftiMrs } from './writeNiftiMrs';

const FIXTURE = path.resolve(process.cwd(), 'test/fixtures/mrs/osprey_niftimrs/sub-01_ses-01_SVS-ref.nii.gz');
const fixture = parseNiftiMrs(new Uint8Array(readFileSync(FIXTURE)), 'ref.nii.gz');

/** True when two Float64Arrays hold the same bits (−0 and NaN payloads included). */
const sameBits = (a: Float64Array | undefined, b: Float64Array | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** Meta keys that must survive a write and a read unchanged. */
const KEPT = [
  'spectrometerFrequencyMHz',
  'dwellTimeS',
  'nucleus',
  'echoTimeS',
  'repetitionTimeS',
  'role',
  'voxelSizeMm',
  'instrument',
  'centrePpm',
  'nifti.sform_code',
  'nifti.srow',
  'voxelPositionMm',
  'nifti.TxOffset',
  'nifti.RxCoil',
  'nifti.SoftwareVersions',
  'nifti.ProtocolName',
  'nifti.ConversionMethod',
  'nifti.dim_5',
];

function expectSameSpectra(back: readonly Spectrum[], original: readonly Spectrum[]): void {
  expect(back).toHaveLength(original.length);
  back.forEach((s, k) => {
    const o = original[k] as Spectrum;
    expect(sameBits(s.y.values, o.y.values)).toBe(true);
    expect(sameBits(s.y.imaginary, o.y.imaginary)).toBe(true);
    for (const key of [...KEPT, ...Object.keys(o.meta).filter((m) => m.startsWith('index.'))]) {
      expect([key, s.meta[key]]).toEqual([key, o.meta[key]]);
    }
  });
}

describe('writeNiftiMrs round trips', () => {
  it('fixture → complex128 → read: bit-identical samples, SF, dwell, TE/TR, coil indices, geometry', () => {
    const bytes = writeNiftiMrs(fixture, { precision: 'complex128' });
    const back = parseNiftiMrs(bytes, 'again.nii');
    expectSameSpectra(back, fixture);
    expect(back[0]?.meta).toMatchObject({
      'nifti.datatype': 'complex128',
      'nifti.intentName': 'mrs_v0_9',
      'nifti.shape': '1×1×1×2048×32',
    });
    expect(back[0]?.meta.hasPatientFields).toBeUndefined();
  });

  it('fixture → complex64 (its own precision) → gzip → read: still bit-identical', () => {
    const bytes = writeNiftiMrs(fixture, { gzip: true });
    expect(bytes[0]).toBe(0x1f);
    expect(bytes.length).toBeLessThan(gunzipSync(bytes).length);
    expectSameSpectra(parseNiftiMrs(bytes, 'again.nii.gz'), fixture);
  });

  it('writes the header layout of NIfTI-2 and an ecode-44 extension padded to 16 bytes', () => {
    const bytes = writeNiftiMrs(fixture.slice(0, 2));
    const header = readNiftiHeader(bytes, 'h.nii');
    expect(header).toMatchObject({
      version: 2,
      littleEndian: true,
      datatype: 32,
      bitpix: 64,
      xyztUnits: 10,
      extensionCodes: [44],
    });
    expect(header.dims).toEqual([5, 1, 1, 1, 2048, 2, 1, 1]);
    expect(header.voxOffset % 16).toBe(0);
    expect(header.mrsJson).toMatchObject({
      SpectrometerFrequency: [297.219948],
      ResonantNucleus: ['1H'],
      EchoTime: 0.011,
      RepetitionTime: 5,
      dim_5: 'DIM_COIL',
    });
    expect(Object.keys(header.mrsJson ?? {}).some((key) => key.startsWith('Patient'))).toBe(false);
  });

  it('random FIDs and metadata on a shuffled coil × dynamic grid survive complex128 exactly (property)', () => {
    const nuclei = ['1H', '31P', '13C', '2H'];
    const spec = fc.record({
      points: fc.integer({ min: 1, max: 40 }),
      coils: fc.integer({ min: 1, max: 3 }),
      dynamics: fc.integer({ min: 1, max: 3 }),
      sf: fc.double({ min: 1, max: 1000, noNaN: true }),
      dwell: fc.double({ min: 1e-6, max: 1e-2, noNaN: true }),
      te: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      tr: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: undefined }),
      nucleus: fc.constantFrom(...nuclei),
      role: fc.constantFrom('metabolite' as const, 'water' as const, undefined),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(spec, fc.infiniteStream(fc.double()), (p, values) => {
        const next = () => values.next().value as number;
        const spectra: Spectrum[] = [];
        for (let d = 0; d < p.dynamics; d++) {
          for (let c = 0; c < p.coils; c++) {
            const re = Float64Array.from({ length: p.points }, next);
            const im = Float64Array.from({ length: p.points }, next);
            spectra.push(
              mrsSpectrum(
                {
                  re,
                  im,
                  spectrometerFrequencyMHz: p.sf,
                  dwellTimeS: p.dwell,
                  nucleus: p.nucleus,
                  indices: { coil: c, dynamic: d },
                  ...(p.te === undefined ? {} : { echoTimeS: p.te }),
                  ...(p.tr === undefined ? {} : { repetitionTimeS: p.tr }),
                  ...(p.role === undefined ? {} : { role: p.role }),
                },
                spectra.length,
              ),
            );
          }
        }
        const shuffled = [...spectra].sort(
          (a, b) =>
            (((a.meta['index.coil'] as number) * 7 + p.seed) % 5) -
            (((b.meta['index.coil'] as number) * 7 + p.seed) % 5),
        );
        const back = parseNiftiMrs(writeNiftiMrs(shuffled, { precision: 'complex128' }), 'p.nii');
        expect(back).toHaveLength(spectra.length);
        back.forEach((s, k) => {
          const o = spectra[k] as Spectrum;
          const flipped = s.meta.conjugationCheck === 'conjugated by check';
          expect(sameBits(s.y.values, o.y.values)).toBe(true);
          expect(sameBits(flipped ? s.y.imaginary?.map((v) => -v) : s.y.imaginary, o.y.imaginary)).toBe(true);
          for (const key of [
            'spectrometerFrequencyMHz',
            'dwellTimeS',
            'nucleus',
            'echoTimeS',
            'repetitionTimeS',
            'role',
            'index.coil',
            'index.dynamic',
          ]) {
            expect([key, s.meta[key]]).toEqual([key, o.meta[key]]);
          }
        });
      }),
      { seed: 20_251_126, numRuns: 200 },
    );
  });
});

describe('writeNiftiMrs layouts', () => {
  const fid = syntheticFid(NAA_CR_CHO, 123.2, 0.00025, 256);
  const base = (indices: Record<string, number> | undefined, k: number) =>
    mrsSpectrum({ ...fid, ...(indices === undefined ? {} : { indices }) }, k);

  it('writes one spectrum as a 4-D file and stacks spectra without a full index grid along dim 5 (DIM_DYN)', () => {
    const one = readNiftiHeader(writeNiftiMrs([base(undefined, 0)]), 'a.nii');
    expect(one.dims.slice(0, 5)).toEqual([4, 1, 1, 1, 256]);
    const gap = [base({ coil: 0 }, 0), base({ coil: 2 }, 1)];
    const back = parseNiftiMrs(writeNiftiMrs(gap), 'gap.nii');
    expect(back.map((s) => s.meta['index.dynamic'])).toEqual([0, 1]);
    expect(back[0]?.meta['nifti.dim_5']).toBe('DIM_DYN');
    const edit = parseNiftiMrs(writeNiftiMrs(gap, { stackTag: 'DIM_EDIT' }), 'e.nii');
    expect(edit.map((s) => s.meta['index.edit'])).toEqual([0, 1]);
  });

  it('puts x/y indices on dims 1–2 (an MRSI grid) and an unknown index name on DIM_USER_0', () => {
    const grid = [0, 1, 2, 3, 4, 5].map((k) => base({ x: k % 3, y: Math.floor(k / 3) }, k));
    const back = parseNiftiMrs(writeNiftiMrs(grid), 'grid.nii');
    expect(back[0]?.meta['nifti.shape']).toBe('3×2×1×256');
    expect(back.map((s) => [s.meta['index.x'], s.meta['index.y']])).toEqual(
      grid.map((s) => [s.meta['index.x'], s.meta['index.y']]),
    );
    const odd = parseNiftiMrs(writeNiftiMrs([0, 1].map((k) => base({ average: k }, k))), 'odd.nii');
    expect(odd[1]?.meta).toMatchObject({
      'nifti.dim_5': 'DIM_USER_0',
      'nifti.dim_5_info': 'index average',
      'index.user_0': 1,
    });
  });

  it('adds the caller’s header keys', () => {
    const header = readNiftiHeader(
      writeNiftiMrs([base(undefined, 0)], { header: { ProtocolName: 'test', TxOffset: 0 } }),
      'h.nii',
    );
    expect(header.mrsJson).toMatchObject({
      ProtocolName: 'test',
      TxOffset: 0,
      ConversionMethod: 'Spectralligence Workbench',
    });
  });

  it('refuses spectra that are not one complex acquisition (INVALID_DATA naming the file)', () => {
    const code = (run: () => unknown) => {
      const error = thrownWorkbenchError(run);
      return [error.code, error.file];
    };
    expect(code(() => writeNiftiMrs([]))).toEqual(['INVALID_DATA', undefined]);
    const other = mrsSpectrum({ ...fid, spectrometerFrequencyMHz: 127.7 }, 1);
    expect(code(() => writeNiftiMrs([base(undefined, 0), other]))).toEqual(['INVALID_DATA', 'synthetic.nii']);
    const real = { ...base(undefined, 0), y: { values: fid.re, unit: 'a.u.' as const } };
    expect(code(() => writeNiftiMrs([real]))).toEqual(['INVALID_DATA', 'synthetic.nii']);
    const short = mrsSpectrum({ re: fid.re.subarray(0, 100), im: fid.im.subarray(0, 100) }, 1);
    expect(code(() => writeNiftiMrs([base(undefined, 0), short]))).toEqual(['INVALID_DATA', 'synthetic.nii']);
  });
});
