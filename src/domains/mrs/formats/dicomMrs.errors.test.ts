import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { inflateDicomCapped } from './dicomInflate';
import { MRS_STORAGE_UID, parseDicomMrs, SIEMENS_NON_IMAGE_UID } from './dicomMrs';
import { sniffDicomMrs } from './dicomMrs.format';
import {
  csa2Header,
  type DicomElement,
  dataSetBytes,
  dicomFile,
  float32Bytes,
  TRANSFER_SYNTAX,
} from './dicomMrsTestSupport';
import { errorFor, fuzzReader, parseOutcome } from './vendorTestSupport';

const FIXTURES = new URL('../../../../test/fixtures/mrs/', import.meta.url);
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(new URL(path, FIXTURES)));

/** A Gaussian-damped line at `hz` from the centre, `n` points, dwell `dwell` s, stored in the + convention (conjugated). */
function storedFid(n: number, dwell: number, hz: number, amplitude = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = i * dwell;
    const a = amplitude * Math.exp(-t / 0.05);
    out.push(a * Math.cos(2 * Math.PI * hz * t), -a * Math.sin(2 * Math.PI * hz * t));
  }
  return out;
}

/** Elements of a small MR Spectroscopy Storage object; `extra` go in ascending tag order between them. */
function mrsElements(options: {
  readonly points: number;
  readonly frames?: number;
  readonly data: readonly number[];
  readonly suppression?: string;
  readonly manufacturer?: string;
  readonly spectralWidth?: number;
  readonly domain?: string;
  readonly rows?: number;
  readonly columns?: number;
  readonly little?: boolean;
}): DicomElement[] {
  const elements: DicomElement[] = [
    { tag: [0x0008, 0x0070], vr: 'LO', value: options.manufacturer ?? 'Philips Medical Systems' },
    { tag: [0x0010, 0x0010], vr: 'PN', value: 'Doe^Jane' },
  ];
  if (options.spectralWidth !== 0)
    elements.push({ tag: [0x0018, 0x9052], vr: 'FD', value: [options.spectralWidth ?? 2000] });
  elements.push({ tag: [0x0018, 0x9098], vr: 'FD', value: [123.2] }, { tag: [0x0018, 0x9100], vr: 'CS', value: '1H' });
  if (options.suppression !== undefined) elements.push({ tag: [0x0018, 0x9025], vr: 'CS', value: options.suppression });
  elements.push(
    { tag: [0x0028, 0x0008], vr: 'IS', value: String(options.frames ?? 1) },
    { tag: [0x0028, 0x0010], vr: 'US', value: [options.rows ?? 1] },
    { tag: [0x0028, 0x0011], vr: 'US', value: [options.columns ?? 1] },
    { tag: [0x0028, 0x9001], vr: 'UL', value: [1] },
    { tag: [0x0028, 0x9002], vr: 'UL', value: [options.points] },
    { tag: [0x0028, 0x9003], vr: 'CS', value: options.domain ?? 'TIME' },
    { tag: [0x0028, 0x9108], vr: 'CS', value: 'COMPLEX' },
    { tag: [0x5600, 0x0020], vr: 'OF', value: float32Bytes(options.data, options.little ?? true) },
  );
  return elements;
}

const NAA_HZ = (4.65 - 2.01) * 123.2; // 325 Hz: NAA in the NIfTI-MRS convention at 123.2 MHz

