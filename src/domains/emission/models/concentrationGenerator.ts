import type { Spectrum } from '../../../core/spectrum';
import { prepareInput } from '../../../ml/inference/prepareInput';
import type { DataGenerator, Dataset, GeneratorDescription, ParameterRange } from '../../../ml/training/dataset';
import { createRandom, deriveSeed, type Random } from '../../../ml/training/random';
import { simulateLiquidDischarge } from '../simulation/liquidDischarge';
import {
  CONCENTRATION_METALS,
  concentrationInstrument,
  concentrationLines,
  MATRIX_ELEMENTS,
  METAL_SYMBOLS,
  SPECTRUM_CONTRACT,
  TWO_HEAD_CONTRACT,
} from './concentrationSetup';
import { scaleDeviceParameters } from './deviceParameters';

/** What one sample is: the liquid, and what the device's sensors read of it. */
export interface ConcentrationConditions {
  /** True conductivity at 25 °C (µS/cm) and liquid temperature (°C). */
  readonly conductivityUsCm: number;
  readonly liquidTemperatureC: number;
  /** mg/L of every element in the sample (metals and matrix). */
  readonly concentrationsMgL: Readonly<Record<string, number>>;
  /** What the conductivity meter (±2 % RSD) and thermometer (±0.3 °C SD) report. */
  readonly readConductivityUsCm: number;
  readonly readTemperatureC: number;
}

/** How the network sees a sample. */
export type ConcentrationInputs = 'spectrum' | 'spectrum+parameters' | 'flatSpectrum';

/** Options of {@link concentrationGenerator}. */
export interface ConcentrationGeneratorOptions {
  /** Conductivity range (µS/cm at 25 °C), drawn log-uniformly. */
  readonly conductivityUsCm: readonly [number, number];
  /** Liquid temperature range (°C), drawn uniformly. */
  readonly temperatureC: readonly [number, number];
  /**
   * `spectrum`: one input `[1, L, 1]` (CNN); `spectrum+parameters`: also the two scaled device
   * readings `[2]` (two-headed CNN); `flatSpectrum`: `[L]` (MLP).
   */
  readonly inputs: ConcentrationInputs;
}

/** A {@link DataGenerator} that can also tell the conditions of the samples it makes. */
export interface ConcentrationGenerator extends DataGenerator {
  /** The conditions of samples 0 … count − 1 of `generate(count, seed)` (cheap: nothing simulated). */
  conditions(count: number, seed: number): ConcentrationConditions[];
}

const logUniform = (random: Random, min: number, max: number) => Math.exp(random.uniform(Math.log(min), Math.log(max)));

/**
 * One simulated liquid-discharge spectrum of `conditions` (true σ and T), on the instrument's own
 * axis, with the nuisances of a real measurement drawn from `seed`: shot-to-shot light RSD 2 %
 * (simulator default), optics sensitivity ×0.97–1.03, wavelength error ±0.05 nm, extra
 * broadening 0–0.1 nm FWHM, Poisson/read noise.
 */
export function simulateConcentrationSpectrum(conditions: ConcentrationConditions, seed: number): Spectrum {
  const random = createRandom(seed);
  const intensityScale = random.uniform(0.97, 1.03);
  const wavelengthShiftNm = random.uniform(-0.05, 0.05);
  const extraBroadeningNm = random.uniform(0, 0.1);
  const simulated = simulateLiquidDischarge(
    {
      conductivityUsCm: conditions.conductivityUsCm,
      liquidTemperatureC: conditions.liquidTemperatureC,
      concentrationsMgL: conditions.concentrationsMgL,
    },
    {
      lines: concentrationLines(),
      instrument: concentrationInstrument(),
      noise: random,
      intensityScale,
      wavelengthShiftNm,
      extraBroadeningNm,
    },
  );
  return {
    id: `simulated/discharge#${seed}`,
    name: 'simulated discharge',
    file: 'simulated',
    domain: 'emission',
    x: { values: simulated.wavelengthNm, unit: 'nm', quantity: 'wavelength' },
    y: { values: simulated.counts, unit: 'counts' },
    meta: { simulated: true },
  };
}

/** Draws the liquid of one sample (and its sensor readings) from its stream. */
function drawConditions(random: Random, options: ConcentrationGeneratorOptions): ConcentrationConditions {
  const conductivityUsCm = logUniform(random, options.conductivityUsCm[0], options.conductivityUsCm[1]);
  const liquidTemperatureC = random.uniform(options.temperatureC[0], options.temperatureC[1]);
  const concentrationsMgL: Record<string, number> = {};
  for (const m of [...CONCENTRATION_METALS, ...MATRIX_ELEMENTS])
    concentrationsMgL[m.element] = logUniform(random, m.minMgL, m.maxMgL);
  return {
    conductivityUsCm,
    liquidTemperatureC,
    concentrationsMgL,
    readConductivityUsCm: conductivityUsCm * Math.exp(random.normal(0, 0.02)),
    readTemperatureC: liquidTemperatureC + random.normal(0, 0.3),
  };
}

