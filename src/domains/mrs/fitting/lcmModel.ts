import { type ComplexFft, complexFft } from '../../../numeric/complexFft';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { GAUSS, nonlinearDerivatives } from './lcmDerivatives';
import { kernelFrequency, type LineshapeKernel } from './lineshapeKernel';
import type { PreparedBasis } from './prepareBasis';
import { type SplineBasis, splineBaseline } from './splineBaseline';

/** Where each parameter sits in the parameter vector of {@link LcmModel}. */
export interface LcmLayout {
  /** Amplitudes, one per basis component, from 0. */
  readonly amplitudes: number;
  readonly phase0: number;
  readonly phase1: number;
  /**
   * Per group g: start + 3g = Lorentzian broadening (Hz), +1 the square of the Gaussian broadening
   * (Hz²: its derivative does not vanish at 0, where a width parameter would stick), +2 shift (Hz, to higher ppm).
   */
  readonly groups: number;
  /** Side weights of the metabolites' lineshape kernel (`lineshapeKernel.ts`), 2J of them. */
  readonly kernel: number;
  /** Real parts of the baseline coefficients, then their imaginary parts. */
  readonly baseline: number;
  readonly count: number;
}

/** Settings of the model that are not fitted. */
export interface LcmModelSettings {
  /** Fit range, ppm. */
  readonly rangePpm: readonly [number, number];
  /** Baseline knot spacing, ppm (`Infinity` for no baseline). */
  readonly baselineKnotSpacingPpm: number;
  /** Second-difference penalty of the baseline coefficients, in units of the noise variance. */
  readonly baselineSmoothness: number;
  /** Prior SD of the first-order phase, rad/ppm (LCModel's SDDEGP). */
  readonly phase1PriorSd: number;
  /** Pivot of the first-order phase, ppm. */
  readonly phasePivotPpm: number;
  /** Free lineshape of the `metabolites` group (points 0: Voigt lines only). */
  readonly kernel: LineshapeKernel;
}

/**
 * The linear-combination model of an MRS spectrum in the frequency domain (the physics model that
 * LCModel, FSL-MRS, Osprey and spant share): on the fit bins j,
 *
 *   S_j = e^{i(φ0 + φ1·(ppm_j − pivot))} · Σ_m c_m · F[b_m(t)·e^{−π·l_g·t − (π·g_g·t)²/(4 ln 2) − 2πi·δ_g·t}]_j + Σ_b β_b·B_b(ppm_j)
 *
 * with amplitudes c_m ≥ 0, per group g a Lorentzian (l, Hz FWHM added) and Gaussian (g, Hz FWHM
 * added) broadening and a shift δ (Hz, positive to higher ppm, as `shiftFrequency`), a complex
 * cubic-spline baseline, and F the same transform as the data's (`fidToPpmSpectrum`: first point
 * halved). Residual rows: real parts, imaginary parts, then the baseline's second differences and
 * the first-order phase prior. Evaluations cache the broadened basis columns per group (they depend
 * on that group's parameters and the kernel only); the Jacobian is analytic (`lcmDerivatives.ts`:
 * two extra transforms per group, F[t·Σc·b·E] and F[t²·Σc·b·E], and one per kernel weight).
 */
export class LcmModel {
  readonly layout: LcmLayout;
  /** ppm of the fit bins, ascending. */
  readonly ppm: Float64Array;
  /** Data on the fit bins (real, imaginary). */
  readonly data: ComplexArrays;
  readonly rows: number;
  readonly bins: number;
  readonly groupNames: readonly string[];
  readonly componentGroup: Int32Array;
  private readonly basis: PreparedBasis;
  private readonly settings: LcmModelSettings;
  private readonly spline: SplineBasis;
  private readonly binIndex: Int32Array;
  private readonly fft: ComplexFft;
  /** Sample times of the FID, s. */
  readonly time: Float64Array;
  private readonly columns: Float64Array[];
  /** Every column, one after the other (components × 2·bins): the columns are views into it. */
  private readonly columnBlock: Float64Array;
  /** Every basis FID, one after the other (components × 2·points: real parts, then imaginary parts). */
  readonly basisBlock: Float64Array;
  private cachedGroupParameters: Float64Array | undefined;
  /** Per group, at the cached parameters: the Voigt factor and the whole envelope (Voigt × kernel) over time. */
  private voigtCache: ComplexArrays[] = [];
  private envelopeCache: ComplexArrays[] = [];
  /** e^{2πiν_k t} − 1 for each kernel point k over time (real, imaginary), computed once. */
  private readonly kernelPhasors: ComplexArrays[];
  /** Group that carries the lineshape kernel (−1: none) and the number of kernel parameters. */
  readonly kernelGroup: number;
  readonly kernelCount: number;
  private readonly work: Float64Array[];
  private version = 0;

