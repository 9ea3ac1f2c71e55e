import { sgg } from 'ml-savitzky-golay-generalized';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError } from '../../../core/thrownWorkbenchError';
import { savitzkyGolay } from '../../../numeric/savitzkyGolay';
import { opticalSpectrum } from './emissionTest.testUtil';
import { sgDerivative } from './sgDerivative';

/** A 2048-pixel grating axis (350–869 nm, quadratic and cubic terms) and a Gaussian band at 600 nm (σ 2 nm ≈ 8 points). */
const axis = Float64Array.from({ length: 2048 }, (_, i) => 350 + 0.28 * i - 1.5e-5 * i * i + 1e-9 * i ** 3);
const line = (v: number) => 1000 * Math.exp(-0.5 * ((v - 600) / 2) ** 2);
const first = (v: number) => (-(v - 600) / 4) * line(v);
const second = (v: number) => ((v - 600) ** 2 / 16 - 1 / 4) * line(v);

describe('sgDerivative', () => {
  const spectrum = opticalSpectrum(axis, Float64Array.from(axis, line));

  it('differentiates on an uneven axis (chain rule), first and second derivative', () => {
    const d1 = sgDerivative(spectrum, { derivative: 1, windowLength: 7, polynomialOrder: 4 });
    const d2 = sgDerivative(spectrum, { derivative: 2, windowLength: 7, polynomialOrder: 4 });
    const peak1 = Math.max(...Array.from(axis, (v) => Math.abs(first(v))));
    const peak2 = Math.max(...Array.from(axis, (v) => Math.abs(second(v))));
    let worst1 = 0;
    let worst2 = 0;
    axis.forEach((v, i) => {
      worst1 = Math.max(worst1, Math.abs((d1.y.values[i] as number) - first(v)));
      worst2 = Math.max(worst2, Math.abs((d2.y.values[i] as number) - second(v)));
    });
    console.info(
      `SG derivatives on the uneven axis: worst error ${((100 * worst1) / peak1).toFixed(2)} % (1st), ${((100 * worst2) / peak2).toFixed(2)} % (2nd) of the peak`,
    );
    expect(worst1 / peak1).toBeLessThan(0.01);
    expect(worst2 / peak2).toBeLessThan(0.02);
    expect(d1.y.label).toBe('dy/dx (per nm)');
    expect(d2.meta).toMatchObject({ derivative: 2, 'derivative.window': 7, 'derivative.order': 4 });
  });

  it('does better than ml-savitzky-golay-generalized on the second derivative (which drops the x″ term)', () => {
    const ours = sgDerivative(spectrum, { derivative: 2, windowLength: 7, polynomialOrder: 4 }).y.values;
    const theirs = sgg(spectrum.y.values, axis, { windowSize: 7, polynomial: 4, derivative: 2 });
    let errOurs = 0;
    let errTheirs = 0;
    axis.forEach((v, i) => {
      errOurs = Math.max(errOurs, Math.abs((ours[i] as number) - second(v)));
      errTheirs = Math.max(errTheirs, Math.abs((theirs[i] as number) - second(v)));
    });
    const peak2 = line(600) / 4;
    console.info(
      `2nd derivative worst error: ours ${((100 * errOurs) / peak2).toFixed(3)} %, sgg ${((100 * errTheirs) / peak2).toFixed(3)} % of the peak`,
    );
    expect(errOurs).toBeLessThan(errTheirs);
  });

  it('equals the plain filter with delta on an even axis', () => {
    const even = opticalSpectrum(
      Array.from({ length: 200 }, (_, i) => 500 + 0.1 * i),
      Array.from({ length: 200 }, (_, i) => Math.sin(i / 7)),
    );
    const ours = sgDerivative(even, { derivative: 1, windowLength: 9, polynomialOrder: 3 }).y.values;
    const plain = savitzkyGolay(even.y.values, { windowLength: 9, polynomialOrder: 3, derivative: 1, delta: 0.1 });
    ours.forEach((value, i) => {
      expect(value).toBeCloseTo(plain[i] as number, 8);
    });
  });

  it('refuses a window longer than the spectrum or an order below the derivative', () => {
    const short = opticalSpectrum([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]);
    expect(thrownWorkbenchError(() => sgDerivative(short, { derivative: 1 })).message).toMatch(
      /longer than the spectrum/,
    );
    expect(thrownWorkbenchError(() => sgDerivative(spectrum, { derivative: 2, polynomialOrder: 1 })).message).toMatch(
      /at least the derivative/,
    );
    expect(thrownWorkbenchError(() => sgDerivative(spectrum, { derivative: 1, windowLength: 8 })).message).toMatch(
      /window/,
    );
  });
});
