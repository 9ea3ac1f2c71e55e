import { toyPeaksClassification } from '../training/toyGenerators';
import type { ModelRecipe } from './modelRecipe';

const length = 256;

/**
 * A demonstration model: counts the peaks (1, 2 or 3) in a spectrum. Trained only on the toy
 * simulator, so that the whole machinery (training, cards, uncertainty, the UI) has a real,
 * measured model to run on before the domain models exist.
 */
export const toyPeakCounter: ModelRecipe = {
  id: 'toy-peak-counter',
  name: 'Toy peak counter (demo)',
  summary:
    'Counts the peaks (1, 2 or 3) in a spectrum. A demonstration model trained on a toy simulator of Gaussian peaks on a baseline with Poisson noise; not a scientific model.',
  task: 'classification',
  domain: 'any',
  architecture: {
    kind: 'cnn1d',
    inputLength: length,
    filters: [16, 32, 32],
    kernelSize: 7,
    denseUnits: [64],
    denseDropoutRate: 0.3,
    head: 'classifier',
    outputs: 3,
    seed: 20261125,
  },
  // Peaks may sit 0.7 FWHM apart, where two can merge into one: the count is then genuinely
  // ambiguous, and the uncertainty has something to show.
  generator: toyPeaksClassification({ length, minimumSeparationFwhm: 0.7 }),
  sizes: { train: 12_000, validation: 1_500, test: 2_000 },
  seed: 1125,
  input: { length, axis: { unit: 'index', min: 0, max: 1 }, normalisation: 'max', domain: 'any', complex: false },
  outputs: [{ name: 'peak count', classes: ['1 peak', '2 peaks', '3 peaks'] }],
  loss: 'categoricalCrossentropy',
  learningRate: 0.002,
  train: {
    epochs: 20,
    batchSize: 64,
    learningRate: { kind: 'cosine', initial: 0.002, minimum: 0.0001 },
    earlyStopping: { patience: 4, minDelta: 0.001 },
  },
  headline: { name: 'accuracy', tolerance: 0.02 },
  passes: 30,
  realData: [
    {
      path: 'public/demo/soil_libs_ca_mn.csv',
      note: 'LIBS soil spectrum with 6 or more lines: outside the 1–3 peak range',
    },
    {
      path: 'test/fixtures/optical/raman_hdpe.csv',
      note: 'Raman spectrum of HDPE with many bands: outside the 1–3 peak range',
    },
  ],
  limitations: [
    'Trained on simulated Gaussian peaks only (1–3 peaks, centres ≥ 0.7 FWHM apart, heights 200–1000 counts): Lorentzian or asymmetric lines and more than 3 peaks are outside its training. Peaks may be as close as 0.7 FWHM, where two can look like one; which of its held-out errors come from such pairs has not been measured.',
    'Any spectrum is resampled to 256 points by position: narrow peaks in long spectra merge or vanish.',
    'A demonstration of the workbench machinery, not a tool for scientific conclusions.',
  ],
};
