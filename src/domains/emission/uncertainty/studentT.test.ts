import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logGamma, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from './studentT';

describe('Student-t quantile', () => {
  // Golden values: scipy.stats.t.ppf (SciPy 1.17.1), the same as printed t-tables to their digits.
  const golden: [number, number, number][] = [
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 3, 3.1824463052837078],
    [0.975, 4, 2.7764451051977934],
    [0.975, 5, 2.5705818356363146],
    [0.975, 10, 2.228138851986274],
    [0.975, 30, 2.0422724563012378],
    [0.975, 100, 1.9839715185235518],
    [0.975, 1e4, 1.960201239890626],
    [0.975, 1e6, 1.959966356814107],
    [0.975, 2.5, 3.5746548420036817],
    [0.9995, 1, 636.6192487687897],
    [0.995, 4, 4.604094871349992],
    [0.95, 5, 2.0150483733330233],
  ];
  it.each(golden)('t(%f, ν = %f) = %f', (p, nu, t) => {
    expect(studentTQuantile(p, nu)).toBeCloseTo(t, 9);
    expect(studentTQuantile(1 - p, nu)).toBeCloseTo(-t, 9);
  });

  it('inverts the CDF for any p and ν', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (p, nu) => {
          expect(studentTCdf(studentTQuantile(p, nu), nu)).toBeCloseTo(p, 10);
        },
      ),
    );
  });

  it('is NaN outside its domain and 0 at the median', () => {
    expect(studentTQuantile(0, 3)).toBeNaN();
    expect(studentTQuantile(1, 3)).toBeNaN();
    expect(studentTQuantile(0.9, 0)).toBeNaN();
    expect(studentTQuantile(0.5, 7)).toBe(0);
  });

  it('has the Cauchy CDF at ν = 1 and is symmetric', () => {
    for (const t of [-5, -1, 0.3, 2, 40]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(-t, 6) + studentTCdf(t, 6)).toBeCloseTo(1, 14);
    }
  });
});

describe('incomplete beta and log-gamma', () => {
  it('matches closed forms', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 13);
      expect(regularizedIncompleteBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13);
      expect(regularizedIncompleteBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 13);
    }
    // I_0.3(2, 3) = Σ_{j=2}^{4} C(4, j) 0.3^j 0.7^(4−j) = 0.3483
    expect(regularizedIncompleteBeta(0.3, 2, 3)).toBeCloseTo(0.3483, 13);
  });

  it('gives ln Γ of integers and of ½', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });
});