describe('parseDicomMrs on written MR Spectroscopy Storage files', () => {
  it('conjugates a Philips FID into the NIfTI-MRS convention and finds NAA at 2.01 ppm', () => {
    const file = dicomFile({
      sopClass: MRS_STORAGE_UID,
      elements: mrsElements({ points: 256, data: storedFid(256, 5e-4, NAA_HZ), suppression: 'WATER' }),
    });
    const [spectrum] = parseDicomMrs(file, 'p.dcm') as [Spectrum];
    expect(spectrum.meta).toMatchObject({
      conjugatedByReader: true,
      conjugationCheck: 'consistent',
      role: 'metabolite',
      hasPatientFields: true,
    });
    expect(JSON.stringify(spectrum.meta)).not.toContain('Doe');
  });

  it('conjugates by check, and says so, when an unknown vendor stored the + convention', () => {
    const file = dicomFile({
      sopClass: MRS_STORAGE_UID,
      elements: mrsElements({
        points: 256,
        data: storedFid(256, 5e-4, NAA_HZ),
        suppression: 'WATER',
        manufacturer: 'ACME',
      }),
    });
    const [spectrum] = parseDicomMrs(file, 'a.dcm') as [Spectrum];
    expect(spectrum.meta).toMatchObject({ conjugatedByReader: true, conjugationCheck: 'conjugated by check' });
    expect(String(spectrum.meta.conjugationRule)).toContain('none known');
  });

  it('labels a loud frame of a water-suppressed file as water, and gives indices per frame and voxel', () => {
    const weak = storedFid(64, 5e-4, NAA_HZ);
    const loud = storedFid(64, 5e-4, 0, 100);
    const spectra = parseDicomMrs(
      dicomFile({
        sopClass: MRS_STORAGE_UID,
        elements: mrsElements({ points: 64, frames: 2, data: [...weak, ...loud], suppression: 'WATER' }),
      }),
      'w.dcm',
    );
    expect(spectra.map((s) => s.meta.role)).toEqual(['metabolite', 'water']);
    const grid = parseDicomMrs(
      dicomFile({
        sopClass: MRS_STORAGE_UID,
        elements: mrsElements({ points: 8, rows: 2, columns: 3, data: new Array(96).fill(0).map((_, i) => i) }),
      }),
      'csi.dcm',
    );
    expect(grid).toHaveLength(6);
    const voxel = grid.find((s) => s.meta['index.x'] === 2 && s.meta['index.y'] === 1) as Spectrum;
    expect(voxel.y.values[0]).toBe(5 * 16); // voxel 1·3 + 2 = 5, 8 complex points each
    expect(grid.every((s) => s.meta.role === undefined)).toBe(true);
  });

  it('reads implicit VR little endian and explicit VR big endian alike', () => {
    const data = storedFid(32, 5e-4, NAA_HZ);
    const reference = parseDicomMrs(
      dicomFile({ sopClass: MRS_STORAGE_UID, elements: mrsElements({ points: 32, data, suppression: 'WATER' }) }),
      'le.dcm',
    )[0] as Spectrum;
    for (const [syntax, little] of [
      [TRANSFER_SYNTAX.implicitLittle, true],
      [TRANSFER_SYNTAX.explicitBig, false],
    ] as const) {
      const elements = mrsElements({ points: 32, data, suppression: 'WATER', little });
      const spectrum = parseDicomMrs(
        dicomFile({ sopClass: MRS_STORAGE_UID, elements, transferSyntax: syntax }),
        'x.dcm',
      )[0] as Spectrum;
      expect(spectrum.meta.spectralWidthHz).toBe(2000);
      expect(spectrum.meta.spectrometerFrequencyMHz).toBe(123.2);
      expect(Array.from(spectrum.y.imaginary ?? [])).toEqual(Array.from(reference.y.imaginary ?? []));
      expect(spectrum.meta.role).toBe('metabolite');
    }
  });

  it('reads a deflated data set (1.2.840.10008.1.2.1.99) through the capped inflater', () => {
    const elements = mrsElements({ points: 64, data: storedFid(64, 5e-4, NAA_HZ), suppression: 'WATER' });
    const raw = dataSetBytes([{ tag: [0x0008, 0x0016], vr: 'UI', value: MRS_STORAGE_UID }, ...elements]);
    const file = dicomFile({
      sopClass: MRS_STORAGE_UID,
      dataSet: deflateSync(raw),
      transferSyntax: '1.2.840.10008.1.2.1.99',
    });
    expect(parseDicomMrs(file, 'z.dcm')[0]?.y.values).toHaveLength(64);
    const zeros = deflateSync(new Uint8Array(1 << 20));
    expect(errorFor('b.dcm', () => inflateDicomCapped(zeros, 0, 'b.dcm', 100_000)).code).toBe('TOO_LARGE');
    expect(errorFor('b.dcm', () => inflateDicomCapped(new Uint8Array([0xff, 0xff, 0xff]), 0, 'b.dcm')).code).toMatch(
      /INVALID_DATA|TRUNCATED/,
    );
    expect(errorFor('b.dcm', () => inflateDicomCapped(zeros.subarray(0, 20), 0, 'b.dcm')).code).toBe('TRUNCATED');
  });
});

