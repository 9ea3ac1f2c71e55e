import { type Spectrum, WorkbenchError } from '../../../core';
import { rebinHistogram } from '../../../numeric/rebinHistogram';
import { liveTimeOf } from '../gammaSpectrum';
import { countVariance, spectrumEdges } from './spectrumEdges';

/** Options of {@link subtractBackground}. */
export interface SubtractBackgroundOptions {
  /**
   * Factor applied to the background before subtraction. Default: live-time ratio
   * foreground / background (the usual normalisation); pass it when the times are unknown.
   */
  readonly scale?: number;
}

/**
 * Live-time-normalised background subtraction with propagated Poisson uncertainties:
 * net = F − s·B, σ² = σ_F² + s²·σ_B² with s = t_F / t_B (live times; real times when a file has no
 * live time). When the two spectra have different calibrations the background is first rebinned
 * onto the foreground's channels (counts conserved); channels of the foreground that the
 * background does not cover are left as foreground and flagged in `meta.backgroundCoverageKeV`.
 *
 * @throws WorkbenchError INVALID_OPTION when the times are unknown and no scale is given, or when
 *   one spectrum is calibrated in keV and the other is not (channel-by-channel subtraction of
 *   uncalibrated spectra needs equal channel counts).
 */
export function subtractBackground(
  foreground: Spectrum,
  background: Spectrum,
  options: SubtractBackgroundOptions = {},
): Spectrum {
  const scale = options.scale ?? liveTimeRatio(foreground, background);
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', message, { file: foreground.file });
  };
  if (!(scale >= 0) || !Number.isFinite(scale)) fail(`the background scale must be a finite number ≥ 0, got ${scale}`);
  const n = foreground.y.values.length;
  let bgCounts: Float64Array;
  let bgVariance: Float64Array;
  if (foreground.x.unit !== background.x.unit) {
    return fail(`cannot subtract a background in ${background.x.unit} from a spectrum in ${foreground.x.unit}`);
  }
  if (foreground.x.unit === 'keV') {
    bgVariance = new Float64Array(n);
    bgCounts = rebinHistogram(spectrumEdges(background), background.y.values, spectrumEdges(foreground), {
      variance: countVariance(background),
      outputVariance: bgVariance,
    });
  } else {
    if (background.y.values.length !== n) {
      fail(`uncalibrated spectra need equal channel counts (${n} vs ${background.y.values.length})`);
    }
    bgCounts = background.y.values;
    bgVariance = countVariance(background);
  }
  const fgVariance = countVariance(foreground);
  const net = new Float64Array(n);
  const sigma = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    net[i] = (foreground.y.values[i] as number) - scale * (bgCounts[i] as number);
    sigma[i] = Math.sqrt((fgVariance[i] as number) + scale * scale * (bgVariance[i] as number));
  }
  const xs = background.x.values;
  return {
    ...foreground,
    id: `${foreground.id}/net`,
    name: `${foreground.name} (background subtracted)`,
    y: { values: net, unit: foreground.y.unit, sigma },
    meta: {
      ...foreground.meta,
      backgroundSubtracted: background.name,
      backgroundScale: scale,
      backgroundCoverageKeV: `${xs[0]}…${xs[xs.length - 1]}`,
    },
  };
}

function liveTimeRatio(foreground: Spectrum, background: Spectrum): number {
  const tf = liveTimeOf(foreground);
  const tb = liveTimeOf(background);
  if (tf === undefined || tb === undefined) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `the ${tf === undefined ? 'spectrum' : 'background'} has no live or real time: give the background scale explicitly`,
      { file: tf === undefined ? foreground.file : background.file },
    );
  }
  return tf / tb;
}
