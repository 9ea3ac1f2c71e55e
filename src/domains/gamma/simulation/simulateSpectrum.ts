import type { ChannelCalibration } from '../../../core';
import { createRandom } from '../../../ml/training/random';
import type { NuclideLine } from '../nuclides/nuclide';
import { transmission } from './attenuation';
import { DETECTOR_MODELS, type DetectorId, type DetectorModel, defaultCalibration } from './detectorModels';
import { blurVariable } from './lineShapes';
import { type NaturalBackgroundOptions, naturalBackground, scatteredFluence } from './naturalBackground';
import { samplePoisson } from './poisson';
import { shieldSecondaries } from './shieldSecondaries';
import { channelGrid, check, checkShields, geometricFactor, invalid, type Shield } from './simulationSetup';
import { continuousPhotons, type ScatterStrength, SpectrumAccumulator } from './spectrumAccumulator';

export type { Shield } from './simulationSetup';

/**
 * A gamma source. Give `activityBq` with `distanceCm` (point source on the detector axis; the solid
 * angle of the crystal face) or `geometricFactor` (fraction of emitted photons that reach the face),
 * or give `expectedCounts`: the counts this source adds to the spectrum (all components, above
 * the threshold).
 */
export interface SpectrumSource {
  readonly name?: string;
  /** Lines with photons per 100 decays; for `expectedCounts` only their ratios matter. */
  readonly lines: readonly NuclideLine[];
  readonly activityBq?: number;
  readonly distanceCm?: number;
  readonly geometricFactor?: number;
  readonly expectedCounts?: number;
  /** Shielding of this source only, listed from the source towards the detector. */
  readonly shielding?: readonly Shield[];
}

/** Options of {@link simulateSpectrum}. */
export interface SimulateSpectrumOptions {
  readonly detector: DetectorId | DetectorModel;
  readonly sources?: readonly SpectrumSource[];
  /** Shielding between every source and the detector (after each source's own). */
  readonly shielding?: readonly Shield[];
  /** Environmental background: false for none; default on at the detector's typical rate. */
  readonly background?: false | (NaturalBackgroundOptions & { readonly rateCps?: number });
  readonly liveTimeS: number;
  /** The calibration the spectrum reports (default: the detector's linear default). */
  readonly calibration?: ChannelCalibration;
  readonly channelCount?: number;
  /** Augmentation: a true energy E lands where the calibration says offset + gain·E + nonlinearity·(E/1 MeV)². */
  readonly gain?: number;
  readonly offsetKeV?: number;
  readonly nonlinearityKeV?: number;
  /** Augmentation: multiplies every FWHM. */
  readonly resolutionScale?: number;
  /** Photons back-scattered (120°–180°) / side-scattered (30°–120°) by the surroundings into the crystal per direct photon. */
  readonly backscatterFraction?: number;
  readonly sideScatterFraction?: number;
  /** Rescale the expected spectrum to this many counts (low-count regimes). */
  readonly targetTotalCounts?: number;
  readonly seed: number;
}

/** What was simulated, for labels and checks. */
export interface SimulationTruth {
  readonly detectorId: DetectorId;
  readonly seed: number;
  readonly gain: number;
  readonly offsetKeV: number;
  readonly nonlinearityKeV: number;
  readonly resolutionScale: number;
  readonly sources: readonly {
    readonly name: string;
    readonly expectedCounts: number;
    readonly lines: readonly { readonly energyKeV: number; readonly expectedPeakCounts: number }[];
  }[];
  readonly backgroundExpectedCounts: number;
  readonly totalExpectedCounts: number;
}

export interface SimulatedSpectrum {
  /** Poisson-sampled counts per channel. */
  readonly counts: Float64Array;
  /** The expected counts (the mean the counts were drawn from). */
  readonly expected: Float64Array;
  readonly calibration: ChannelCalibration;
  readonly liveTimeS: number;
  readonly truth: SimulationTruth;
}

/**
 * Simulates a gamma spectrum: analytic expected counts per channel (peaks integrated over channel
 * edges, Compton continuum and surroundings scatter blurred by the energy resolution, escape and
 * secondary peaks, environmental background, discriminator) and one Poisson draw per channel.
 * Deterministic for a given `seed`. Throws INVALID_OPTION for options out of range.
 */
