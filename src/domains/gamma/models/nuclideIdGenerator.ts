import type { Spectrum } from '../../../core';
import { prepareInput } from '../../../ml/inference/prepareInput';
import type { InputContract } from '../../../ml/registry/modelCard';
import type { DataGenerator, Dataset, GeneratorDescription } from '../../../ml/training/dataset';
import { createRandom, deriveSeed, type Random } from '../../../ml/training/random';
import { channelEnergies } from '../calibration/energyCalibration';
import { findNuclide } from '../nuclides/nuclideLibrary';
import { DETECTOR_MODELS, type DetectorId, defaultCalibration } from '../simulation/detectorModels';
import { type SpectrumSource, simulateSpectrum } from '../simulation/simulateSpectrum';

/** Options of {@link nuclideIdGenerator}. */
export interface NuclideIdGeneratorOptions {
  /** The labels: library names of the nuclides the network learns to name. */
  readonly nuclides: readonly string[];
  /** The model's input contract: every simulated spectrum goes through `prepareInput` with it. */
  readonly contract: InputContract;
  /** Range of net source counts (all sources together), drawn log-uniformly. */
  readonly netCounts: readonly [number, number];
}

/** Detectors and how often each is drawn, with the channel count simulated (HPGe at 4096 for speed). */
const DETECTORS: readonly { readonly id: DetectorId; readonly weight: number; readonly channels: number }[] = [
  { id: 'nai-3x3', weight: 0.22, channels: 1024 },
  { id: 'nai-2x2', weight: 0.13, channels: 1024 },
  { id: 'csi-radiacode', weight: 0.2, channels: 1024 },
  { id: 'labr3-1.5x1.5', weight: 0.13, channels: 2048 },
  { id: 'czt-1cm3', weight: 0.12, channels: 4096 },
  { id: 'hpge-coax-40', weight: 0.2, channels: 4096 },
];

/** Number of sources in a sample and its probability: background only, one, two or three nuclides. */
const SOURCE_COUNTS: readonly (readonly [number, number])[] = [
  [0, 0.12],
  [1, 0.5],
  [2, 0.28],
  [3, 0.1],
];

function pick<T>(random: Random, items: readonly T[], weight: (item: T) => number): T {
  let u = random.next() * items.reduce((sum, item) => sum + weight(item), 0);
  for (const item of items) {
    u -= weight(item);
    if (u < 0) return item;
  }
  return items[items.length - 1] as T;
}

const logUniform = (random: Random, [min, max]: readonly [number, number]) =>
  Math.exp(random.uniform(Math.log(min), Math.log(max)));

/**
 * Simulated gamma spectra for a multi-label nuclide identifier (the artificial-data step of the
 * GRS workflow). Each sample, from its own seeded stream:
 * - a detector (NaI 3″ and 2″, CsI RadiaCode-like, LaBr₃, CZT, HPGe) at its default calibration,
 *   with gain drift ±3 %, offset ±5 keV, a small quadratic non-linearity and resolution ×0.85–1.2;
 * - 0–3 nuclides from the label list (12 % background-only), net counts log-uniform in
 *   `netCounts`, shared among the sources by a random split; each source shielded with probability
 *   0.3 (lead 0.5–10 g/cm², iron 2–30 g/cm² or concrete 5–50 g/cm²);
 * - the environmental background at 0.5–2× the detector's typical rate for a live time of
 *   60–3600 s (log-uniform), its scattered continuum (ratio 1–6) and slope (E^−1.2…−2.2)
 *   randomised because the default shape is not right for small crystals (simulator notes), with
 *   lead x-rays in half the samples;
 * - Poisson counts, then exactly the inference path: a Spectrum on the calibration's energy axis →
 *   `prepareInput(spectrum, contract)`.
 * Targets: 1 for each nuclide present, 0 otherwise.
 */
