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
import { CONCENTRATION_SEED } from './emissionConcentration2Head';

/**
 * Line-selection network (issue 6, point 5b): a fully connected network on the 1024 points of the
 * spectrum to the five ln concentrations. Its first layer's effective weights (through the batch
 * normalisation that follows it), times each point's spread over the training spectra, say which
 * points — which emission lines — it uses (`lineImportance.ts`; the picks are in the card and
 * README). Same data and seed as the concentration CNNs.
 */
export const emissionLineSelection: ModelRecipe = {
  id: 'emission-line-selection',
  name: 'Liquid-discharge line selection (MLP)',
  summary: `A fully connected network from a liquid-discharge spectrum (300–620 nm, 1024 points, raw counts) to ${METAL_SYMBOLS.join(', ')} concentrations (ln mg/L); trained to see which emission lines a network picks. Trained on simulated spectra only (${TRAINING_CONDUCTIVITY_US_CM[0]}–${TRAINING_CONDUCTIVITY_US_CM[1]} µS/cm, ${TRAINING_TEMPERATURE_C[0]}–${TRAINING_TEMPERATURE_C[1]} °C).`,
  task: 'regression',
  domain: 'emission',
  architecture: {
    kind: 'mlp',
    inputSize: SPECTRUM_POINTS,
    units: [32, 32],
    batchNorm: true,
    dropoutRate: 0.02,
    head: 'regressor',
    outputs: METAL_SYMBOLS.length,
    seed: 20260603,
  },
  generator: concentrationGenerator({
    conductivityUsCm: TRAINING_CONDUCTIVITY_US_CM,
    temperatureC: TRAINING_TEMPERATURE_C,
    inputs: 'flatSpectrum',
  }),
  // Only the first bin (the whole training range): the same set as the CNNs' headline.
  extraTestSets: concentrationTestSets('flatSpectrum').slice(0, 1),
  sizes: { train: 6000, validation: 500, test: 500 },
  seed: CONCENTRATION_SEED,
  input: SPECTRUM_CONTRACT,
  outputs: CONCENTRATION_OUTPUTS,
  loss: 'meanSquaredError',
  learningRate: 0.002,
  train: {
    epochs: 40,
    batchSize: 64,
    learningRate: { kind: 'cosine', initial: 0.002, minimum: 0.0001 },
    earlyStopping: { patience: 6, minDelta: 0.0001 },
  },
  headline: { name: 'in range: MAE', tolerance: 0.01 },
  passes: 30,
  limitations: [
    "Trained on simulated spectra only; made to show which lines a network uses, not for quantification: its in-range MAE (0.18 ln units) is three times the CNNs'.",
    'Measured picks (scripts/emission/reportLineSelection.ts, rows "line pick …"): the first layer weights most Mn I 403.08 (the unresolved 403.1–403.4 triplet), Ni I 352.45, Ca I 422.67, Na I 589.00, the OH A–X band at 308.8 nm, Ca II 393.37/396.85, Cr I 425.43/427.48, Ni I 341.48, Cr I 357.87/360.53 — every metal\'s resonance or strongest lines, and the OH band, which carries the plasma state and the shot-to-shot light (an internal standard the network found by itself).',
    "Per metal (gradients) each metal's own line leads, but other metals' lines follow at 9–48 % (Mn I 403 for Na, Cr and Ni; Cr I 357.9 for Na and Mn): the network uses them as plasma-state indicators or mixes the concentrations; the attribution does not tell which. For Cr it prefers the 425–429 nm triplet over the 357–361 nm one that the library ranks stronger at 5000 K. A pick at 300.6 nm sits at the window's lower edge (its third point).",
    "The importance (effective first-layer weights × each point's SD over the training spectra) is one attribution among several, without sparsity in training: it ranks points, it does not prove the others unused.",
  ],
};
