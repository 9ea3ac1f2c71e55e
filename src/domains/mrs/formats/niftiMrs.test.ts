import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseNiftiMrs } from './niftiMrs';
import { niftiMrsFormat, sniffNiftiMrs } from './niftiMrs.format';
import { metaboliteNifti, mrsSpectrum, NAA_CR_CHO, niftiOne, syntheticFid, tallestPpm } from './niftiMrsTestSupport';
import { writeNiftiMrs } from './writeNiftiMrs';

const FIXTURE = path.resolve(process.cwd(), 'test/fixtures/mrs/osprey_niftimrs/sub-01_ses-01_SVS-ref.nii.gz');
const fixtureGz = new Uint8Array(readFileSync(FIXTURE));
const fixtureNii = gunzipSync(fixtureGz);

describe('parseNiftiMrs on the Osprey 7T water reference (NIfTI-2, 32 coils)', () => {
  const spectra = parseNiftiMrs(fixtureGz, 'ref.nii.gz');
  const first = spectra[0] as Spectrum;

  it('reads 32 coil FIDs of 2048 points, dwell 166.6 µs, 297.219948 MHz, TE 11 ms, TR 5 s', () => {
    expect(spectra).toHaveLength(32);
    expect(first.y.values).toHaveLength(2048);
    expect(first.y.imaginary).toHaveLength(2048);
    expect(first.meta).toMatchObject({
      format: 'mrs-nifti',
      spectrometerFrequencyMHz: 297.219948,
      dwellTimeS: 0.0001666,
      nucleus: '1H',
      echoTimeS: 0.011,
      repetitionTimeS: 5,
      centrePpm: 4.65,
      voxelSizeMm: '20×20×20',
      instrument: 'SIEMENS Investigational_Device_7T',
      'nifti.version': 2,
      'nifti.intentName': 'mrs_v0_2',
      'nifti.datatype': 'complex64',
      'nifti.shape': '1×1×1×2048×32',
      'nifti.dim_5': 'DIM_COIL',
      'nifti.RxCoil': '"32Ch_Head_7T"',
      'nifti.SoftwareVersions': 'syngo MR B17',
      'nifti.SequenceName': 'svs_st',
      'nifti.ProtocolName': 'STEAM_metab',
      'nifti.ConversionMethod': 'spec2nii v0.3.4+4.g981edc5.dirty',
      'nifti.OriginalFile': 'meas_MID310_STEAM_metab_FID115673.dat',
      'nifti.TxOffset': -2,
      'nifti.sform_code': 2,
      voxelPositionMm: '-32.90067836,10.6633755,21.35589036',
      conjugatedByReader: false,
      hasPatientFields: true,
    });
    expect(first.meta.spectralWidthHz).toBeCloseTo(6002.4, 1);
    expect(first.x.values[1]).toBe(0.0001666);
    expect(spectra.map((s) => s.meta['index.coil'])).toEqual([...Array(32).keys()]);
    expect(first.name).toBe('ref.nii.gz (coil 0)');
  });

  it('keeps no Patient* key (privacy) and no long structured value', () => {
    const keys = Object.keys(first.meta);
    expect(keys.filter((key) => key.includes('Patient') && key !== 'hasPatientFields')).toEqual([]);
    expect(first.meta['nifti.PulseSequenceFile']).toContain('uzay_steam_gui');
    for (const value of Object.values(first.meta)) expect(String(value).length).toBeLessThan(300);
  });

  it('puts the tallest peak at water (4.64 ppm) in coil 0 and in the coil sum; the check agrees', () => {
    // WaterSuppressed is not stated, so the check runs: the water line at 4.640 ppm sits a little
    // nearer the 0.2–4.2 ppm window than its mirror (4.660), and the check says 'consistent'.
    expect(Math.abs(tallestPpm([first], 0, 9) - 4.65)).toBeLessThan(0.03);
    expect(tallestPpm(spectra, 0, 9)).toBeCloseTo(4.6401, 3);
    expect(first.meta.role).toBeUndefined();
    expect(first.meta.conjugationCheck).toBe('consistent');
  });

  it('reads the same from the uncompressed file', () => {
    const plain = parseNiftiMrs(fixtureNii, 'ref.nii');
    expect(plain).toHaveLength(32);
    expect(plain[5]?.y.values).toEqual(spectra[5]?.y.values);
    expect(plain[5]?.y.imaginary).toEqual(spectra[5]?.y.imaginary);
  });
});

