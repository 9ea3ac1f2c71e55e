import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core';
import { parseDelimitedText } from './delimitedText';

/** Real files from test/fixtures/optical (sources and licences in test/fixtures/README.md). */
function fixture(name: string): Spectrum[] {
  const bytes = new Uint8Array(readFileSync(new URL(`../../../test/fixtures/optical/${name}`, import.meta.url)));
  return parseDelimitedText(bytes, name);
}

function expectStrictlyAscending(values: Float64Array): void {
  for (let i = 1; i < values.length; i++) {
    if (!((values[i] as number) > (values[i - 1] as number))) throw new Error(`x not ascending at ${i}`);
  }
}

describe('parseDelimitedText on real files', () => {
  it('raman_hdpe.csv: Raman, wavenumber header, 964 points', () => {
    const [spectrum, ...rest] = fixture('raman_hdpe.csv');
    expect(rest).toHaveLength(0);
    expect(spectrum?.name).toBe('raman_hdpe.csv (intensity)');
    expect(spectrum?.x).toMatchObject({ unit: 'cm-1', quantity: 'wavenumber', label: 'wavenumber' });
    expect(spectrum?.domain).toBe('generic');
    const x = spectrum?.x.values ?? new Float64Array();
    expect([x.length, x[0], x.at(-1)]).toEqual([964, 301.04, 3198.12]);
    expect([spectrum?.y.values[0], spectrum?.y.values.at(-1)]).toEqual([26, 67]);
    expectStrictlyAscending(x);
  });

  it('ftir_pva_without_header.csv: no header, exponents, CRLF, 863 points', () => {
    const [spectrum] = fixture('ftir_pva_without_header.csv');
    expect(spectrum?.name).toBe('ftir_pva_without_header.csv');
    expect(spectrum?.x.unit).toBe('unknown');
    expect(spectrum?.x.label).toBeUndefined();
    expect(spectrum?.meta).toMatchObject({ headerLines: 0, delimiter: 'comma', decimalSeparator: '.' });
    const x = spectrum?.x.values ?? new Float64Array();
    expect([x.length, x[0], x.at(-1)]).toEqual([863, 674.9918, 3999.809]);
    expect(spectrum?.y.values[0]).toBe(0.01356988);
  });

  it('Ca_Mn_spec.csv: quoted header, nm → emission, 1024 points', () => {
    const [spectrum] = fixture('Ca_Mn_spec.csv');
    expect(spectrum?.x).toMatchObject({ unit: 'nm', label: 'wavelength_nm' });
    expect(spectrum?.domain).toBe('emission');
    const x = spectrum?.x.values ?? new Float64Array();
    expect([x.length, x[0], x.at(-1)]).toEqual([1024, 373.9455, 513.39252]);
    expect(spectrum?.y.values.at(-1)).toBe(5.21232);
  });

  it('specData_soil_LIBS_240-400nm.csv: 10 spectra × 15036 points, 240–400 nm, sorted seams', () => {
    const spectra = fixture('specData_soil_LIBS_240-400nm.csv');
    expect(spectra).toHaveLength(10);
    expect(spectra[0]?.name).toBe('specData_soil_LIBS_240-400nm.csv (spectrum_142353)');
    expect(spectra[9]?.meta.columnHeader).toBe('spectrum_142366');
    for (const spectrum of spectra) {
      const x = spectrum.x.values;
      expect([x.length, x[0], x.at(-1)]).toEqual([15036, 240.00205, 400.007872]);
      expect(spectrum.domain).toBe('emission');
      expect(spectrum.meta.xSorted).toBe(true);
      expectStrictlyAscending(x);
    }
    // Row 2 of the file (240.00205) keeps its values, in column order.
    expect(spectra.map((s) => s.y.values[0])).toEqual([
      872.0725, 934.18, 940.601666666667, 894.5325, 910.008333333333, 949.6425, 923.256666666667, 914.063333333333,
      906.999166666667, 912.585,
    ]);
    // Line 451 (x = 243.70062) steps back: sorted, it sits just before 243.700732 (line 447) and keeps its y.
    const x = spectra[0]?.x.values ?? new Float64Array();
    const at = x.indexOf(243.70062);
    expect(x[at + 1]).toBe(243.700732);
    expect(spectra[0]?.y.values[at]).toBe(802.675833333333);
  });
});
