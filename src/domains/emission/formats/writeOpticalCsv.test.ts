import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { errorFor } from '../../../formats/readerTestSupport';
import { parseOpticalCsv } from './opticalCsv';
import { sniffOpticalCsv } from './opticalCsv.format';
import { writeOpticalCsv } from './writeOpticalCsv';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function spectrum(
  x: Float64Array,
  y: Float64Array,
  name: string,
  unit: 'nm' | 'cm-1' = 'nm',
  label?: string,
): Spectrum {
  return {
    id: `${name}#0`,
    name,
    file: 'in.spc',
    domain: 'emission',
    x: { values: x, unit, quantity: unit === 'nm' ? 'wavelength' : 'wavenumber', ...(label ? { label } : {}) },
    y: { values: y, unit: 'a.u.' },
    meta: {},
  };
}

function expectBitForBit(actual: Float64Array | undefined, expected: Float64Array, what: string): void {
  expect(actual?.length).toBe(expected.length);
  expected.forEach((v, i) => {
    if (!Object.is(actual?.[i], v)) expect.fail(`${what} ${i}: ${actual?.[i]} ≠ ${v}`);
  });
}

describe('writeOpticalCsv → parseOpticalCsv', () => {
  it('gives back every x and y bit for bit, for several spectra on one x (property)', () => {
    const axis = fc
      .uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true }), {
        minLength: 2,
        maxLength: 40,
        comparator: (a, b) => a === b,
      })
      .map((values) => Float64Array.from(values).sort());
    const arb = axis.chain((x) =>
      fc.tuple(
        fc.constant(x),
        fc.array(fc.array(fc.double({ noDefaultInfinity: true }), { minLength: x.length, maxLength: x.length }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.constantFrom<'nm' | 'cm-1'>('nm', 'cm-1'),
      ),
    );
    fc.assert(
      fc.property(arb, ([x, columns, unit]) => {
        const originals = columns.map((y, k) => spectrum(x, Float64Array.from(y), `shot ${k + 1}`, unit));
        const text = writeOpticalCsv(originals);
        const back = parseOpticalCsv(encode(text), 'out.csv');
        expect(back).toHaveLength(originals.length);
        for (const [k, original] of originals.entries()) {
          expectBitForBit(back[k]?.x.values, original.x.values, 'x');
          expectBitForBit(back[k]?.y.values, original.y.values, 'y');
          expect([back[k]?.x.unit, back[k]?.meta.columnHeader]).toEqual([unit, original.name]);
        }
      }),
      { seed: 6600, numRuns: 150 },
    );
  });

  it('writes the header and numbers as documented; names with commas, quotes and line breaks survive', () => {
    const x = Float64Array.of(400, 400.5);
    const text = writeOpticalCsv([
      spectrum(x, Float64Array.of(-0, Number.NaN), 'a, "b"'),
      spectrum(x, Float64Array.of(1e21, 5e-324), 'two\nlines'),
    ]);
    expect(text).toBe('wavelength (nm),"a, ""b""",two lines\n400,-0,1e+21\n400.5,NaN,5e-324\n');
    const back = parseOpticalCsv(encode(text), 'o.csv');
    expect(back.map((s) => s.meta.columnHeader)).toEqual(['a, "b"', 'two lines']);
    expect(sniffOpticalCsv(encode(text), 'o.csv')).toBe(0.65);
    const raman = writeOpticalCsv([spectrum(x, x, 'r', 'cm-1', 'Raman shift')]);
    expect(raman.split('\n')[0]).toBe('Raman shift (cm-1),r');
    expect(writeOpticalCsv([])).toBe('');
  });

  it('round-trips the specData fixture (10 spectra sharing x)', () => {
    const file = 'specData_soil_LIBS_240-400nm.csv';
    const originals = parseOpticalCsv(
      new Uint8Array(readFileSync(new URL(`../../../../test/fixtures/optical/${file}`, import.meta.url))),
      file,
    );
    const back = parseOpticalCsv(encode(writeOpticalCsv(originals)), 'back.csv');
    for (const [k, original] of originals.entries()) {
      expectBitForBit(back[k]?.y.values, original.y.values, 'y');
      expectBitForBit(back[k]?.x.values, original.x.values, 'x');
    }
  });

  it('refuses spectra on different x, fewer than 2 points, infinite values', () => {
    const a = spectrum(Float64Array.of(1, 2), Float64Array.of(1, 2), 'a');
    const b = { ...spectrum(Float64Array.of(1, 3), Float64Array.of(1, 2), 'b'), file: 'b.jdx' };
    const different = errorFor('b.jdx', () => writeOpticalCsv([a, b]));
    expect([different.code, different.message]).toEqual([
      'INVALID_DATA',
      'cannot write CSV: "b" has other x values or another x unit than "a"; write it to a file of its own',
    ]);
    expect(
      errorFor('in.spc', () => writeOpticalCsv([spectrum(Float64Array.of(1), Float64Array.of(1), 'one')])).message,
    ).toMatch(/has 1 point\(s\)/);
    const hot = spectrum(Float64Array.of(1, 2), Float64Array.of(1, Number.NEGATIVE_INFINITY), 'hot');
    expect(errorFor('in.spc', () => writeOpticalCsv([hot])).message).toBe(
      'cannot write CSV: "hot" holds an infinite value',
    );
  });
});
