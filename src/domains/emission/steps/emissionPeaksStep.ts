import type { Spectrum } from '../../../core';
import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { fitPeaks } from '../processing/fitPeaks';
import { round } from '../processing/opticalSupport';
import { pickPeaks } from '../processing/pickPeaks';

/** One entry of `meta.peaks` (x units for positions and widths, y × x units for areas). */
export interface PeakListEntry {
  readonly x: number;
  readonly height: number;
  readonly fwhm: number;
  readonly area: number;
  readonly snr: number;
  /** With a Voigt fit: one-SD uncertainties and the Gaussian / Lorentzian widths. */
  readonly xSigma?: number;
  readonly fwhmSigma?: number;
  readonly areaSigma?: number;
  readonly gaussianFwhm?: number;
  readonly lorentzianFwhm?: number;
  readonly lorentzianFwhmSigma?: number;
}

/** The peak list a `emission-peaks` step wrote into a spectrum's meta (empty when there is none). */
export function peakListOf(spectrum: Spectrum): PeakListEntry[] {
  const text = spectrum.meta.peaks;
  return typeof text === 'string' ? (JSON.parse(text) as PeakListEntry[]) : [];
}

const r = (value: number): number => round(value, 7);

/**
 * Peak picking, optionally followed by Voigt fitting, as a pipeline step. The spectrum passes
 * unchanged; the peaks go into meta as the gamma domain keeps per-spectrum results there (meta is
 * scalar, so the list is JSON, read back with {@link peakListOf}): `peaks` (JSON array of
 * {@link PeakListEntry}, sorted by x), `peaks.count`, `peaks.noiseSigma`, `peaks.method` (`picked`
 * or `voigt fit`). Picking: `processing/pickPeaks.ts` (ml-gsd candidates, measured on the data);
 * fitting: `processing/fitPeaks.ts` (Thompson–Cox–Hastings pseudo-Voigts by our Levenberg–Marquardt,
 * σ from the covariance; SNR = fitted height / noise SD).
 */
export const emissionPeaksStep: StepDefinition = {
  id: 'emission-peaks',
  version: 1,
  label: 'Peaks (optical)',
  description:
    'Finds lines (position, height, FWHM, area) and optionally fits Voigt profiles with uncertainties; the list goes into meta.',
  params: [
    {
      key: 'minSnr',
      label: 'Least SNR',
      kind: 'number',
      default: 5,
      min: 0,
      max: 1e6,
      help: 'Net height over the noise SD.',
    },
    {
      key: 'minFwhmPoints',
      label: 'Least FWHM',
      kind: 'number',
      default: 1.5,
      min: 0,
      max: 1000,
      unit: 'points',
      help: 'Narrower peaks are spikes, not lines.',
    },
    {
      key: 'smoothingWindow',
      label: 'Derivative window',
      kind: 'integer',
      default: 7,
      min: 5,
      max: 101,
      step: 2,
      odd: true,
      unit: 'points',
      help: 'Savitzky–Golay window of the peak search (about the FWHM of the lines).',
    },
    {
      key: 'maxPeaks',
      label: 'Most peaks',
      kind: 'integer',
      default: 0,
      min: 0,
      max: 100_000,
      help: 'Keep the strongest; 0 = all.',
    },
    {
      key: 'fit',
      label: 'Fit',
      kind: 'choice',
      default: 'none',
      choices: ['none', 'voigt'],
      help: 'voigt: fit each line (blends together) for σ of position, FWHM and area, and the Lorentzian (Stark) width.',
    },
    {
      key: 'gaussianFwhm',
      label: 'Instrument FWHM',
      kind: 'number',
      default: 0,
      min: 0,
      max: 1000,
      unit: 'nm',
      help: 'Voigt fit: a known Gaussian (instrument) width, so only the Lorentzian is fitted; 0 = fit both.',
    },
    {
      key: 'background',
      label: 'Fit background',
      kind: 'choice',
      default: 'linear',
      choices: ['linear', 'constant', 'none'],
      help: 'Voigt fit: background under each region.',
    },
  ],
  apply(input, params) {
    const picked = pickPeaks(input, {
      minSnr: params.minSnr as number,
      minFwhmPoints: params.minFwhmPoints as number,
      smoothingWindow: params.smoothingWindow as number,
      ...((params.maxPeaks as number) > 0 ? { maxPeaks: params.maxPeaks as number } : {}),
    });
    let list: PeakListEntry[];
    if (params.fit === 'voigt') {
      const gaussian = params.gaussianFwhm as number;
      const lines = fitPeaks(input, picked.peaks, {
        background: params.background as 'linear' | 'constant' | 'none',
        ...(gaussian > 0 ? { fixedGaussianFwhm: gaussian } : {}),
      });
      list = lines.map((line) => ({
        x: r(line.x),
        height: r(line.height),
        fwhm: r(line.fwhm),
        area: r(line.area),
        snr: r(picked.noiseSigma > 0 ? line.height / picked.noiseSigma : Number.POSITIVE_INFINITY),
        xSigma: r(line.xSigma),
        fwhmSigma: r(line.fwhmSigma),
        areaSigma: r(line.areaSigma),
        gaussianFwhm: r(line.gaussianFwhm),
        lorentzianFwhm: r(line.lorentzianFwhm),
        lorentzianFwhmSigma: r(line.lorentzianFwhmSigma),
      }));
    } else {
      list = picked.peaks.map((p) => ({
        x: r(p.x),
        height: r(p.height),
        fwhm: r(p.fwhm),
        area: r(p.area),
        snr: r(p.snr),
      }));
    }
    return {
      ...input,
      id: `${input.id}/peaks`,
      meta: {
        ...input.meta,
        peaks: JSON.stringify(list),
        'peaks.count': list.length,
        'peaks.noiseSigma': r(picked.noiseSigma),
        'peaks.method': params.fit === 'voigt' ? 'voigt fit' : 'picked',
      },
    };
  },
};
