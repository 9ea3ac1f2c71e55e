import type { DataGenerator, Dataset, GeneratorDescription } from '../../../ml/training/dataset';
import { createRandom, deriveSeed } from '../../../ml/training/random';
import { defaultInstrument, type InstrumentModel } from '../simulation/instrument';
import type { FaultKind } from '../simulation/timeSeries';
import { type EmissionTimeSeries, simulateTimeSeries } from '../simulation/timeSeries';
import { ANOMALY_FEATURES, ANOMALY_KINDS, type RunFeatures, runFeatures, windowAt } from './anomalyFeatures';
import {
  CONCENTRATION_METALS,
  concentrationLines,
  MATRIX_ELEMENTS,
  TRAINING_CONDUCTIVITY_US_CM,
  TRAINING_TEMPERATURE_C,
} from './concentrationSetup';

/** Options of {@link anomalyGenerator}. */
export interface AnomalyGeneratorOptions {
  /** Frames per simulated run (1 s apart). */
  readonly frames: number;
  /** Frames the detector sees at once (the window ends at the frame it judges). */
  readonly window: number;
  /** Frames between the ends of consecutive windows taken from a run. */
  readonly stride: number;
  /** Expected faults per run of each kind (Poisson; electrode wear: probability n/(n + 1)). */
  readonly faultCounts: Readonly<Record<FaultKind, number>>;
}

/** The monitoring spectrometer: the simulator's default USB2000+-like instrument (14 bit, auto-exposed). */
export function anomalyInstrument(): InstrumentModel {
  return defaultInstrument();
}

/**
 * One labelled run from `seed`: start conductivity log-uniform 1000–10 000 µS/cm, liquid 15–35 °C,
 * metals and matrix log-uniform over the concentration models' ranges, faults drawn by
 * `simulateTimeSeries` (seed `seed`); features by {@link runFeatures} (meter noise from
 * `deriveSeed(seed, 2)`).
 */
export function simulateAnomalyRun(
  options: Pick<AnomalyGeneratorOptions, 'frames' | 'faultCounts'>,
  seed: number,
): { run: EmissionTimeSeries; features: RunFeatures } {
  const random = createRandom(deriveSeed(seed, 1));
  const logUniform = (min: number, max: number) => Math.exp(random.uniform(Math.log(min), Math.log(max)));
  const conductivityUsCm = logUniform(TRAINING_CONDUCTIVITY_US_CM[0], TRAINING_CONDUCTIVITY_US_CM[1]);
  const liquidTemperatureC = random.uniform(TRAINING_TEMPERATURE_C[0], TRAINING_TEMPERATURE_C[1]);
  const concentrationsMgL = Object.fromEntries(
    [...CONCENTRATION_METALS, ...MATRIX_ELEMENTS].map((m) => [m.element, logUniform(m.minMgL, m.maxMgL)]),
  );
  const instrument = anomalyInstrument();
  const run = simulateTimeSeries({
    frames: options.frames,
    seed,
    lines: concentrationLines(),
    instrument,
    start: { conductivityUsCm, liquidTemperatureC, concentrationsMgL },
    faultCounts: options.faultCounts,
  });
  return { run, features: runFeatures(run, instrument, deriveSeed(seed, 2)) };
}

/** Windows taken from one run: ends at window − 1, window − 1 + stride, … */
export function windowsPerRun(options: AnomalyGeneratorOptions): number {
  return Math.floor((options.frames - options.window) / options.stride) + 1;
}

/**
 * Windows of simulated monitoring runs for the recurrent anomaly detector (issue 6, point 5c).
 * `generate(count, seed)` simulates runs `deriveSeed(seed, r)`, r = 0, 1, … (see
 * {@link simulateAnomalyRun}) and takes {@link windowsPerRun} windows from each, in order, until
 * it has `count`. Input `[window, features]`; target: the faults active at the window's last frame
 * (multi-label, {@link ANOMALY_KINDS}).
 */
export function anomalyGenerator(options: AnomalyGeneratorOptions): DataGenerator {
  const id = 'emission-liquid-discharge-anomalies-v1';
  const width = ANOMALY_FEATURES.length;
  const kinds = ANOMALY_KINDS.length;
  const perRun = windowsPerRun(options);
  return {
    id,
    describe(): GeneratorDescription {
      const counts = ANOMALY_KINDS.map((k) => `${k} ${options.faultCounts[k]}`).join(', ');
      return {
        id,
        description: `Monitoring runs of ${options.frames} frames (1 s) from the liquid-discharge time-series simulator (src/domains/emission/simulation/timeSeries.ts: random walks of concentrations, conductivity and temperature, sensitivity and wavelength drift, auto-exposure, labelled faults), default 2048-pixel 14-bit spectrometer; per frame ${width} features (anomalyFeatures.ts: line and band intensities, width, saturated pixels relative to the run's first 10 frames, and the conductivity/temperature readings); windows of ${options.window} frames every ${options.stride} frames; expected faults per run: ${counts}.`,
        inputs: [
          { name: 'sequence', shape: [options.window, width], description: `features: ${ANOMALY_FEATURES.join('; ')}` },
        ],
        targets: [
          { name: 'faults', shape: [kinds], description: `1 if active at the last frame: ${ANOMALY_KINDS.join(', ')}` },
        ],
        parameters: {
          conductivity: {
            min: TRAINING_CONDUCTIVITY_US_CM[0],
            max: TRAINING_CONDUCTIVITY_US_CM[1],
            unit: 'µS/cm',
            distribution: 'log-uniform',
            description: 'conductivity at the start of a run',
          },
          liquidTemperature: {
            min: TRAINING_TEMPERATURE_C[0],
            max: TRAINING_TEMPERATURE_C[1],
            unit: '°C',
            distribution: 'uniform',
            description: 'liquid temperature at the start of a run',
          },
          window: {
            min: options.window,
            max: options.window,
            unit: 'frames',
            distribution: 'fixed',
            description: 'frames per window',
          },
        },
      };
    },
    generate(count: number, seed: number): Dataset {
      const x = new Float32Array(count * options.window * width);
      const y = new Float32Array(count * kinds);
      let n = 0;
      for (let r = 0; n < count; r++) {
        const { features } = simulateAnomalyRun(options, deriveSeed(seed, r));
        for (let w = 0; w < perRun && n < count; w++, n++) {
          const window = windowAt(features, options.window, options.window - 1 + w * options.stride);
          x.set(window.x, n * options.window * width);
          y.set(window.y, n * kinds);
        }
      }
      return {
        inputs: [{ name: 'sequence', shape: [options.window, width], values: x }],
        targets: [{ name: 'faults', shape: [kinds], values: y }],
        size: count,
      };
    },
  };
}
