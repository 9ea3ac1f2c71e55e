import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseDicomMrs } from './dicomMrs';
import { dicomMrsFormat, metaSopClass, sniffDicomMrs } from './dicomMrs.format';
import { parseRda } from './rda';
import { maxAbsDifference, tallestPeakPpm } from './vendorTestSupport';

const FIXTURES = new URL('../../../../test/fixtures/mrs/', import.meta.url);
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, FIXTURES)));
const imaBytes = read('suspect_siemens/SVS_30.IMA');
const xaBytes = read('dicom_mrs/SVS_XA60.dcm');
const philipsBytes = read('dicom_mrs/IM-0001-0002.dcm');

/** Pearson correlation of two equally long arrays. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += (a[i] as number) / n;
    mb += (b[i] as number) / n;
  }
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return ab / Math.sqrt(aa * bb);
}

/** No value of the meta repeats what the Patient module of the fixtures holds. */
function expectNoPatientValues(spectrum: Spectrum): void {
  const text = JSON.stringify(spectrum.meta);
  for (const value of ['Anonymous', '"445"', '19780308', '20090304', '039Y']) expect(text).not.toContain(value);
  expect(Object.keys(spectrum.meta).some((key) => /patient(?!Fields)/i.test(key))).toBe(false);
  expect(spectrum.meta.hasPatientFields).toBe(true);
}

describe('parseDicomMrs on SVS_30.IMA (Siemens Skyra VD13 legacy DICOM, in vivo PRESS TE 30)', () => {
  const spectra = parseDicomMrs(imaBytes, 'SVS_30.IMA');
  const spectrum = spectra[0] as Spectrum;

  it('reads one FID of 1024 points, dwell 833.4 µs (CSA RealDwellTime), 123.234655 MHz', () => {
    expect(spectra).toHaveLength(1);
    expect(spectrum.y.values).toHaveLength(1024);
    expect(spectrum.meta).toMatchObject({
      format: 'mrs-dicom',
      dwellTimeS: 833.4e-6,
      spectrometerFrequencyMHz: 123.234655,
      nucleus: '1H',
      echoTimeS: 0.03,
      repetitionTimeS: 2,
      averages: 64,
      voxelSizeMm: '40×20×20',
      centrePpm: 4.65,
      instrument: 'SIEMENS Skyra',
      software: 'syngo MR D13',
      sequence: '*svs_se',
      protocol: 'svs_se_30_LSTG',
      title: 'svs_se_30_LSTG',
      fieldStrengthT: 3,
      voiPositionMm: '41.602906,21.569007,-4.958838',
      startTime: '2016-04-29T12:15:12.65',
    });
  });

  it('keeps the samples as stored: they equal the RDA export of the same scan (correlation 1.0000)', () => {
    const rda = parseRda(read('suspect_siemens/SVS_30.rda'), 'SVS_30.rda')[0] as Spectrum;
    expect(correlation(spectrum.y.values, rda.y.values)).toBeGreaterThan(0.99999);
    expect(correlation(spectrum.y.imaginary as Float64Array, rda.y.imaginary as Float64Array)).toBeGreaterThan(0.99999);
    expect(maxAbsDifference(spectrum.y.values, rda.y.values)).toBe(0);
    expect(spectrum.meta.conjugatedByReader).toBe(false);
    expect(spectrum.meta.conjugationCheck).toBe('consistent');
  });

  it('puts NAA at 1.97 ppm (centre 4.65); the conjugate would put it at the mirror image, 7.33 ppm', () => {
    const naa = tallestPeakPpm(spectra, 1.7, 2.3);
    expect(Math.abs(naa - 2.01)).toBeLessThan(0.1);
    expect(naa).toBeCloseTo(1.969, 2);
    expect(Math.abs(tallestPeakPpm(spectra, 6.9, 7.7, true) - (2 * 4.65 - naa))).toBeLessThan(0.02);
  });

  it('copies no patient values and flags that the file has some', () => {
    expectNoPatientValues(spectrum);
  });
});

