import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../core/spectrum';
import { thrownWorkbenchError } from '../../core/thrownWorkbenchError';
import type { InputContract } from '../registry/modelCard';
import { prepareInput } from './prepareInput';

function spectrum(x: number[], y: number[], extra: Partial<Spectrum> = {}): Spectrum {
  return {
    id: 's#0',
    name: 's (y)',
    file: 's.csv',
    domain: 'emission',
    x: { values: Float64Array.from(x), unit: 'nm', quantity: 'wavelength' },
    y: { values: Float64Array.from(y), unit: 'counts' },
    meta: {},
    ...extra,
  };
}

const contract: InputContract = {
  length: 11,
  axis: { unit: 'nm', min: 400, max: 500 },
  normalisation: 'none',
  domain: 'emission',
  complex: false,
};

const ramp = (from: number, to: number, n: number) =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

describe('prepareInput', () => {
  it('crops and resamples onto the contract grid; a straight line stays straight', () => {
    const x = ramp(300, 600, 3001);
    const values = prepareInput(
      spectrum(
        x,
        x.map((v) => 2 * v + 1),
      ),
      contract,
    );
    expect(values).toHaveLength(11);
    // Interior slots average a line symmetrically, so they are exact; the end slots see only half a slot of data.
    const grid = ramp(400, 500, 11);
    for (let i = 1; i < 10; i++) expect(values[i]).toBeCloseTo(2 * (grid[i] as number) + 1, 2);
  });

  it('keeps the area of a narrow peak when downsampling (no aliasing)', () => {
    const x = ramp(400, 500, 1001);
    const y = x.map((v): number => (Math.abs(v - 433.3) < 0.05 ? 100 : 0));
    const values = prepareInput(spectrum(x, y), { ...contract, length: 101 });
    const areaIn = y.reduce((a, b) => a + b, 0) * 0.1;
    const areaOut = values.reduce((a, b) => a + b, 0) * 1;
    expect(areaOut).toBeCloseTo(areaIn, 0);
    expect(Math.max(...values)).toBeGreaterThan(0);
  });

  it.each([
    ['max', (v: Float32Array) => expect(Math.max(...v)).toBeCloseTo(1, 6)],
    ['area', (v: Float32Array) => expect(v.reduce((a, b) => a + Math.abs(b), 0)).toBeCloseTo(1, 5)],
    [
      'zscore',
      (v: Float32Array) => {
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
        expect(mean).toBeCloseTo(0, 5);
        expect(sd).toBeCloseTo(1, 5);
      },
    ],
  ] as const)('normalises by %s', (normalisation, check) => {
    const x = ramp(400, 500, 101);
    check(
      prepareInput(
        spectrum(
          x,
          x.map((v) => Math.sin(v / 7) + 3),
        ),
        { ...contract, normalisation },
      ),
    );
  });

  it('takes the square root of the resampled counts (negatives as 0), then scales to 1, with sqrtMax', () => {
    const x = ramp(400, 500, 101);
    const y = x.map((v) => 100 * Math.sin(v / 7) + 50);
    const plain = prepareInput(spectrum(x, y), { ...contract, normalisation: 'none' });
    const root = prepareInput(spectrum(x, y), { ...contract, normalisation: 'sqrtMax' });
    const top = Math.sqrt(Math.max(...plain));
    for (const [i, v] of plain.entries()) expect(root[i]).toBeCloseTo(Math.sqrt(Math.max(v, 0)) / top, 6);
    expect(Math.min(...root)).toBe(0);
  });

  it('resamples by position when the contract axis is an index (any x unit)', () => {
    const values = prepareInput(
      spectrum(ramp(0, 1, 21), ramp(0, 20, 21), {
        x: { values: Float64Array.from(ramp(0, 1, 21)), unit: 'keV', quantity: 'energy' },
      }),
      { ...contract, domain: 'any', axis: { unit: 'index', min: 0, max: 1 } },
    );
    // Interior slots average symmetric neighbourhoods of a line, so they are exact.
    // 21 points onto 11: slot i is centred on index 2i.
    expect(values[2]).toBeCloseTo(4, 5);
    expect(values[5]).toBeCloseTo(10, 5);
  });

  it.each([
    [
      'another domain',
      spectrum(ramp(400, 500, 11), ramp(0, 1, 11), { domain: 'gamma' }),
      contract,
      /takes emission spectra, this is a gamma/,
    ],
    [
      'complex data',
      spectrum(ramp(400, 500, 11), ramp(0, 1, 11), {
        y: { values: new Float64Array(11), imaginary: new Float64Array(11), unit: 'a.u.' },
      }),
      contract,
      /takes real data, this spectrum is complex/,
    ],
    [
      'another unit',
      spectrum(ramp(400, 500, 11), ramp(0, 1, 11), {
        x: { values: Float64Array.from(ramp(400, 500, 11)), unit: 'keV', quantity: 'energy' },
      }),
      contract,
      /x axis in nm, this spectrum is in keV/,
    ],
    [
      'a range not covered',
      spectrum(ramp(420, 600, 181), ramp(0, 1, 181)),
      contract,
      /needs 400–500 nm; this spectrum covers 420/,
    ],
    ['a single point', spectrum([450], [1]), contract, /at least 2 points/],
  ])('refuses %s with CONTRACT_MISMATCH, naming the file', (_what, input, c, message) => {
    const error = thrownWorkbenchError(() => prepareInput(input, c));
    expect(error.code).toBe('CONTRACT_MISMATCH');
    expect(error.file).toBe('s.csv');
    expect(error.message).toMatch(message);
  });

  it('accepts a generic spectrum (domain unknown) when the axis fits', () => {
    const x = ramp(400, 500, 101);
    expect(prepareInput(spectrum(x, x, { domain: 'generic' }), contract)).toHaveLength(11);
  });
});