describe('parseDicomMrs errors', () => {
  const image = dicomFile({
    sopClass: '1.2.840.10008.5.1.4.1.1.4',
    elements: [
      { tag: [0x0008, 0x0060], vr: 'CS', value: 'MR' },
      { tag: [0x7fe0, 0x0010], vr: 'OW', value: new Uint8Array(32) },
    ],
  });

  it('says that a DICOM image is not a spectrum, and sniffs it low', () => {
    const error = errorFor('t1.dcm', () => parseDicomMrs(image, 't1.dcm'));
    expect(error.code).toBe('NOT_A_SPECTRUM');
    expect(error.message).toBe('this DICOM holds an image (MR Image), not a spectrum');
    expect(sniffDicomMrs(image, 't1.dcm')).toBe(0.2);
    const other = dicomFile({ sopClass: '1.2.840.10008.5.1.4.1.1.88.11' });
    expect(errorFor('sr.dcm', () => parseDicomMrs(other, 'sr.dcm')).message).toContain('holds no MR spectroscopy data');
  });

  it('refuses non-DICOM bytes, and sniffs them 0 (0.05 with a DICOM extension)', () => {
    const text = new TextEncoder().encode('hello, not a DICOM file at all');
    expect(errorFor('x.dcm', () => parseDicomMrs(text, 'x.dcm')).code).toBe('NOT_A_SPECTRUM');
    expect(sniffDicomMrs(text, 'x.txt')).toBe(0);
    expect(sniffDicomMrs(text, 'x.IMA')).toBe(0.05);
  });

  it('names the missing or implausible value', () => {
    const parse = (elements: DicomElement[]) => () =>
      parseDicomMrs(dicomFile({ sopClass: MRS_STORAGE_UID, elements }), 'e.dcm');
    const noData = mrsElements({ points: 4, data: [] }).filter((e) => e.tag[0] !== 0x5600);
    expect(errorFor('e.dcm', parse(noData)).code).toBe('NOT_A_SPECTRUM');
    const noWidth = errorFor('e.dcm', parse(mrsElements({ points: 4, data: new Array(8).fill(0), spectralWidth: 0 })));
    expect([noWidth.code, noWidth.message]).toEqual(['INVALID_DATA', expect.stringContaining('SpectralWidth')]);
    const frequencyDomain = errorFor(
      'e.dcm',
      parse(mrsElements({ points: 4, data: new Array(8).fill(0), domain: 'FREQUENCY' })),
    );
    expect(frequencyDomain.message).toContain('FREQUENCY');
    const short = errorFor('e.dcm', parse(mrsElements({ points: 4, frames: 2, data: new Array(8).fill(0) })));
    expect([short.code, short.message]).toEqual([
      'TRUNCATED',
      expect.stringContaining('2 × 4 complex float32 samples need 64'),
    ]);
    const long = errorFor('e.dcm', parse(mrsElements({ points: 4, data: new Array(16).fill(0) })));
    expect(long.code).toBe('INVALID_DATA');
  });

  it('gives TRUNCATED with the byte offset for a cut-off file', () => {
    const xa = read('dicom_mrs/SVS_XA60.dcm');
    const inData = errorFor('cut.dcm', () => parseDicomMrs(xa.subarray(0, xa.length - 100), 'cut.dcm'));
    expect(inData.code).toBe('TRUNCATED');
    expect(inData.message).toMatch(/byte \d+/);
    const inHeader = errorFor('cut.dcm', () => parseDicomMrs(xa.subarray(0, 3000), 'cut.dcm'));
    expect(inHeader.code).toBe('TRUNCATED');
    expect(inHeader.message).toMatch(/after element \([0-9A-F]{4},[0-9A-F]{4}\) \(its value at bytes \d+…\d+\)/);
  });

  it('reads a Siemens legacy file with a written CSA header, and names what is missing', () => {
    const csa = csa2Header({
      ImagingFrequency: ['123.2'],
      RealDwellTime: ['500000'],
      DataPointColumns: ['64'],
      EchoTime: ['30'],
    });
    const elements = (header: Uint8Array | undefined, data: Uint8Array | undefined): DicomElement[] => [
      { tag: [0x0029, 0x0010], vr: 'LO', value: 'SIEMENS CSA HEADER' },
      ...(header === undefined ? [] : [{ tag: [0x0029, 0x1010], vr: 'OB', value: header } as DicomElement]),
      { tag: [0x7fe1, 0x0010], vr: 'LO', value: 'SIEMENS CSA NON-IMAGE' },
      ...(data === undefined ? [] : [{ tag: [0x7fe1, 0x1010], vr: 'OB', value: data } as DicomElement]),
    ];
    const data = float32Bytes(storedFid(64, 5e-4, -NAA_HZ));
    const file = (header?: Uint8Array, fid?: Uint8Array) =>
      dicomFile({ sopClass: SIEMENS_NON_IMAGE_UID, elements: elements(header, fid) });
    const [spectrum] = parseDicomMrs(file(csa, data), 's.ima') as [Spectrum];
    expect(spectrum.meta).toMatchObject({
      dwellTimeS: 5e-4,
      echoTimeS: 0.03,
      conjugatedByReader: false,
      conjugationCheck: 'consistent',
    });
    expect(sniffDicomMrs(file(csa, data), 's.ima')).toBe(0.95);
    expect(errorFor('s.ima', () => parseDicomMrs(file(csa), 's.ima')).code).toBe('NOT_A_SPECTRUM');
    expect(errorFor('s.ima', () => parseDicomMrs(file(undefined, data), 's.ima')).message).toContain(
      'no CSA image header',
    );
    const bad = csa.slice();
    new DataView(bad.buffer).setUint32(8, 5000, true);
    expect(errorFor('s.ima', () => parseDicomMrs(file(bad, data), 's.ima')).message).toContain('declares 5000 tags');
    const notSpectro = csa2Header({ ImagingFrequency: ['123.2'] });
    expect(errorFor('s.ima', () => parseDicomMrs(file(notSpectro, data), 's.ima')).code).toBe('NOT_A_SPECTRUM');
  });
});

