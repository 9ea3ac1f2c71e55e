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
  /**
   * Smallest relative weight of a source among several: weights are drawn log-uniformly in
   * [minShare, 1] and normalised. Default 0.2 (the sources within 5× of each other); training uses
   * less, so that a weak nuclide beside a strong one is learnt (the pottery's Cs-134 holds 13 % of
   * the counts beside Eu-152 and Co-60, and was missed at 0.2).
   */
  readonly minShare?: number;
}

/**
 * Nuclides that are not labels but may sit beside them in a real spectrum (activation products,
 * other calibration and medical nuclides, positron emitters with only the 511 keV line, excess
 * natural activity). Left out: look-alikes that share a label's main line and nothing else tells
 * apart (Mo-99 carries Tc-99m's 140.5 keV, U-237 Am-241's 59.5 keV, the U-235 chain U-235's lines).
 */
export const DISTRACTOR_NUCLIDES = [
  'Ag-110m',
  'Al-26',
  'Am-243',
  'Ba-140',
  'Be-7',
  'Bi-207',
  'Cd-109',
  'Ce-139',
  'Co-56',
  'Co-58',
  'Cr-51',
  'Eu-154',
  'Eu-155',
  'F-18',
  'Fe-59',
  'Ga-68',
  'Hg-203',
  'I-123',
  'I-125',
  'In-111',
  'K-40',
  'La-138',
  'La-140',
  'Lu-177',
  'Mn-56',
  'Na-24',
  'Np-237',
  'Pb-210',
  'Ra-223',
  'Ra-226 chain',
  'Sb-124',
  'Sc-46',
  'Se-75',
  'Sn-113',
  'Sr-85',
  'Th-232 chain',
  'U-238',
  'Y-88',
  'Zn-65',
] as const;

/** Probability that a sample carries 1–2 distractor nuclides besides its labels. */
const DISTRACTOR_PROBABILITY = 0.35;

/**
 * Detectors and how often each is drawn, with the channel count simulated (HPGe at 4096 for speed)
 * and how far its energy calibration may be off: `gain` ± fraction, `offset` ± keV, quadratic
 * non-linearity ± keV at mid-range. Scintillators drift by percents with temperature; an HPGe
 * calibration holds to a fraction of a keV, and only then can the network rely on where its narrow
 * lines are (with ±3 % on HPGe, Eu-152's 778.9 keV line could stand for Cs-134's 795.9 keV, and a
 * weak Cs-134 beside a strong Eu-152 went unnamed).
 */
