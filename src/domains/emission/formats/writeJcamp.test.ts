import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AxisUnit, IntensityUnit, Spectrum } from '../../../core';
import { quantityOfUnit } from '../../../core';
import { errorFor } from '../../../formats/readerTestSupport';
import { parseJcamp } from './jcamp';
import { sniffJcamp } from './jcamp.format';
import { writeJcamp } from './writeJcamp';

const FIXTURES = new URL('../../../../test/fixtures/optical/', import.meta.url);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function expectSameValues(back: Spectrum | undefined, original: Spectrum): void {
  expect(back).toBeDefined();
  const b = back as Spectrum;
  expect(b.x.values.length).toBe(original.x.values.length);
  original.x.values.forEach((v, i) => {
    if (!Object.is(b.x.values[i], v)) expect.fail(`x ${i}: ${b.x.values[i]} ≠ ${v}`);
  });
  original.y.values.forEach((v, i) => {
    if (!Object.is(b.y.values[i], v)) expect.fail(`y ${i}: ${b.y.values[i]} ≠ ${v}`);
  });
}

/** Units that JCAMP-DX names and the reader maps back (keV, MeV, channel come back `unknown`). */
const UNITS: readonly AxisUnit[] = ['nm', 'cm-1', 'ppm', 'Hz', 's', 'ms', 'index', 'unknown'];
const Y_UNITS: readonly IntensityUnit[] = ['counts', 'counts/s', 'a.u.', 'unknown'];

const spectrumArb: fc.Arbitrary<Spectrum> = fc
  .record({
    x: fc.uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), {
      minLength: 1,
      maxLength: 60,
      comparator: (a, b) => a === b, // -0 and 0 count as one value
    }),
    y: fc.array(fc.double({ noDefaultInfinity: true }), { minLength: 60, maxLength: 60 }),
    unit: fc.constantFrom(...UNITS),
    yUnit: fc.constantFrom(...Y_UNITS),
    name: fc.string({ maxLength: 12 }),
  })
  .map(({ x, y, unit, yUnit, name }) => {
    const sorted = Float64Array.from(x).sort();
    return {
      id: 'p#0',
      name,
      file: 'p.csv',
      domain: 'emission',
      x: { values: sorted, unit, quantity: quantityOfUnit(unit) },
      y: { values: Float64Array.from(y.slice(0, sorted.length)), unit: yUnit },
      meta: {},
    } satisfies Spectrum;
  });

describe('writeJcamp → parseJcamp', () => {
  it('gives back every x and y bit for bit (-0, NaN, subnormals, 17 digits), units and all', () => {
    fc.assert(
      fc.property(fc.array(spectrumArb, { minLength: 1, maxLength: 3 }), (originals) => {
        const text = writeJcamp(originals);
        expect(sniffJcamp(encode(text), 'w.jdx')).toBe(0.95);
        const back = parseJcamp(encode(text), 'w.jdx');
        expect(back).toHaveLength(originals.length);
        for (const [k, original] of originals.entries()) {
          const b = back[k] as Spectrum;
          expectSameValues(b, original);
          expect(b.x.unit).toBe(original.x.unit);
          expect(b.y.unit).toBe(original.y.unit);
          expect(b.meta.dataForm).toBe('(XY..XY)');
        }
      }),
      { seed: 6300, numRuns: 150 },
    );
  });

  it('writes a LINK file for several spectra, with titles, and round-trips the uv.jdx fixture', () => {
    const originals = parseJcamp(new Uint8Array(readFileSync(new URL('jcampconverter/uv.jdx', FIXTURES))), 'uv.jdx');
    const text = writeJcamp(originals, 'two blocks');
    expect(text.split('\n').slice(0, 5)).toEqual([
      '##TITLE=two blocks',
      '##JCAMP-DX=5.01',
      '##DATA TYPE=LINK',
      '##BLOCKS=2',
      '##TITLE=marstoja_XY1b_1@C5_RT_1cm_THF',
    ]);
    expect(text).toContain(
      '\n##BLOCK_ID=2\n##DATA TYPE=UV-VISIBLE SPECTRUM\n##ORIGIN=Hewlett-Packard ChemStation/Win system\n',
    );
    expect(text).toContain('\n##XUNITS=NANOMETERS\n##YUNITS=VARIANCE\n');
    expect(text).toContain('\n##XYPOINTS=(XY..XY)\n190, 0.093345165253\n');
    const back = parseJcamp(encode(text), 'w.jdx');
    expect(back.map((s) => [s.meta.blockId, s.meta.title, s.y.label])).toEqual([
      ['1', 'marstoja_XY1b_1@C5_RT_1cm_THF', 'ABSORBANCE'],
      ['2', 'marstoja_XY1b_1@C5_RT_1cm_THF', 'VARIANCE'],
    ]);
    for (const [k, original] of originals.entries()) expectSameValues(back[k], original);
  });

  it('keeps text on one line and out of comments; names Raman and IR data types', () => {
    const spectrum: Spectrum = {
      id: 'r#0',
      name: 'line one\nline two $$ not a comment',
      file: 'r.csv',
      domain: 'emission',
      x: { values: Float64Array.of(100, 200), unit: 'cm-1', quantity: 'wavenumber', label: 'Raman shift' },
      y: { values: Float64Array.of(1, 2), unit: 'counts' },
      meta: { instrument: 'WP-785' },
    };
    const text = writeJcamp([spectrum]);
    expect(text).toContain('##TITLE=line one line two $ $ not a comment\n');
    expect(text).toContain('##DATA TYPE=RAMAN SPECTRUM\n');
    expect(text).toContain('##SPECTROMETER/DATA SYSTEM=WP-785\n');
    const [back] = parseJcamp(encode(text), 'r.jdx');
    expect([back?.meta.title, back?.x.label, back?.y.unit]).toEqual([
      'line one line two $ $ not a comment',
      'Raman shift',
      'counts',
    ]);
    expect(writeJcamp([])).toBe('');
  });

  it('refuses infinite values and empty spectra, naming the spectrum and its file', () => {
    const bad: Spectrum = {
      id: 'b#0',
      name: 'hot',
      file: 'b.spc',
      domain: 'emission',
      x: { values: Float64Array.of(1, 2), unit: 'nm', quantity: 'wavelength' },
      y: { values: Float64Array.of(1, Number.POSITIVE_INFINITY), unit: 'a.u.' },
      meta: {},
    };
    const error = errorFor('b.spc', () => writeJcamp([bad]));
    expect([error.code, error.message]).toEqual([
      'INVALID_DATA',
      'cannot write JCAMP-DX: "hot" holds an infinite value',
    ]);
    const empty = { ...bad, x: { ...bad.x, values: new Float64Array() }, y: { ...bad.y, values: new Float64Array() } };
    expect(errorFor('b.spc', () => writeJcamp([empty])).message).toMatch(/has no points/);
  });
});
