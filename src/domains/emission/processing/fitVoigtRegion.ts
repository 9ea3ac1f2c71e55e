import { WorkbenchError } from '../../../core';
import { levenbergMarquardt } from '../../../numeric/levenbergMarquardt';
import { pseudoVoigtValue, thompsonCoxHastings } from './pseudoVoigt';

/** Where a line is thought to be, and roughly how high and wide (from `pickPeaks`). */
export interface LineGuess {
  readonly x: number;
  readonly height: number;
  readonly fwhm: number;
}

/** Options of {@link fitVoigtRegion}. */
export interface VoigtFitOptions {
  /** Background under the lines: none, a constant or a straight line. Default `linear`. */
  readonly background?: 'none' | 'constant' | 'linear';
  /**
   * The Gaussian FWHM when it is known (instrument function, Doppler), so that only the Lorentzian
   * (Stark) width is fitted. Default: fitted per line.
   */
  readonly fixedGaussianFwhm?: number;
  /** One SD per point (y units); default unit weights with the covariance scaled by χ²_red. */
  readonly sigma?: ArrayLike<number>;
}

/** One fitted line; every `…Sigma` is one SD from the covariance. */
export interface FittedLine {
  readonly x: number;
  readonly xSigma: number;
  /** Voigt FWHM (TCH), x units. */
  readonly fwhm: number;
  readonly fwhmSigma: number;
  readonly gaussianFwhm: number;
  readonly gaussianFwhmSigma: number;
  readonly lorentzianFwhm: number;
  readonly lorentzianFwhmSigma: number;
  /** Integrated intensity (y × x units), background excluded. */
  readonly area: number;
  readonly areaSigma: number;
  readonly height: number;
  /** Lorentzian weight η of the pseudo-Voigt. */
  readonly eta: number;
  /** A width ended on its bound (0): its σ is 0, held there. */
  readonly atBound: boolean;
}

/** The lines, the background (b₀ + b₁·(x − centre of the region)) and the fit's quality. */
export interface VoigtFitResult {
  readonly lines: FittedLine[];
  readonly background: { readonly offset: number; readonly slope: number; readonly centre: number };
  readonly reducedChiSquare: number;
  readonly converged: boolean;
  /** The model at every point of the region. */
  readonly model: Float64Array;
}

/**
 * Fits a sum of Voigt lines (Thompson–Cox–Hastings pseudo-Voigts, `pseudoVoigt.ts`; parameters per
 * line: centre, area, Gaussian FWHM, Lorentzian FWHM) plus a background to one region, by our
 * Levenberg–Marquardt (`numeric/levenbergMarquardt`, central-difference Jacobian, bounds: areas
 * and widths ≥ 0, centres inside the region, widths ≤ the region's width). σ from (JᵀWJ)⁻¹: scaled
 * by χ²_red without `sigma` (as scipy's curve_fit), by max(1, χ²_red) with it; the FWHM's σ by
 * the delta method through Γ(Γ_G, Γ_L) with the full covariance. Why not ml-spectra-fitting: it
 * returns no covariance (so no σ) and its pseudo-Voigt shares one FWHM between the Gaussian and
 * the Lorentzian, so the Stark (Lorentzian) width cannot be read off.
 * @param x - Abscissae of the region, ascending.
 * @param y - Intensities, one per x.
 * @throws WorkbenchError INVALID_OPTION for no guesses, fewer points than parameters + 1, or a
 *   bad fixed width.
 */
