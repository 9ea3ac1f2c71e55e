import { WorkbenchError } from '../../../core/errors';
import type { Spectrum, SpectrumMeta } from '../../../core/spectrum';
import { createRandom, type Random } from '../../../ml/training/random';
import type { EmissionLine } from '../lines/emissionLine';
import { atomicWeight } from './atomicWeights';
import { addContinuum, type ContinuumOptions } from './continuum';
import { readDetector } from './detector';
import {
  type InstrumentModel,
  instrumentSigmaNm,
  sensitivityAt,
  truePixelGrid,
  validateInstrument,
} from './instrument';
import { type LineEmission, lineEmissions } from './lineIntensities';
import { dopplerFwhmNm, GAUSSIAN_FWHM_PER_SIGMA, voigtProfile } from './lineProfiles';
import { addMolecularBands, type BandSystem } from './molecularBands';
import { MAX_PLASMA_TEMPERATURE_K, speciesKey, stageCount } from './partitionFunctions';
import { planckRadianceNm } from './physicalConstants';
import { addLine } from './renderLines';
import { ionStageFractions } from './saha';
import { equivalentWidthNm } from './selfAbsorption';
import { type StarkBroadening, starkBroadening } from './starkWidths';

/** The plasma: one homogeneous LTE slab. */
export interface PlasmaState {
  /** Excitation = ionisation temperature (K) of the analytes (Boltzmann and Saha). */
  readonly temperatureK: number;
  /** Electron density (cm⁻³): Saha balance, Stark widths, continuum. */
  readonly electronDensityCm3: number;
  /** Length of the emitting slab along the line of sight (cm): radiance = ε·ℓ, optical depth ∝ ℓ. */
  readonly pathLengthCm: number;
  /** Kinetic (gas) temperature for Doppler widths and the rotational temperature of bands (default T). */
  readonly gasTemperatureK?: number;
  /** Per-element excitation temperatures overriding T (e.g. H and O, excited by hot electrons). */
  readonly elementTemperatureK?: Readonly<Record<string, number>>;
}

/** Everything one spectrum needs. */
export interface EmissionScene {
  /** The lines to draw (a line library, or a test set). */
  readonly lines: readonly EmissionLine[];
  readonly plasma: PlasmaState;
  /** Total number density (cm⁻³) of each element in the plasma, all ion stages together. */
  readonly densitiesCm3: Readonly<Record<string, number>>;
  readonly instrument: InstrumentModel;
  /** Total radiance (W m⁻² sr⁻¹) of molecular band systems (OH, N₂, N₂⁺); none by default. */
  readonly bands?: Partial<Record<BandSystem, number>>;
  /** Free–free + free–bound continuum: true (default), false, or its options. */
  readonly continuum?: boolean | ContinuumOptions;
  /** Self-absorption in the slab (default true); off, every line is optically thin. */
  readonly selfAbsorption?: boolean;
  /** Wavelength error of the instrument's axis (nm; see truePixelGrid). Default 0. */
  readonly wavelengthShiftNm?: number;
  /** Extra Gaussian broadening (FWHM, nm) added in quadrature to the instrument function. */
  readonly extraBroadeningNm?: number;
  /** Multiplies all plasma light (shot-to-shot fluctuation, bubbles, wear). Default 1. */
  readonly intensityScale?: number;
  /** Multiplies the integration time (auto-exposure, faults). Default 1. */
  readonly integrationScale?: number;
  /** Mean cosmic-ray hits per spectrum. Default 0. */
  readonly cosmicRaysPerSpectrum?: number;
  /**
   * Lines expected to give fewer counts than this in total are not drawn (default 10⁻³, far below
   * any read noise); their truth keeps the thin estimate. 0 draws every line.
   */
  readonly minLineCounts?: number;
  /** Noise: a seed, a {@link Random} stream, or null for the noise-free expectation. */
  readonly noise: number | Random | null;
}

/** What is known about one drawn line. */
export interface LineTruth {
  readonly element: string;
  readonly ion: 1 | 2;
  /** Listed wavelength (nm) and the centre on the instrument's nominal axis (shifts included). */
  readonly wavelengthNm: number;
  readonly observedNm: number;
  readonly upperEnergyEv: number;
  /** Optically thin radiance ε·ℓ (W m⁻² sr⁻¹). */
  readonly thinRadiance: number;
  /** Central optical depth (0 when self-absorption is off). */
  readonly tau0: number;
  /** Emitted / thin radiance (the curve of growth; 1 when thin). */
  readonly selfAbsorption: number;
  readonly dopplerFwhmNm: number;
  readonly stark: StarkBroadening;
  /** Noise-free counts in the line (all its pixels, offset excluded). */
  readonly counts: number;
}

