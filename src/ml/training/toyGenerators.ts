/**
 * Toy spectrum simulators for tests and the demo model, until the domain simulators (gamma, MRS,
 * emission) arrive: Gaussian peaks on a linear or exponential baseline with Poisson counting noise.
 * Every sample is drawn from its own stream `deriveSeed(seed, i)`, so `generate(n, s)` starts with
 * the samples of `generate(m, s)` for m < n.
 *
 * Layout: one input field `spectrum` of shape `[1, L, 1]` (the `[N, 1, L, C]` layout of
 * `tinyConvNet.ts` and `ml/blocks`). Peak widths scale with L, so the problem looks the same at
 * any length (FWHM 4–16 points at L = 512).
 */
import { WorkbenchError } from '../../core/errors';
import type { DataGenerator, Dataset, GeneratorDescription, ParameterRange } from './dataset';
import { createRandom, deriveSeed, type Random } from './random';

/** Gaussian FWHM = 2·√(2 ln 2)·σ. */
const fwhmPerSigma = 2 * Math.sqrt(2 * Math.LN2);

interface Peak {
  /** Centre, in points (0 … L − 1). */
  readonly centre: number;
  readonly fwhm: number;
  /** Height above the baseline, in counts. */
  readonly amplitude: number;
}

/** The parameter ranges shared by both toys, for length `L` (see {@link GeneratorDescription}). */
function commonParameters(length: number): Record<string, ParameterRange> {
  return {
    length: { min: length, max: length, unit: 'points', distribution: 'fixed', description: 'spectrum length L' },
    centre: {
      min: 0.05 * length,
      max: 0.95 * length,
      unit: 'points',
      distribution: 'uniform',
      description: 'peak centre',
    },
    fwhm: { min: length / 128, max: length / 32, unit: 'points', distribution: 'uniform', description: 'peak FWHM' },
    amplitude: {
      min: 200,
      max: 1000,
      unit: 'counts',
      distribution: 'log-uniform',
      description: 'peak height above the baseline',
    },
    baselineLinear: {
      min: 10,
      max: 200,
      unit: 'counts',
      distribution: 'uniform',
      description: 'probability 1/2: linear baseline, start and end levels drawn independently',
    },
    baselineExponential: {
      min: 20,
      max: 300,
      unit: 'counts',
      distribution: 'uniform',
      description: 'probability 1/2: a·exp(−x/τ) baseline, a drawn here, τ uniform on [0.2 L, L]',
    },
  };
}

const noiseDescription =
  'every point is a Poisson count with the expected value as mean (Gaussian approximation from 30 counts)';

function drawPeak(random: Random, length: number): Peak {
  return {
    centre: random.uniform(0.05 * length, 0.95 * length),
    fwhm: random.uniform(length / 128, length / 32),
    amplitude: 200 * 5 ** random.next(), // log-uniform on [200, 1000]
  };
}

/** Writes Poisson counts of baseline + peaks into `out` (length L); returns nothing. */
function simulateCounts(random: Random, peaks: readonly Peak[], out: Float32Array): void {
  const length = out.length;
  const linear = random.next() < 0.5;
  const start = linear ? random.uniform(10, 200) : random.uniform(20, 300);
  const end = linear ? random.uniform(10, 200) : 0;
  const decayLength = linear ? 1 : random.uniform(0.2 * length, length);
  for (let i = 0; i < length; i++) {
    let expected = linear ? start + ((end - start) * i) / (length - 1) : start * Math.exp(-i / decayLength);
    for (const { centre, fwhm, amplitude } of peaks) {
      const z = ((i - centre) * fwhmPerSigma) / fwhm;
      expected += amplitude * Math.exp(-0.5 * z * z);
    }
    out[i] = random.poisson(expected);
  }
}

function checkLength(length: number): void {
  if (!Number.isInteger(length) || length < 128) {
    throw new WorkbenchError('INVALID_OPTION', `length must be an integer ≥ 128, got ${length}`);
  }
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) {
    throw new WorkbenchError('INVALID_OPTION', `count must be an integer ≥ 0, got ${count}`);
  }
}

export interface ToyPeaksClassificationOptions {
  /** Spectrum length L in points, integer ≥ 128 (default 512). */
  readonly length?: number;
  /**
   * Least distance between peak centres, in units of the larger FWHM of the pair (default 2:
   * clearly resolved). Below about 1 two peaks can merge into one apparent peak, so the count
   * becomes genuinely ambiguous — a harder task on which uncertainty means something.
   */
  readonly minimumSeparationFwhm?: number;
}

/**
 * Toy classification: each spectrum has 1, 2 or 3 peaks (equally likely), centres at least
 * 2 × the larger FWHM apart (clearly resolved) so that the count is well defined; the input is scaled to a maximum
 * of 1. Target `peakCount`: one-hot `[3]` (class k − 1 for k peaks), for `categoricalCrossentropy`.
 */
