import type { Spectrum } from '../../../core';
import type { MrsQuantifyResult } from '../fitting/quantifyMrs';
import { fidToPpmSpectrum } from '../processing/spectralTransform';
import { acquisitionOf, fidOf } from '../processing/transientData';
import { type TransientAlignment, transientAlignment } from './transientAlignment';

/** A rule-of-thumb verdict; `not assessed` where no rule applies (other field strengths, no value). */
export type QaVerdict = 'good' | 'acceptable' | 'poor' | 'not assessed';

/** One metric against a consensus rule of thumb. */
export interface QaAssessment {
  readonly metric: string;
  readonly verdict: QaVerdict;
  /** The rule applied, in words, with its source. */
  readonly rule: string;
}

/** CRLB of one row of the concentration table, flagged for information (never a rejection). */
export interface CrlbFlag {
  readonly name: string;
  readonly crlbPercent: number;
  /** `ok` ≤ 20 %, `over 20 %`, `over 50 %`, `not estimable` (amplitude held at 0; LCModel's 999 %). */
  readonly flag: 'ok' | 'over 20 %' | 'over 50 %' | 'not estimable';
}

/** Quality metrics of one quantified spectrum (the report's QA table). */
export interface MrsQualityMetrics {
  readonly snr: {
    /** LCModel's S/N: max(data − baseline) over 2 × RMS residual (from the fit). */
    readonly lcmodel: number;
    /** NAA peak height (data − baseline, 1.9–2.1 ppm) over the noise SD of the real spectrum. */
    readonly naa: number;
    readonly naaPeakHeight: number;
    readonly noiseSd: number;
    readonly noiseSource: 'signal-free region' | 'residual';
  };
  readonly linewidth: {
    /** FWHM of the fitted NAA singlet (Cr without NAA), ppm and Hz; NaN when neither is fitted. */
    readonly fwhmPpm: number;
    readonly fwhmHz: number;
    readonly of: string;
    readonly waterFwhmPpm?: number;
    readonly waterFwhmHz?: number;
  };
  /** What remains of water at 4.4–4.9 ppm: magnitude peak over the NAA magnitude peak (1.9–2.1 ppm). */
  readonly residualWater?: { readonly heightRatio: number; readonly peakPpm: number };
  readonly fit: {
    /** RMS residual over the noise SD (1 = only noise left). */
    readonly quality: number;
    readonly converged: boolean;
    readonly iterations: number;
  };
  readonly crlb: readonly CrlbFlag[];
  readonly alignment?: TransientAlignment;
  readonly assessments: readonly QaAssessment[];
  readonly notes: readonly string[];
}

/** Caution printed with every CRLB flag list (Kreis, Magn Reson Med 2016;75:15). */
export const CRLB_CAUTION =
  'CRLBs are flagged for information only: rejecting values by CRLB (> 20 % or > 50 %) removes low ' +
  'concentrations selectively and biases group means (Kreis, Magn Reson Med 2016;75:15); report them, and ' +
  'average concentrations rather than excluding them.';

const NAA_RANGE: readonly [number, number] = [1.9, 2.1];
const WATER_RANGE: readonly [number, number] = [4.4, 4.9];

/**
 * Quality metrics of a quantification: S/N two ways (LCModel's from the fit, LCModel manual §11.2.5;
 * and NAA peak height over the noise SD of the real spectrum, mrs-notes §1.2 item 10 — FSL-MRS
 * `utils/qc.py` divides its spectrum peak by √2 × SD(real) instead, so its value is ours / √2), linewidths (NAA from the fit, water from its
 * reference fit, ppm and Hz), residual water (needs `metabolite`, the preprocessed FID that was
 * quantified: its magnitude spectrum, on the fit's referenced ppm scale), fit quality, CRLB flags,
 * the per-transient alignment the preprocessing recorded in `metabolite`'s meta, and verdicts
 * against the consensus rules of thumb (mrs-notes §5.2 "QA thresholds", from Near 2021, Kreis 2020,
 * Lin 2021: FWHM ≤ 0.07 ppm good,
 * ≤ 0.1 ppm acceptable at 3 T; NAA SNR ≥ 20 good, ≥ 10 acceptable). They are rules of thumb, not
 * pass/fail criteria.
 */
