import { type Spectrum, WorkbenchError } from '../../../core';
import { rebinHistogram } from '../../../numeric/rebinHistogram';
import { countVariance, spectrumEdges } from './spectrumEdges';

/** Options of {@link sumSpectra}. */
export interface SumSpectraOptions {
  /**
   * `time-series`: consecutive measurements of one detector — live and real times add up.
   * `detectors`: simultaneous measurements of several detectors — the sum covers the same
   * period, so live time is the mean of the detectors' live times and real time the longest.
   * Default `time-series`.
   */
  readonly mode?: 'time-series' | 'detectors';
  /** Display name of the sum (default: "sum of N spectra"). */
  readonly name?: string;
}

/**
 * Sums spectra after aligning them: every spectrum is rebinned (counts conserved) onto the
 * channels of the first one, so detectors or samples with different gains add up energy by energy.
 * Uncalibrated spectra (channel axes) are summed channel by channel and must have equal lengths.
 * Uncertainties are propagated (Poisson when a spectrum carries none).
 * @throws WorkbenchError INVALID_OPTION for an empty list, mixed axis units, or unequal channel counts without calibration.
 */
export function sumSpectra(spectra: readonly Spectrum[], options: SumSpectraOptions = {}): Spectrum {
  const first = spectra[0];
  if (first === undefined) throw new WorkbenchError('INVALID_OPTION', 'nothing to sum: no spectrum given');
  const fail = (message: string): never => {
    throw new WorkbenchError('INVALID_OPTION', message, { file: first.file });
  };
  const n = first.y.values.length;
  const counts = new Float64Array(n);
  const variance = new Float64Array(n);
  const targetEdges = first.x.unit === 'keV' ? spectrumEdges(first) : undefined;
  const lives: number[] = [];
  const reals: number[] = [];
  for (const spectrum of spectra) {
    if (spectrum.x.unit !== first.x.unit)
      fail(`cannot sum a spectrum in ${spectrum.x.unit} with one in ${first.x.unit}`);
    let part: Float64Array;
    let partVariance: Float64Array;
    if (targetEdges !== undefined && spectrum !== first) {
      partVariance = new Float64Array(n);
      part = rebinHistogram(spectrumEdges(spectrum), spectrum.y.values, targetEdges, {
        variance: countVariance(spectrum),
        outputVariance: partVariance,
      });
    } else {
      if (spectrum.y.values.length !== n)
        fail(`uncalibrated spectra need equal channel counts (${n} vs ${spectrum.y.values.length})`);
      part = spectrum.y.values;
      partVariance = countVariance(spectrum);
    }
    for (let i = 0; i < n; i++) {
      counts[i] = (counts[i] as number) + (part[i] as number);
      variance[i] = (variance[i] as number) + (partVariance[i] as number);
    }
    const live = spectrum.meta.liveTimeS;
    const real = spectrum.meta.realTimeS;
    if (typeof live === 'number') lives.push(live);
    if (typeof real === 'number') reals.push(real);
  }
  const meta: Record<string, string | number | boolean> = { ...first.meta, summedSpectra: spectra.length };
  delete meta.liveTimeS;
  delete meta.realTimeS;
  delete meta.sampleNumber;
  const detectors = options.mode === 'detectors';
  if (lives.length === spectra.length) {
    meta.liveTimeS = detectors ? lives.reduce((a, b) => a + b, 0) / lives.length : lives.reduce((a, b) => a + b, 0);
  }
  if (reals.length === spectra.length) {
    meta.realTimeS = detectors ? Math.max(...reals) : reals.reduce((a, b) => a + b, 0);
  }
  return {
    ...first,
    id: `${first.id}/sum${spectra.length}`,
    name: options.name ?? `${first.name} (sum of ${spectra.length} spectra)`,
    y: { values: counts, unit: first.y.unit, sigma: variance.map(Math.sqrt) },
    meta,
  };
}