  constructor(dataFid: ComplexArrays, basis: PreparedBasis, settings: LcmModelSettings) {
    this.basis = basis;
    this.settings = settings;
    const { points, dwellTimeS, spectrometerFrequencyMHz, centrePpm } = basis.acquisition;
    const [low, high] = [Math.min(...settings.rangePpm), Math.max(...settings.rangePpm)];
    const selected: { k: number; ppm: number }[] = [];
    for (let k = 0; k < points; k++) {
      const f = (k < points / 2 ? k : k - points) / (points * dwellTimeS);
      const ppm = centrePpm - f / spectrometerFrequencyMHz;
      if (ppm >= low && ppm <= high) selected.push({ k, ppm });
    }
    selected.sort((a, b) => a.ppm - b.ppm);
    this.bins = selected.length;
    this.binIndex = Int32Array.from(selected, (s) => s.k);
    this.ppm = Float64Array.from(selected, (s) => s.ppm);
    this.fft = complexFft(points);
    this.time = Float64Array.from({ length: points }, (_, i) => i * dwellTimeS);
    this.work = Array.from({ length: 4 }, () => new Float64Array(points));
    this.data = this.transformBins(dataFid.re, dataFid.im);
    this.spline = Number.isFinite(settings.baselineKnotSpacingPpm)
      ? splineBaseline(this.ppm, low, high, settings.baselineKnotSpacingPpm)
      : { count: 0, values: new Float64Array(0) };
    const groupNames = [...new Set(basis.components.map((c) => c.group))];
    this.groupNames = groupNames;
    this.componentGroup = Int32Array.from(basis.components, (c) => groupNames.indexOf(c.group));
    const m = basis.components.length;
    const groups = m + 2;
    const kernel = groups + 3 * groupNames.length;
    this.kernelGroup = settings.kernel.points > 0 ? groupNames.indexOf('metabolites') : -1;
    this.kernelCount = this.kernelGroup >= 0 ? 2 * settings.kernel.points : 0;
    const baseline = kernel + this.kernelCount;
    this.layout = {
      amplitudes: 0,
      phase0: m,
      phase1: m + 1,
      groups,
      kernel,
      baseline,
      count: baseline + 2 * this.spline.count,
    };
    const penaltyRows = this.spline.count >= 3 ? 2 * (this.spline.count - 2) : 0;
    this.rows = 2 * this.bins + penaltyRows + 1 + 3 * groupNames.length + this.kernelCount;
    this.columnBlock = new Float64Array(m * 2 * this.bins);
    this.basisBlock = new Float64Array(m * 2 * points);
    basis.components.forEach((component, k) => {
      this.basisBlock.set(component.fid.re.subarray(0, points), 2 * k * points);
      this.basisBlock.set(component.fid.im.subarray(0, points), (2 * k + 1) * points);
    });
    this.columns = Array.from({ length: m }, (_, k) =>
      this.columnBlock.subarray(2 * k * this.bins, 2 * (k + 1) * this.bins),
    );
    this.kernelPhasors = Array.from({ length: this.kernelCount }, (_, k) => {
      const nu = kernelFrequency(settings.kernel, k);
      const re = new Float64Array(points);
      const im = new Float64Array(points);
      for (let i = 0; i < points; i++) {
        const angle = 2 * Math.PI * nu * i * dwellTimeS;
        re[i] = Math.cos(angle) - 1;
        im[i] = Math.sin(angle);
      }
      return { re, im };
    });
  }

  /** FID of basis component m as prepared (before broadening). */
  basisFid(m: number): ComplexArrays {
    return (this.basis.components[m] as PreparedBasis['components'][number]).fid;
  }