describe('parseNiftiMrs on a synthetic metabolite file (written by writeNiftiMrs)', () => {
  it('puts NAA at 2.01 ppm, the check agrees, and the conjugate would put it at 7.29', () => {
    const [spectrum] = parseNiftiMrs(metaboliteNifti({ role: 'metabolite' }), 'metab.nii');
    expect(spectrum?.meta).toMatchObject({
      role: 'metabolite',
      conjugationCheck: 'consistent',
      conjugatedByReader: false,
    });
    const naa = tallestPpm([spectrum as Spectrum], 1.7, 2.3);
    expect(Math.abs(naa - 2.01)).toBeLessThan(0.1);
    expect(Math.abs(tallestPpm([spectrum as Spectrum], 0, 9, true) - 7.29)).toBeLessThan(0.05);
  });

  it('conjugates a water-suppressed file stored in the other convention and says so', () => {
    const [spectrum] = parseNiftiMrs(metaboliteNifti({ role: 'metabolite', conjugate: true }), 'wrong.nii');
    expect(spectrum?.meta).toMatchObject({ conjugationCheck: 'conjugated by check', conjugatedByReader: true });
    expect(Math.abs(tallestPpm([spectrum as Spectrum], 1.7, 2.3) - 2.01)).toBeLessThan(0.1);
  });

  it('conjugates when the role is unknown only on decisive evidence, never a water reference', () => {
    const [unknown] = parseNiftiMrs(metaboliteNifti({ conjugate: true }), 'unknown.nii');
    expect(unknown?.meta.conjugationCheck).toBe('conjugated by check');
    expect(unknown?.meta.conjugationCheckPowerRatio).toBeGreaterThan(10);
    const [water] = parseNiftiMrs(metaboliteNifti({ role: 'water', conjugate: true }), 'water.nii');
    expect(water?.meta).toMatchObject({
      role: 'water',
      conjugationCheck: 'not applicable (water)',
      conjugatedByReader: false,
    });
    // a water line 0.2 ppm above the centre tips the check, but not decisively: left alone
    const { re, im } = syntheticFid([{ ppm: 4.85, amplitude: 1, t2: 0.05 }], 123.2, 0.00025, 2048);
    const [weak] = parseNiftiMrs(writeNiftiMrs([mrsSpectrum({ re, im })]), 'weak.nii');
    expect(weak?.meta.conjugatedByReader).toBe(false);
    expect(String(weak?.meta.conjugationCheck)).toMatch(/^(consistent|disagrees, not applied)/);
  });

  it('reads a gzipped file the same', () => {
    const plain = parseNiftiMrs(metaboliteNifti(), 'a.nii')[0] as Spectrum;
    const zipped = parseNiftiMrs(metaboliteNifti({ gzip: true }), 'a.nii.gz')[0] as Spectrum;
    expect(zipped.y.values).toEqual(plain.y.values);
  });
});

