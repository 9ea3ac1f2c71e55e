import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { parseJmrui } from './jmrui';
import { acquisitionFromControl, parseLcmodelRaw, parseLcmodelRawWith } from './lcmodelRaw';
import { sniffLcmodelRaw } from './lcmodelRaw.format';
import { parseRda } from './rda';
import { parseSparSdat } from './sparSdat';
import { errorFor, fuzzReader, tallestPeakPpm } from './vendorTestSupport';
import { writeLcmodelRaw } from './writeLcmodelRaw';

const FIXTURES = new URL('../../../../test/fixtures/mrs/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const CHALLENGE = 'ismrm2016_fitting_challenge/datasets_LCModel/';
/** The challenge's acquisition (README and the jMRUI files of the same data: 0.25 ms, 123.22 MHz). */
const CHALLENGE_ACQUISITION = { dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.22, echoTimeS: 0.03 };
const only = (spectra: Spectrum[]): Spectrum => {
  expect(spectra).toHaveLength(1);
  return spectra[0] as Spectrum;
};

describe('parseLcmodelRaw on the fitting-challenge files (no $SEQPAR)', () => {
  it('refuses to guess the dwell time and frequency the file does not state', () => {
    const error = errorFor('dataset1.RAW', () => parseLcmodelRaw(bytesOf(`${CHALLENGE}dataset1.RAW`), 'dataset1.RAW'));
    expect(error.code).toBe('INVALID_DATA');
    expect(error.message).toContain('dwell time and spectrometer frequency');
    expect(error.message).toContain('control file');
  });

  it('reads 2048 points with the acquisition given, keeps the samples (already NIfTI-MRS) and the check agrees', () => {
    const spectra = parseLcmodelRawWith(bytesOf(`${CHALLENGE}dataset1.RAW`), 'dataset1.RAW', CHALLENGE_ACQUISITION);
    const s = only(spectra);
    expect(s.y.values).toHaveLength(2048);
    expect(s.y.values[0]).toBe(267.478);
    expect(s.y.imaginary?.[0]).toBe(103.393);
    expect(s.meta).toMatchObject({
      format: 'mrs-lcmodel-raw',
      title: 'dataset1',
      fmtdat: '(8E13.5)',
      tramp: 1,
      volume: 1,
      echoTimeS: 0.03,
      conjugatedByReader: false,
      conjugationCheck: 'consistent',
      acquisitionSource: 'given with the file',
    });
    const naa = tallestPeakPpm(spectra, 1.7, 2.3);
    expect(naa).toBeCloseTo(2.003, 2);
    expect(Math.abs(tallestPeakPpm(spectra, 6.9, 7.7, true) - (9.3 - naa))).toBeLessThan(0.02);
  });

  it('keeps dataset23 (big residual water at 4.9 ppm) as stored: the FSL-MRS check is inconclusive there', () => {
    const spectra = parseLcmodelRawWith(bytesOf(`${CHALLENGE}dataset23.RAW`), 'dataset23.RAW', CHALLENGE_ACQUISITION);
    const s = only(spectra);
    // FSL-MRS would conjugate (conjugate power 1.07 × as-is) and put NAA at 7.3 ppm
    expect(Number(s.meta.conjugationCheckPowerRatio)).toBeCloseTo(1.067, 2);
    expect(s.meta.conjugationCheck).toBe('inconclusive (format rule kept)');
    expect(s.meta.conjugatedByReader).toBe(false);
    expect(tallestPeakPpm(spectra, 1.7, 2.3)).toBeCloseTo(2.003, 2);
  });

  it('reads the .H2O as water, and CRLF lines (dataset21)', () => {
    const water = only(parseLcmodelRawWith(bytesOf(`${CHALLENGE}dataset1.H2O`), 'dataset1.H2O', CHALLENGE_ACQUISITION));
    expect(water.meta.role).toBe('water');
    expect(water.meta.conjugationCheck).toBe('not applicable (water)');
    const crlf = only(
      parseLcmodelRawWith(bytesOf(`${CHALLENGE}dataset21.RAW`), 'dataset21.RAW', CHALLENGE_ACQUISITION),
    );
    expect(crlf.y.values).toHaveLength(2048);
  });

  it('takes the acquisition from options or from a dropped control file naming it', () => {
    const bytes = bytesOf(`${CHALLENGE}dataset1.RAW`);
    const fromOptions = only(parseLcmodelRaw(bytes, 'dataset1.RAW', { mrsAcquisition: CHALLENGE_ACQUISITION }));
    expect(fromOptions.meta.dwellTimeS).toBe(0.00025);
    const control = encode(
      " $LCMODL\n filraw='/data/dataset1.RAW'\n deltat=2.5e-04, hzpppm=1.2322e+02, echot=30.\n $END\n",
    );
    const other = encode(" $LCMODL\n filraw='/data/other.RAW'\n deltat=1e-3, hzpppm=64\n $END\n");
    const companions = new Map([
      ['other.control', other],
      ['fit.control', control],
      ['bad.control', encode(" $LCMODL deltat='x")],
    ]);
    const fromControl = only(parseLcmodelRaw(bytes, 'dataset1.RAW', { companions }));
    expect(fromControl.meta.spectrometerFrequencyMHz).toBe(123.22);
    expect(fromControl.meta.echoTimeS).toBe(0.03);
    expect(acquisitionFromControl('no namelist', 'x')).toBeUndefined();
  });
});

describe('writeLcmodelRaw', () => {
  const original = only(
    parseLcmodelRawWith(bytesOf(`${CHALLENGE}dataset1.RAW`), 'dataset1.RAW', CHALLENGE_ACQUISITION),
  );

  it('writes $SEQPAR and $NMID, and a challenge file reads back alone, equal to E13.5 precision', () => {
    const text = writeLcmodelRaw(original);
    expect(text.split('\n').slice(0, 9)).toEqual([
      ' $SEQPAR',
      ' ECHOT = 30.',
      ' HZPPPM = 123.22',
      ' dwellTime = 0.00025',
      ' NumberOfPoints = 2048',
      ' $END',
      " $NMID ID='dataset1', FMTDAT='(8E13.5)'",
      ' TRAMP=1., VOLUME=1. $END',
      '  2.67478E+02  1.03393E+02  4.75040E+02  2.08881E+02  3.21309E+02  3.62253E+02  1.28034E+02  4.27010E+02',
    ]);
    // the challenge file's own lines come back character for character
    expect(text.split('\n').slice(8, 520).join('\n')).toBe(
      new TextDecoder()
        .decode(bytesOf(`${CHALLENGE}dataset1.RAW`))
        .split('\n')
        .slice(2, 514)
        .join('\n'),
    );
    const back = only(parseLcmodelRaw(encode(text), 'back.RAW'));
    expect(Array.from(back.y.values)).toEqual(Array.from(original.y.values));
    expect(Array.from(back.y.imaginary ?? [])).toEqual(Array.from(original.y.imaginary ?? []));
    expect(back.meta).toMatchObject({ spectrometerFrequencyMHz: 123.22, dwellTimeS: 0.00025, echoTimeS: 0.03 });
    expect(back.meta.acquisitionSource).toBeUndefined();
  });

  it('round-trips arbitrary values to 5 significant digits, odd lengths and tiny or huge magnitudes', () => {
    const values = [1, -1, 1.234567891, -9.87654321e-7, 3.3e12, 0, -0.5, 42.4242424];
    const re = Float64Array.from(values);
    const im = Float64Array.from(values.map((v) => -2 * v));
    const spectrum: Spectrum = {
      ...original,
      name: "it's",
      x: { values: Float64Array.from(values.map((_, i) => i * 1e-3)), unit: 's', quantity: 'time' },
      y: { values: re, imaginary: im, unit: 'a.u.' },
      meta: { spectrometerFrequencyMHz: 297.2, dwellTimeS: 1e-3, sequence: 'STEAM' },
    };
    const text = writeLcmodelRaw(spectrum);
    expect(text).toContain("ID='it''s'");
    expect(text).toContain("SEQ = 'STEAM'");
    const back = only(parseLcmodelRaw(encode(text), 'back.RAW'));
    expect(back.meta.sequence).toBe('STEAM');
    for (let i = 0; i < values.length; i++) {
      expect(Math.abs((back.y.values[i] as number) - (re[i] as number))).toBeLessThanOrEqual(
        Math.abs(re[i] as number) * 5e-6,
      );
      expect(Math.abs((back.y.imaginary?.[i] as number) - (im[i] as number))).toBeLessThanOrEqual(
        Math.abs(im[i] as number) * 5e-6,
      );
    }
  });

  it('carries the RDA, SDAT and jMRUI fixtures through write → read to E13.5 precision, in the same convention', () => {
    const philips = 'osprey_philips_press/sub-01_PRESS_35_act';
    const sources = [
      only(parseRda(bytesOf('suspect_siemens/SVS_30.rda'), 'SVS_30.rda')),
      only(parseSparSdat(bytesOf(`${philips}.sdat`), new TextDecoder().decode(bytesOf(`${philips}.spar`)), 'act.sdat')),
      only(parseJmrui(bytesOf('ismrm2016_fitting_challenge/datasets_JMRUI/dataset1_nWS.txt'), 'd_nWS.txt')),
    ];
    for (const source of sources) {
      const back = only(parseLcmodelRaw(encode(writeLcmodelRaw(source)), 'back.RAW'));
      expect(back.meta.spectrometerFrequencyMHz).toBe(source.meta.spectrometerFrequencyMHz);
      expect(back.meta.dwellTimeS).toBe(source.meta.dwellTimeS);
      expect(back.meta.echoTimeS).toBe(source.meta.echoTimeS);
      expect(back.meta.conjugatedByReader).toBe(false);
      const scale = Math.max(...Array.from(source.y.values, Math.abs));
      for (let i = 0; i < source.y.values.length; i++) {
        expect(Math.abs((back.y.values[i] as number) - (source.y.values[i] as number))).toBeLessThanOrEqual(
          scale * 5e-6,
        );
        expect(Math.abs((back.y.imaginary?.[i] as number) - (source.y.imaginary?.[i] as number))).toBeLessThanOrEqual(
          scale * 5e-6,
        );
      }
    }
  });

  it('refuses a real spectrum, one without frequency, and non-finite samples', () => {
    const real = { ...original, y: { values: original.y.values, unit: 'a.u.' as const } };
    expect(errorFor('dataset1.RAW', () => writeLcmodelRaw(real)).code).toBe('INVALID_DATA');
    expect(errorFor('dataset1.RAW', () => writeLcmodelRaw({ ...original, meta: {} })).code).toBe('INVALID_DATA');
    const nan = Float64Array.from(original.y.values);
    nan[3] = Number.NaN;
    const bad = { ...original, y: { ...original.y, values: nan } };
    expect(errorFor('dataset1.RAW', () => writeLcmodelRaw(bad)).message).toContain('sample 3');
  });
});

describe('parseLcmodelRaw on written files and its errors', () => {
  const header =
    " $SEQPAR\n HZPPPM=123.2, dwellTime=0.0005\n NumberOfPoints=2\n $END\n $NMID ID='v', FMTDAT='(2E13.5)' $END\n";

  it('splits consecutive voxels when NumberOfPoints is smaller than the data', () => {
    const spectra = parseLcmodelRaw(encode(`${header}1 2\n3 4\n5 6\n7 8\n`), 'csi.RAW');
    expect(spectra.map((s) => s.meta['index.voxel'])).toEqual([0, 1]);
    expect(Array.from(spectra[1]?.y.values ?? [])).toEqual([5, 7]);
  });

  it('gives NOT_A_SPECTRUM, TRUNCATED and INVALID_DATA with the file name', () => {
    const code = (text: string): string => errorFor('e.RAW', () => parseLcmodelRaw(encode(text), 'e.RAW')).code;
    expect(code('hello')).toBe('NOT_A_SPECTRUM');
    expect(code(' $LCMODL deltat=1 $END')).toBe('NOT_A_SPECTRUM');
    expect(code(' $SEQPAR $END $BASIS1 NDATAB=2 $END')).toBe('NOT_A_SPECTRUM');
    expect(code(header)).toBe('TRUNCATED');
    expect(code(`${header}1 2 3\n`)).toBe('TRUNCATED');
    expect(code(`${header}1 2 3 4 5 6\n`)).toBe('INVALID_DATA');
    expect(code(`${header}1 2 x 4\n`)).toBe('INVALID_DATA');
    expect(code(" $NMID ID='v'\n")).toBe('TRUNCATED');
  });

  it('sniffs $NMID text, and the extension weakly', () => {
    expect(sniffLcmodelRaw(bytesOf(`${CHALLENGE}dataset1.RAW`), 'x.txt')).toBe(0.9);
    expect(sniffLcmodelRaw(encode(header), 'x.txt')).toBe(0.9);
    expect(sniffLcmodelRaw(encode(' $SEQPAR $END $BASIS1 $END $NMID'), 'x.basis')).toBe(0);
    expect(sniffLcmodelRaw(encode('1 2 3'), 'x.H2O')).toBe(0.05);
    expect(sniffLcmodelRaw(encode('1 2 3'), 'x.txt')).toBe(0);
  });

  it('never throws anything but a WorkbenchError on random, cut or mutated files', () => {
    const fixture = encode(`${header}  1.00000E+00 -2.00000E+00\n  3.00000E+00  4.00000E-01\n`);
    fuzzReader({
      parse: parseLcmodelRaw,
      fileName: 'fuzz.RAW',
      fixture,
      seed: 2016,
      maxLength: 200,
      prefixes: [encode(header)],
    });
    const written = encode(
      writeLcmodelRaw(only(parseLcmodelRawWith(bytesOf(`${CHALLENGE}dataset1.RAW`), 'd.RAW', CHALLENGE_ACQUISITION))),
    );
    fuzzReader({
      parse: parseLcmodelRaw,
      fileName: 'fuzz.RAW',
      fixture: written.subarray(0, 3000),
      seed: 2017,
      maxLength: 100,
      numRuns: 100,
    });
  });
});
