import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseRda, rdaNumber } from './rda';
import { sniffRda } from './rda.format';
import { errorFor, fuzzReader, tallestPeakPpm } from './vendorTestSupport';

const FIXTURES = new URL('../../../../test/fixtures/mrs/', import.meta.url);
const rdaBytes = new Uint8Array(readFileSync(new URL('suspect_siemens/SVS_30.rda', FIXTURES)));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const headerEnd = new TextDecoder('latin1').decode(rdaBytes).indexOf('>>> End of header <<<\r\n') + 23; // 21 + CRLF

/** A small RDA file: `header` lines, then `values` (re, im, re, im …) as float64 LE. */
function rdaFile(header: readonly string[], values: readonly number[], eol = '\r\n'): Uint8Array {
  const text = ['>>> Begin of header <<<', ...header, '>>> End of header <<<', ''].join(eol);
  const head = new Uint8Array([...text].map((c) => c.charCodeAt(0)));
  const out = new Uint8Array(head.length + 8 * values.length);
  out.set(head);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    view.setFloat64(head.length + 8 * i, v, true);
  });
  return out;
}

describe('parseRda on SVS_30.rda (suspect, Siemens Skyra PRESS TE 30)', () => {
  const spectra = parseRda(rdaBytes, 'SVS_30.rda');
  const spectrum = spectra[0] as Spectrum;

  it('reads one FID of 1024 points, dwell 833 µs, 123.234655 MHz', () => {
    expect(spectra).toHaveLength(1);
    expect(spectrum.y.values).toHaveLength(1024);
    expect(spectrum.y.imaginary).toHaveLength(1024);
    expect(spectrum.meta.dwellTimeS).toBeCloseTo(833e-6, 12);
    expect(spectrum.meta.spectrometerFrequencyMHz).toBe(123.234655);
    expect(spectrum.x.values[1]).toBeCloseTo(833e-6, 12);
    expect(spectrum.domain).toBe('mrs');
    expect(spectrum.meta.format).toBe('mrs-rda');
  });

  it('reads TE 30 ms, TR 2000 ms, 64 averages, 1H, VOI 40×20×20 mm and the scanner', () => {
    expect(spectrum.meta).toMatchObject({
      echoTimeS: 0.03,
      repetitionTimeS: 2,
      averages: 64,
      nucleus: '1H',
      voxelSizeMm: '40×20×20',
      instrument: 'Siemens Skyra',
      software: 'syngo MR D13',
      sequence: '*svs_se',
      protocol: 'svs_se_30_LSTG',
      fieldStrengthT: 3,
      startTime: '2016-04-29T12:15:13.552',
      voiPositionMm: '41.602906,21.569007,-4.958838',
      rowVector: '0.967711,-0.251409,-0.018134',
    });
    expect(JSON.stringify(spectrum.meta)).not.toContain('Anonymous');
    expect(spectrum.meta.inversionTimeS).toBeUndefined(); // TI 0: not an inversion-recovery sequence
    expect(spectrum.meta.csiMatrixSize).toBeUndefined(); // single voxel
  });

  it('keeps the samples as stored (RDA follows NIfTI-MRS) and the check agrees', () => {
    const view = new DataView(rdaBytes.buffer, rdaBytes.byteOffset + headerEnd);
    expect(spectrum.y.values[0]).toBe(view.getFloat64(0, true));
    expect(spectrum.y.imaginary?.[0]).toBe(view.getFloat64(8, true));
    expect(spectrum.meta.conjugatedByReader).toBe(false);
    expect(spectrum.meta.conjugationCheck).toBe('consistent');
  });

  it('puts NAA at 1.97 ppm (centre 4.65), and its conjugate would sit at the mirror image, 7.33 ppm', () => {
    const naa = tallestPeakPpm(spectra, 1.7, 2.3);
    expect(Math.abs(naa - 2.01)).toBeLessThan(0.1);
    expect(naa).toBeCloseTo(1.967, 2);
    const mirrored = tallestPeakPpm(spectra, 6.9, 7.7, true);
    expect(Math.abs(mirrored - (2 * 4.65 - naa))).toBeLessThan(0.02);
  });
});