describe('parseDicomMrs robustness', () => {
  const small = dicomFile({
    sopClass: MRS_STORAGE_UID,
    elements: mrsElements({ points: 16, data: storedFid(16, 5e-4, NAA_HZ) }),
  });

  it('never throws anything but a WorkbenchError on random, cut or mutated files', () => {
    const prefix = small.subarray(0, 132);
    fuzzReader({
      parse: parseDicomMrs,
      fileName: 'fuzz.dcm',
      fixture: small,
      seed: 5101,
      maxLength: 400,
      prefixes: [prefix],
    });
    for (const [path, seed] of [
      ['dicom_mrs/IM-0001-0002.dcm', 5111],
      ['suspect_siemens/SVS_30.IMA', 5121],
      ['dicom_mrs/SVS_XA60.dcm', 5131],
    ] as const) {
      fuzzReader({
        parse: parseDicomMrs,
        fileName: 'fuzz.dcm',
        fixture: read(path),
        seed,
        maxLength: 64,
        numRuns: 100,
      });
    }
  });

  it('survives mutations aimed at the headers of the Siemens CSA and the Philips functional groups', () => {
    const ima = read('suspect_siemens/SVS_30.IMA');
    const philips = read('dicom_mrs/IM-0001-0002.dcm');
    for (const [bytes, lo, hi, seed] of [
      [ima, 1400, 16000, 5141],
      [philips, 128, 11600, 5151],
    ] as const) {
      fc.assert(
        fc.property(
          fc.array(fc.record({ at: fc.integer({ min: lo, max: hi }), value: fc.nat(255) }), {
            minLength: 1,
            maxLength: 6,
          }),
          (edits) => {
            const copy = bytes.slice();
            for (const { at, value } of edits) copy[at] = value;
            parseOutcome(parseDicomMrs, copy, 'hot.dcm');
          },
        ),
        { seed, numRuns: 200 },
      );
    }
  });
});
