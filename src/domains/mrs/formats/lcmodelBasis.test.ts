import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { fftAnyLength } from '../../../numeric/fftAnyLength';
import { parseLcmodelBasis } from './lcmodelBasis';
import { sniffLcmodelBasis } from './lcmodelBasis.format';
import { errorFor, fuzzReader, tallestPeakPpm } from './vendorTestSupport';

const SHARED = path.resolve(process.cwd(), 'test/fixtures/mrs');
const CHALLENGE = path.join(SHARED, 'ismrm2016_fitting_challenge/basisset_LCModel/press3T_30ms.BASIS');
const PHILIPS = path.join(SHARED, 'basis_sets/3T_PRESS_Philips_35ms_noMM.BASIS');
const SUSPECT = path.join(SHARED, 'basis_sets/press_30ms_3T.basis');
const haveShared = [CHALLENGE, PHILIPS, SUSPECT].every((file) => existsSync(file));
if (!haveShared) console.warn(`MRS basis sets missing under ${SHARED} (LCModel .BASIS fixture tests skipped)`);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function byMetabolite(spectra: Spectrum[], name: string): Spectrum[] {
  const found = spectra.filter((s) => s.meta.metabolite === name);
  expect(found, name).toHaveLength(1);
  return found;
}

/** A small basis set: one $BASIS per [name, ISHIFT, FID]; its spectrum = fft(FID) rolled by +ISHIFT, in (6E13.5). */
function basisText(entries: readonly (readonly [string, number, { re: Float64Array; im: Float64Array }])[]): string {
  const n = (entries[0] as (typeof entries)[0])[2].re.length;
  let text = ` $SEQPAR\n FWHMBA = 0.01,\n HZPPPM = 123.2,\n ECHOT = 30.,\n SEQ = 'PRESS'\n $END\n $BASIS1\n IDBASI = 'test',\n FMTBAS = '(6E13.5)',\n BADELT = 0.0005,\n NDATAB = ${n}\n $END\n`;
  for (const [name, shift, fid] of entries) {
    const spectrum = fftAnyLength(fid.re, fid.im);
    text += ` $NMUSED\n FILRAW = '${name}.RAW'\n $END\n $BASIS\n ID = '${name}',\n METABO = '${name}',\n CONC = 1.,\n ISHIFT = ${shift}\n $END\n`;
    const values: string[] = [];
    for (let i = 0; i < n; i++) {
      const from = (((i - shift) % n) + n) % n;
      values.push((spectrum.re[from] as number).toExponential(5), (spectrum.im[from] as number).toExponential(5));
    }
    for (let i = 0; i < values.length; i += 6) text += ` ${values.slice(i, i + 6).join(' ')}\n`;
  }
  return text;
}

/** A decaying FID at `ppm` (NIfTI-MRS axis, centre 4.65, 123.2 MHz, dwell 0.5 ms). */
function fidAt(ppm: number, n: number): { re: Float64Array; im: Float64Array } {
  const f = (4.65 - ppm) * 123.2; // Hz: NIfTI-MRS ppm = centre − f/cf
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i * 0.0005;
    re[i] = Math.cos(2 * Math.PI * f * t) * Math.exp(-t / 0.05);
    im[i] = Math.sin(2 * Math.PI * f * t) * Math.exp(-t / 0.05);
  }
  return { re, im };
}

describe('parseLcmodelBasis on written basis sets', () => {
  it('gives back each FID (roll by −ISHIFT, inverse FFT, no conjugation), any length, names as titles', () => {
    const naa = fidAt(2.01, 300);
    const cr = fidAt(3.03, 300);
    const spectra = parseLcmodelBasis(
      encode(
        basisText([
          ['NAA', 0, naa],
          ['Cr', -37, cr],
        ]),
      ),
      'test.BASIS',
    );
    expect(spectra.map((s) => s.name)).toEqual(['test.BASIS (NAA)', 'test.BASIS (Cr)']);
    const second = spectra[1] as Spectrum;
    expect(second.meta).toMatchObject({ metabolite: 'Cr', basisSet: true, ishift: -37, concentration: 1, title: 'Cr' });
    expect(second.meta).toMatchObject({ echoTimeS: 0.03, basisId: 'test', sequence: 'PRESS', basisFwhmPpm: 0.01 });
    expect(second.meta.conjugationCheck).toBe('consistent');
    for (let i = 0; i < 300; i += 17) expect(second.y.values[i]).toBeCloseTo(cr.re[i] as number, 4);
    expect(tallestPeakPpm([spectra[0] as Spectrum], 1.7, 2.3)).toBeCloseTo(2.01, 1);
  });

  it('refuses an encrypted basis, missing fields, short spectra and no spectrum at all', () => {
    const text = basisText([['NAA', 0, fidAt(2.01, 12)]]);
    const code = (t: string): string => errorFor('e.basis', () => parseLcmodelBasis(encode(t), 'e.basis')).code;
    expect(
      errorFor('e.basis', () =>
        parseLcmodelBasis(encode(text.replace('BADELT = 0.0005', 'BADELT = -0.0005')), 'e.basis'),
      ).message,
    ).toContain('encrypted');
    expect(code(text.replace('NDATAB = 12', 'NDATAB = 0'))).toBe('INVALID_DATA');
    expect(code(text.replace('HZPPPM = 123.2,', ''))).toBe('INVALID_DATA');
    expect(code(text.replace('NDATAB = 12', 'NDATAB = 13'))).toBe('TRUNCATED');
    expect(code(text.slice(0, text.indexOf(' $NMUSED')))).toBe('NOT_A_SPECTRUM');
    expect(code(" $NMID ID='x' $END\n 1 2\n")).toBe('NOT_A_SPECTRUM');
    expect(code('hello')).toBe('NOT_A_SPECTRUM');
  });

  it('sniffs $BASIS1, and the extension weakly', () => {
    expect(sniffLcmodelBasis(encode(basisText([['NAA', 0, fidAt(2, 6)]])), 'x.txt')).toBe(0.95);
    expect(sniffLcmodelBasis(encode('1 2'), 'x.BASIS')).toBe(0.05);
    expect(sniffLcmodelBasis(encode(" $NMID ID='x' $END"), 'x.raw')).toBe(0);
  });

  it('never throws anything but a WorkbenchError on random, cut or mutated files', () => {
    const fixture = encode(
      basisText([
        ['NAA', 2, fidAt(2.01, 8)],
        ['Cr', 0, fidAt(3.03, 8)],
      ]),
    );
    const head = fixture.subarray(0, new TextDecoder().decode(fixture).indexOf(' $NMUSED'));
    fuzzReader({
      parse: parseLcmodelBasis,
      fileName: 'fuzz.basis',
      fixture,
      seed: 4096,
      maxLength: 200,
      prefixes: [head],
    });
  });
});

