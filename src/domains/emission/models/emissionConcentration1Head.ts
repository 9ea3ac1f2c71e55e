import type { ModelRecipe } from '../../../ml/recipes';
import { concentrationGenerator } from './concentrationGenerator';
import {
  CONCENTRATION_OUTPUTS,
  METAL_SYMBOLS,
  SPECTRUM_CONTRACT,
  SPECTRUM_POINTS,
  TRAINING_CONDUCTIVITY_US_CM,
  TRAINING_TEMPERATURE_C,
} from './concentrationSetup';
import { concentrationTestSets } from './concentrationTestSets';
import { CONCENTRATION_SEED, CONCENTRATION_TRAINING, CONCENTRATION_TRUNK } from './emissionConcentration2Head';

/**
 * The baseline of the two-headed model: the same CNN trunk, dense layers, data, seeds and
 * schedule, without the device-parameter branch — what the spectrum alone tells about the
 * concentrations when the matrix (conductivity, temperature) varies.
 */
export const emissionConcentration1Head: ModelRecipe = {
  id: 'emission-concentration-1head',
  name: 'Liquid-discharge metal concentrations (spectrum-only CNN)',
  summary: `Reads ${METAL_SYMBOLS.join(', ')} concentrations (mg/L, as ln) from a liquid-discharge emission spectrum alone (300–620 nm, raw dark-corrected counts), each ± SD from Monte-Carlo dropout: the one-headed baseline of emission-concentration-2head, trained on the same simulated spectra (${TRAINING_CONDUCTIVITY_US_CM[0]}–${TRAINING_CONDUCTIVITY_US_CM[1]} µS/cm, ${TRAINING_TEMPERATURE_C[0]}–${TRAINING_TEMPERATURE_C[1]} °C).`,
  task: 'regression',
  domain: 'emission',
  architecture: {
    kind: 'cnn1d',
    inputLength: SPECTRUM_POINTS,
    ...CONCENTRATION_TRUNK,
    denseUnits: [64],
    denseDropoutRate: 0.02,
    head: 'regressor',
    outputs: METAL_SYMBOLS.length,
    seed: 20260601,
  },
  generator: concentrationGenerator({
    conductivityUsCm: TRAINING_CONDUCTIVITY_US_CM,
    temperatureC: TRAINING_TEMPERATURE_C,
    inputs: 'spectrum',
  }),
  extraTestSets: concentrationTestSets('spectrum'),
  sizes: { train: 8000, validation: 500, test: 500 },
  seed: CONCENTRATION_SEED,
  input: SPECTRUM_CONTRACT,
  outputs: CONCENTRATION_OUTPUTS,
  loss: 'meanSquaredError',
  learningRate: 0.002,
  train: CONCENTRATION_TRAINING,
  headline: { name: 'in range: MAE', tolerance: 0.01 },
  passes: 30,
  limitations: [
    'Trained on simulated spectra only (see emission-concentration-2head): the baseline of the two-headed model.',
    'Outputs are ln(c / (mg/L)); MAE in these units is about the mean relative error.',
    'Measured inside the training range (400 held-out spectra, scripts/emission/evaluateMatrixEffect.ts): median relative error Na 4.8 %, Ca 4.5 %, Mn 5.1 %, Cr 4.7 %, Ni 4.7 %, 90th percentile 11–14 % — as good as the two-headed model: the simulated spectrum carries the plasma state itself.',
    'It has no device readings, so it cannot tell when a sample lies outside the training conductivity and temperature; measured there: median 10–29 % at 300–1000 µS/cm, 29–68 % at 100–300, 13–21 % at 10 000–30 000 and 41–82 % (90th percentile up to 155 %) at 30 000–100 000 µS/cm, 4–7 % at 5–15 and 35–50 °C.',
  ],
};
