import { fidToPpmSpectrum } from '../processing/spectralTransform';

/** How {@link compareBasisFids} lines up a simulated FID with a reference one. */
export interface BasisComparisonOptions {
  readonly spectrometerFrequencyMHz: number;
  readonly dwellTimeS: number;
  readonly centrePpm: number;
  /** Lorentzian FWHM added to both FIDs, Hz. */
  readonly broadenHz: number;
  /** Extra Lorentzian FWHM added to the simulated FID only (the reference's own width), Hz. */
  readonly simulatedExtraHz?: number;
  /** Largest frequency shift tried, ppm (grid of 0.001 ppm). */
  readonly maxShiftPpm: number;
  /** Largest zero-order phase tried, degrees (grid of 1°). */
  readonly maxPhaseDeg: number;
  /** Region compared, ppm. */
  readonly fromPpm: number;
  readonly toPpm: number;
}

/** The best Pearson correlation of the real spectra, and the shift and phase that gave it. */
export interface BasisComparison {
  readonly correlation: number;
  readonly shiftPpm: number;
  readonly phaseDeg: number;
}

/**
 * Pearson correlation of Re(spectrum) of a simulated and a reference basis FID in a ppm window,
 * maximised over a zero-order phase and a small frequency shift of the simulated one (scale does
 * not change a correlation). Both get the same Lorentzian broadening first. Test support.
 */
export function compareBasisFids(
  reference: { re: Float64Array; im: Float64Array },
  simulated: { re: Float64Array; im: Float64Array },
  options: BasisComparisonOptions,
): BasisComparison {
  const { spectrometerFrequencyMHz: cf, dwellTimeS: dt, centrePpm } = options;
  const n = reference.re.length;
  const decay = (re: Float64Array, im: Float64Array, hz: number, shiftHz: number) => {
    const outRe = new Float64Array(n);
    const outIm = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const t = j * dt;
      const d = Math.exp(-Math.PI * hz * t);
      const c = Math.cos(2 * Math.PI * shiftHz * t);
      const s = Math.sin(2 * Math.PI * shiftHz * t);
      const r = (re[j] as number) * d;
      const i = (im[j] as number) * d;
      outRe[j] = r * c - i * s;
      outIm[j] = r * s + i * c;
    }
    return fidToPpmSpectrum(outRe, outIm, cf, dt, centrePpm);
  };
  const ref = decay(reference.re, reference.im, options.broadenHz, 0);
  const inside: number[] = [];
  ref.ppm.forEach((p, j) => {
    if (p >= options.fromPpm && p <= options.toPpm) inside.push(j);
  });
  const y = centred(inside.map((j) => ref.re[j] as number));
  let best: BasisComparison = { correlation: -Infinity, shiftPpm: 0, phaseDeg: 0 };
  const steps = Math.round(options.maxShiftPpm / 0.001);
  for (let k = -steps; k <= steps; k++) {
    const shiftPpm = k * 0.001;
    // a shift to higher ppm is a more negative FID frequency
    const sim = decay(simulated.re, simulated.im, options.broadenHz + (options.simulatedExtraHz ?? 0), -shiftPpm * cf);
    const u = centred(inside.map((j) => sim.re[j] as number));
    const v = centred(inside.map((j) => sim.im[j] as number));
    for (let deg = -options.maxPhaseDeg; deg <= options.maxPhaseDeg; deg++) {
      const phi = (deg * Math.PI) / 180;
      const c = Math.cos(phi);
      const s = Math.sin(phi);
      let xy = 0;
      let xx = 0;
      let yy = 0;
      for (let i = 0; i < y.length; i++) {
        const x = c * (u[i] as number) - s * (v[i] as number);
        xy += x * (y[i] as number);
        xx += x * x;
        yy += (y[i] as number) ** 2;
      }
      const r = xy / Math.sqrt(xx * yy);
      if (r > best.correlation) best = { correlation: r, shiftPpm, phaseDeg: deg };
    }
  }
  return best;
}

function centred(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
  return values.map((v) => v - mean);
}

/**
 * The reference's own Lorentzian width, Hz: the extra width of the simulated FID (grid of 0.25 Hz
 * up to 5 Hz) that best matches a reference singlet. Test support.
 */
export function matchedWidthHz(
  reference: { re: Float64Array; im: Float64Array },
  simulated: { re: Float64Array; im: Float64Array },
  options: BasisComparisonOptions,
): number {
  let best = { width: 0, correlation: -Infinity };
  for (let width = 0; width <= 5; width += 0.25) {
    const { correlation } = compareBasisFids(reference, simulated, { ...options, simulatedExtraHz: width });
    if (correlation > best.correlation) best = { width, correlation };
  }
  return best.width;
}
