import type { SpectralLines } from './densityMatrixLines';

/** Sampling and line shape of {@link linesToFid}. */
export interface FidSampling {
  readonly dwellTimeS: number;
  readonly points: number;
  /** Lorentzian FWHM, Hz: the FID decays as e^{−π·w·t}. */
  readonly lorentzianHz?: number;
  /** Gaussian FWHM, Hz: the FID decays as e^{−(π·g·t)²/(4·ln 2)}. */
  readonly gaussianHz?: number;
}

/**
 * Evaluates fid(t_j) = Σ_l a_l·e^{2πi·f_l·t_j}·decay(t_j), t_j = j·dwell, as a sum of lines (a
 * complex rotation per line and point, exact phases every 256 points). Cost: lines × points.
 */
export function linesToFid(lines: SpectralLines, sampling: FidSampling): { re: Float64Array; im: Float64Array } {
  const { dwellTimeS: dt, points: n } = sampling;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const block = 256;
  lines.frequencyHz.forEach((f, l) => {
    const ar = lines.re[l] as number;
    const ai = lines.im[l] as number;
    const step = 2 * Math.PI * f * dt;
    const wr = Math.cos(step);
    const wi = Math.sin(step);
    let zr = 0;
    let zi = 0;
    for (let j = 0; j < n; j++) {
      if (j % block === 0) {
        zr = Math.cos(step * j);
        zi = Math.sin(step * j);
      }
      re[j] = (re[j] as number) + ar * zr - ai * zi;
      im[j] = (im[j] as number) + ar * zi + ai * zr;
      const next = zr * wr - zi * wi;
      zi = zr * wi + zi * wr;
      zr = next;
    }
  });
  const lorentz = sampling.lorentzianHz ?? 0;
  const gauss = sampling.gaussianHz ?? 0;
  if (lorentz !== 0 || gauss !== 0) {
    const a = (Math.PI * gauss) ** 2 / (4 * Math.LN2);
    for (let j = 0; j < n; j++) {
      const t = j * dt;
      const decay = Math.exp(-Math.PI * lorentz * t - a * t * t);
      re[j] = (re[j] as number) * decay;
      im[j] = (im[j] as number) * decay;
    }
  }
  return { re, im };
}
