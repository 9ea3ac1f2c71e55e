import type { ExtraTestSet } from '../../../ml/recipes';
import { type ConcentrationInputs, concentrationGenerator } from './concentrationGenerator';
import { TRAINING_CONDUCTIVITY_US_CM, TRAINING_TEMPERATURE_C } from './concentrationSetup';

/** One held-out condition bin: conductivity (µS/cm) and temperature (°C) ranges, and its size. */
export interface ConditionBin {
  readonly name: string;
  readonly conductivityUsCm: readonly [number, number];
  readonly temperatureC: readonly [number, number];
  readonly size: number;
  /** Inside the training ranges of both device parameters. */
  readonly inRange: boolean;
}

/**
 * The held-out bins every concentration model (and the classical baseline) is measured on: the
 * whole training range (the headline), conductivity in half-decade bins from 100 to
 * 100 000 µS/cm (two of them inside the training range 1000–10 000) at training temperatures,
 * and liquid temperatures below and above the training range at training conductivities.
 */
export const CONDITION_BINS: readonly ConditionBin[] = [
  {
    name: 'in range',
    conductivityUsCm: TRAINING_CONDUCTIVITY_US_CM,
    temperatureC: TRAINING_TEMPERATURE_C,
    size: 400,
    inRange: true,
  },
  {
    name: 'σ 100–300 µS/cm',
    conductivityUsCm: [100, 300],
    temperatureC: TRAINING_TEMPERATURE_C,
    size: 200,
    inRange: false,
  },
  {
    name: 'σ 300–1000 µS/cm',
    conductivityUsCm: [300, 1000],
    temperatureC: TRAINING_TEMPERATURE_C,
    size: 200,
    inRange: false,
  },
  {
    name: 'σ 1000–3000 µS/cm',
    conductivityUsCm: [1000, 3000],
    temperatureC: TRAINING_TEMPERATURE_C,
    size: 200,
    inRange: true,
  },
  {
    name: 'σ 3000–10000 µS/cm',
    conductivityUsCm: [3000, 10_000],
    temperatureC: TRAINING_TEMPERATURE_C,
    size: 200,
    inRange: true,
  },
  {
    name: 'σ 10000–30000 µS/cm',
    conductivityUsCm: [10_000, 30_000],
    temperatureC: TRAINING_TEMPERATURE_C,
    size: 200,
    inRange: false,
  },
  {
    name: 'σ 30000–100000 µS/cm',
    conductivityUsCm: [30_000, 100_000],
    temperatureC: TRAINING_TEMPERATURE_C,
    size: 200,
    inRange: false,
  },
  {
    name: 'T 5–15 °C',
    conductivityUsCm: TRAINING_CONDUCTIVITY_US_CM,
    temperatureC: [5, 15],
    size: 200,
    inRange: false,
  },
  {
    name: 'T 35–50 °C',
    conductivityUsCm: TRAINING_CONDUCTIVITY_US_CM,
    temperatureC: [35, 50],
    size: 200,
    inRange: false,
  },
];

/**
 * {@link CONDITION_BINS} as a recipe's extra held-out sets for a model that takes `inputs`. Every
 * model gets the same seeds from its recipe's seed and the same simulated liquids per bin, as long
 * as the recipes share their seed: compare models only on sets drawn from the same seed.
 */
export function concentrationTestSets(inputs: ConcentrationInputs): ExtraTestSet[] {
  return CONDITION_BINS.map((bin) => ({
    name: bin.name,
    description: `${bin.inRange ? 'inside' : 'outside'} the training range: conductivity ${bin.conductivityUsCm[0]}–${bin.conductivityUsCm[1]} µS/cm (log-uniform), liquid ${bin.temperatureC[0]}–${bin.temperatureC[1]} °C; concentrations as in training`,
    generator: concentrationGenerator({
      conductivityUsCm: bin.conductivityUsCm,
      temperatureC: bin.temperatureC,
      inputs,
    }),
    size: bin.size,
  }));
}