  /** Per group at p, over the time grid: the envelope (Voigt × kernel) and the Voigt factor alone. */
  envelopes(p: ArrayLike<number>): {
    readonly envelope: readonly ComplexArrays[];
    readonly voigt: readonly ComplexArrays[];
  } {
    this.updateColumns(p);
    return { envelope: this.envelopeCache, voigt: this.voigtCache };
  }

  /** e^{2πiν_k t} − 1 of kernel weight k over the time grid. */
  kernelPhasor(k: number): ComplexArrays {
    return this.kernelPhasors[k] as ComplexArrays;
  }

  /**
   * The adjoint of {@link transformBins}: for values v on the fit bins (real parts, then imaginary),
   * ρ(t_n) = h_n·Σ_j v_j·e^{+2πi·k_j·n/N} (h_0 = ½ for the halved first point, else 1), so that
   * Σ_j conj(F[x]_j)·v_j = Σ_n conj(x_n)·ρ_n for any FID x.
   */
  adjointBins(values: Float64Array): ComplexArrays {
    const [inRe, inIm, outRe, outIm] = this.work as [Float64Array, Float64Array, Float64Array, Float64Array];
    inRe.fill(0);
    inIm.fill(0);
    for (let j = 0; j < this.bins; j++) {
      const k = this.binIndex[j] as number;
      inRe[k] = values[j] as number;
      inIm[k] = -(values[this.bins + j] as number);
    }
    // Σ_k v_k·e^{+2πikn/N} = conj(FFT(conj(v))).
    this.fft.forward(inRe, inIm, outRe, outIm);
    const re = Float64Array.from(outRe);
    const im = Float64Array.from(outIm, (v) => -v);
    re[0] = (re[0] as number) / 2;
    im[0] = (im[0] as number) / 2;
    return { re, im };
  }

  /** Names of the basis components, in order. */
  get componentNames(): readonly string[] {
    return this.basis.components.map((component) => component.name);
  }

  get phasePivotPpm(): number {
    return this.settings.phasePivotPpm;
  }

  get acquisition(): PreparedBasis['acquisition'] {
    return this.basis.acquisition;
  }

  /** Component m's FID with its group's broadening and shift (amplitude 1, no phase). */
  broadenedFid(p: ArrayLike<number>, m: number): ComplexArrays {
    const n = this.time.length;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    const component = this.basis.components[m];
    if (component === undefined) return { re, im };
    const envelope = this.envelopes(p).envelope[this.componentGroup[m] as number] as ComplexArrays;
    for (let i = 0; i < n; i++) {
      const a = envelope.re[i] as number;
      const b = envelope.im[i] as number;
      const br = component.fid.re[i] as number;
      const bi = component.fid.im[i] as number;
      re[i] = br * a - bi * b;
      im[i] = br * b + bi * a;
    }
    return { re, im };
  }

  /** First of the prior rows (first-order phase, then the group parameters). */
  get priorRowsStart(): number {
    return this.rows - 1 - 3 * this.groupNames.length - this.kernelCount;
  }

  /** Number of basis components. */
  get components(): number {
    return this.basis.components.length;
  }

  get splineCount(): number {
    return this.spline.count;
  }

  /** The baseline's B-spline functions on the fit bins. */
  get splineBasis(): SplineBasis {
    return this.spline;
  }

  /** Second-difference penalty of the baseline coefficients (noise-variance units). */
  get baselineSmoothness(): number {
    return this.settings.baselineSmoothness;
  }

  /** Changes whenever the cached basis columns are recomputed (new group or kernel parameters). */
  get columnsVersion(): number {
    return this.version;
  }

  /** The target vector: data rows, then zeros for the penalty and prior rows. */
  target(): Float64Array {
    const y = new Float64Array(this.rows);
    y.set(this.data.re, 0);
    y.set(this.data.im, this.bins);
    return y;
  }

  /** Transform of an FID (first point halved) on the fit bins, ascending ppm. */
  transformBins(re: ArrayLike<number>, im: ArrayLike<number>): ComplexArrays {
    const [inRe, inIm, outRe, outIm] = this.work as [Float64Array, Float64Array, Float64Array, Float64Array];
    inRe.set(re as Float64Array);
    inIm.set(im as Float64Array);
    inRe[0] = (inRe[0] as number) / 2;
    inIm[0] = (inIm[0] as number) / 2;
    this.fft.forward(inRe, inIm, outRe, outIm);
    const binsRe = new Float64Array(this.bins);
    const binsIm = new Float64Array(this.bins);
    for (let j = 0; j < this.bins; j++) {
      const k = this.binIndex[j] as number;
      binsRe[j] = outRe[k] as number;
      binsIm[j] = outIm[k] as number;
    }
    return { re: binsRe, im: binsIm };
  }