export function nuclideIdGenerator(options: NuclideIdGeneratorOptions): DataGenerator {
  const nuclides = options.nuclides.map((name) => {
    const nuclide = findNuclide(name);
    if (nuclide === undefined) throw new RangeError(`nuclideIdGenerator: "${name}" is not in the nuclide library`);
    return nuclide;
  });
  const length = options.contract.length;
  const id = `gamma-nuclide-simulator-v1`;

  function sample(seed: number, input: Float32Array, target: Float32Array): void {
    const random = createRandom(seed);
    const detector = pick(random, DETECTORS, (d) => d.weight);
    const model = DETECTOR_MODELS[detector.id];
    const sourceCount = pick(random, SOURCE_COUNTS, ([, p]) => p)[0];
    const chosen = random.permutation(nuclides.length).slice(0, sourceCount);
    const total = logUniform(random, options.netCounts);
    const shares = Array.from(chosen, () => random.uniform(0.2, 1));
    const shareSum = shares.reduce((a, b) => a + b, 0);
    const sources: SpectrumSource[] = Array.from(chosen, (k, i) => {
      const nuclide = nuclides[k] as (typeof nuclides)[number];
      target[k] = 1;
      const source: SpectrumSource = {
        name: nuclide.name,
        lines: nuclide.lines,
        expectedCounts: (total * (shares[i] as number)) / shareSum,
      };
      if (random.next() >= 0.3) return source;
      const kind = random.integer(0, 2);
      const shield =
        kind === 0
          ? { material: 'lead' as const, arealDensityGcm2: random.uniform(0.5, 10) }
          : kind === 1
            ? { material: 'iron' as const, arealDensityGcm2: random.uniform(2, 30) }
            : { material: 'concrete' as const, arealDensityGcm2: random.uniform(5, 50) };
      return { ...source, shielding: [shield] };
    });
    const liveTimeS = logUniform(random, [60, 3600]);
    const calibration = defaultCalibration(model, detector.channels);
    const simulated = simulateSpectrum({
      detector: detector.id,
      sources,
      background: {
        rateCps: model.typicalBackgroundCps * random.uniform(0.5, 2),
        scatteredFluenceRatio: random.uniform(1, 6),
        continuumIndex: random.uniform(1.2, 2.2),
        leadXrays: random.next() < 0.5,
      },
      liveTimeS,
      calibration,
      gain: random.uniform(0.97, 1.03),
      offsetKeV: random.uniform(-5, 5),
      nonlinearityKeV: random.uniform(-3, 3),
      resolutionScale: random.uniform(0.85, 1.2),
      seed: deriveSeed(seed, 7),
    });
    const spectrum: Spectrum = {
      id: `sim#${seed}`,
      name: 'simulated',
      file: 'simulated',
      domain: 'gamma',
      x: { values: channelEnergies(calibration, detector.channels), unit: 'keV', quantity: 'energy', calibration },
      y: { values: simulated.counts, unit: 'counts' },
      meta: {},
    };
    input.set(prepareInput(spectrum, options.contract));
  }

  return {
    id,
    describe(): GeneratorDescription {
      return {
        id,
        description:
          'Gamma spectra from the workbench detector simulator (src/domains/gamma/simulation): 0–3 nuclides of the label list on an environmental background, six detector types, gain/offset/non-linearity/resolution augmentation, shielding, Poisson counts; prepared with the model input contract.',
        inputs: [{ name: 'spectrum', shape: [1, length, 1], description: 'prepared spectrum (input contract)' }],
        targets: [
          { name: 'nuclides', shape: [nuclides.length], description: `1 if present: ${options.nuclides.join(', ')}` },
        ],
        parameters: {
          netCounts: {
            min: options.netCounts[0],
            max: options.netCounts[1],
            unit: 'counts',
            distribution: 'log-uniform',
            description: 'net counts of all sources together',
          },
          sources: {
            min: 0,
            max: 3,
            unit: 'nuclides',
            distribution: 'P = 0.12, 0.5, 0.28, 0.1',
            description: 'nuclides per spectrum',
          },
          liveTime: {
            min: 60,
            max: 3600,
            unit: 's',
            distribution: 'log-uniform',
            description: 'live time (background counts = rate × live time)',
          },
          backgroundRate: {
            min: 0.5,
            max: 2,
            unit: '× typical cps',
            distribution: 'uniform',
            description: 'environmental background rate relative to the detector typical rate',
          },
          gain: { min: 0.97, max: 1.03, unit: '', distribution: 'uniform', description: 'gain drift' },
          offset: { min: -5, max: 5, unit: 'keV', distribution: 'uniform', description: 'calibration offset error' },
          resolutionScale: { min: 0.85, max: 1.2, unit: '', distribution: 'uniform', description: 'FWHM scale' },
          shielding: {
            min: 0,
            max: 0.3,
            unit: 'probability',
            distribution: 'per source',
            description: 'lead 0.5–10, iron 2–30 or concrete 5–50 g/cm²',
          },
          detectors: {
            min: 0,
            max: DETECTORS.length - 1,
            unit: 'type',
            distribution: DETECTORS.map((d) => `${d.id} ${d.weight}`).join(', '),
            description: 'detector model',
          },
        },
      };
    },
    generate(count: number, seed: number): Dataset {
      const inputs = new Float32Array(count * length);
      const targets = new Float32Array(count * nuclides.length);
      for (let i = 0; i < count; i++) {
        sample(
          deriveSeed(seed, i),
          inputs.subarray(i * length, (i + 1) * length),
          targets.subarray(i * nuclides.length, (i + 1) * nuclides.length),
        );
      }
      return {
        inputs: [{ name: 'spectrum', shape: [1, length, 1], values: inputs }],
        targets: [{ name: 'nuclides', shape: [nuclides.length], values: targets }],
        size: count,
      };
    },
  };
}
