import { WorkbenchError } from '../../../core/errors';
import type { EmissionLine } from '../lines/emissionLine';
import { BOLTZMANN_EV_K } from '../simulation/physicalConstants';

/**
 * Which input points (wavelengths) a fully connected network uses, from its first layer, and the
 * emission lines they belong to. Pure functions on weight arrays (the caller reads them from the
 * model), so they are tested without tfjs.
 */

/**
 * The first dense layer's weights as the network applies them when a batch normalisation follows
 * (inference mode): W'ᵢⱼ = Wᵢⱼ·γⱼ/√(varⱼ + ε). `kernel` is P × H row-major (tfjs Dense layout).
 */
export function effectiveKernel(
  kernel: Float32Array,
  inputs: number,
  gamma: ArrayLike<number>,
  movingVariance: ArrayLike<number>,
  epsilon: number,
): Float64Array {
  const hidden = gamma.length;
  if (kernel.length !== inputs * hidden || movingVariance.length !== hidden)
    throw new WorkbenchError('INVALID_DATA', `a ${inputs} × ${hidden} kernel needs ${hidden} γ and variances`);
  const out = new Float64Array(kernel.length);
  for (let j = 0; j < hidden; j++) {
    const scale = (gamma[j] as number) / Math.sqrt((movingVariance[j] as number) + epsilon);
    for (let i = 0; i < inputs; i++) out[i * hidden + j] = (kernel[i * hidden + j] as number) * scale;
  }
  return out;
}

/** SD of each of the `width` columns of row-major `values` (population SD). */
export function columnSd(values: ArrayLike<number>, width: number): Float64Array {
  const rows = Math.floor(values.length / width);
  if (rows < 1) throw new WorkbenchError('INVALID_DATA', 'no rows to take the SD of');
  const mean = new Float64Array(width);
  const m2 = new Float64Array(width);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < width; c++) mean[c] = (mean[c] as number) + (values[r * width + c] as number) / rows;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < width; c++)
      m2[c] = (m2[c] as number) + ((values[r * width + c] as number) - (mean[c] as number)) ** 2;
  return m2.map((v) => Math.sqrt(v / rows));
}

/**
 * Importance of each input i: ‖(W'ᵢ₁ … W'ᵢH)‖₂ · SDᵢ — how much the point's variation over the
 * training spectra moves the first hidden layer. A point that never varies (no line there) or that
 * the layer ignores scores ≈ 0. `kernel` P × H row-major, `inputSd` length P.
 */
export function inputImportance(kernel: ArrayLike<number>, inputSd: ArrayLike<number>): Float64Array {
  const inputs = inputSd.length;
  const hidden = kernel.length / inputs;
  if (!Number.isInteger(hidden) || hidden < 1)
    throw new WorkbenchError('INVALID_DATA', `a kernel of ${kernel.length} values does not fit ${inputs} inputs`);
  return Float64Array.from({ length: inputs }, (_, i) => {
    let sum = 0;
    for (let j = 0; j < hidden; j++) sum += (kernel[i * hidden + j] as number) ** 2;
    return Math.sqrt(sum) * (inputSd[i] as number);
  });
}

/** One point the network relies on, and the library line most likely behind it. */
export interface PickedLine {
  readonly wavelengthNm: number;
  /** Importance relative to the largest (1 for the top pick). */
  readonly importance: number;
  /** The molecular band the point lies in (e.g. `OH A–X`), when bands were given. */
  readonly band?: string;
  /** The strongest library line within the tolerance (by g·A·e^(−E_k/kT)); absent when none. */
  readonly line?: {
    readonly element: string;
    readonly ion: 1 | 2;
    readonly wavelengthNm: number;
    readonly resonance: boolean;
  };
}

/** Options of {@link pickLines}. */
export interface PickLinesOptions {
  /** Picks to return (default 12). */
  readonly count?: number;
  /** A pick and its line may differ by this much (nm, default 0.4: two-thirds of the 0.6 nm FWHM). */
  readonly toleranceNm?: number;
  /** Picks closer than this to a better one are the same feature (nm, default 1). */
  readonly minSeparationNm?: number;
  /** Temperature ranking candidate lines by g·A·e^(−E_k/kT) (K, default 5000: mid training range). */
  readonly temperatureK?: number;
  /**
   * Molecular bands (not in the line library) to name a pick by when it lies inside one, e.g.
   * OH A–X 306–312 nm (optical-notes §3.4); the nearby atomic line, if any, is still given.
   */
  readonly bands?: readonly { readonly name: string; readonly fromNm: number; readonly toNm: number }[];
}

/**
 * The most important points, greedily: best first, skipping any within `minSeparationNm` of one
 * already picked; each named after the strongest library line within `toleranceNm` (a pick may
 * have none: a continuum or band point, or a line the library lacks), and after the band it lies
 * in, if any.
 */
export function pickLines(
  importance: ArrayLike<number>,
  axisNm: ArrayLike<number>,
  lines: readonly EmissionLine[],
  options: PickLinesOptions = {},
): PickedLine[] {
  const { count = 12, toleranceNm = 0.4, minSeparationNm = 1, temperatureK = 5000 } = options;
  if (importance.length !== axisNm.length)
    throw new WorkbenchError('INVALID_DATA', `${importance.length} importances for ${axisNm.length} wavelengths`);
  const order = Array.from({ length: importance.length }, (_, i) => i).sort(
    (a, b) => (importance[b] as number) - (importance[a] as number),
  );
  const top = importance[order[0] ?? 0] as number;
  const strength = (l: EmissionLine) =>
    (l.gk ?? 0) * (l.aki ?? 0) * Math.exp(-(l.ekEv ?? 0) / (BOLTZMANN_EV_K * temperatureK));
  const picks: PickedLine[] = [];
  for (const i of order) {
    if (picks.length >= count) break;
    const x = axisNm[i] as number;
    if (picks.some((p) => Math.abs(p.wavelengthNm - x) < minSeparationNm)) continue;
    const candidates = lines.filter((l) => Math.abs(l.wavelengthNm - x) <= toleranceNm);
    const best = candidates.reduce<EmissionLine | undefined>(
      (b, l) => (b === undefined || strength(l) > strength(b) ? l : b),
      undefined,
    );
    const band = options.bands?.find((b) => x >= b.fromNm && x <= b.toNm);
    picks.push({
      wavelengthNm: x,
      importance: top > 0 ? (importance[i] as number) / top : 0,
      ...(band === undefined ? {} : { band: band.name }),
      ...(best === undefined
        ? {}
        : {
            line: {
              element: best.element,
              ion: best.ion,
              wavelengthNm: best.wavelengthNm,
              resonance: best.resonance === true,
            },
          }),
    });
  }
  return picks;
}