  /** All broadened, shifted basis columns at p (as {@link column}); valid until the group or kernel parameters change. */
  columnsAt(p: ArrayLike<number>): readonly Float64Array[] {
    this.updateColumns(p);
    return this.columns;
  }

  /** The columns at p as one block, column m at 2m·bins (as {@link columnsAt}). */
  columnBlockAt(p: ArrayLike<number>): Float64Array {
    this.updateColumns(p);
    return this.columnBlock;
  }

  /** Broadened, shifted basis column m on the fit bins (re then im), before the phase. */
  column(p: ArrayLike<number>, m: number): Float64Array {
    this.updateColumns(p);
    return this.columns[m] as Float64Array;
  }

  /** The Voigt factor of group g over the time grid: decay e^{−π·l·t − GAUSS·g²·t²} and shift e^{−2πi·δ·t}. */
  private voigtFactor(p: ArrayLike<number>, g: number): ComplexArrays {
    const at = this.layout.groups + 3 * g;
    const lorentz = p[at] as number;
    const gaussSquared = p[at + 1] as number;
    const shift = p[at + 2] as number;
    const n = this.time.length;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = this.time[i] as number;
      const decay = Math.exp(-Math.PI * lorentz * t - GAUSS * gaussSquared * t * t);
      const angle = -2 * Math.PI * shift * t;
      re[i] = decay * Math.cos(angle);
      im[i] = decay * Math.sin(angle);
    }
    return { re, im };
  }

  /** voigt × K(t), K = 1 + Σ s_k·(e^{2πiν_k t} − 1) from the precomputed phasors. */
  private withKernel(p: ArrayLike<number>, voigt: ComplexArrays): ComplexArrays {
    const n = voigt.re.length;
    const kRe = new Float64Array(n).fill(1);
    const kIm = new Float64Array(n);
    for (let k = 0; k < this.kernelCount; k++) {
      const weight = p[this.layout.kernel + k] as number;
      if (weight === 0) continue;
      const phasor = this.kernelPhasors[k] as ComplexArrays;
      for (let i = 0; i < n; i++) {
        kRe[i] = (kRe[i] as number) + weight * (phasor.re[i] as number);
        kIm[i] = (kIm[i] as number) + weight * (phasor.im[i] as number);
      }
    }
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = voigt.re[i] as number;
      const b = voigt.im[i] as number;
      re[i] = a * (kRe[i] as number) - b * (kIm[i] as number);
      im[i] = a * (kIm[i] as number) + b * (kRe[i] as number);
    }
    return { re, im };
  }

  /** Recomputes the columns of every group whose parameters (its broadening and shift, and the kernel for its group) changed. */
  private updateColumns(p: ArrayLike<number>): void {
    const start = this.layout.groups;
    const length = this.layout.baseline - start;
    const cached = this.cachedGroupParameters;
    const stale = this.groupNames.map((_, g) => {
      if (cached === undefined) return true;
      for (let k = 3 * g; k < 3 * g + 3; k++) if (cached[k] !== p[start + k]) return true;
      if (g !== this.kernelGroup) return false;
      for (let k = 3 * this.groupNames.length; k < length; k++) if (cached[k] !== p[start + k]) return true;
      return false;
    });
    if (!stale.includes(true)) return;
    const n = this.time.length;
    const [re, im, outRe, outIm] = this.work as [Float64Array, Float64Array, Float64Array, Float64Array];
    for (let g = 0; g < this.groupNames.length; g++) {
      if (!stale[g]) continue;
      const voigt = this.voigtFactor(p, g);
      const envelope = g === this.kernelGroup ? this.withKernel(p, voigt) : voigt;
      this.voigtCache[g] = voigt;
      this.envelopeCache[g] = envelope;
      const envRe = envelope.re;
      const envIm = envelope.im;
      for (let m = 0; m < this.components; m++) {
        if (this.componentGroup[m] !== g) continue;
        const fid = (this.basis.components[m] as PreparedBasis['components'][number]).fid;
        const fidRe = fid.re;
        const fidIm = fid.im;
        // Product straight into the transform's work buffers, bins straight into the column (no allocation).
        for (let i = 0; i < n; i++) {
          const br = fidRe[i] as number;
          const bi = fidIm[i] as number;
          const er = envRe[i] as number;
          const ei = envIm[i] as number;
          re[i] = br * er - bi * ei;
          im[i] = br * ei + bi * er;
        }
        re[0] = (re[0] as number) / 2;
        im[0] = (im[0] as number) / 2;
        this.fft.forward(re, im, outRe, outIm);
        const column = this.columns[m] as Float64Array;
        const bins = this.bins;
        for (let j = 0; j < bins; j++) {
          const k = this.binIndex[j] as number;
          column[j] = outRe[k] as number;
          column[bins + j] = outIm[k] as number;
        }
      }
    }
    this.cachedGroupParameters = Float64Array.from({ length }, (_, k) => p[start + k] as number);
    this.version += 1;
  }

  /** Phase factor (cos, sin) at fit bin j. */
  private phaseAt(p: ArrayLike<number>, j: number): [number, number] {
    const angle =
      (p[this.layout.phase0] as number) +
      (p[this.layout.phase1] as number) * ((this.ppm[j] as number) - this.settings.phasePivotPpm);
    return [Math.cos(angle), Math.sin(angle)];
  }

  /** Σ c_m·column_m (before the phase) on the fit bins, optionally for one group only. */
  metaboliteSum(p: ArrayLike<number>, group?: number): ComplexArrays {
    this.updateColumns(p);
    const re = new Float64Array(this.bins);
    const im = new Float64Array(this.bins);
    for (let m = 0; m < this.components; m++) {
      if (group !== undefined && this.componentGroup[m] !== group) continue;
      const c = p[m] as number;
      if (c === 0) continue;
      const column = this.columns[m] as Float64Array;
      for (let j = 0; j < this.bins; j++) {
        re[j] = (re[j] as number) + c * (column[j] as number);
        im[j] = (im[j] as number) + c * (column[this.bins + j] as number);
      }
    }
    return { re, im };
  }

  /** The baseline on the fit bins. */
  baseline(p: ArrayLike<number>): ComplexArrays {
    const re = new Float64Array(this.bins);
    const im = new Float64Array(this.bins);
    const count = this.spline.count;
    const at = this.layout.baseline;
    for (let j = 0; j < this.bins; j++) {
      let sr = 0;
      let si = 0;
      for (let b = 0; b < count; b++) {
        const v = this.spline.values[j * count + b] as number;
        if (v === 0) continue;
        sr += v * (p[at + b] as number);
        si += v * (p[at + count + b] as number);
      }
      re[j] = sr;
      im[j] = si;
    }
    return { re, im };
  }

  /** Rotates (re, im) on the fit bins by the model's phase. */
  phased(p: ArrayLike<number>, values: ComplexArrays): ComplexArrays {
    const re = new Float64Array(this.bins);
    const im = new Float64Array(this.bins);
    for (let j = 0; j < this.bins; j++) {
      const [c, s] = this.phaseAt(p, j);
      const a = values.re[j] as number;
      const b = values.im[j] as number;
      re[j] = a * c - b * s;
      im[j] = a * s + b * c;
    }
    return { re, im };
  }

  /** Fills all residual rows' model values (the LM model function). */
  evaluate(p: ArrayLike<number>, out: Float64Array): void {
    const signal = this.phased(p, this.metaboliteSum(p));
    const base = this.baseline(p);
    for (let j = 0; j < this.bins; j++) {
      out[j] = (signal.re[j] as number) + (base.re[j] as number);
      out[this.bins + j] = (signal.im[j] as number) + (base.im[j] as number);
    }
    this.penaltyRows(p, out);
  }

  private penaltyRows(p: ArrayLike<number>, out: Float64Array): void {
    let row = 2 * this.bins;
    const count = this.spline.count;
    const at = this.layout.baseline;
    const weight = Math.sqrt(this.settings.baselineSmoothness);
    if (count >= 3) {
      for (let part = 0; part < 2; part++) {
        const offset = at + part * count;
        for (let b = 1; b < count - 1; b++) {
          out[row++] =
            weight * ((p[offset + b - 1] as number) - 2 * (p[offset + b] as number) + (p[offset + b + 1] as number));
        }
      }
    }
    out[row++] = (p[this.layout.phase1] as number) / this.settings.phase1PriorSd;
    for (let k = 0; k < 3 * this.groupNames.length; k++) {
      out[row++] = (p[this.layout.groups + k] as number) / this.groupPriorSd(k);
    }
    for (let k = 0; k < this.kernelCount; k++)
      out[row++] = (p[this.layout.kernel + k] as number) / this.settings.kernel.priorSd;
  }

  /**
   * Weak priors on the group parameters (SD 20 Hz for the Lorentzian, 400 Hz² for the squared Gaussian width, 0.1 ppm for the shift): they
   * do not pull a fit that the data determine, but keep JᵀWJ invertible when a group has no signal
   * (e.g. a macromolecule basis at amplitude 0), so the other parameters still get their CRLBs.
   */
  private groupPriorSd(k: number): number {
    if (k % 3 === 1) return 400;
    return k % 3 === 2 ? 0.1 * this.basis.acquisition.spectrometerFrequencyMHz : 20;
  }

  /** Fills the analytic Jacobian (rows × parameters, row-major). Data rows are in units of the data (weights apply). */
  jacobian(p: ArrayLike<number>, jac: Float64Array): void {
    const n = this.layout.count;
    jac.fill(0);
    const K = this.bins;
    const derivatives = nonlinearDerivatives(this, p);
    const q = this.nonlinearCount;
    const count = this.spline.count;
    for (let j = 0; j < K; j++) {
      const [c, s] = this.phaseAt(p, j);
      const rowRe = j * n;
      const rowIm = (K + j) * n;
      for (let m = 0; m < this.components; m++) {
        const column = this.columns[m] as Float64Array;
        const a = column[j] as number;
        const b = column[K + j] as number;
        jac[rowRe + m] = a * c - b * s;
        jac[rowIm + m] = a * s + b * c;
      }
      for (let k = 0; k < q; k++) {
        const a = derivatives[2 * k * K + j] as number;
        const b = derivatives[(2 * k + 1) * K + j] as number;
        jac[rowRe + this.layout.phase0 + k] = a * c - b * s;
        jac[rowIm + this.layout.phase0 + k] = a * s + b * c;
      }
      for (let b = 0; b < count; b++) {
        const v = this.spline.values[j * count + b] as number;
        jac[rowRe + this.layout.baseline + b] = v;
        jac[rowIm + this.layout.baseline + count + b] = v;
      }
    }
    this.penaltyJacobian(jac);
  }

  /**
   * Prior SD of nonlinear parameter k (counted from φ0, as {@link nonlinearDerivatives}): its prior
   * row is p/SD with weight 1. Infinity for φ0, which has none.
   */
  nonlinearPriorSd(k: number): number {
    if (k === 0) return Number.POSITIVE_INFINITY;
    if (k === 1) return this.settings.phase1PriorSd;
    const group = k - 2;
    return group < 3 * this.groupNames.length ? this.groupPriorSd(group) : this.settings.kernel.priorSd;
  }

  /** Number of nonlinear parameters: the phases, group parameters and kernel weights (layout.phase0 … layout.baseline − 1). */
  get nonlinearCount(): number {
    return this.layout.baseline - this.layout.phase0;
  }

  private penaltyJacobian(jac: Float64Array): void {
    const n = this.layout.count;
    let row = 2 * this.bins;
    const count = this.spline.count;
    const weight = Math.sqrt(this.settings.baselineSmoothness);
    if (count >= 3) {
      for (let part = 0; part < 2; part++) {
        const offset = this.layout.baseline + part * count;
        for (let b = 1; b < count - 1; b++) {
          jac[row * n + offset + b - 1] = weight;
          jac[row * n + offset + b] = -2 * weight;
          jac[row * n + offset + b + 1] = weight;
          row++;
        }
      }
    }
    jac[row * n + this.layout.phase1] = 1 / this.settings.phase1PriorSd;
    for (let k = 0; k < 3 * this.groupNames.length; k++) {
      row += 1;
      jac[row * n + this.layout.groups + k] = 1 / this.groupPriorSd(k);
    }
    for (let k = 0; k < this.kernelCount; k++) {
      row += 1;
      jac[row * n + this.layout.kernel + k] = 1 / this.settings.kernel.priorSd;
    }
  }
}