/** The two-headed model's scalar inputs of a sample's readings (see TWO_HEAD_CONTRACT). */
export function deviceInputs(conditions: ConcentrationConditions): Float32Array {
  return scaleDeviceParameters(
    [Math.log10(conditions.readConductivityUsCm), conditions.readTemperatureC],
    TWO_HEAD_CONTRACT,
  ).inputs;
}

const range = (min: number, max: number, unit: string, distribution: string, description: string): ParameterRange => ({
  min,
  max,
  unit,
  distribution,
  description,
});

/**
 * Labelled liquid-discharge spectra for the concentration models (issue 6, point 5a/b). Each
 * sample, from its own stream `deriveSeed(seed, i)`: conductivity log-uniform and liquid
 * temperature uniform over the options' ranges, the five metals and three matrix elements
 * log-uniform over their ranges (concentrationSetup.ts), the spectrum of
 * {@link simulateConcentrationSpectrum}, then exactly the inference path (`prepareInput` with the
 * model's contract) and, for the two-headed model, the sensor readings scaled by the contract.
 * Target: ln(c / (mg/L)) of each metal.
 */
export function concentrationGenerator(options: ConcentrationGeneratorOptions): ConcentrationGenerator {
  const id = 'emission-liquid-discharge-concentrations-v1';
  const length = SPECTRUM_CONTRACT.length;
  const metals = METAL_SYMBOLS.length;
  const conditions = (count: number, seed: number) =>
    Array.from({ length: count }, (_, i) => drawConditions(createRandom(deriveSeed(seed, i)), options));
  return {
    id,
    conditions,
    describe(): GeneratorDescription {
      const spectrumShape = options.inputs === 'flatSpectrum' ? [length] : [1, length, 1];
      const parameters: Record<string, ParameterRange> = {
        conductivity: range(
          options.conductivityUsCm[0],
          options.conductivityUsCm[1],
          'µS/cm',
          'log-uniform',
          'conductivity at 25 °C; the meter reads it with 2 % RSD',
        ),
        liquidTemperature: range(
          options.temperatureC[0],
          options.temperatureC[1],
          '°C',
          'uniform',
          'liquid temperature; read with 0.3 °C SD',
        ),
      };
      for (const m of CONCENTRATION_METALS)
        parameters[m.element] = range(m.minMgL, m.maxMgL, 'mg/L', 'log-uniform', `${m.element} (target)`);
      for (const m of MATRIX_ELEMENTS)
        parameters[m.element] = range(m.minMgL, m.maxMgL, 'mg/L', 'log-uniform', `${m.element} (matrix, no target)`);
      parameters.sensitivity = range(
        0.97,
        1.03,
        '×',
        'uniform',
        'optics sensitivity factor (shot-to-shot RSD 2 % on top)',
      );
      parameters.wavelengthShift = range(-0.05, 0.05, 'nm', 'uniform', 'wavelength-axis error');
      parameters.extraBroadening = range(0, 0.1, 'nm', 'uniform', 'extra Gaussian FWHM');
      return {
        id,
        description:
          'Liquid-discharge spectra from the workbench simulator (src/domains/emission/simulation, liquidDischarge.ts): conductivity and liquid temperature set the plasma (T_exc, n_e, transport), five metals and three matrix elements at random concentrations, OH band and continuum, 2048-pixel 190–898 nm spectrometer (0.6 nm FWHM, 16-bit, 1 s, dark-corrected) with shot, read and shot-to-shot noise; prepared with the model input contract (300–620 nm, 1024 points, raw counts).',
        inputs: [
          { name: 'spectrum', shape: spectrumShape, description: 'prepared spectrum (input contract), counts' },
          ...(options.inputs === 'spectrum+parameters'
            ? [
                {
                  name: 'parameters',
                  shape: [2],
                  description:
                    'read log10 conductivity and liquid temperature, scaled to 0 … 1 over the training range',
                },
              ]
            : []),
        ],
        targets: [
          { name: 'ln concentration', shape: [metals], description: `ln(c / (mg/L)) of ${METAL_SYMBOLS.join(', ')}` },
        ],
        parameters,
      };
    },
    generate(count: number, seed: number): Dataset {
      const spectra = new Float32Array(count * length);
      const readings = new Float32Array(count * 2);
      const targets = new Float32Array(count * metals);
      for (let i = 0; i < count; i++) {
        const sampleSeed = deriveSeed(seed, i);
        const c = drawConditions(createRandom(sampleSeed), options);
        const spectrum = simulateConcentrationSpectrum(c, deriveSeed(sampleSeed, 1));
        spectra.set(prepareInput(spectrum, SPECTRUM_CONTRACT), i * length);
        readings.set(deviceInputs(c), i * 2);
        METAL_SYMBOLS.forEach((element, k) => {
          targets[i * metals + k] = Math.log(c.concentrationsMgL[element] as number);
        });
      }
      const spectrumShape = options.inputs === 'flatSpectrum' ? [length] : [1, length, 1];
      return {
        inputs: [
          { name: 'spectrum', shape: spectrumShape, values: spectra },
          ...(options.inputs === 'spectrum+parameters' ? [{ name: 'parameters', shape: [2], values: readings }] : []),
        ],
        targets: [{ name: 'ln concentration', shape: [metals], values: targets }],
        size: count,
      };
    },
  };
}
