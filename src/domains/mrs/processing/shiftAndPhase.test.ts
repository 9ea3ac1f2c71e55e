import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { fitLorentzians } from './fitLorentzians';
import { phase } from './phase';
import { shiftFrequency } from './shiftFrequency';
import { NAA_CR_CHO_LINES, syntheticMrsFid } from './syntheticMrs.testUtil';
import { toFrequencyDomain } from './toFrequencyDomain';

const imag = (s: Spectrum): Float64Array => s.y.imaginary as Float64Array;
const maxAbsDiff = (a: Float64Array, b: Float64Array): number =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] as number))), 0);
const scaleOf = (s: Spectrum): number => s.y.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/** Fitted centre (ppm) and phase (rad) of the line near `ppm` in a frequency-domain spectrum. */
function fitted(spectrum: Spectrum, ppm: number): { ppm: number; phase: number } {
  const fit = fitLorentzians(
    { ppm: spectrum.x.values, re: spectrum.y.values, im: imag(spectrum) },
    {
      lowPpm: ppm - 0.1,
      highPpm: ppm + 0.1,
      lines: [{ ppm, halfWidthHz: 2.5 }],
      spectrometerFrequencyMHz: 123.2,
      pivotPpm: ppm,
    },
  );
  return { ppm: fit.lines[0]?.ppm ?? Number.NaN, phase: fit.zeroRad };
}

describe('shiftFrequency', () => {
  const fid = syntheticMrsFid({ lines: [{ ppm: 2.008, amplitude: 1, widthHz: 5 }], fileName: 's.nii' });

  it('moves lines by hz/cf towards higher ppm, sub-point exact', () => {
    for (const hz of [0.37, -12.5, 30]) {
      const moved = toFrequencyDomain(shiftFrequency(fid, hz));
      expect(fitted(moved, 2.008 + hz / 123.2).ppm).toBeCloseTo(2.008 + hz / 123.2, 8);
    }
  });

  it('gives the same spectrum before or after the FFT (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -200, max: 200, noNaN: true }), (hz) => {
        const viaFid = toFrequencyDomain(shiftFrequency(fid, hz));
        const viaSpectrum = shiftFrequency(toFrequencyDomain(fid), hz);
        const scale = scaleOf(viaFid);
        expect(maxAbsDiff(viaFid.y.values, viaSpectrum.y.values) / scale).toBeLessThan(1e-10);
        expect(maxAbsDiff(imag(viaFid), imag(viaSpectrum)) / scale).toBeLessThan(1e-10);
        expect(viaSpectrum.x.values).toEqual(toFrequencyDomain(fid).x.values);
      }),
      { seed: 3, numRuns: 20 },
    );
  });

  it('accumulates meta.frequencyShiftHz and refuses a non-finite shift', () => {
    expect(shiftFrequency(shiftFrequency(fid, 2), 3.5).meta.frequencyShiftHz).toBe(5.5);
    expect(thrownWorkbenchError(() => shiftFrequency(fid, Number.NaN))).toMatchObject({
      code: 'INVALID_OPTION',
      file: 's.nii',
    });
  });
});

describe('phase', () => {
  const fid = syntheticMrsFid({ fileName: 'p.nii' });
  const spectrum = toFrequencyDomain(fid);

  it('zero order multiplies by e^(iφ): a line with FID phase −φ becomes absorptive', () => {
    const dephased = toFrequencyDomain(
      syntheticMrsFid({ zeroDeg: -40, lines: [{ ppm: 3.027, amplitude: 1, widthHz: 5 }] }),
    );
    expect(fitted(dephased, 3.027).phase).toBeCloseTo((-40 * Math.PI) / 180, 3);
    expect(fitted(phase(dephased, 40), 3.027).phase).toBeCloseTo(0, 3);
  });

  it('first order rotates each line by φ1·(ppm − pivot)', () => {
    const phased = phase(spectrum, 10, 20, 3.0);
    const fit = fitLorentzians(
      { ppm: phased.x.values, re: phased.y.values, im: imag(phased) },
      {
        lowPpm: 1.8,
        highPpm: 3.4,
        lines: NAA_CR_CHO_LINES.map((line) => ({ ppm: line.ppm, halfWidthHz: 2.5 })),
        spectrometerFrequencyMHz: 123.2,
        pivotPpm: 3.0,
        firstOrder: true,
      },
    );
    expect((fit.zeroRad * 180) / Math.PI).toBeCloseTo(10, 1);
    expect((fit.firstRadPerPpm * 180) / Math.PI).toBeCloseTo(20, 1);
    expect(phased.meta).toMatchObject({ phaseZeroDeg: 10, phaseFirstDegPerPpm: 20, phasePivotPpm: 3 });
  });

  it('gives the same spectrum before or after the FFT, and undoes itself (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (zero, first, pivot) => {
          const viaFid = toFrequencyDomain(phase(fid, zero, first, pivot));
          const viaSpectrum = phase(spectrum, zero, first, pivot);
          const scale = scaleOf(viaFid);
          expect(maxAbsDiff(viaFid.y.values, viaSpectrum.y.values) / scale).toBeLessThan(1e-10);
          expect(maxAbsDiff(imag(viaFid), imag(viaSpectrum)) / scale).toBeLessThan(1e-10);
          const undone = phase(viaSpectrum, -zero, -first, pivot);
          expect(maxAbsDiff(undone.y.values, spectrum.y.values) / scale).toBeLessThan(1e-12);
        },
      ),
      { seed: 5, numRuns: 20 },
    );
  });

  it('pivots on the centre by default and refuses non-finite angles', () => {
    expect(phase(spectrum, 0, 1).meta.phasePivotPpm).toBe(4.65);
    expect(thrownWorkbenchError(() => phase(spectrum, Number.POSITIVE_INFINITY)).message).toMatch(/zeroDeg/);
    expect(thrownWorkbenchError(() => phase(spectrum, 0, Number.NaN)).message).toMatch(/firstDegPerPpm/);
    expect(thrownWorkbenchError(() => phase(spectrum, 0, 1, Number.NaN))).toMatchObject({
      code: 'INVALID_OPTION',
      file: 'p.nii',
    });
  });
});