export function toyPeaksClassification(options: ToyPeaksClassificationOptions = {}): DataGenerator {
  const length = options.length ?? 512;
  checkLength(length);
  const minimumSeparation = options.minimumSeparationFwhm ?? 2;
  if (!(minimumSeparation >= 0.25 && minimumSeparation <= 4)) {
    throw new WorkbenchError('INVALID_OPTION', `minimumSeparationFwhm must be in 0.25..4, got ${minimumSeparation}`);
  }
  const id = 'toy-peaks-classification';
  return {
    id,
    describe: (): GeneratorDescription => ({
      id,
      description: `Count the Gaussian peaks (1, 2 or 3) in a spectrum; ${noiseDescription}`,
      inputs: [{ name: 'spectrum', shape: [1, length, 1], description: 'Poisson counts divided by their maximum' }],
      targets: [{ name: 'peakCount', shape: [3], description: 'one-hot: class k − 1 has k peaks' }],
      parameters: {
        ...commonParameters(length),
        peakCount: { min: 1, max: 3, unit: '', distribution: 'uniform integer', description: 'number of peaks' },
        separation: {
          min: minimumSeparation,
          max: minimumSeparation,
          unit: 'FWHM',
          distribution: 'lower bound (rejection sampling)',
          description: 'least distance between peak centres, in units of the larger FWHM of the pair',
        },
      },
    }),
    generate(count: number, seed: number): Dataset {
      checkCount(count);
      const spectra = new Float32Array(count * length);
      const labels = new Float32Array(count * 3);
      for (let n = 0; n < count; n++) {
        const random = createRandom(deriveSeed(seed, n));
        const peakCount = random.integer(1, 3);
        const peaks: Peak[] = [];
        while (peaks.length < peakCount) {
          const peak = drawPeak(random, length);
          const separated = peaks.every(
            (other) => Math.abs(other.centre - peak.centre) >= minimumSeparation * Math.max(other.fwhm, peak.fwhm),
          );
          if (separated) peaks.push(peak);
        }
        const spectrum = spectra.subarray(n * length, (n + 1) * length);
        simulateCounts(random, peaks, spectrum);
        const max = spectrum.reduce((m, v) => Math.max(m, v), 0);
        if (max > 0) for (let i = 0; i < length; i++) spectrum[i] = (spectrum[i] as number) / max;
        labels[n * 3 + peakCount - 1] = 1;
      }
      return {
        inputs: [{ name: 'spectrum', shape: [1, length, 1], values: spectra }],
        targets: [{ name: 'peakCount', shape: [3], values: labels }],
        size: count,
      };
    },
  };
}

/** Targets of {@link toyPeakRegression}. */
export type ToyPeakTarget = 'position' | 'fwhm' | 'area';

export interface ToyPeakRegressionOptions {
  /** Spectrum length L in points, integer ≥ 128 (default 512). */
  readonly length?: number;
  /** Which targets, in this order (default all three). */
  readonly targets?: readonly ToyPeakTarget[];
  /** Counts that map to 1 in the input (default 1000); the input is counts / countScale. */
  readonly countScale?: number;
}

const targetDescriptions: Record<ToyPeakTarget, string> = {
  position: 'peak centre / L (fraction of the spectrum, 0.05–0.95)',
  fwhm: 'peak FWHM in points',
  area: 'peak area above the baseline in input units × points (amplitude·σ·√(2π) / countScale)',
};

/**
 * Toy regression: one peak per spectrum, input = counts / `countScale` (a fixed scale, so that
 * the area can be recovered). Target `peak`: `[k]` values, the chosen `targets` in order.
 */
export function toyPeakRegression(options: ToyPeakRegressionOptions = {}): DataGenerator {
  const length = options.length ?? 512;
  const targets = options.targets ?? (['position', 'fwhm', 'area'] as const);
  const countScale = options.countScale ?? 1000;
  checkLength(length);
  if (
    targets.length === 0 ||
    new Set(targets).size !== targets.length ||
    !targets.every((t) => t in targetDescriptions)
  ) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `targets must be distinct names of position, fwhm, area, got ${targets}`,
    );
  }
  if (!(countScale > 0) || !Number.isFinite(countScale)) {
    throw new WorkbenchError('INVALID_OPTION', `countScale must be a positive number, got ${countScale}`);
  }
  const id = 'toy-peak-regression';
  return {
    id,
    describe: (): GeneratorDescription => ({
      id,
      description: `Position, FWHM and area of one Gaussian peak in a spectrum; ${noiseDescription}`,
      inputs: [{ name: 'spectrum', shape: [1, length, 1], description: `Poisson counts / ${countScale}` }],
      targets: [
        { name: 'peak', shape: [targets.length], description: targets.map((t) => targetDescriptions[t]).join('; ') },
      ],
      parameters: {
        ...commonParameters(length),
        countScale: {
          min: countScale,
          max: countScale,
          unit: 'counts',
          distribution: 'fixed',
          description: 'counts that map to 1 in the input',
        },
      },
    }),
    generate(count: number, seed: number): Dataset {
      checkCount(count);
      const spectra = new Float32Array(count * length);
      const values = new Float32Array(count * targets.length);
      for (let n = 0; n < count; n++) {
        const random = createRandom(deriveSeed(seed, n));
        const peak = drawPeak(random, length);
        const spectrum = spectra.subarray(n * length, (n + 1) * length);
        simulateCounts(random, [peak], spectrum);
        for (let i = 0; i < length; i++) spectrum[i] = (spectrum[i] as number) / countScale;
        const area = (peak.amplitude * (peak.fwhm / fwhmPerSigma) * Math.sqrt(2 * Math.PI)) / countScale;
        const all: Record<ToyPeakTarget, number> = { position: peak.centre / length, fwhm: peak.fwhm, area };
        targets.forEach((target, k) => {
          values[n * targets.length + k] = all[target];
        });
      }
      return {
        inputs: [{ name: 'spectrum', shape: [1, length, 1], values: spectra }],
        targets: [{ name: 'peak', shape: [targets.length], values }],
        size: count,
      };
    },
  };
}
