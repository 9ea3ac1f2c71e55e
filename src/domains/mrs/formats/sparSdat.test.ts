import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { magnitudeSpectrum } from '../conjugation';
import { parseSparSdat, parseSparSdatFile, readSpar } from './sparSdat';
import { sniffSparSdat } from './sparSdat.format';
import { readVaxFloats, vaxFloatBytes } from './vaxFloat';
import { errorFor, fuzzReader, summedFid, tallestPeakPpm } from './vendorTestSupport';

const FIXTURES = new URL('../../../../test/fixtures/mrs/osprey_philips_press/', import.meta.url);
const bytesOf = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));
const textOf = (name: string): string => new TextDecoder().decode(bytesOf(name));
const ACT = 'sub-01_PRESS_35_act';
const REF = 'sub-01_PRESS_35_ref';
const act = parseSparSdat(bytesOf(`${ACT}.sdat`), textOf(`${ACT}.spar`), `${ACT}.sdat`);
const ref = parseSparSdat(bytesOf(`${REF}.sdat`), textOf(`${REF}.spar`), `${REF}.sdat`);

/** Largest |S| (NIfTI-MRS axis) within [lo, hi] ppm of the summed FID. */
function tallest(spectra: readonly Spectrum[], lo: number, hi: number): number {
  const s = spectra[0] as Spectrum;
  const { re, im } = summedFid(spectra);
  const { ppm, magnitude } = magnitudeSpectrum(
    re,
    im,
    Number(s.meta.spectrometerFrequencyMHz),
    Number(s.meta.dwellTimeS),
    4.65,
  );
  let best = 0;
  for (let k = 0; k < ppm.length; k++)
    if ((ppm[k] as number) >= lo && (ppm[k] as number) <= hi) best = Math.max(best, magnitude[k] as number);
  return best;
}

const vaxOf = (values: readonly number[]): Uint8Array => {
  const out = new Uint8Array(4 * values.length);
  values.forEach((v, i) => {
    out.set(vaxFloatBytes(v), 4 * i);
  });
  return out;
};

describe('readVaxFloats', () => {
  it('decodes known VAX F-floats: 1 = 80 40 00 00, −2.5, 0.1, zero', () => {
    expect(Array.from(readVaxFloats(new Uint8Array([0x80, 0x40, 0, 0]), 0, 1, 'f'))).toEqual([1]);
    expect(Array.from(readVaxFloats(new Uint8Array([0x20, 0xc1, 0, 0]), 0, 1, 'f'))).toEqual([-2.5]);
    expect(readVaxFloats(new Uint8Array([0xcc, 0x3e, 0xcd, 0xcc]), 0, 1, 'f')[0]).toBeCloseTo(0.1, 8);
    expect(Array.from(readVaxFloats(new Uint8Array([0x7f, 0x00, 0xff, 0xff]), 0, 1, 'f'))).toEqual([0]);
  });

  it('round-trips any float32-representable value through vaxFloatBytes', () => {
    fc.assert(
      fc.property(
        fc.float({ min: Math.fround(-1e30), max: Math.fround(1e30), noNaN: true, noDefaultInfinity: true }),
        (v) => {
          const value = Math.abs(v) < 1e-30 ? 0 : v;
          const back = readVaxFloats(vaxFloatBytes(value), 0, 1, 'f')[0] as number;
          expect(Math.abs(back - value)).toBeLessThanOrEqual(Math.abs(value) * 2 ** -24);
        },
      ),
      { seed: 1977, numRuns: 300 },
    );
  });

  it('refuses a reserved operand and a short buffer', () => {
    expect(errorFor('v.sdat', () => readVaxFloats(new Uint8Array([0, 0x80, 0, 0]), 0, 1, 'v.sdat')).code).toBe(
      'INVALID_DATA',
    );
    expect(errorFor('v.sdat', () => readVaxFloats(new Uint8Array(7), 0, 2, 'v.sdat')).code).toBe('TRUNCATED');
  });
});

describe('parseSparSdat on the Osprey Philips PRESS TE 35 pair', () => {
  const metabolite = act[0] as Spectrum;
  const water = ref[0] as Spectrum;

  it('reads 2048 points, 2000 Hz, 127.750896 MHz, TE 35 ms, TR 2 s, 64 averages, 30 mm cube', () => {
    expect(act).toHaveLength(1);
    expect(metabolite.y.values).toHaveLength(2048);
    expect(metabolite.meta).toMatchObject({
      format: 'mrs-spar-sdat',
      spectrometerFrequencyMHz: 127.750896,
      dwellTimeS: 0.0005,
      echoTimeS: 0.035,
      repetitionTimeS: 2,
      averages: 64,
      nucleus: '1H',
      voxelSizeMm: '30×30×30',
      voxelOffCentreMm: '0,45.03344727,37.66220856',
      voxelAngulationDeg: '-4.347770214,0,0',
      protocol: 'PRESS PAR 35',
      role: 'metabolite',
      manufacturer: 'Philips',
    });
    expect(water.meta.role).toBe('water');
    expect(water.name).toBe(`${REF}.sdat (water)`);
  });

  it('conjugates (SDAT rule) and the check agrees on the metabolite file; water follows the rule only', () => {
    expect(metabolite.meta.conjugatedByReader).toBe(true);
    expect(metabolite.meta.conjugationCheck).toBe('consistent');
    expect(water.meta.conjugatedByReader).toBe(true);
    expect(water.meta.conjugationCheck).toBe('not applicable (water)');
  });

  it('puts NAA at 2.00 ppm; unconjugated it would sit at its mirror image, 7.30 ppm', () => {
    const naa = tallestPeakPpm(act, 1.7, 2.3);
    expect(Math.abs(naa - 2.01)).toBeLessThan(0.1);
    expect(naa).toBeCloseTo(1.997, 2);
    expect(Math.abs(tallestPeakPpm(act, 6.9, 7.7, true) - (9.3 - naa))).toBeLessThan(0.02);
  });

  it('has a water peak about 36 times that of the water-suppressed file', () => {
    const ratio = tallest(ref, 4.4, 4.9) / tallest(act, 4.4, 4.9);
    expect(ratio).toBeGreaterThan(25);
    expect(ratio).toBeLessThan(50);
  });

  it('splits several rows into one spectrum each', () => {
    const spar = textOf(`${ACT}.spar`).replace(/^rows : 1$/m, 'rows : 2');
    const both = new Uint8Array(2 * 16384);
    both.set(bytesOf(`${ACT}.sdat`));
    both.set(bytesOf(`${ACT}.sdat`), 16384);
    const spectra = parseSparSdat(both, spar, 'x_act.sdat');
    expect(spectra.map((s) => s.meta['index.row'])).toEqual([0, 1]);
    expect(Array.from(spectra[1]?.y.values ?? [])).toEqual(Array.from(metabolite.y.values));
  });
});

