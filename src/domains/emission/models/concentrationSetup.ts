import type { InputContract } from '../../../ml/registry/modelCard';
import type { EmissionLine } from '../lines/emissionLine';
import { lineLibrary } from '../lines/lineLibrary';
import { defaultInstrument, type InstrumentModel } from '../simulation/instrument';

/**
 * The fixed choices shared by the emission concentration models (two-headed and one-headed CNN,
 * line-selection MLP) and their classical baseline: which metals, over which ranges, seen through
 * which instrument and wavelength window, and the device parameters the two-headed model takes.
 * Everything here is a modelling choice stated in `README.md` beside this file, not a fact.
 */

/**
 * The metals the models quantify, each with its training range (mg/L, drawn log-uniformly).
 * From the elements of the shipped line library (`lines/README.md`): Na, Ca, Mn, Cr and Ni
 * (Sensmet lists Na, Mn and Ni among its monitored elements, optical-notes §3.7). Mg and Fe are
 * left out as targets because their library lines are too weak in this simulator at the low end
 * of the conductivity range (Mg I lines start at E_k ≈ 5.9 eV; Fe spreads over 193 weak lines),
 * and kept as unlabelled matrix. Lower ends: the strongest line still gives ≳ 80 counts at
 * 1000 µS/cm; upper ends: it stays below full scale at 10 000 µS/cm (measured with the simulator,
 * see README.md).
 */
export const CONCENTRATION_METALS = [
  { element: 'Na', minMgL: 0.02, maxMgL: 2 },
  { element: 'Ca', minMgL: 0.05, maxMgL: 5 },
  { element: 'Mn', minMgL: 0.5, maxMgL: 50 },
  { element: 'Cr', minMgL: 0.2, maxMgL: 20 },
  { element: 'Ni', minMgL: 2, maxMgL: 100 },
] as const;

/** Element symbols of {@link CONCENTRATION_METALS}, in output order. */
export const METAL_SYMBOLS: readonly string[] = CONCENTRATION_METALS.map((m) => m.element);

/** Unlabelled matrix elements present in every sample (mg/L, log-uniform): interfering lines, no target. */
export const MATRIX_ELEMENTS = [
  { element: 'Al', minMgL: 0.05, maxMgL: 5 },
  { element: 'Fe', minMgL: 0.05, maxMgL: 5 },
  { element: 'Mg', minMgL: 0.05, maxMgL: 5 },
] as const;

/** Conductivity (µS/cm at 25 °C) and liquid temperature (°C) ranges the models are trained on. */
export const TRAINING_CONDUCTIVITY_US_CM: readonly [number, number] = [1000, 10_000];
export const TRAINING_TEMPERATURE_C: readonly [number, number] = [15, 35];

/** Wavelength window (nm) and points of the prepared spectrum. */
export const WINDOW_NM: readonly [number, number] = [300, 620];
export const SPECTRUM_POINTS = 1024;

/**
 * The spectrometer of the simulations: the default 2048-pixel 190–898 nm, 0.6 nm FWHM instrument
 * (`simulation/instrument.ts`) with a 16-bit ADC (65 535 counts), 1 s of accumulated pulses, and
 * the electric dark subtracted (so the baseline sits at 0, not at the 300-count offset).
 */
export function concentrationInstrument(): InstrumentModel {
  return defaultInstrument({ integrationTimeS: 1, saturationCounts: 65_535, darkCorrected: true });
}

let cachedLines: readonly EmissionLine[] | undefined;

/**
 * The library lines the simulations draw: those of the metals, the matrix and O (from water)
 * within the window ± 5 nm (lines outside cannot reach it; dropping them only saves time); neutral
 * lines and Ca II only — the species the shipped networks were trained with (the library has since
 * gained Cr II and Mg II, which would change the simulated spectra and so the trained models).
 */
export function concentrationLines(): readonly EmissionLine[] {
  if (cachedLines === undefined) {
    const elements = new Set<string>([...METAL_SYMBOLS, ...MATRIX_ELEMENTS.map((m) => m.element), 'O']);
    cachedLines = lineLibrary().filter(
      (l) =>
        elements.has(l.element) &&
        (l.ion === 1 || l.element === 'Ca') &&
        l.wavelengthNm > WINDOW_NM[0] - 5 &&
        l.wavelengthNm < WINDOW_NM[1] + 5,
    );
  }
  return cachedLines;
}

/**
 * Input contract of the spectrum-only models: 300–620 nm on 1024 points, raw dark-corrected counts
 * (`none`: the absolute intensity carries the concentration; the network's first batch
 * normalisation scales it).
 */
export const SPECTRUM_CONTRACT: InputContract = {
  length: SPECTRUM_POINTS,
  axis: { unit: 'nm', min: WINDOW_NM[0], max: WINDOW_NM[1] },
  normalisation: 'none',
  domain: 'emission',
  complex: false,
};

/**
 * Input contract of the two-headed model: the spectrum as above plus two device readings, each
 * entering the network as (value − min)/(max − min) — 0 … 1 inside the training range, outside it
 * beyond (see `deviceParameters.ts`, which also flags such values). Conductivity enters as its
 * log10 because its effects are multiplicative.
 */
export const TWO_HEAD_CONTRACT: InputContract = {
  ...SPECTRUM_CONTRACT,
  scalars: [
    {
      name: 'log10 conductivity',
      unit: 'log10(µS/cm)',
      min: Math.log10(TRAINING_CONDUCTIVITY_US_CM[0]),
      max: Math.log10(TRAINING_CONDUCTIVITY_US_CM[1]),
    },
    { name: 'liquid temperature', unit: '°C', min: TRAINING_TEMPERATURE_C[0], max: TRAINING_TEMPERATURE_C[1] },
  ],
};

/** Outputs of the concentration models: ln of each metal's concentration in mg/L. */
export const CONCENTRATION_OUTPUTS = METAL_SYMBOLS.map((element) => ({ name: element, unit: 'ln(mg/L)' }));