describe('parseRda on written files', () => {
  const base = ['VectorSize: 4', 'DwellTime: 500', 'MRFrequency: 123,25', 'Nucleus: 1H', 'TE: 30,5'];

  it('reads decimal commas, LF line ends and a Latin-1 header', () => {
    const header = [...base, 'InstitutionName: Universit\u00e4t', 'SeriesDescription: caf\u00e9'];
    const spectra = parseRda(rdaFile(header, [1, 2, 3, 4, 5, 6, 7, 8], '\n'), 'x.rda');
    const s = spectra[0] as Spectrum;
    expect(s.meta.spectrometerFrequencyMHz).toBe(123.25);
    expect(s.meta.echoTimeS).toBeCloseTo(0.0305, 12);
    expect(s.meta.title).toBe('caf\u00e9');
    expect(Array.from(s.y.values)).toEqual([1, 3, 5, 7]);
  });

  it('splits an MRSI grid in [z][y][x][t] order into one spectrum per voxel', () => {
    const header = [
      'VectorSize: 2',
      'DwellTime: 1000',
      'MRFrequency: 123.2',
      'CSIMatrixSize[0]: 3',
      'CSIMatrixSize[1]: 2',
    ];
    const values = Array.from({ length: 6 * 2 * 2 }, (_, i) => i);
    const spectra = parseRda(rdaFile(header, values), 'csi.rda');
    expect(spectra).toHaveLength(6);
    const at = spectra.find((s) => s.meta['index.x'] === 2 && s.meta['index.y'] === 1) as Spectrum;
    // voxel (x 2, y 1) = number 1·3 + 2 = 5: its first value is 5 · 2 points · 2
    expect(at.y.values[0]).toBe(20);
    expect(at.name).toBe('csi.rda (x 2, y 1, z 0)');
    expect(at.meta.csiMatrixSize).toBe('3,2,1');
  });

  it('reads numbers with a decimal comma', () => {
    expect(rdaNumber('123,234655')).toBe(123.234655);
    expect(rdaNumber('-1,5e3')).toBe(-1500);
    expect(rdaNumber('1,2,3')).toBeUndefined();
    expect(rdaNumber('')).toBeUndefined();
  });

  it('gives NOT_A_SPECTRUM, TRUNCATED and INVALID_DATA with the file name and no repetition of it', () => {
    expect(errorFor('a.rda', () => parseRda(encode('hello'), 'a.rda')).code).toBe('NOT_A_SPECTRUM');
    expect(
      errorFor('a.rda', () => parseRda(encode('>>> Begin of header <<<\r\nVectorSize: 4\r\n'), 'a.rda')).code,
    ).toBe('TRUNCATED');
    const short = errorFor('a.rda', () => parseRda(rdaFile(base, [1, 2, 3]), 'a.rda'));
    expect(short.code).toBe('TRUNCATED');
    expect(short.message).toContain('need 64 bytes');
    const long = errorFor('a.rda', () => parseRda(rdaFile(base, new Array(10).fill(0)), 'a.rda'));
    expect(long.code).toBe('INVALID_DATA');
    const noDwell = errorFor('a.rda', () => parseRda(rdaFile(['VectorSize: 4', 'MRFrequency: 1'], []), 'a.rda'));
    expect(noDwell.code).toBe('INVALID_DATA');
    expect(noDwell.message).toContain('DwellTime');
    const cut = errorFor('SVS_30.rda', () => parseRda(rdaBytes.subarray(0, rdaBytes.length - 1), 'SVS_30.rda'));
    expect(cut.code).toBe('TRUNCATED');
  });

  it('sniffs the header signature, and the extension alone weakly', () => {
    expect(sniffRda(rdaBytes.subarray(0, 4096), 'x.bin')).toBe(0.95);
    expect(sniffRda(encode('hello'), 'x.rda')).toBe(0.05);
    expect(sniffRda(encode('hello'), 'x.txt')).toBe(0);
  });

  it('never throws anything but a WorkbenchError on random, cut or mutated files', () => {
    const small = rdaFile(base, [1, 2, 3, 4, 5, 6, 7, 8]);
    fuzzReader({
      parse: parseRda,
      fileName: 'fuzz.rda',
      fixture: small,
      seed: 3202,
      maxLength: 300,
      prefixes: [small.subarray(0, 40)],
    });
    fuzzReader({ parse: parseRda, fileName: 'fuzz.rda', fixture: rdaBytes, seed: 3212, maxLength: 64, numRuns: 100 });
  });
});
