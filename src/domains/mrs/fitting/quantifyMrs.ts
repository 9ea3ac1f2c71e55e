import { type Spectrum, WorkbenchError } from '../../../core';
import { referencePpm } from '../processing/referencePpm';
import { acquisitionOf, fidOf } from '../processing/transientData';
import { fitLcm, type LcmFit, type LcmFitOptions } from './fitLcm';
import { fitWater } from './fitWater';
import { macromoleculeComponents } from './macromolecules';
import { type PreparedBasis, prepareBasis } from './prepareBasis';
import { type Quantification, quantifyLcm, type WaterScalingOptions } from './quantifyLcm';

/** Proton gyromagnetic ratio / 2π, MHz/T (field strength from the spectrometer frequency). */
const PROTON_MHZ_PER_T = 42.577;

/**
 * Side points of the free lineshape used here (fitLcm's own default is 0): in vivo lines are skewed
 * (Philips sub-01: Ins/tCr 0.94 without, 0.89 with it; LCModel 0.85), and LCModel always fits a free
 * lineshape too.
 */
const IN_VIVO_LINESHAPE_POINTS = 5;

/** Options of {@link quantifyMrs}. */
export interface QuantifyMrsOptions {
  readonly fit?: LcmFitOptions;
  /** Reference the metabolite spectrum (NAA/Cr/Cho pattern) before fitting (default true). */
  readonly reference?: boolean;
  /** Echo/repetition time override, s (when the file does not state them). */
  readonly echoTimeS?: number;
  readonly repetitionTimeS?: number;
  readonly tissueFractions?: WaterScalingOptions['tissueFractions'];
  readonly waterRelaxation?: WaterScalingOptions['waterRelaxation'];
  readonly metaboliteRelaxation?: WaterScalingOptions['metaboliteRelaxation'];
  /** Add parametric macromolecule/lipid components when the basis has none (default true). */
  readonly macromolecules?: boolean;
  /** A basis prepared earlier for the same acquisition (skips the preparation). */
  readonly preparedBasis?: PreparedBasis;
}

/** Everything a quantification reports (the CLI's JSON and the app's tables draw from it). */
export interface MrsQuantifyResult {
  readonly fit: LcmFit;
  readonly quantification: Quantification;
  readonly water?: {
    readonly area: number;
    readonly ppm: number;
    readonly fwhmPpm: number;
    readonly fitQuality: number;
  };
  /** Shift applied by referencing before the fit (Hz, to higher ppm); 0 when referencing was off or failed. */
  readonly referenceShiftHz: number;
  readonly notes: readonly string[];
  readonly basis: PreparedBasis;
  readonly timings: { readonly prepareBasisMs: number; readonly fitMs: number };
}

/**
 * Quantifies one preprocessed MRS FID (coil-combined, aligned, averaged: run the preprocessing
 * pipeline first) with a basis set: referencing, linear-combination fit, and, with a water
 * reference, water-referenced concentrations (mM) with tissue and relaxation correction.
 *
 * @throws WorkbenchError `BASIS_MISMATCH` for an empty basis or a basis that does not fit the data,
 *   `INVALID_DATA` for a spectrum that is not a single MRS FID, or water referencing without an echo time.
 */