describe('parseDicomMrs on SVS_XA60.dcm (Siemens Prisma XA60 MR Spectroscopy Storage, phantom)', () => {
  const spectra = parseDicomMrs(xaBytes, 'SVS_XA60.dcm');
  const spectrum = spectra[0] as Spectrum;

  it('reads 1024 points, SW 1199.9 Hz, 123.255089 MHz, TE 30 ms, TR 2 s, 80 averages, 30 mm cube', () => {
    expect(spectra).toHaveLength(1);
    expect(spectrum.y.values).toHaveLength(1024);
    expect(spectrum.meta.spectralWidthHz).toBeCloseTo(1199.904, 3);
    expect(spectrum.meta).toMatchObject({
      spectrometerFrequencyMHz: 123.255089,
      echoTimeS: 0.03,
      repetitionTimeS: 2,
      averages: 80,
      voxelSizeMm: '30×30×30',
      centrePpm: 4.7,
      chemicalShiftReferencePpm: 4.7,
      waterSuppression: 'NONE',
      instrument: 'Siemens Healthineers MAGNETOM Prisma',
      software: 'syngo MR XA60',
      voiSlabThicknessMm: '30,30,30',
      positionVectorMm: '0,57.4412,-8.03879',
    });
    expect(spectrum.meta.role).toBeUndefined();
    expectNoPatientValues(spectrum);
  });

  it('conjugates the stored samples (re − i·im, spec2nii) and keeps that although the check disagrees', () => {
    const offset = xaBytes.length - 8192; // SpectroscopyData (5600,0020) is the last element
    const view = new DataView(xaBytes.buffer, xaBytes.byteOffset + offset);
    expect(spectrum.y.values[3]).toBe(view.getFloat32(24, true));
    expect(spectrum.y.imaginary?.[3]).toBe(-view.getFloat32(28, true));
    expect(spectrum.meta.conjugatedByReader).toBe(true);
    // no water suppression: the check's 0.2–4.2 ppm window sees water tails and the phantom's own lines
    expect(spectrum.meta.conjugationCheck).toBe('disagrees, not applied (no water suppression)');
  });

  it('shows water at 4.72 ppm and a triplet at 1.07 ppm with a quartet at 3.6 ppm (the phantom, no NAA)', () => {
    expect(tallestPeakPpm(spectra, 0, 9)).toBeCloseTo(4.72, 1);
    expect(tallestPeakPpm(spectra, 0.5, 1.5)).toBeCloseTo(1.068, 2);
    expect(tallestPeakPpm(spectra, 3.3, 3.9)).toBeCloseTo(3.597, 1);
  });
});

describe('parseDicomMrs on IM-0001-0002.dcm (Philips Achieva 1.5 T, QA phantom, 2 frames)', () => {
  const spectra = parseDicomMrs(philipsBytes, 'IM-0001-0002.dcm');
  const [metabolite, water] = spectra as [Spectrum, Spectrum];

  it('reads two frames of 1024 points, SW 1000 Hz, 63.89575 MHz, TE 31.9 ms, TR 2 s, 25×25×15 mm', () => {
    expect(spectra).toHaveLength(2);
    for (const s of spectra) {
      expect(s.y.values).toHaveLength(1024);
      expect(s.meta.spectralWidthHz).toBeCloseTo(1000, 3);
      expect(s.meta).toMatchObject({
        spectrometerFrequencyMHz: 63.89575,
        repetitionTimeS: 2,
        averages: 1,
        voxelSizeMm: '25×25×15',
        centrePpm: 4.68,
        fieldStrengthT: 1.5,
        instrument: 'Philips Medical Systems Achieva',
        conjugatedByReader: true,
      });
      expect(s.meta.echoTimeS).toBeCloseTo(0.0319136, 7);
      expectNoPatientValues(s);
    }
  });

  it('labels frame 0 metabolite and frame 1 water (its FID power is ~7·10⁵ × frame 0’s)', () => {
    expect(metabolite.meta).toMatchObject({ role: 'metabolite', 'index.frame': 0, conjugationCheck: 'consistent' });
    expect(water.meta).toMatchObject({ role: 'water', 'index.frame': 1, conjugationCheck: 'not applicable (water)' });
    expect(water.name).toBe('IM-0001-0002.dcm (water, frame 1)');
    expect(String(metabolite.meta.roleRule)).toContain('20×');
  });

  it('puts the main metabolite line 2.83 ppm below water (NAA in a room-temperature phantom), not at its mirror', () => {
    const naa = tallestPeakPpm([metabolite], 1.7, 2.3);
    expect(naa).toBeCloseTo(1.853, 2);
    const waterLine = tallestPeakPpm([water], 4, 5.5);
    expect(waterLine - naa).toBeCloseTo(2.83, 1);
    // Cr and Cho follow at the same offset: 3.03 and 3.20 ppm less 0.16 ppm
    expect(tallestPeakPpm([metabolite], 2.75, 2.95)).toBeCloseTo(2.877, 1);
    expect(Math.abs(tallestPeakPpm([metabolite], 7, 8, true) - (2 * 4.68 - naa))).toBeLessThan(0.02);
  });
});

describe('dicomMrsFormat', () => {
  it('sniffs MR Spectroscopy Storage and Siemens spectroscopy at 0.95 from the first 64 KiB', () => {
    for (const bytes of [imaBytes, xaBytes, philipsBytes])
      expect(sniffDicomMrs(bytes.subarray(0, 65536), 'x')).toBe(0.95);
    expect(metaSopClass(xaBytes)).toBe('1.2.840.10008.5.1.4.1.1.4.2');
    expect(metaSopClass(imaBytes)).toBe('1.3.12.2.1107.5.9.1');
  });

  it('describes the format and loads the parser lazily', async () => {
    expect(dicomMrsFormat).toMatchObject({ id: 'mrs-dicom', domain: 'mrs', binary: true });
    expect(dicomMrsFormat.extensions).toEqual(['dcm', 'ima', '']);
    const { parse } = await dicomMrsFormat.load();
    expect(await parse(philipsBytes, 'p.dcm')).toHaveLength(2);
  });
});