/** A simulated spectrum with its truth. */
export interface SimulatedEmission {
  /** The instrument's nominal axis (nm) — what a file would contain. */
  readonly wavelengthNm: Float64Array;
  readonly counts: Float64Array;
  readonly expectedCounts: Float64Array;
  readonly saturated: Uint8Array;
  readonly truth: {
    readonly lines: readonly LineTruth[];
    /** Fraction of each element in stages I, II, III. */
    readonly ionFractions: Readonly<Record<string, readonly number[]>>;
    readonly saturatedCount: number;
    readonly cosmicRayPixels: readonly number[];
    readonly wavelengthShiftNm: number;
    /** Lines given but not drawn for lack of A_ki/E_k/g_k. */
    readonly skippedLines: readonly EmissionLine[];
  };
}

function checkScene(scene: EmissionScene): void {
  const { temperatureK, electronDensityCm3, pathLengthCm } = scene.plasma;
  if (!(temperatureK >= 1000 && temperatureK <= MAX_PLASMA_TEMPERATURE_K)) {
    throw new WorkbenchError(
      'INVALID_OPTION',
      `plasma.temperatureK must be in [1000, ${MAX_PLASMA_TEMPERATURE_K}] K, got ${temperatureK}`,
    );
  }
  if (!(electronDensityCm3 > 0) || !(pathLengthCm > 0)) {
    throw new WorkbenchError('INVALID_OPTION', 'plasma.electronDensityCm3 and plasma.pathLengthCm must be positive');
  }
  validateInstrument(scene.instrument);
}

/**
 * One emission spectrum (optical-notes §3.1–3.5): Saha ion fractions, Boltzmann line emissivities,
 * Doppler ⊕ instrument Gaussian and Stark Lorentzian (Voigt) profiles, slab self-absorption,
 * continuum, molecular bands, spectral sensitivity, detector noise and saturation. The lines'
 * species must have partition functions (plasmaTables.json); elements without any are rejected.
 */