describe.skipIf(!haveShared)('parseLcmodelBasis on the real basis sets (test/fixtures)', () => {
  const read = (file: string): Spectrum[] => parseLcmodelBasis(new Uint8Array(readFileSync(file)), path.basename(file));

  it('challenge press3T_30ms.BASIS: 21 spectra of 4096 points, 123.2617 MHz, 0.25 ms; NAA 2.01, Cr 3.03/3.92, GPC/PCho 3.2', () => {
    const spectra = read(CHALLENGE);
    expect(spectra).toHaveLength(21);
    expect(spectra.map((s) => s.meta.metabolite)).toContain('Mac');
    const s = spectra[0] as Spectrum;
    expect(s.y.values).toHaveLength(4096);
    expect(s.meta.spectrometerFrequencyMHz).toBeCloseTo(123.261703, 6);
    expect(s.meta.dwellTimeS).toBeCloseTo(0.00025, 9);
    expect(s.meta.echoTimeS).toBeUndefined(); // ECHOT = -1.
    expect(s.meta.conjugationCheck).toBe('consistent');
    expect(tallestPeakPpm(byMetabolite(spectra, 'NAA'), 1.7, 2.3)).toBeCloseTo(2.01, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'NAA'), 6.9, 7.7, true)).toBeCloseTo(7.29, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'Cr'), 2.8, 3.4)).toBeCloseTo(3.03, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'Cr'), 3.7, 4.1)).toBeCloseTo(3.92, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'GPC'), 2.8, 3.4)).toBeCloseTo(3.21, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'PCho'), 2.8, 3.4)).toBeCloseTo(3.21, 1);
  });

  it('Osprey Philips 35 ms: 17 spectra of 8192 points; peaks 0.03 ppm low (a basis centred on 4.68 ppm)', () => {
    const spectra = read(PHILIPS);
    expect(spectra).toHaveLength(17);
    expect((spectra[0] as Spectrum).y.values).toHaveLength(8192);
    expect((spectra[0] as Spectrum).meta.echoTimeS).toBe(0.035);
    const naa = tallestPeakPpm(byMetabolite(spectra, 'NAA'), 1.7, 2.3);
    expect(Math.abs(naa - 2.01)).toBeLessThan(0.1);
    expect(naa).toBeCloseTo(1.978, 2);
    expect(tallestPeakPpm(byMetabolite(spectra, 'Cr'), 2.8, 3.4)).toBeCloseTo(3.0, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'GPC'), 2.8, 3.4)).toBeCloseTo(3.18, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'PCh'), 2.8, 3.4)).toBeCloseTo(3.18, 1);
  });

  it('suspect press_30ms_3T.basis: NDATAB 4944 (not a power of two), ISHIFT −587; NAA 2.01, Cr 3.03, GPC/PCh 3.2', () => {
    const spectra = read(SUSPECT);
    const s = spectra[0] as Spectrum;
    expect(s.y.values).toHaveLength(4944);
    expect(s.meta.ishift).toBe(-587);
    expect(s.meta.dwellTimeS).toBeCloseTo(0.000207357807, 12);
    const naa = tallestPeakPpm(byMetabolite(spectra, 'NAA'), 1.7, 2.3);
    expect(naa).toBeCloseTo(2.01, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'Cr'), 2.8, 3.4)).toBeCloseTo(3.03, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'GPC'), 2.8, 3.4)).toBeCloseTo(3.21, 1);
    expect(tallestPeakPpm(byMetabolite(spectra, 'PCh'), 2.8, 3.4)).toBeCloseTo(3.21, 1);
  });
});