describe('the single-file parser and its errors', () => {
  it('reads a .sdat whose .spar comes as a companion (any letter case), and refuses one without', () => {
    const companions = new Map([[`dir/${ACT}.SPAR`, bytesOf(`${ACT}.spar`)]]);
    const spectra = parseSparSdatFile(bytesOf(`${ACT}.sdat`), `${ACT}.sdat`, { companions });
    expect(Array.from(spectra[0]?.y.imaginary ?? [])).toEqual(Array.from(act[0]?.y.imaginary ?? []));
    const alone = errorFor(`${ACT}.sdat`, () => parseSparSdatFile(bytesOf(`${ACT}.sdat`), `${ACT}.sdat`));
    expect(alone.code).toBe('NOT_A_SPECTRUM');
    expect(alone.message).toBe('a Philips .sdat needs its .spar (drop both files together)');
  });

  it('says a .spar holds only parameters, naming its .sdat when that came too', () => {
    const spar = bytesOf(`${ACT}.spar`);
    expect(errorFor('a.spar', () => parseSparSdatFile(spar, 'a.spar')).message).toContain('drop its .sdat');
    const companions = new Map([['a.sdat', bytesOf(`${ACT}.sdat`)]]);
    const paired = errorFor('a.spar', () => parseSparSdatFile(spar, 'a.spar', { companions }));
    expect(paired.code).toBe('NOT_A_SPECTRUM');
    expect(paired.message).toContain('a.sdat');
  });

  it('gives TRUNCATED for a short .sdat and INVALID_DATA for a long one or a bad .spar', () => {
    const spar = textOf(`${ACT}.spar`);
    const sdat = bytesOf(`${ACT}.sdat`);
    expect(errorFor('a.sdat', () => parseSparSdat(sdat.subarray(0, 16000), spar, 'a.sdat')).code).toBe('TRUNCATED');
    const long = new Uint8Array(16392);
    long.set(sdat);
    expect(errorFor('a.sdat', () => parseSparSdat(long, spar, 'a.sdat')).code).toBe('INVALID_DATA');
    const noFrequency = spar.replace(/synthesizer_frequency : \d+/, 'synthesizer_frequency : x');
    expect(errorFor('a.sdat', () => parseSparSdat(sdat, noFrequency, 'a.sdat')).message).toContain(
      'synthesizer_frequency',
    );
    expect(errorFor('a.sdat', () => parseSparSdat(sdat, 'hello', 'a.sdat')).code).toBe('INVALID_DATA');
  });

  it('reads .spar lines, skipping comments and quotes', () => {
    const spar = readSpar('! c : d\r\nsamples : 2048\r\npatient_position : "head_first"\r\n');
    expect([...spar]).toEqual([
      ['samples', '2048'],
      ['patient_position', 'head_first'],
    ]);
  });

  it('sniffs a .spar by its keys, a .sdat by name and size', () => {
    expect(sniffSparSdat(bytesOf(`${ACT}.spar`), 'x.txt')).toBe(0.9);
    expect(sniffSparSdat(bytesOf(`${ACT}.sdat`), 'x.SDAT')).toBe(0.1);
    expect(sniffSparSdat(new Uint8Array(7), 'x.sdat')).toBe(0.05);
    expect(sniffSparSdat(bytesOf(`${ACT}.sdat`), 'x.bin')).toBe(0);
  });

  it('never throws anything but a WorkbenchError on random, cut or mutated pairs', () => {
    const spar = textOf(`${ACT}.spar`).replace(/^samples : 2048$/m, 'samples : 8');
    const sdat = vaxOf([1, -2, 3.5, 0.25, -1e3, 7, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const withSpar = (bytes: Uint8Array, name: string): Spectrum[] => parseSparSdat(bytes, spar, name);
    fuzzReader({ parse: withSpar, fileName: 'fuzz.sdat', fixture: sdat, seed: 1993, maxLength: 200 });
    const sparBytes = new TextEncoder().encode(spar);
    const withSdat = (bytes: Uint8Array, name: string): Spectrum[] =>
      parseSparSdat(sdat, new TextDecoder().decode(bytes), name);
    fuzzReader({ parse: withSdat, fileName: 'fuzz.sdat', fixture: sparBytes, seed: 1994, maxLength: 200 });
    const companions = new Map([['fuzz.spar', sparBytes]]);
    fuzzReader({
      parse: (bytes, name) => parseSparSdatFile(bytes, name, { companions }),
      fileName: 'fuzz.sdat',
      fixture: sdat,
      seed: 1995,
      maxLength: 100,
      numRuns: 100,
    });
  });
});