export function simulateSpectrum(options: SimulateSpectrumOptions): SimulatedSpectrum {
  const model = typeof options.detector === 'string' ? DETECTOR_MODELS[options.detector] : options.detector;
  if (model === undefined) throw invalid(`unknown detector "${String(options.detector)}"`);
  if (!Number.isSafeInteger(options.seed)) throw invalid(`seed must be a safe integer, got ${options.seed}`);
  const liveTimeS = check(options.liveTimeS, 'liveTimeS', Number.NaN, 0);
  const n = check(
    options.channelCount ?? options.calibration?.channelCount,
    'channelCount',
    model.defaultChannelCount,
    1,
    1 << 20,
  );
  if (!Number.isInteger(n)) throw invalid(`channelCount must be an integer, got ${n}`);
  const calibration = options.calibration ?? defaultCalibration(model, n);
  const gain = check(options.gain, 'gain', 1, 0.2, 5);
  const offsetKeV = check(options.offsetKeV, 'offsetKeV', 0, -1e4, 1e4);
  const nonlinearityKeV = check(options.nonlinearityKeV, 'nonlinearityKeV', 0, -1e4, 1e4);
  const resolutionScale = check(options.resolutionScale, 'resolutionScale', 1, 0.1, 10);
  const direct: ScatterStrength = {
    backscatter: check(options.backscatterFraction, 'backscatterFraction', 0.02, 0, 10),
    sideScatter: check(options.sideScatterFraction, 'sideScatterFraction', 0.02, 0, 10),
  };
  const commonShields = checkShields(options.shielding, 'shielding');
  const grid = channelGrid(model, calibration, n, gain, offsetKeV, nonlinearityKeV, resolutionScale);
  const total = new SpectrumAccumulator(model, grid, resolutionScale);
  const part = new SpectrumAccumulator(model, grid, resolutionScale);

  const sources: SimulationTruth['sources'][number][] = [];
  (options.sources ?? []).forEach((source, index) => {
    const shields = [...checkShields(source.shielding, `sources[${index}].shielding`), ...commonShields];
    const byActivity = source.activityBq !== undefined;
    if (byActivity === (source.expectedCounts !== undefined))
      throw invalid(`sources[${index}]: give exactly one of activityBq and expectedCounts`);
    const emitted = byActivity
      ? check(source.activityBq, `sources[${index}].activityBq`, 0, 0) *
        liveTimeS *
        geometricFactor(model, source, index)
      : 1;
    part.reset();
    const lines: { energyKeV: number; expectedPeakCounts: number }[] = [];
    for (const line of source.lines) {
      if (!(line.energyKeV > 0) || !(line.intensityPct >= 0))
        throw invalid(`sources[${index}]: a line needs energyKeV > 0 and intensityPct ≥ 0`);
      let photons = (emitted * line.intensityPct) / 100;
      for (const shield of shields) {
        for (const s of shieldSecondaries(shield.material, shield.arealDensityGcm2, line.energyKeV)) {
          part.addLine(s.energyKeV, photons * s.yieldPerPrimary, direct, s.kind === 'annihilation');
        }
        photons *= transmission(shield.material, shield.arealDensityGcm2, line.energyKeV);
      }
      lines.push({
        energyKeV: line.energyKeV,
        expectedPeakCounts: part.addLine(line.energyKeV, photons, direct, line.kind === 'annihilation'),
      });
    }
    const detected = part.detectedTotal();
    const scale = byActivity
      ? 1
      : detected > 0
        ? check(source.expectedCounts, `sources[${index}].expectedCounts`, 0, 0) / detected
        : 0;
    part.addScaledTo(total, scale);
    sources.push({
      name: source.name ?? `source ${index + 1}`,
      expectedCounts: detected * scale,
      lines: lines.map((l) => ({ energyKeV: l.energyKeV, expectedPeakCounts: l.expectedPeakCounts * scale })),
    });
  });

  let backgroundExpectedCounts = 0;
  if (options.background !== false) {
    const bg = options.background ?? {};
    const rate = check(bg.rateCps, 'background.rateCps', model.typicalBackgroundCps, 0);
    const shape = naturalBackground(model, bg);
    const none: ScatterStrength = { backscatter: 0, sideScatter: 0 };
    part.reset();
    let lineFluence = 0;
    for (const line of shape.lines) {
      part.addLine(line.energyKeV, line.weight, none, line.kind === 'annihilation');
      lineFluence += line.weight;
    }
    // The scattered continuum carries `scatteredFluenceRatio` × the line fluence (20 keV … top of the grid).
    const ratio = check(shape.scatteredFluenceRatio, 'background.scatteredFluenceRatio', 2, 0, 1e3);
    const index = check(shape.continuumIndex, 'background.continuumIndex', 1.4, 0, 5);
    const top = grid.edges[n] as number;
    const fluence = (e: number) => scatteredFluence(e, index);
    const unit = continuousPhotons(fluence, top);
    if (unit > 0) part.addContinuousSpectrum(fluence, top, (ratio * lineFluence) / unit);
    const detected = part.detectedTotal();
    if (detected > 0) part.addScaledTo(total, (rate * liveTimeS) / detected);
    backgroundExpectedCounts = rate * liveTimeS;
  }

  const blurred = blurVariable(total.continuum, grid.centers, grid.widths, (e) => total.sigma(Math.max(e, 1)));
  const expected = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = ((total.peaks[i] as number) + (blurred[i] as number)) * (grid.threshold[i] as number);
    expected[i] = Math.max(v, 0);
    sum += expected[i] as number;
  }
  let k = 1;
  if (options.targetTotalCounts !== undefined) {
    const target = check(options.targetTotalCounts, 'targetTotalCounts', 0, 0);
    k = sum > 0 ? target / sum : 0;
    for (let i = 0; i < n; i++) expected[i] = (expected[i] as number) * k;
    sum = target;
  }
  const random = createRandom(options.seed);
  const counts = new Float64Array(n);
  for (let i = 0; i < n; i++) counts[i] = samplePoisson(random, expected[i] as number);
  return {
    counts,
    expected,
    calibration,
    liveTimeS,
    truth: {
      detectorId: model.id,
      seed: options.seed,
      gain,
      offsetKeV,
      nonlinearityKeV,
      resolutionScale,
      sources: sources.map((src) => ({
        name: src.name,
        expectedCounts: src.expectedCounts * k,
        lines: src.lines.map((l) => ({ energyKeV: l.energyKeV, expectedPeakCounts: l.expectedPeakCounts * k })),
      })),
      backgroundExpectedCounts: backgroundExpectedCounts * k,
      totalExpectedCounts: sum,
    },
  };
}