describe('parseNiftiMrs on hand-built NIfTI-1 files', () => {
  const { re, im } = syntheticFid(NAA_CR_CHO, 123.2, 0.00025, 1024);
  const interleaved = (copies: number) => {
    const out = new Float64Array(2 * 1024 * copies);
    for (let c = 0; c < copies; c++) {
      for (let t = 0; t < 1024; t++) {
        out[2 * (c * 1024 + t)] = (re[t] as number) * (c + 1);
        out[2 * (c * 1024 + t) + 1] = (im[t] as number) * (c + 1);
      }
    }
    return out;
  };
  const json = {
    SpectrometerFrequency: [123.2],
    ResonantNucleus: ['1H'],
    EchoTime: 0.03,
    dim_5: 'DIM_DYN',
    WaterSuppressed: true,
  };

  for (const littleEndian of [true, false]) {
    it(`reads a ${littleEndian ? 'little' : 'big'}-endian complex64 file with 3 dynamics, dwell in ms`, () => {
      const bytes = niftiOne({
        littleEndian,
        dims: [5, 1, 1, 1, 1024, 3, 1, 1],
        dwell: 0.25,
        xyztUnits: 2 | 16,
        json,
        samples: interleaved(3),
      });
      const spectra = parseNiftiMrs(bytes, 'one.nii');
      expect(spectra).toHaveLength(3);
      expect(spectra.map((s) => s.meta['index.dynamic'])).toEqual([0, 1, 2]);
      const s = spectra[2] as Spectrum;
      expect(s.meta).toMatchObject({
        'nifti.version': 1,
        dwellTimeS: 0.00025,
        echoTimeS: 0.03,
        role: 'metabolite',
        conjugationCheck: 'consistent',
      });
      expect(s.y.values[10]).toBeCloseTo((re[10] as number) * 3, 5);
      expect(s.y.imaginary?.[10]).toBeCloseTo((im[10] as number) * 3, 5);
      expect(Math.abs(tallestPpm(spectra, 1.7, 2.3) - 2.01)).toBeLessThan(0.1);
      if (!littleEndian) expect(s.meta['nifti.bigEndian']).toBe(true);
    });
  }

  it('reads complex128 and a 2×2 MRSI grid as one spectrum per voxel (x fastest)', () => {
    const samples = new Float64Array(2 * 4 * 8);
    for (let v = 0; v < 4; v++) for (let t = 0; t < 8; t++) samples[2 * (v + 4 * t)] = v * 100 + t;
    const bytes = niftiOne({ datatype: 1792, dims: [4, 2, 2, 1, 8, 1, 1, 1], dwell: 1e-3, json, samples });
    const spectra = parseNiftiMrs(bytes, 'grid.nii');
    expect(spectra.map((s) => [s.meta['index.x'], s.meta['index.y']])).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(Array.from(spectra[3]?.y.values ?? [])).toEqual([300, 301, 302, 303, 304, 305, 306, 307]);
    expect(spectra[0]?.meta['index.coil']).toBeUndefined();
  });

  it('keeps dim_N_info and the per-index values of dim_N_header', () => {
    const header = { EditCondition: ['ON', 'OFF'], Bval: { start: 0, increment: 500 } };
    const bytes = niftiOne({
      dims: [6, 1, 1, 1, 1024, 1, 2, 1],
      dwell: 0.00025,
      xyztUnits: 8,
      json: { ...json, dim_5: 'DIM_COIL', dim_6: 'DIM_EDIT', dim_6_info: 'MEGA', dim_6_header: header },
      samples: interleaved(2),
    });
    const spectra = parseNiftiMrs(bytes, 'edit.nii');
    expect(spectra[1]?.meta).toMatchObject({
      'index.coil': 0,
      'index.edit': 1,
      'nifti.dim_6_info': 'MEGA',
      'nifti.dim_6_header.EditCondition': 'OFF',
      'nifti.dim_6_header.Bval': 500,
    });
    expect(spectra[1]?.meta['nifti.dim_6_header']).toBe(JSON.stringify(header));
  });
});

describe('niftiMrsFormat', () => {
  it('sniffs NIfTI-MRS at 0.95 (plain and gzip), other NIfTI at 0.8, else 0; never throws', () => {
    expect(niftiMrsFormat.id).toBe('mrs-nifti');
    expect(sniffNiftiMrs(fixtureGz.subarray(0, 65536), 'x.nii.gz')).toBe(0.95);
    expect(sniffNiftiMrs(fixtureNii.subarray(0, 65536), 'x.nii')).toBe(0.95);
    expect(
      sniffNiftiMrs(
        niftiOne({ dims: [5, 1, 1, 1, 4, 2, 1, 1], dwell: 1, json: { a: 1 }, samples: new Float64Array(16) }),
        'a',
      ),
    ).toBe(0.95);
    const image = niftiOne({
      datatype: 16,
      dims: [3, 4, 4, 4, 1, 1, 1, 1],
      dwell: 1,
      intentName: '',
      samples: new Float64Array(64),
    });
    expect(sniffNiftiMrs(image, 'brain.nii')).toBe(0.8);
    expect(sniffNiftiMrs(gzipSync(image), 'brain.nii.gz')).toBe(0.8);
    expect(sniffNiftiMrs(gzipSync(new Uint8Array(1000)), 'zeros.nii.gz')).toBe(0.05);
    expect(sniffNiftiMrs(gzipSync(new Uint8Array(1000)), 'zeros.gz')).toBe(0);
    expect(sniffNiftiMrs(new Uint8Array(4096), 'zeros.nii')).toBe(0);
    for (const cut of [0, 2, 10, 40, 400])
      expect(sniffNiftiMrs(fixtureGz.subarray(0, cut), 'x.nii.gz')).toBeLessThanOrEqual(0.95);
  });

  it('loads its parser lazily', async () => {
    const { parse } = await niftiMrsFormat.load();
    expect(await parse(fixtureGz, 'lazy.nii.gz')).toHaveLength(32);
  });
});