export function simulateEmission(scene: EmissionScene): SimulatedEmission {
  checkScene(scene);
  const { plasma, instrument } = scene;
  const temperatureOf = (element: string): number => plasma.elementTemperatureK?.[element] ?? plasma.temperatureK;
  const gasT = plasma.gasTemperatureK ?? plasma.temperatureK;
  const ne = plasma.electronDensityCm3;
  const ionFractions: Record<string, number[]> = {};
  const densities = new Map<string, number>();
  for (const [element, total] of Object.entries(scene.densitiesCm3)) {
    if (!(total >= 0)) throw new WorkbenchError('INVALID_OPTION', `density of ${element} must be ≥ 0, got ${total}`);
    if (stageCount(element) === 0)
      throw new WorkbenchError('INVALID_OPTION', `no partition functions for "${element}"`);
    const fractions = ionStageFractions(element, temperatureOf(element), ne);
    ionFractions[element] = fractions;
    fractions.forEach((f, z) => {
      densities.set(speciesKey(element, z + 1), total * f);
    });
  }
  const { emissions, skipped } = lineEmissions(scene.lines, densities, temperatureOf);
  const shift = scene.wavelengthShiftNm ?? 0;
  const grid = truePixelGrid(instrument, shift);
  const sensitivity = sensitivityAt(instrument, grid.centres);
  const extra = (scene.extraBroadeningNm ?? 0) / GAUSSIAN_FWHM_PER_SIGMA;
  const sigmaInstr = Math.hypot(instrumentSigmaNm(instrument), extra);
  const scale = scene.intensityScale ?? 1;
  const radiance = new Float64Array(instrument.pixels);
  const lengthM = plasma.pathLengthCm * 1e-2;
  const lo = grid.edges[0] as number;
  const hi = grid.edges[instrument.pixels] as number;
  const gainT = instrument.countsPerRadianceSecond * instrument.integrationTimeS * (scene.integrationScale ?? 1);
  let bestSensitivity = 0;
  for (const v of sensitivity) bestSensitivity = Math.max(bestSensitivity, v);
  const countsBound = gainT * bestSensitivity;
  const minCounts = scene.minLineCounts ?? 1e-3;
  const perLine: {
    emission: LineEmission;
    stark: StarkBroadening;
    doppler: number;
    tau0: number;
    sa: number;
    added: number;
    centre: number;
  }[] = [];
  for (const emission of emissions) {
    const { line } = emission;
    const stark = starkBroadening(line, temperatureOf(line.element), ne);
    const centre = line.wavelengthNm + stark.shiftNm;
    const doppler = dopplerFwhmNm(line.wavelengthNm, gasT, atomicWeight(line.element));
    const sigma = doppler / GAUSSIAN_FWHM_PER_SIGMA;
    const gamma = stark.fwhmNm / 2;
    const thinRadiance = emission.emissivity * lengthM;
    const tau0 = scene.selfAbsorption === false ? 0 : emission.absorptionNm * lengthM * voigtProfile(0, sigma, gamma);
    // Below τ₀ = 10⁻³ the first-order curve of growth 1 − τ₀/(2√2) (Doppler core; 1 − τ₀/4 for a
    // Lorentzian) is within 10⁻⁴ of the quadrature and much cheaper.
    const sa =
      tau0 > 1e-3
        ? equivalentWidthNm(tau0, sigma, gamma) / (tau0 / voigtProfile(0, sigma, gamma))
        : 1 - tau0 / (2 * Math.SQRT2);
    // Lines too weak to matter (< minLineCounts in total even at the best sensitivity) are not drawn;
    // their truth keeps the thin estimate. Most of a large library is this weak at any given T.
    let added = thinRadiance * sa;
    if (centre > lo - 50 && centre < hi + 50 && added * scale * countsBound >= minCounts) {
      const planck = planckRadianceNm(line.wavelengthNm, temperatureOf(line.element));
      added = addLine(
        radiance,
        grid,
        { centreNm: centre, sigmaNm: sigma, gammaNm: gamma, thinRadiance, tau0, planck },
        sigmaInstr,
        scale,
      );
    }
    perLine.push({ emission, stark, doppler, tau0, sa, added: added * scale, centre });
  }
  const continuum = scene.continuum ?? true;
  if (continuum !== false) {
    addContinuum(
      radiance,
      grid,
      plasma.temperatureK,
      ne,
      plasma.pathLengthCm,
      scale,
      continuum === true ? {} : continuum,
    );
  }
  if (scene.bands !== undefined) addMolecularBands(radiance, grid, scene.bands, gasT, sigmaInstr, scale);
  const random =
    scene.noise === null ? null : typeof scene.noise === 'number' ? createRandom(scene.noise) : scene.noise;
  const readout = readDetector(radiance, sensitivity, instrument, random, {
    integrationScale: scene.integrationScale ?? 1,
    cosmicRaysPerSpectrum: scene.cosmicRaysPerSpectrum ?? 0,
  });
  const centreSensitivity = sensitivityAt(
    instrument,
    Float64Array.from(perLine, (l) => l.centre),
  );
  const lines: LineTruth[] = perLine.map((l, i) => ({
    element: l.emission.line.element,
    ion: l.emission.line.ion,
    wavelengthNm: l.emission.line.wavelengthNm,
    observedNm: l.centre - shift,
    upperEnergyEv: l.emission.line.ekEv as number,
    thinRadiance: l.emission.emissivity * lengthM,
    tau0: l.tau0,
    selfAbsorption: l.sa,
    dopplerFwhmNm: l.doppler,
    stark: l.stark,
    counts: l.added * (centreSensitivity[i] as number) * gainT,
  }));
  return {
    wavelengthNm: Float64Array.from(grid.centres, (c) => c - shift),
    counts: readout.counts,
    expectedCounts: readout.expectedCounts,
    saturated: readout.saturated,
    truth: {
      lines,
      ionFractions,
      saturatedCount: readout.saturatedCount,
      cosmicRayPixels: readout.cosmicRayPixels,
      wavelengthShiftNm: shift,
      skippedLines: skipped.map((s) => s.line),
    },
  };
}

/**
 * A simulated spectrum as a workbench {@link Spectrum} (domain `emission`, x = the instrument's
 * nominal wavelengths in nm, y = counts), with the plasma state and the wavelength error in `meta`
 * (`simulated: true`) so that it can be plotted, processed and exported like a measured one.
 */
export function toEmissionSpectrum(
  simulated: SimulatedEmission,
  name: string,
  plasma: PlasmaState,
  meta: SpectrumMeta = {},
): Spectrum {
  return {
    id: `simulated/${name}`,
    name,
    file: `${name}.simulated`,
    domain: 'emission',
    x: { values: simulated.wavelengthNm, unit: 'nm', quantity: 'wavelength' },
    y: { values: simulated.counts, unit: 'counts' },
    meta: {
      simulated: true,
      temperatureK: plasma.temperatureK,
      electronDensityCm3: plasma.electronDensityCm3,
      pathLengthCm: plasma.pathLengthCm,
      wavelengthShiftNm: simulated.truth.wavelengthShiftNm,
      saturatedPixels: simulated.truth.saturatedCount,
      ...meta,
    },
  };
}
