import { type ComplexFft, complexFft } from '../../../numeric/complexFft';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { kernelFactor, kernelFrequency, type LineshapeKernel } from './lineshapeKernel';
import type { PreparedBasis } from './prepareBasis';
import { type SplineBasis, splineBaseline } from './splineBaseline';

const GAUSS = Math.PI ** 2 / (4 * Math.LN2);

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
 * the first-order phase prior. Evaluations cache the broadened basis columns, which depend on the
 * group parameters only; the Jacobian is analytic (one extra transform per group for the
 * broadening and shift derivatives: F[t·Σc·b·L] and F[t²·Σc·b·L]).
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
  private readonly time: Float64Array;
  private readonly columns: Float64Array[];
  private cachedGroupParameters: Float64Array | undefined;
  /** Per group, at the cached parameters: the Voigt factor and the whole envelope (Voigt × kernel) over time. */
  private voigtCache: ComplexArrays[] = [];
  private envelopeCache: ComplexArrays[] = [];
  /** e^{2πiν_k t} − 1 for each kernel point k over time (real, imaginary), computed once. */
  private readonly kernelPhasors: ComplexArrays[];
  /** Group that carries the lineshape kernel (−1: none) and the number of kernel parameters. */
  private readonly kernelGroup: number;
  private readonly kernelCount: number;
  private readonly work: Float64Array[];

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
    this.columns = Array.from({ length: m }, () => new Float64Array(2 * this.bins));
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
    const component = this.basis.components[m];
    const n = this.time.length;
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    if (component === undefined) return { re, im };
    const g = this.componentGroup[m] as number;
    for (let i = 0; i < n; i++) {
      const [a, b] = this.envelope(p, g, this.time[i] as number);
      const br = component.fid.re[i] as number;
      const bi = component.fid.im[i] as number;
      re[i] = br * a - bi * b;
      im[i] = br * b + bi * a;
    }
    return { re, im };
  }

  /** Values of baseline function b on the fit bins. */
  splineValue(j: number, b: number): number {
    return this.spline.values[j * this.spline.count + b] as number;
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

  /** Broadened, shifted basis column m on the fit bins (re then im), before the phase. */
  column(p: ArrayLike<number>, m: number): Float64Array {
    this.updateColumns(p);
    return this.columns[m] as Float64Array;
  }

  /** The time-domain envelope factor of group g at time t: Voigt decay and shift, times the lineshape kernel. */
  envelope(p: ArrayLike<number>, g: number, t: number): [number, number] {
    const [a, b] = this.voigt(p, g, t);
    if (g !== this.kernelGroup) return [a, b];
    const [kr, ki] = kernelFactor(this.settings.kernel, p, this.layout.kernel, t);
    return [a * kr - b * ki, a * ki + b * kr];
  }

  /** Voigt decay and shift of group g at time t. */
  private voigt(p: ArrayLike<number>, g: number, t: number): [number, number] {
    const at = this.layout.groups + 3 * g;
    const lorentz = p[at] as number;
    const gaussSquared = p[at + 1] as number;
    const shift = p[at + 2] as number;
    const decay = Math.exp(-Math.PI * lorentz * t - GAUSS * gaussSquared * t * t);
    const angle = -2 * Math.PI * shift * t;
    return [decay * Math.cos(angle), decay * Math.sin(angle)];
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

  private updateColumns(p: ArrayLike<number>): void {
    const start = this.layout.groups;
    const length = this.layout.baseline - start;
    const cached = this.cachedGroupParameters;
    if (cached !== undefined) {
      let same = true;
      for (let k = 0; k < length && same; k++) same = cached[k] === p[start + k];
      if (same) return;
    }
    const n = this.time.length;
    this.voigtCache = [];
    this.envelopeCache = [];
    for (let g = 0; g < this.groupNames.length; g++) {
      const voigt = { re: new Float64Array(n), im: new Float64Array(n) };
      for (let i = 0; i < n; i++) {
        const [a, b] = this.voigt(p, g, this.time[i] as number);
        voigt.re[i] = a;
        voigt.im[i] = b;
      }
      const envelope = g === this.kernelGroup ? this.withKernel(p, voigt) : voigt;
      this.voigtCache.push(voigt);
      this.envelopeCache.push(envelope);
      const envRe = envelope.re;
      const envIm = envelope.im;
      this.basis.components.forEach((component, m) => {
        if (this.componentGroup[m] !== g) return;
        // Product straight into the transform's work buffers, bins straight into the column (no allocation).
        const [re, im, outRe, outIm] = this.work as [Float64Array, Float64Array, Float64Array, Float64Array];
        for (let i = 0; i < n; i++) {
          const br = component.fid.re[i] as number;
          const bi = component.fid.im[i] as number;
          re[i] = br * (envRe[i] as number) - bi * (envIm[i] as number);
          im[i] = br * (envIm[i] as number) + bi * (envRe[i] as number);
        }
        re[0] = (re[0] as number) / 2;
        im[0] = (im[0] as number) / 2;
        this.fft.forward(re, im, outRe, outIm);
        const column = this.columns[m] as Float64Array;
        for (let j = 0; j < this.bins; j++) {
          const k = this.binIndex[j] as number;
          column[j] = outRe[k] as number;
          column[this.bins + j] = outIm[k] as number;
        }
      });
    }
    this.cachedGroupParameters = Float64Array.from({ length }, (_, k) => p[start + k] as number);
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
    this.updateColumns(p);
    const K = this.bins;
    const sum = this.metaboliteSum(p);
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
      // ∂/∂φ0 = i·P·Q; ∂/∂φ1 = i·(ppm − pivot)·P·Q.
      const qr = (sum.re[j] as number) * c - (sum.im[j] as number) * s;
      const qi = (sum.re[j] as number) * s + (sum.im[j] as number) * c;
      const lever = (this.ppm[j] as number) - this.settings.phasePivotPpm;
      jac[rowRe + this.layout.phase0] = -qi;
      jac[rowIm + this.layout.phase0] = qr;
      jac[rowRe + this.layout.phase1] = -qi * lever;
      jac[rowIm + this.layout.phase1] = qr * lever;
      const count = this.spline.count;
      for (let b = 0; b < count; b++) {
        const v = this.spline.values[j * count + b] as number;
        jac[rowRe + this.layout.baseline + b] = v;
        jac[rowIm + this.layout.baseline + count + b] = v;
      }
    }
    this.groupDerivatives(p, jac);
    this.penaltyJacobian(jac);
  }

  private groupDerivatives(p: ArrayLike<number>, jac: Float64Array): void {
    const n = this.layout.count;
    const K = this.bins;
    const points = this.time.length;
    for (let g = 0; g < this.groupNames.length; g++) {
      // S_g(t) = Σ_{m∈g} c_m·b_m(t)·L_g(t); transforms of t·S_g and t²·S_g.
      const sRe = new Float64Array(points);
      const sIm = new Float64Array(points);
      let any = false;
      this.basis.components.forEach((component, m) => {
        const c = p[m] as number;
        if (this.componentGroup[m] !== g || c === 0) return;
        any = true;
        for (let i = 0; i < points; i++) {
          sRe[i] = (sRe[i] as number) + c * (component.fid.re[i] as number);
          sIm[i] = (sIm[i] as number) + c * (component.fid.im[i] as number);
        }
      });
      if (!any) continue;
      const t1Re = new Float64Array(points);
      const t1Im = new Float64Array(points);
      const t2Re = new Float64Array(points);
      const t2Im = new Float64Array(points);
      for (let i = 0; i < points; i++) {
        const t = this.time[i] as number;
        const er = (this.envelopeCache[g] as ComplexArrays).re[i] as number;
        const ei = (this.envelopeCache[g] as ComplexArrays).im[i] as number;
        const a = (sRe[i] as number) * er - (sIm[i] as number) * ei;
        const b = (sRe[i] as number) * ei + (sIm[i] as number) * er;
        t1Re[i] = t * a;
        t1Im[i] = t * b;
        t2Re[i] = t * t * a;
        t2Im[i] = t * t * b;
      }
      const d1 = this.transformBins(t1Re, t1Im);
      const d2 = this.transformBins(t2Re, t2Im);
      const at = this.layout.groups + 3 * g;
      const gaussFactor = -GAUSS;
      for (let j = 0; j < K; j++) {
        const [c, s] = this.phaseAt(p, j);
        const xr = (d1.re[j] as number) * c - (d1.im[j] as number) * s;
        const xi = (d1.re[j] as number) * s + (d1.im[j] as number) * c;
        const yr = (d2.re[j] as number) * c - (d2.im[j] as number) * s;
        const yi = (d2.re[j] as number) * s + (d2.im[j] as number) * c;
        // ∂/∂l = −π·F[t·S]; ∂/∂δ = −2πi·F[t·S]; ∂/∂(g²) = −(π²/(4 ln 2))·F[t²·S].
        jac[j * n + at] = -Math.PI * xr;
        jac[(K + j) * n + at] = -Math.PI * xi;
        jac[j * n + at + 1] = gaussFactor * yr;
        jac[(K + j) * n + at + 1] = gaussFactor * yi;
        jac[j * n + at + 2] = 2 * Math.PI * xi;
        jac[(K + j) * n + at + 2] = -2 * Math.PI * xr;
      }
      if (g === this.kernelGroup) this.kernelDerivatives(p, g, sRe, sIm, jac);
    }
  }

  /** ∂/∂s_k = P·F[(e^{2πiν_k t} − 1)·S_g(t)·V_g(t)] (V: the Voigt factor without the kernel). */
  private kernelDerivatives(
    p: ArrayLike<number>,
    g: number,
    sRe: Float64Array,
    sIm: Float64Array,
    jac: Float64Array,
  ): void {
    const n = this.layout.count;
    const K = this.bins;
    const points = this.time.length;
    const vRe = new Float64Array(points);
    const vIm = new Float64Array(points);
    const voigt = this.voigtCache[g] as ComplexArrays;
    for (let i = 0; i < points; i++) {
      const er = voigt.re[i] as number;
      const ei = voigt.im[i] as number;
      vRe[i] = (sRe[i] as number) * er - (sIm[i] as number) * ei;
      vIm[i] = (sRe[i] as number) * ei + (sIm[i] as number) * er;
    }
    const xRe = new Float64Array(points);
    const xIm = new Float64Array(points);
    for (let k = 0; k < this.kernelCount; k++) {
      const phasor = this.kernelPhasors[k] as ComplexArrays;
      for (let i = 0; i < points; i++) {
        const fr = phasor.re[i] as number;
        const fi = phasor.im[i] as number;
        xRe[i] = (vRe[i] as number) * fr - (vIm[i] as number) * fi;
        xIm[i] = (vRe[i] as number) * fi + (vIm[i] as number) * fr;
      }
      const d = this.transformBins(xRe, xIm);
      const column = this.layout.kernel + k;
      for (let j = 0; j < K; j++) {
        const [c, s] = this.phaseAt(p, j);
        jac[j * n + column] = (d.re[j] as number) * c - (d.im[j] as number) * s;
        jac[(K + j) * n + column] = (d.re[j] as number) * s + (d.im[j] as number) * c;
      }
    }
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
