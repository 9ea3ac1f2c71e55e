import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseJmrui } from './jmrui';
import { sniffJmrui } from './jmrui.format';
import { parseLcmodelRawWith } from './lcmodelRaw';
import { errorFor, fuzzReader, maxAbsDifference, tallestPeakPpm } from './vendorTestSupport';

const FIXTURES = new URL('../../../../test/fixtures/mrs/ismrm2016_fitting_challenge/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const only = (spectra: Spectrum[]): Spectrum => {
  expect(spectra).toHaveLength(1);
  return spectra[0] as Spectrum;
};

/**
 * A `.mrui` file as jMRUI lays it out (spec2nii `read_mrui`; a MATLAB `read_mrui.m`): 64 big-endian
 * float64 header values (points at [1], interval ms at [2], frequency Hz at [5], field T at [6],
 * nucleus at [7], reference Hz/ppm at [8]/[9], frames at [13]), data at byte 512, then UTF-8 text.
 */
function mruiFile(
  frames: readonly { re: ArrayLike<number>; im: ArrayLike<number> }[],
  header: { intervalMs: number; frequencyHz: number; fieldT: number; nucleus: number; framesField?: number },
  info = '',
): Uint8Array {
  const points = frames[0]?.re.length ?? 0;
  const tail = encode(info);
  const out = new Uint8Array(512 + 16 * points * frames.length + tail.length);
  const view = new DataView(out.buffer);
  const values: Record<number, number> = {
    1: points,
    2: header.intervalMs,
    5: header.frequencyHz,
    6: header.fieldT,
    7: header.nucleus,
    9: 4.7,
    13: header.framesField ?? frames.length,
  };
  for (const [index, value] of Object.entries(values)) view.setFloat64(8 * Number(index), value, false);
  frames.forEach((frame, f) => {
    for (let p = 0; p < points; p++) {
      view.setFloat64(512 + (f * points + p) * 16, frame.re[p] as number, false);
      view.setFloat64(512 + (f * points + p) * 16 + 8, frame.im[p] as number, false);
    }
  });
  out.set(tail, 512 + 16 * points * frames.length);
  return out;
}

const ws = parseJmrui(bytesOf('datasets_JMRUI/dataset1_WS.txt'), 'dataset1_WS.txt');
const raw = parseLcmodelRawWith(bytesOf('datasets_LCModel/dataset1.RAW'), 'dataset1.RAW', {
  dwellTimeS: 0.00025,
  spectrometerFrequencyMHz: 123.22,
});

describe('parseJmrui on the fitting-challenge text files', () => {
  it('reads 2048 points, 0.25 ms, 1.2322E8 Hz = 123.22 MHz, 2.9 T, 1H, role from _WS/_nWS', () => {
    const s = only(ws);
    expect(s.y.values).toHaveLength(2048);
    expect(s.meta).toMatchObject({
      format: 'mrs-jmrui',
      dwellTimeS: 0.00025,
      spectrometerFrequencyMHz: 123.22,
      fieldStrengthT: 2.9,
      nucleus: '1H',
      role: 'metabolite',
      conjugatedByReader: true,
      conjugationCheck: 'consistent',
      signalNames: 'dataset1_WS.txt;',
    });
    const water = only(parseJmrui(bytesOf('datasets_JMRUI/dataset1_nWS.txt'), 'dataset1_nWS.txt'));
    expect(water.meta.role).toBe('water');
    expect(water.meta.conjugationCheck).toBe('not applicable (water)');
  });

  it('equals the matching .RAW after each format’s convention handling (jMRUI conjugated, .RAW as stored)', () => {
    const a = only(ws);
    const b = only(raw);
    expect(maxAbsDifference(a.y.values, b.y.values)).toBeLessThan(1e-3);
    expect(maxAbsDifference(a.y.imaginary ?? [], b.y.imaginary ?? [])).toBeLessThan(1e-3);
    expect(Math.max(...Array.from(a.y.values, Math.abs))).toBeGreaterThan(100);
    const naa = tallestPeakPpm(ws, 1.7, 2.3);
    expect(naa).toBeCloseTo(2.003, 2);
    expect(Math.abs(tallestPeakPpm(ws, 6.9, 7.7, true) - (9.3 - naa))).toBeLessThan(0.02);
  });

  it('reads several signals, and the dataset21 file', () => {
    expect(only(parseJmrui(bytesOf('datasets_JMRUI/dataset21_WS.txt'), 'dataset21_WS.txt')).y.values).toHaveLength(
      2048,
    );
    const text = [
      'jMRUI Data Textfile',
      'PointsInDataset: 2',
      'DatasetsInFile: 2',
      'SamplingInterval: 1E0',
      'TransmitterFrequency: 297.2',
      'Signal and FFT',
      'sig(real)\tsig(imag)\tfft(real)\tfft(imag)',
      'Signal 1 out of 2 in file',
      '1\t2\t0\t0',
      '3\t4\t0\t0',
      'Signal 2 out of 2 in file',
      '5\t6',
      '7\t8',
    ].join('\r\n');
    const spectra = parseJmrui(encode(text), 'two.txt');
    expect(spectra.map((s) => s.meta['index.signal'])).toEqual([0, 1]);
    expect(Array.from(spectra[1]?.y.imaginary ?? [])).toEqual([-6, -8]);
    expect(spectra[0]?.meta.spectrometerFrequencyMHz).toBe(297.2);
  });

  it('gives TRUNCATED and INVALID_DATA with the file name', () => {
    const text = new TextDecoder().decode(bytesOf('datasets_JMRUI/dataset1_WS.txt'));
    const code = (t: string): string => errorFor('e.txt', () => parseJmrui(encode(t), 'e.txt')).code;
    expect(code(text.slice(0, 20000))).toBe('TRUNCATED');
    expect(code(text.replace('DatasetsInFile: 1', 'DatasetsInFile: 2'))).toBe('TRUNCATED');
    expect(code(text.replace('SamplingInterval: 2.5E-1', 'SamplingInterval: 0'))).toBe('INVALID_DATA');
    expect(code(text.replace('PointsInDataset: 2048', 'PointsInDataset: x'))).toBe('INVALID_DATA');
    expect(code(text.replace('475.0396500', '475.0x96500'))).toBe('INVALID_DATA');
    expect(code('hello')).toBe('NOT_A_SPECTRUM');
  });
});