export function fitVoigtRegion(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  guesses: readonly LineGuess[],
  options: VoigtFitOptions = {},
): VoigtFitResult {
  const background = options.background ?? 'linear';
  const fixed = options.fixedGaussianFwhm;
  const m = x.length;
  const k = guesses.length;
  const nb = background === 'none' ? 0 : background === 'constant' ? 1 : 2;
  const np = 4 * k + nb;
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', `Voigt fit: ${message}`);
  };
  if (k === 0) fail('no lines to fit');
  if (m < np + 1) fail(`${np} parameters need at least ${np + 1} points; the region has ${m}`);
  if (fixed !== undefined && !(fixed > 0)) fail(`the fixed Gaussian FWHM must be > 0 (got ${fixed})`);
  const x0 = x[0] as number;
  const x1 = x[m - 1] as number;
  const centre = (x0 + x1) / 2;
  const width = x1 - x0;
  const initial = new Float64Array(np);
  const lower = new Float64Array(np);
  const upper = new Float64Array(np);
  guesses.forEach((guess, j) => {
    const w = Math.min(Math.max(guess.fwhm, width / m), width / 2);
    const fG = fixed ?? w / 1.6;
    initial.set(
      [guess.x, guess.height * w * 1.3, fG, fixed === undefined ? w / 1.6 : Math.max(w - fixed, w / 4)],
      4 * j,
    );
    lower.set([x0, 0, fixed ?? 0, 0], 4 * j);
    upper.set([x1, Number.POSITIVE_INFINITY, fixed ?? width, width], 4 * j);
  });
  if (nb > 0) {
    const edge = Math.min(y[0] as number, y[m - 1] as number);
    initial[4 * k] = edge;
    lower[4 * k] = Number.NEGATIVE_INFINITY;
    upper[4 * k] = Number.POSITIVE_INFINITY;
  }
  if (nb > 1) {
    lower[4 * k + 1] = Number.NEGATIVE_INFINITY;
    upper[4 * k + 1] = Number.POSITIVE_INFINITY;
  }
  const model = (p: Float64Array, out: Float64Array): void => {
    const shapes = Array.from({ length: k }, (_, j) =>
      thompsonCoxHastings(p[4 * j + 2] as number, p[4 * j + 3] as number),
    );
    for (let i = 0; i < m; i++) {
      const xi = x[i] as number;
      let value = nb > 0 ? (p[4 * k] as number) + (nb > 1 ? (p[4 * k + 1] as number) * (xi - centre) : 0) : 0;
      for (let j = 0; j < k; j++) {
        const shape = shapes[j] as { fwhm: number; eta: number };
        value += pseudoVoigtValue(
          xi,
          p[4 * j] as number,
          p[4 * j + 1] as number,
          Math.max(shape.fwhm, 1e-300),
          shape.eta,
        );
      }
      out[i] = value;
    }
  };
  const weights = options.sigma === undefined ? undefined : Float64Array.from(options.sigma, (s) => 1 / (s * s));
  const fit = levenbergMarquardt(y, model, initial, {
    lowerBounds: lower,
    upperBounds: upper,
    maxIterations: 400,
    ...(weights === undefined ? {} : { weights }),
  });
  const chi = fit.reducedChiSquare;
  const scale = weights === undefined ? (Number.isFinite(chi) ? chi : 1) : Math.max(1, Number.isFinite(chi) ? chi : 1);
  const cov = (a: number, b: number): number => scale * (fit.covariance[a * np + b] as number);
  const sd = (a: number): number => Math.sqrt(Math.max(0, cov(a, a)));
  const p = fit.parameters;
  const lines: FittedLine[] = guesses.map((_, j) => {
    const [c, area, fG, fL] = [p[4 * j], p[4 * j + 1], p[4 * j + 2], p[4 * j + 3]] as [number, number, number, number];
    const shape = thompsonCoxHastings(fG, fL);
    // delta method: ∂Γ/∂Γ_G and ∂Γ/∂Γ_L by central differences
    const h = 1e-6 * Math.max(shape.fwhm, 1e-12);
    const dG =
      (thompsonCoxHastings(fG + h, fL).fwhm - thompsonCoxHastings(Math.max(fG - h, 0), fL).fwhm) /
      (fG + h - Math.max(fG - h, 0));
    const dL =
      (thompsonCoxHastings(fG, fL + h).fwhm - thompsonCoxHastings(fG, Math.max(fL - h, 0)).fwhm) /
      (fL + h - Math.max(fL - h, 0));
    const g = 4 * j + 2;
    const l = 4 * j + 3;
    const fwhmVariance = dG * dG * cov(g, g) + 2 * dG * dL * cov(g, l) + dL * dL * cov(l, l);
    return {
      x: c,
      xSigma: sd(4 * j),
      fwhm: shape.fwhm,
      fwhmSigma: Math.sqrt(Math.max(0, fwhmVariance)),
      gaussianFwhm: fG,
      gaussianFwhmSigma: sd(g),
      lorentzianFwhm: fL,
      lorentzianFwhmSigma: sd(l),
      area,
      areaSigma: sd(4 * j + 1),
      height: pseudoVoigtValue(c, c, area, Math.max(shape.fwhm, 1e-300), shape.eta),
      eta: shape.eta,
      atBound: (fixed === undefined && (fit.atBound[g] ?? false)) || (fit.atBound[l] ?? false),
    };
  });
  const fitted = new Float64Array(m);
  model(p, fitted);
  return {
    lines,
    background: { offset: nb > 0 ? (p[4 * k] as number) : 0, slope: nb > 1 ? (p[4 * k + 1] as number) : 0, centre },
    reducedChiSquare: chi,
    converged: fit.converged,
    model: fitted,
  };
}
