import type { Spectrum } from '../../../core';
import { DETECTOR_MODELS, type DetectorId } from '../simulation/detectorModels';
import { gadrasFwhm } from '../simulation/resolution';
import { estimateResolution } from './estimateResolution';

/** What {@link resolutionPrior} decided, and why (shown with the analysis). */
export interface ResolutionPrior {
  /** FWHM (keV) at an energy (keV); `undefined`: estimate it from the spectrum's own peaks. */
  readonly fwhmAt?: (energyKeV: number) => number;
  /** The detector model whose resolution is used, if any. */
  readonly detector?: DetectorId;
  readonly reason: string;
}

const RULES: readonly { readonly pattern: RegExp; readonly detector?: DetectorId; readonly what: string }[] = [
  { pattern: /\b(hpge|ge|germanium|detective|falcon|poptop|trans-?spec|fulcrum|gem|gmx)\b/i, what: 'HPGe' },
  { pattern: /\b(csi|radiacode|kromek|d3s)\b/i, detector: 'csi-radiacode', what: 'CsI(Tl)' },
  { pattern: /\b(labr3?|labr|cebr3?|brilliance)\b|radseeker-cl/i, detector: 'labr3-1.5x1.5', what: 'LaBr₃' },
  { pattern: /\b(czt|cdznte|h3d|kromek gr1)\b/i, detector: 'czt-1cm3', what: 'CZT' },
  {
    pattern: /\b(nai|digibase|identifinder|radeagle|verifinder|bgo|radseeker-cs|2x4x16)\b/i,
    detector: 'nai-3x3',
    what: 'NaI(Tl)',
  },
];

/**
 * The resolution to search peaks with. High-resolution (HPGe) spectra estimate it from their own
 * peaks, which works because they have many narrow, isolated ones. A scintillator spectrum often
 * has a single broad peak (RadiaCode Cs-137: 55 keV wide), where that estimate fails and the
 * search then looks for peaks far too narrow; so when the detector type, instrument or title names
 * a scintillator (CsI, NaI, LaBr₃, CZT) the generic GADRAS resolution of that detector is used.
 * An unnamed detector's resolution is estimated from its peaks when they allow a FWHM² = a + b·E
 * model; otherwise, with coarse channels (≥ 1 keV per channel, a 1k–4k MCA over 3 MeV), NaI(Tl)
 * 3″×3″ is assumed. Stated in `reason`, so the user sees the assumption.
 */
export function resolutionPrior(spectrum: Spectrum): ResolutionPrior {
  const text = ['detectorType', 'instrument', 'detector', 'title']
    .map((key) => spectrum.meta[key])
    .filter((value): value is string => typeof value === 'string')
    .join(' ');
  for (const rule of RULES) {
    if (!rule.pattern.test(text)) continue;
    if (rule.detector === undefined)
      return { reason: `${rule.what} named in the file: resolution estimated from its peaks` };
    return prior(rule.detector, `${rule.what} named in the file`);
  }
  // Unnamed detector: trust the spectrum's own peaks when they give a resolution model.
  const x = spectrum.x.values;
  if (estimateResolution(spectrum.y.values, x).model === 'sqrtLinear') {
    return { reason: 'detector not named: resolution estimated from its peaks' };
  }
  const keVPerChannel = x.length > 1 ? ((x[x.length - 1] as number) - (x[0] as number)) / (x.length - 1) : 0;
  if (spectrum.x.unit === 'keV' && keVPerChannel >= 1) {
    return prior(
      'nai-3x3',
      `detector not named and too few peaks to estimate the resolution; ${keVPerChannel.toPrecision(3)} keV per channel suggests a scintillator`,
    );
  }
  return { reason: 'detector not named: resolution estimated from the peaks' };
}

function prior(detector: DetectorId, why: string): ResolutionPrior {
  const resolution = DETECTOR_MODELS[detector].resolution;
  return {
    detector,
    // GADRAS clamps energies below 10 keV; the axis may start below zero.
    fwhmAt: (energyKeV) => gadrasFwhm(Math.max(energyKeV, 10), resolution),
    reason: `${why}: generic ${DETECTOR_MODELS[detector].name} resolution (${resolution.percentAt661} % at 661 keV)`,
  };
}
