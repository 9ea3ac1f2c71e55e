import { WorkbenchError } from '../../../core/errors';
import { GAUSSIAN_FWHM_PER_SIGMA, voigtFwhmOliveroLongbothum, voigtProfile, voigtWindowNm } from './lineProfiles';
import { convolvedSlabShape } from './selfAbsorption';

/**
 * Puts line shapes onto a detector's pixels: each pixel receives the integral of the spectral
 * radiance (W m⁻² sr⁻¹ nm⁻¹, after the instrument function) over its wavelength interval, so a
 * pixel's value is in W m⁻² sr⁻¹ and the values of a line sum to its radiance whatever the pixel
 * width.
 */

/** The pixels of a detector on the true wavelength scale (nm): centres and the N + 1 edges. */
export interface PixelGrid {
  readonly centres: Float64Array;
  readonly edges: Float64Array;
}

/** Pixel edges halfway between strictly increasing centres, the outer ones mirrored. */
export function pixelGridFromCentres(centres: Float64Array): PixelGrid {
  const n = centres.length;
  if (n < 2) throw new WorkbenchError('INVALID_OPTION', `a pixel grid needs at least 2 pixels, got ${n}`);
  const edges = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) {
    const a = centres[i - 1] as number;
    const b = centres[i] as number;
    if (!(b > a)) {
      throw new WorkbenchError('INVALID_OPTION', `pixel wavelengths must increase: pixel ${i} (${b} nm) after ${a} nm`);
    }
    edges[i] = 0.5 * (a + b);
  }
  edges[0] = 2 * (centres[0] as number) - (edges[1] as number);
  edges[n] = 2 * (centres[n - 1] as number) - (edges[n - 1] as number);
  return { centres, edges };
}

/** First pixel whose upper edge lies above `wavelengthNm` (0 … N). */
function firstPixelAbove(edges: Float64Array, wavelengthNm: number): number {
  let lo = 0;
  let hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((edges[mid + 1] as number) <= wavelengthNm) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Two reusable work buffers (offsets, values), grown on demand: lines are drawn by the thousand. */
const buffers = [new Float64Array(256), new Float64Array(256)];
function scratch(which: 0 | 1, length: number): Float64Array {
  if ((buffers[which] as Float64Array).length < length) buffers[which] = new Float64Array(2 * length);
  return (buffers[which] as Float64Array).subarray(0, length);
}

/** One spectral line ready to draw. */
export interface LineShape {
  /** Observed centre on the true wavelength scale (nm), Stark shift included. */
  readonly centreNm: number;
  /** Gaussian standard deviation of the line itself (Doppler), nm. */
  readonly sigmaNm: number;
  /** Lorentzian half width at half maximum (Stark + natural), nm. */
  readonly gammaNm: number;
  /** Optically thin radiance of the line, ε·ℓ (W m⁻² sr⁻¹). */
  readonly thinRadiance: number;
  /** Optical depth at the centre; ≤ 0.01 draws the thin shape. */
  readonly tau0: number;
  /** Planck radiance B_λ(T) at the line (W m⁻² sr⁻¹ nm⁻¹), the slab's source function. */
  readonly planck: number;
}

/** Above this central optical depth a line is drawn with the slab shape (thin error < 0.5 %). */
export const THICK_LINE_TAU = 0.01;

/**
 * Adds `line`, seen through a Gaussian instrument function of standard deviation
 * `instrumentSigmaNm`, to `target` (per-pixel radiance, W m⁻² sr⁻¹), multiplied by `scale`. Thin
 * lines: Voigt(σ_line ⊕ σ_instr, γ) from Humlíček's w(z), averaged over sub-pixel points (≥ 3 per
 * FWHM). Thick lines: the slab shape B_λ·(1 − e^{−τ}) convolved with the instrument
 * ({@link convolvedSlabShape}). The window reaches until the Lorentzian wings hold < 10⁻³ of the
 * area. Returns the radiance added (before `scale`).
 */
export function addLine(
  target: Float64Array,
  grid: PixelGrid,
  line: LineShape,
  instrumentSigmaNm: number,
  scale = 1,
): number {
  const sigmaTotal = Math.hypot(line.sigmaNm, instrumentSigmaNm);
  const fwhm = voigtFwhmOliveroLongbothum(GAUSSIAN_FWHM_PER_SIGMA * sigmaTotal, 2 * line.gammaNm);
  const thick = line.tau0 > THICK_LINE_TAU;
  const half = voigtWindowNm(sigmaTotal, line.gammaNm) + (thick ? 5 * fwhm : 0);
  const { edges } = grid;
  const n = edges.length - 1;
  const first = firstPixelAbove(edges, line.centreNm - half);
  let last = firstPixelAbove(edges, line.centreNm + half);
  if (last >= n) last = n - 1;
  if (first >= n || (edges[first] as number) > line.centreNm + half) return 0;
  const count = last - first + 1;
  const widthRef = (edges[Math.min(last + 1, n)] as number) - (edges[first] as number);
  const sub = Math.min(16, Math.max(1, Math.ceil((3 * widthRef) / count / fwhm)));
  const offsets = scratch(0, count * sub);
  for (let p = 0; p < count; p++) {
    const lo = edges[first + p] as number;
    const step = ((edges[first + p + 1] as number) - lo) / sub;
    for (let s = 0; s < sub; s++) offsets[p * sub + s] = lo + (s + 0.5) * step - line.centreNm;
  }
  const values = scratch(1, offsets.length);
  let factor: number;
  if (thick) {
    convolvedSlabShape(offsets, values, line.tau0, line.sigmaNm, line.gammaNm, instrumentSigmaNm);
    factor = line.planck;
  } else {
    for (let k = 0; k < offsets.length; k++) values[k] = voigtProfile(offsets[k] as number, sigmaTotal, line.gammaNm);
    factor = line.thinRadiance;
  }
  let added = 0;
  for (let p = 0; p < count; p++) {
    const width = (edges[first + p + 1] as number) - (edges[first + p] as number);
    let sum = 0;
    for (let s = 0; s < sub; s++) sum += values[p * sub + s] as number;
    const value = (factor * sum * width) / sub;
    target[first + p] = (target[first + p] as number) + scale * value;
    added += value;
  }
  return added;
}

/**
 * erfc(x) for real x, Numerical Recipes' `erfcc` Chebyshev fit (Press et al., 2nd ed., §6.2),
 * fractional error < 1.2·10⁻⁷.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Adds a Gaussian of total area `area` (W m⁻² sr⁻¹), centre and σ (nm) to `target`, integrated
 * exactly over each pixel (difference of erfc) within ±6σ. For narrow pseudo-lines (molecular bands).
 */
export function addGaussian(
  target: Float64Array,
  grid: PixelGrid,
  centreNm: number,
  sigmaNm: number,
  area: number,
): void {
  const { edges } = grid;
  const n = edges.length - 1;
  const reach = 6 * sigmaNm;
  const first = firstPixelAbove(edges, centreNm - reach);
  if (first >= n) return;
  const k = 1 / (Math.SQRT2 * sigmaNm);
  let previous = 0.5 * erfc(((edges[first] as number) - centreNm) * k);
  for (let p = first; p < n; p++) {
    const upper = edges[p + 1] as number;
    const next = 0.5 * erfc((upper - centreNm) * k);
    target[p] = (target[p] as number) + area * (previous - next);
    previous = next;
    if (upper > centreNm + reach) break;
  }
}
