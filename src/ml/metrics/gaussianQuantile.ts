/**
 * Quantile (inverse CDF) of the standard normal distribution by Wichura's algorithm AS 241
 * (PPND16), relative accuracy ~1e-16: M. J. Wichura, "Algorithm AS 241: The percentage points of
 * the normal distribution", Applied Statistics 37 (1988) 477–484, doi:10.2307/2347330. The published
 * 20-digit coefficients are written in their shortest float64 round-trip form (the same doubles).
 */
import { invalid } from './guards';

/** Horner evaluation of c[0] + c[1]·x + … */
function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + (coefficients[i] as number);
  return value;
}

const centralNumerator = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087,
  33430.57558358813, 2509.0809287301227,
];
const centralDenominator = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943,
  5226.495278852854,
];
const intermediateNumerator = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const intermediateDenominator = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const tailNumerator = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
];
const tailDenominator = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 1.8463183175100548e-5,
  1.421511758316446e-7, 2.0442631033899397e-15,
];

/** z with Φ(z) = p, for 0 < p < 1 (Φ the standard normal CDF). */
export function gaussianQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw invalid(`p must be in (0, 1), got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(centralNumerator, r)) / polynomial(centralDenominator, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = polynomial(intermediateNumerator, r) / polynomial(intermediateDenominator, r);
  } else {
    r -= 5;
    z = polynomial(tailNumerator, r) / polynomial(tailDenominator, r);
  }
  return q < 0 ? -z : z;
}

/** Half-width in standard deviations of the central interval holding `level` of a Gaussian: Φ⁻¹((1 + level) / 2). */
export function gaussianIntervalZ(level: number): number {
  if (!(level > 0 && level < 1)) throw invalid(`level must be in (0, 1), got ${level}`);
  return gaussianQuantile((1 + level) / 2);
}