describe('parseJmrui on .mrui files built from the documented layout', () => {
  const source = only(ws);
  // jMRUI's own convention: the conjugate of what the reader returns
  const stored = { re: source.y.values, im: (source.y.imaginary ?? new Float64Array()).map((v) => -v) };
  const header = { intervalMs: 0.25, frequencyHz: 1.2322e8, fieldT: 2.9, nucleus: 0 };

  it('reads the same FID as the text file, with the trailing info text', () => {
    const s = only(parseJmrui(mruiFile([stored], header, 'dataset1_WS'), 'dataset1_WS.mrui'));
    expect(Array.from(s.y.values)).toEqual(Array.from(source.y.values));
    expect(Array.from(s.y.imaginary ?? [])).toEqual(Array.from(source.y.imaginary ?? []));
    expect(s.meta).toMatchObject({ dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.22, referenceFrequencyPpm: 4.7 });
    expect(s.meta.mruiInfo).toBe('dataset1_WS');
    expect(s.meta.conjugationCheck).toBe('consistent');
  });

  it('counts frames from header[13], else from the size; names 31P from its code or from γ', () => {
    const frame = { re: [1, 2], im: [3, 4] };
    expect(parseJmrui(mruiFile([frame, frame, frame], { ...header, framesField: 2 }), 'f.mrui')).toHaveLength(2);
    expect(parseJmrui(mruiFile([frame, frame], { ...header, framesField: 0 }), 'f.mrui')).toHaveLength(2);
    const p31 = { intervalMs: 0.5, frequencyHz: 51.7e6, fieldT: 3, nucleus: 0 };
    expect(parseJmrui(mruiFile([frame], p31), 'f.mrui')[0]?.meta.nucleus).toBe('31P');
    expect(parseJmrui(mruiFile([frame], { ...p31, nucleus: 2 }), 'f.mrui')[0]?.meta.nucleus).toBe('31P');
  });

  it('refuses a short file or a bad header; sniffs the header', () => {
    const file = mruiFile([stored], header);
    expect(errorFor('e.mrui', () => parseJmrui(file.subarray(0, 511), 'e.mrui')).code).toBe('TRUNCATED');
    expect(errorFor('e.mrui', () => parseJmrui(file.subarray(0, 600), 'e.mrui')).code).toBe('TRUNCATED');
    const bad = mruiFile([{ re: [1], im: [1] }], { ...header, intervalMs: -1 });
    expect(errorFor('e.mrui', () => parseJmrui(bad, 'e.mrui')).code).toBe('INVALID_DATA');
    expect(sniffJmrui(file.subarray(0, 4096), 'x.mrui')).toBe(0.85);
    expect(sniffJmrui(file.subarray(0, 4096), 'x.bin')).toBe(0.3);
    expect(sniffJmrui(new Uint8Array(600), 'x.mrui')).toBe(0.05);
    expect(sniffJmrui(bytesOf('datasets_JMRUI/dataset1_WS.txt'), 'x.txt')).toBe(0.95);
    expect(sniffJmrui(encode('a,b\n1,2'), 'x.txt')).toBe(0);
  });

  it('never throws anything but a WorkbenchError on random, cut or mutated files', () => {
    const small = mruiFile([{ re: [1, 2, 3, 4], im: [4, 3, 2, 1] }], header, 'info');
    fuzzReader({
      parse: parseJmrui,
      fileName: 'fuzz.mrui',
      fixture: small,
      seed: 1997,
      maxLength: 700,
      prefixes: [small.subarray(0, 512)],
    });
    const text = encode(
      'jMRUI Data Textfile\nPointsInDataset: 2\nSamplingInterval: 1\nTransmitterFrequency: 1.2E8\nSignal 1 out of 1 in file\n1 2\n3 4\n',
    );
    fuzzReader({
      parse: parseJmrui,
      fileName: 'fuzz.txt',
      fixture: text,
      seed: 1998,
      maxLength: 300,
      prefixes: [text.subarray(0, 60)],
    });
  });
});