const DETECTORS: readonly {
  readonly id: DetectorId;
  readonly weight: number;
  readonly channels: number;
  readonly gain: number;
  readonly offsetKeV: number;
  readonly nonlinearityKeV: number;
}[] = [
  { id: 'nai-3x3', weight: 0.2, channels: 1024, gain: 0.03, offsetKeV: 5, nonlinearityKeV: 3 },
  { id: 'nai-2x2', weight: 0.12, channels: 1024, gain: 0.03, offsetKeV: 5, nonlinearityKeV: 3 },
  { id: 'csi-radiacode', weight: 0.18, channels: 1024, gain: 0.03, offsetKeV: 5, nonlinearityKeV: 3 },
  { id: 'labr3-1.5x1.5', weight: 0.12, channels: 2048, gain: 0.02, offsetKeV: 3, nonlinearityKeV: 2 },
  { id: 'czt-1cm3', weight: 0.11, channels: 4096, gain: 0.01, offsetKeV: 2, nonlinearityKeV: 1 },
  { id: 'hpge-coax-40', weight: 0.27, channels: 4096, gain: 0.002, offsetKeV: 0.7, nonlinearityKeV: 0.5 },
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
 *   with gain drift, offset and a small quadratic non-linearity as far as that detector type's
 *   calibration wanders (scintillators ±3 %/±5 keV, LaBr₃ ±2 %, CZT ±1 %, HPGe ±0.2 %/±0.7 keV),
 *   and resolution ×0.85–1.2;
 * - 0–3 nuclides from the label list (12 % background-only), net counts log-uniform in
 *   `netCounts`, shared among the sources by a random split; each source shielded with probability
 *   0.3 (lead 0.5–10 g/cm², iron 2–30 g/cm² or concrete 5–50 g/cm²);
 * - in 35 % of the samples 1–2 {@link DISTRACTOR_NUCLIDES} (not labels, target 0) with 5–60 % of
 *   the labels' counts each: real spectra carry nuclides the network does not name (the activated
 *   pottery fixture has Sc-46 and Eu-154 beside Co-60, Cs-134 and Eu-152), and without them the
 *   network learnt to doubt a label when unexplained peaks were present;
 * - the environmental background at 0.03–2× the detector's typical rate (log-uniform; a lead cave
 *   is far below outdoors) for a live time of 60–3600 s (log-uniform), its scattered continuum
 *   (ratio 1–6) and slope (E^−1.2…−2.2) randomised because the default shape is not right for
 *   small crystals (simulator notes), the 511 keV annihilation line at 0.05–3× the K-40 line's
 *   fluence (without it the network read a strong 511 keV peak in a lead cave as Na-22), with
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
  const distractors = DISTRACTOR_NUCLIDES.filter((name) => !options.nuclides.includes(name)).map(
    (name) => findNuclide(name) as NonNullable<ReturnType<typeof findNuclide>>,
  );
  const length = options.contract.length;
  const id = 'gamma-nuclide-simulator-v4';
  const minShare = options.minShare ?? 0.2;

  function sample(seed: number, input: Float32Array, target: Float32Array): void {
    const random = createRandom(seed);
    const detector = pick(random, DETECTORS, (d) => d.weight);
    const model = DETECTOR_MODELS[detector.id];
    const sourceCount = pick(random, SOURCE_COUNTS, ([, p]) => p)[0];
    const chosen = random.permutation(nuclides.length).slice(0, sourceCount);
    const total = logUniform(random, options.netCounts);
    const shares = Array.from(chosen, () => logUniform(random, [minShare, 1]));
    const shareSum = shares.reduce((a, b) => a + b, 0);
    const labelled = Array.from(chosen, (k, i) => {
      const nuclide = nuclides[k] as (typeof nuclides)[number];
      target[k] = 1;
      return { nuclide, expectedCounts: (total * (shares[i] as number)) / shareSum };
    });
    // Unlabelled nuclides beside the labels, each with 5–60 % of the labels' counts on top.
    const others =
      random.next() < DISTRACTOR_PROBABILITY
        ? Array.from(random.permutation(distractors.length).slice(0, random.integer(1, 2)), (k) => ({
            nuclide: distractors[k] as (typeof distractors)[number],
            expectedCounts: total * random.uniform(0.05, 0.6),
          }))
        : [];
    const sources: SpectrumSource[] = [...labelled, ...others].map(({ nuclide, expectedCounts }) => {
      const source: SpectrumSource = { name: nuclide.name, lines: nuclide.lines, expectedCounts };
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
        // Down to 3 % of the typical rate: detectors in a lead cave see far less than outdoors.
        rateCps: model.typicalBackgroundCps * logUniform(random, [0.03, 2]),
        scatteredFluenceRatio: random.uniform(1, 6),
        continuumIndex: random.uniform(1.2, 2.2),
        leadXrays: random.next() < 0.5,
        // Annihilation radiation from cosmic-ray pair production grows strongly inside lead.
        annihilationRelative: logUniform(random, [0.05, 3]),
      },
      liveTimeS,
      calibration,
      gain: 1 + random.uniform(-detector.gain, detector.gain),
      offsetKeV: random.uniform(-detector.offsetKeV, detector.offsetKeV),
      nonlinearityKeV: random.uniform(-detector.nonlinearityKeV, detector.nonlinearityKeV),
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
          'Gamma spectra from the workbench detector simulator (src/domains/gamma/simulation): 0–3 nuclides of the label list, sometimes beside 1–2 unlabelled nuclides, on an environmental background (down to lead-cave levels, variable 511 keV line), six detector types, gain/offset/non-linearity/resolution augmentation, shielding, Poisson counts; prepared with the model input contract.',
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
          shares: {
            min: minShare,
            max: 1,
            unit: 'relative weight',
            distribution: 'log-uniform per source, normalised',
            description: 'how the net counts are shared among the sources',
          },
          liveTime: {
            min: 60,
            max: 3600,
            unit: 's',
            distribution: 'log-uniform',
            description: 'live time (background counts = rate × live time)',
          },
          backgroundRate: {
            min: 0.03,
            max: 2,
            unit: '× typical cps',
            distribution: 'log-uniform',
            description: 'environmental background rate relative to the detector typical rate',
          },
          annihilation: {
            min: 0.05,
            max: 3,
            unit: '× K-40 1461 keV fluence',
            distribution: 'log-uniform',
            description: '511 keV annihilation line of the background',
          },
          distractors: {
            min: 0,
            max: 2,
            unit: 'nuclides',
            distribution: `P(any) = ${DISTRACTOR_PROBABILITY}, then 1 or 2; 5–60 % of the label counts each`,
            description: `unlabelled nuclides beside the labels: ${distractors.map((n) => n.name).join(', ')}`,
          },
          gain: {
            min: 0.97,
            max: 1.03,
            unit: '',
            distribution: 'uniform within ± the detector type’s range',
            description: `gain drift: ${DETECTORS.map((d) => `${d.id} ±${d.gain * 100} %`).join(', ')}`,
          },
          offset: {
            min: -5,
            max: 5,
            unit: 'keV',
            distribution: 'uniform within ± the detector type’s range',
            description: `calibration offset error: ${DETECTORS.map((d) => `${d.id} ±${d.offsetKeV}`).join(', ')}`,
          },
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
