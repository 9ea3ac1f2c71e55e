import type { ModelRecipe } from '../../../ml/recipes';
import { concentrationGenerator } from './concentrationGenerator';
import {
  CONCENTRATION_OUTPUTS,
  METAL_SYMBOLS,
  SPECTRUM_POINTS,
  TRAINING_CONDUCTIVITY_US_CM,
  TRAINING_TEMPERATURE_C,
  TWO_HEAD_CONTRACT,
} from './concentrationSetup';
import { concentrationTestSets } from './concentrationTestSets';

/**
 * Seed shared by the three concentration recipes (two-headed, one-headed, line selection): the
 * same seed gives them the same training spectra and the same held-out sets, so that their
 * metrics compare like with like.
 */
export const CONCENTRATION_SEED = 6051;

/** The spectrum trunk shared by the two-headed and the one-headed CNN. */
export const CONCENTRATION_TRUNK = {
  filters: [8, 16, 32, 32],
  kernelSize: 7,
  pooling: 'flatten' as const,
};

/** Training schedule shared by the concentration CNNs. */
export const CONCENTRATION_TRAINING = {
  epochs: 30,
  batchSize: 64,
  learningRate: { kind: 'cosine' as const, initial: 0.002, minimum: 0.0001 },
  earlyStopping: { patience: 10, minDelta: 0.0001 },
};

/**
 * Two-headed CNN (issue 6, point 5a; the Sensmet design): the emission spectrum through a 1D CNN
 * trunk and the device readings (conductivity, liquid temperature) through an MLP, merged, to
 * ln concentrations of five metals with Monte-Carlo-dropout uncertainty. Trained on the
 * liquid-discharge simulator only.
 */
export const emissionConcentration2Head: ModelRecipe = {
  id: 'emission-concentration-2head',
  name: 'Liquid-discharge metal concentrations (two-headed CNN)',
  summary: `Reads ${METAL_SYMBOLS.join(', ')} concentrations (mg/L, as ln) from a liquid-discharge emission spectrum (300–620 nm, raw dark-corrected counts) together with the sample's conductivity and liquid temperature, each ± SD from Monte-Carlo dropout. Trained on simulated spectra only, at ${TRAINING_CONDUCTIVITY_US_CM[0]}–${TRAINING_CONDUCTIVITY_US_CM[1]} µS/cm and ${TRAINING_TEMPERATURE_C[0]}–${TRAINING_TEMPERATURE_C[1]} °C; readings outside are flagged.`,
  task: 'regression',
  domain: 'emission',
  architecture: {
    kind: 'twoHeaded',
    inputLength: SPECTRUM_POINTS,
    parameterCount: 2,
    spectrum: CONCENTRATION_TRUNK,
    parameterUnits: [16, 16],
    headUnits: [64],
    denseDropoutRate: 0.02,
    head: 'regressor',
    outputs: METAL_SYMBOLS.length,
    seed: 20260601,
  },
  generator: concentrationGenerator({
    conductivityUsCm: TRAINING_CONDUCTIVITY_US_CM,
    temperatureC: TRAINING_TEMPERATURE_C,
    inputs: 'spectrum+parameters',
  }),
  extraTestSets: concentrationTestSets('spectrum+parameters'),
  sizes: { train: 8000, validation: 500, test: 500 },
  seed: CONCENTRATION_SEED,
  input: TWO_HEAD_CONTRACT,
  outputs: CONCENTRATION_OUTPUTS,
  loss: 'meanSquaredError',
  learningRate: 0.002,
  train: CONCENTRATION_TRAINING,
  headline: { name: 'in range: MAE', tolerance: 0.01 },
  passes: 30,
  limitations: [
    'Trained on simulated spectra only: the liquid-discharge simulator is a documented model, not a fit to a real instrument (simulation/README.md); on a real device it needs fine-tuning on measured standards.',
    'Outputs are ln(c / (mg/L)); MAE in these units is about the mean relative error. Concentration ranges per metal are those of the training (card: training parameters): Na 0.02–2, Ca 0.05–5, Mn 0.5–50, Cr 0.2–20, Ni 2–100 mg/L; outside them it extrapolates.',
    'Measured inside the training range (1000–10 000 µS/cm, 15–35 °C; 400 held-out spectra, scripts/emission/evaluateMatrixEffect.ts, rows "matrix table: …"): median relative error Na 4.4 %, Ca 4.8 %, Mn 5.6 %, Cr 4.8 %, Ni 4.7 % — Mn misses the 5 % target — and 90th percentile 12–14 %. A univariate calibration at 3000 µS/cm on the same spectra: median 13–75 %.',
    'Measured: it is not better than the spectrum-only CNN (emission-concentration-1head) inside the training range (MAE 0.063 vs 0.060 ln units, per-metal medians within a point): in this simulator the spectrum itself shows the plasma state (continuum, OH band, Ca II/Ca I and other line ratios), so the readings add little. Outside the temperature range it is worse (5–15 °C: median 5.6–10.8 % vs 5.7–7.1 %), because it extrapolates on the temperature input; at low conductivity it is somewhat better (300–1000 µS/cm: Mn 18 % vs 24 %, Ca 25 % vs 29 %).',
    'Measured outside the conductivity range the error grows fast: median 9–27 % at 300–1000 µS/cm, 33–61 % at 100–300, 15–27 % at 10 000–30 000 and 48–64 % at 30 000–100 000 µS/cm. Readings outside 1000–10 000 µS/cm and 15–35 °C are flagged by the input contract (deviceParameters.ts), but the Monte-Carlo-dropout SD does NOT grow there (0.13–0.18 ln units everywhere): mean ± 1.96 SD covers 94 % of the true values inside, 17–61 % outside the conductivity range. Trust the flag, not the SD.',
    "The workbench's spectrum prediction path (predictSpectra) passes only the spectrum, not the device readings, so the app cannot run this model yet; from code, feed [spectrum, scaled readings] (concentrationGenerator.ts, deviceInputs).",
  ],
};