export function qualityMetrics(result: MrsQuantifyResult, metabolite?: Spectrum): MrsQualityMetrics {
  const { fit } = result;
  const sf = result.basis.acquisition.spectrometerFrequencyMHz;
  let naaPeakHeight = Number.NaN;
  for (let j = 0; j < fit.ppm.length; j++) {
    const ppm = fit.ppm[j] as number;
    if (ppm < NAA_RANGE[0] || ppm > NAA_RANGE[1]) continue;
    const height = (fit.data[j] as number) - (fit.baseline[j] as number);
    if (!(height <= naaPeakHeight)) naaPeakHeight = height;
  }
  const snrNaa = naaPeakHeight / fit.noiseSd;
  const notes: string[] = [];
  if (fit.noiseSource === 'residual')
    notes.push('no signal-free region in the spectral window: the noise SD is the fit residual’s');
  const water = result.water;
  const linewidth = {
    fwhmPpm: fit.fwhmPpm,
    fwhmHz: fit.fwhmPpm * sf,
    of: fit.fwhmOf,
    ...(water === undefined ? {} : { waterFwhmPpm: water.fwhmPpm, waterFwhmHz: water.fwhmPpm * sf }),
  };
  const residualWater = metabolite === undefined ? undefined : residualWaterOf(metabolite, result.referenceShiftHz);
  const crlb = result.quantification.metabolites.map((m): CrlbFlag => {
    const flag =
      !Number.isFinite(m.amplitudeSd) || m.crlbPercent >= 999
        ? 'not estimable'
        : m.crlbPercent > 50
          ? 'over 50 %'
          : m.crlbPercent > 20
            ? 'over 20 %'
            : 'ok';
    return { name: m.name, crlbPercent: m.crlbPercent, flag };
  });
  if (crlb.some((c) => c.flag !== 'ok')) notes.push(CRLB_CAUTION);
  const alignment = metabolite === undefined ? undefined : transientAlignment(metabolite.meta);
  const at3T = sf > 2.5 * 42.577 && sf < 3.5 * 42.577;
  const assessments: QaAssessment[] = [
    fwhmAssessment(`${fit.fwhmOf} FWHM`, fit.fwhmPpm, at3T),
    ...(water === undefined ? [] : [fwhmAssessment('water FWHM', water.fwhmPpm, at3T)]),
    {
      metric: 'NAA SNR',
      verdict: !Number.isFinite(snrNaa) ? 'not assessed' : snrNaa >= 20 ? 'good' : snrNaa >= 10 ? 'acceptable' : 'poor',
      rule: 'NAA SNR ≳ 10–20 (common practical cut-offs, consensus papers Near 2021, Kreis 2020, Lin 2021)',
    },
  ];
  notes.push(
    'Verdicts are consensus rules of thumb (FWHM ≤ 0.1 ppm acceptable, ≤ 0.07 ppm good at 3 T; NAA SNR ≳ 10–20), not pass/fail criteria.',
  );
  return {
    snr: { lcmodel: fit.snr, naa: snrNaa, naaPeakHeight, noiseSd: fit.noiseSd, noiseSource: fit.noiseSource },
    linewidth,
    ...(residualWater === undefined ? {} : { residualWater }),
    fit: { quality: fit.fitQuality, converged: fit.converged, iterations: fit.iterations },
    crlb,
    ...(alignment === undefined ? {} : { alignment }),
    assessments,
    notes,
  };
}

function fwhmAssessment(metric: string, fwhmPpm: number, at3T: boolean): QaAssessment {
  const rule = 'FWHM ≤ 0.07 ppm good, ≤ 0.1 ppm acceptable at 3 T (consensus rule of thumb)';
  if (!at3T || !Number.isFinite(fwhmPpm)) return { metric, verdict: 'not assessed', rule: `${rule}; not this field` };
  return { metric, verdict: fwhmPpm <= 0.07 ? 'good' : fwhmPpm <= 0.1 ? 'acceptable' : 'poor', rule };
}

/**
 * Residual water of the quantified FID: the largest magnitude at 4.4–4.9 ppm over the largest at
 * 1.9–2.1 ppm (NAA), on the ppm scale after the fit's referencing shift. Magnitudes, because what
 * water removal leaves need not share the metabolites' phase.
 */
function residualWaterOf(
  metabolite: Spectrum,
  referenceShiftHz: number,
): { heightRatio: number; peakPpm: number } | undefined {
  if (metabolite.x.unit !== 's') return undefined;
  const acquisition = acquisitionOf(metabolite);
  const fid = fidOf(metabolite);
  const spectrum = fidToPpmSpectrum(
    fid.re,
    fid.im,
    acquisition.spectrometerFrequencyMHz,
    acquisition.dwellTimeS,
    acquisition.centrePpm,
  );
  const shiftPpm = referenceShiftHz / acquisition.spectrometerFrequencyMHz;
  let water = 0;
  let waterPpm = Number.NaN;
  let naa = 0;
  for (let j = 0; j < spectrum.ppm.length; j++) {
    const ppm = (spectrum.ppm[j] as number) + shiftPpm;
    const magnitude = Math.hypot(spectrum.re[j] as number, spectrum.im[j] as number);
    if (ppm >= WATER_RANGE[0] && ppm <= WATER_RANGE[1] && magnitude > water) {
      water = magnitude;
      waterPpm = ppm;
    }
    if (ppm >= NAA_RANGE[0] && ppm <= NAA_RANGE[1]) naa = Math.max(naa, magnitude);
  }
  if (!(naa > 0) || !Number.isFinite(waterPpm)) return undefined;
  return { heightRatio: water / naa, peakPpm: waterPpm };
}