export function quantifyMrs(
  metabolite: Spectrum,
  basis: readonly Spectrum[],
  water: Spectrum | undefined,
  options: QuantifyMrsOptions = {},
): MrsQuantifyResult {
  const notes: string[] = [];
  if (metabolite.domain !== 'mrs' || metabolite.x.unit !== 's') {
    throw new WorkbenchError('INVALID_DATA', 'quantification needs an MRS FID (before the FFT)', {
      file: metabolite.file,
    });
  }
  if (basis.length === 0 && options.preparedBasis === undefined) {
    throw new WorkbenchError(
      'BASIS_MISMATCH',
      'no basis set given: drop an LCModel .BASIS, .RAW basis files or simulate one',
      {
        file: metabolite.file,
      },
    );
  }
  let data = metabolite;
  let referenceShiftHz = 0;
  if (options.reference !== false) {
    try {
      data = referencePpm(metabolite, { to: 'auto' });
      referenceShiftHz = Number(data.meta.referenceShiftHz ?? 0);
      if (typeof data.meta.referenceWarning === 'string') notes.push(data.meta.referenceWarning);
    } catch (error) {
      notes.push(`not referenced (${error instanceof Error ? error.message : String(error)}): fitted as it is`);
    }
  }
  const acquisition = acquisitionOf(data);
  const started = performance.now();
  const prepared = options.preparedBasis ?? withMacromolecules(prepareBasis(basis, acquisition), options);
  const prepareBasisMs = performance.now() - started;
  notes.push(...prepared.notes);
  const basisEcho = numberOr(basis[0]?.meta.echoTimeS);
  const dataEcho = options.echoTimeS ?? numberOr(metabolite.meta.echoTimeS);
  if (basisEcho !== undefined && dataEcho !== undefined && Math.abs(basisEcho - dataEcho) > 0.005) {
    notes.push(
      `the basis was made for TE ${(basisEcho * 1000).toFixed(0)} ms, the data have TE ${(dataEcho * 1000).toFixed(0)} ms: ` +
        'J-coupled metabolites (Glu, Gln, Ins, GABA, Lac) will be misfitted; use a basis for this TE',
    );
  }
  const fitStarted = performance.now();
  const fit = fitLcm(fidOf(data), prepared, { lineshapePoints: IN_VIVO_LINESHAPE_POINTS, ...options.fit });
  const fitMs = performance.now() - fitStarted;
  if (!fit.converged) notes.push(`the fit stopped after ${fit.iterations} iterations without converging`);
  let waterResult: MrsQuantifyResult['water'];
  let quantification: Quantification;
  if (water === undefined) {
    quantification = quantifyLcm(fit, prepared);
    notes.push('no water reference: ratios to tCr only, no concentrations in mM');
  } else {
    const echoTimeS = options.echoTimeS ?? numberOr(metabolite.meta.echoTimeS);
    if (echoTimeS === undefined) {
      throw new WorkbenchError(
        'INVALID_DATA',
        'water referencing needs the echo time, which the file does not state: give it (TE)',
        { file: metabolite.file },
      );
    }
    const waterFit = fitWater(fidOf(water), acquisitionOf(water));
    waterResult = {
      area: waterFit.area,
      ppm: waterFit.ppm,
      fwhmPpm: waterFit.fwhmPpm,
      fitQuality: waterFit.fit.fitQuality,
    };
    const repetitionTimeS = options.repetitionTimeS ?? numberOr(metabolite.meta.repetitionTimeS);
    const scaling: WaterScalingOptions = {
      echoTimeS,
      fieldT: acquisition.spectrometerFrequencyMHz / PROTON_MHZ_PER_T,
      ...(repetitionTimeS === undefined ? {} : { repetitionTimeS }),
      ...(options.tissueFractions ? { tissueFractions: options.tissueFractions } : {}),
      ...(options.waterRelaxation ? { waterRelaxation: options.waterRelaxation } : {}),
      ...(options.metaboliteRelaxation ? { metaboliteRelaxation: options.metaboliteRelaxation } : {}),
    };
    quantification = quantifyLcm(fit, prepared, { fit: waterFit, scaling });
  }
  return {
    fit,
    quantification,
    ...(waterResult === undefined ? {} : { water: waterResult }),
    referenceShiftHz,
    notes: [...notes, ...quantification.notes],
    basis: prepared,
    timings: { prepareBasisMs, fitMs },
  };
}

/** Adds parametric MM/lipid components when the basis has no macromolecule spectrum (unless switched off). */
function withMacromolecules(basis: PreparedBasis, options: QuantifyMrsOptions): PreparedBasis {
  if (options.macromolecules === false || basis.components.some((c) => c.group === 'macromolecules')) return basis;
  const creatine = basis.components.find((c) => /^(cr|pcr|tcr)$/i.test(c.name));
  const unit = creatine === undefined ? 1 : Math.hypot(creatine.fid.re[0] as number, creatine.fid.im[0] as number) / 5;
  const added = macromoleculeComponents(basis.acquisition, unit);
  return {
    ...basis,
    components: [...basis.components, ...added],
    notes: [
      ...basis.notes,
      `the basis has no macromolecules: added ${added.map((c) => c.name).join(', ')} (Gaussian lines, Osprey/LCModel definitions)`,
    ],
  };
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
