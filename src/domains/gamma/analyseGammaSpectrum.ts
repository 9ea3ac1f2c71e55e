import { type Spectrum, WorkbenchError } from '../../core';
import { liveTimeOf } from './gammaSpectrum';
import { type IdentificationResult, identifyNuclides } from './identification/identifyNuclides';
import { findPeaks } from './peaks/findPeaks';
import type { GammaPeak } from './peaks/gammaPeak';
import { resolutionPrior } from './peaks/resolutionPrior';

/** Options of {@link analyseGammaSpectrum}. */
export interface GammaAnalysisOptions {
  /** A background measurement: its peaks, scaled by live time, are subtracted from the spectrum's. */
  readonly background?: Spectrum;
  /** Peak significance threshold (σ), default 3. */
  readonly threshold?: number;
  /** Least identification score reported, default 0.5. */
  readonly minScore?: number;
}

/** A peak after background-peak subtraction: the gross fit and what the background contributed. */
export interface NetPeak extends GammaPeak {
  /** Net area of the matching background peak × live-time ratio (0 when the background has none). */
  readonly backgroundArea: number;
  readonly backgroundAreaSigma: number;
}

/** Everything the classical gamma analysis says about one spectrum. */
export interface GammaAnalysis {
  readonly spectrumId: string;
  /** Peaks of the spectrum itself (gross: the continuum under each peak removed, background peaks not). */
  readonly peaks: readonly GammaPeak[];
  /** Peaks that remain after subtracting the background's peaks (all peaks when there is no background). */
  readonly netPeaks: readonly NetPeak[];
  readonly identification: IdentificationResult;
  readonly backgroundId?: string;
  /** Live-time ratio spectrum / background used to scale background peaks. */
  readonly backgroundScale?: number;
  /** How the detector resolution was chosen (named detector model, or estimated from the peaks). */
  readonly resolution: string;
  /** Energy range searched (keV), from the calibration. */
  readonly energyRangeKeV: readonly [number, number];
}

/**
 * Classical analysis of a calibrated gamma spectrum: peaks are searched and fitted
 * ({@link findPeaks}); with a background, the background's peaks are fitted too and, where one sits
 * within a FWHM of a spectrum peak, its area × live-time ratio is subtracted from that peak's net
 * area (peak-background correction, as Genie and GammaVision do), σ propagated; peaks that are no
 * longer significant are dropped. The remaining peaks go to {@link identifyNuclides}.
 * @throws WorkbenchError INVALID_OPTION when the spectrum has no energy calibration (keV axis), or a
 *   background is given without live or real times on both.
 */
export function analyseGammaSpectrum(spectrum: Spectrum, options: GammaAnalysisOptions = {}): GammaAnalysis {
  if (spectrum.x.unit !== 'keV') {
    throw new WorkbenchError(
      'INVALID_OPTION',
      'nuclide identification needs an energy calibration: recalibrate the spectrum from two known peaks first',
      { file: spectrum.file },
    );
  }
  const threshold = options.threshold ?? 3;
  const resolution = resolutionPrior(spectrum);
  const peakOptions = resolution.fwhmAt === undefined ? { threshold } : { threshold, fwhmAt: resolution.fwhmAt };
  const peaks = findPeaks(spectrum, peakOptions);
  const x = spectrum.x.values;
  const energyRangeKeV = [Math.max(x[0] as number, 0), x[x.length - 1] as number] as const;
  let netPeaks: NetPeak[] = peaks.map((peak) => ({ ...peak, backgroundArea: 0, backgroundAreaSigma: 0 }));
  let backgroundScale: number | undefined;
  const background = options.background;
  if (background !== undefined) {
    if (background.x.unit !== 'keV') {
      throw new WorkbenchError('INVALID_OPTION', 'the background has no energy calibration', { file: background.file });
    }
    const tf = liveTimeOf(spectrum);
    const tb = liveTimeOf(background);
    if (tf === undefined || tb === undefined) {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `the ${tf === undefined ? 'spectrum' : 'background'} has no live or real time to scale the background by`,
        { file: tf === undefined ? spectrum.file : background.file },
      );
    }
    backgroundScale = tf / tb;
    netPeaks = subtractBackgroundPeaks(peaks, findPeaks(background, peakOptions), backgroundScale, threshold);
  }
  const identification = identifyNuclides(netPeaks, {
    energyRangeKeV,
    ...(resolution.fwhmAt === undefined ? {} : { fwhmAt: resolution.fwhmAt }),
    ...(options.minScore === undefined ? {} : { minScore: options.minScore }),
  });
  return {
    spectrumId: spectrum.id,
    peaks,
    netPeaks,
    identification,
    resolution: resolution.reason,
    ...(background === undefined || backgroundScale === undefined
      ? {}
      : { backgroundId: background.id, backgroundScale }),
    energyRangeKeV,
  };
}

function subtractBackgroundPeaks(
  peaks: readonly GammaPeak[],
  backgroundPeaks: readonly GammaPeak[],
  scale: number,
  threshold: number,
): NetPeak[] {
  const out: NetPeak[] = [];
  for (const peak of peaks) {
    let match: GammaPeak | undefined;
    for (const candidate of backgroundPeaks) {
      const distance = Math.abs(candidate.centroidKeV - peak.centroidKeV);
      if (
        distance <= peak.fwhmKeV &&
        (match === undefined || distance < Math.abs(match.centroidKeV - peak.centroidKeV))
      ) {
        match = candidate;
      }
    }
    const backgroundArea = match === undefined ? 0 : match.netArea * scale;
    const backgroundAreaSigma = match === undefined ? 0 : match.netAreaSigma * scale;
    const netArea = peak.netArea - backgroundArea;
    const netAreaSigma = Math.hypot(peak.netAreaSigma, backgroundAreaSigma);
    const significance = netAreaSigma > 0 ? netArea / netAreaSigma : 0;
    if (significance < threshold) continue;
    out.push({ ...peak, netArea, netAreaSigma, significance, backgroundArea, backgroundAreaSigma });
  }
  return out;
}
