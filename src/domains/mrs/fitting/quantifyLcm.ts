import { WorkbenchError } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import type { LcmFit } from './fitLcm';
import type { WaterFit } from './fitWater';
import type { PreparedBasis } from './prepareBasis';
import {
  metaboliteRelaxation,
  PURE_WATER_MM,
  relaxationTable,
  type Tissue,
  WATER_DENSITY,
} from './relaxationConstants';

/** One row of the concentration table. */
export interface MetaboliteResult {
  readonly name: string;
  /** Components summed (one for a single metabolite; e.g. NAA + NAAG for tNAA). */
  readonly parts: readonly string[];
  readonly amplitude: number;
  /** Cramér–Rao SD of the amplitude (NaN when not estimable: an amplitude held at 0). */
  readonly amplitudeSd: number;
  /** CRLB as % of the amplitude (LCModel's %SD; 999 when the amplitude is 0, as LCModel prints). */
  readonly crlbPercent: number;
  /** Ratio to total creatine (Cr + PCr, or whichever of them the basis holds). */
  readonly ratioToTCr: number;
  /** Water-referenced concentration (mM), when a water reference was given. */
  readonly concentrationMM?: number;
  readonly concentrationSdMM?: number;
}

/** Tissue composition and relaxation settings of water referencing. */
export interface WaterScalingOptions {
  /** Volume fractions of grey matter, white matter and CSF in the voxel (default 0.6/0.4/0 with a note: give the segmentation's). */
  readonly tissueFractions?: Readonly<Record<Tissue, number>>;
  /** Echo and repetition time (s); TR undefined means TR ≫ T1 (no saturation correction). */
  readonly echoTimeS: number;
  readonly repetitionTimeS?: number;
  /** Field strength (T) for the relaxation table (nearest of 3 and 7 T). */
  readonly fieldT: number;
  /** Override water T1/T2 (s) per tissue, e.g. the fitting challenge's GM 0.110 and WM 0.080 s. */
  readonly waterRelaxation?: Partial<Record<Tissue, { t1?: number; t2: number }>>;
  /** Override T1/T2 (s) for every metabolite (e.g. the challenge's T2 = 0.160 s). */
  readonly metaboliteRelaxation?: { t1?: number; t2: number };
}

export interface Quantification {
  readonly metabolites: readonly MetaboliteResult[];
  /** Name of the reference used for ratios ('tCr', or 'Cr'/'PCr' when only one is in the basis). */
  readonly ratioReference: string;
  /** Water-referencing inputs used (mM of visible water, per-proton basis unit …) and every assumption. */
  readonly notes: readonly string[];
  /** Relaxation-corrected water concentration (mM) used, when water referencing ran. */
  readonly waterConcentrationMM?: number;
}

/** Usual sums of metabolites (LCModel's "combinations"), made when the basis holds every part. */
const COMBINATIONS: readonly [string, readonly string[]][] = [
  ['tNAA', ['NAA', 'NAAG']],
  ['tCr', ['Cr', 'PCr']],
  ['tCho', ['GPC', 'PCho']],
  ['tCho', ['GPC', 'PCh']],
  ['Glx', ['Glu', 'Gln']],
  ['Ins+Gly', ['Ins', 'Gly']],
];

/** Protons of total creatine between 0.1 and 5.5 ppm (CH3 3.03 + CH2 3.92): the per-proton unit of the basis. */
const CREATINE_PROTONS = 5;

/**
 * Concentrations from a linear-combination fit: amplitudes, CRLBs, ratios to total creatine, the
 * usual combined metabolites (their SD through the amplitude covariance), and — when a water
 * reference was fitted — water-referenced concentrations (mM):
 *
 *   [M] = (c_M·u) / (A_w / 2) · [H2O] · R_M / (1 − f_CSF),
 *   [H2O] = 55 510 mM · Σ_t f_t·d_t·e^(−TE/T2_t)·(1 − e^(−TR/T1_t)),  R_M = 1 / (e^(−TE/T2_M)·(1 − e^(−TR/T1_M)))
 *
 * (Gasparovic et al., MRM 2006;55:1219; the ISMRM fitting challenge's own rule), where u is the
 * basis signal per proton at t = 0, measured on the prepared creatine basis spectrum (5 protons
 * between 0.1 and 5.5 ppm; any basis normalisation works, as in FSL-MRS's quantification), and A_w
 * the fitted water area (2 protons).
 *
 * @throws WorkbenchError `BASIS_MISMATCH` when water referencing is asked for and the basis has no
 *   creatine to define the per-proton unit.
 */
export function quantifyLcm(
  fit: LcmFit,
  basis: PreparedBasis,
  water?: { readonly fit: WaterFit; readonly scaling: WaterScalingOptions },
): Quantification {
  const notes: string[] = [];
  const index = new Map(fit.names.map((name, k) => [name, k]));
  const crParts = ['Cr', 'PCr'].filter((name) => index.has(name));
  const ratioReference = crParts.length === 2 ? 'tCr' : (crParts[0] ?? 'none');
  const crAmplitude = crParts.reduce((sum, name) => sum + (fit.amplitudes[index.get(name) as number] as number), 0);
  if (crParts.length === 0) notes.push('no creatine in the basis: ratios to tCr are not given');
  const rows: { name: string; parts: string[] }[] = fit.names.map((name) => ({ name, parts: [name] }));
  for (const [name, parts] of COMBINATIONS) {
    if (parts.every((part) => index.has(part)) && !rows.some((row) => row.name === name))
      rows.push({ name, parts: [...parts] });
  }
  let scale: ((row: { parts: string[] }) => number) | undefined;
  let waterConcentrationMM: number | undefined;
  if (water !== undefined) {
    const unit = perProtonUnit(basis);
    const s = water.scaling;
    const fractions = s.tissueFractions ?? { gm: 0.6, wm: 0.4, csf: 0 };
    if (s.tissueFractions === undefined) notes.push('no tissue fractions given: assumed 60 % GM, 40 % WM, 0 % CSF');
    const table = relaxationTable(s.fieldT);
    if (Math.abs(s.fieldT - table.fieldT) > 0.5)
      notes.push(`relaxation times of ${table.fieldT} T used at ${s.fieldT.toFixed(2)} T`);
    const saturation = (t1: number) => (s.repetitionTimeS === undefined ? 1 : 1 - Math.exp(-s.repetitionTimeS / t1));
    if (s.repetitionTimeS === undefined) notes.push('TR not known: no T1 saturation correction (TR ≫ T1 assumed)');
    let visibleWater = 0;
    for (const tissue of ['gm', 'wm', 'csf'] as const) {
      const relax = { ...table.water[tissue], ...s.waterRelaxation?.[tissue] };
      visibleWater +=
        fractions[tissue] * WATER_DENSITY[tissue] * Math.exp(-s.echoTimeS / relax.t2) * saturation(relax.t1);
    }
    waterConcentrationMM = PURE_WATER_MM * visibleWater;
    const csfCorrection = 1 / (1 - fractions.csf);
    notes.push(
      `water referencing: visible water ${waterConcentrationMM.toFixed(0)} mM (TE ${(s.echoTimeS * 1000).toFixed(1)} ms), ` +
        `water area ${water.fit.area.toPrecision(6)}, basis signal per proton ${unit.toPrecision(6)} (from creatine)`,
    );
    scale = (row) => {
      const relax = metaboliteRelaxation(table, row.parts[0] as string);
      const t1 = s.metaboliteRelaxation?.t1 ?? relax.t1;
      const t2 = s.metaboliteRelaxation?.t2 ?? relax.t2;
      const correction = 1 / (Math.exp(-s.echoTimeS / t2) * saturation(t1));
      return ((unit * 2) / water.fit.area) * (waterConcentrationMM as number) * correction * csfCorrection;
    };
  }
  const metabolites = rows.map((row) => {
    const ks = row.parts.map((part) => index.get(part) as number);
    const amplitude = ks.reduce((sum, k) => sum + (fit.amplitudes[k] as number), 0);
    // Parts held at 0 have no variance of their own (their covariance rows are 0): the sum's SD
    // comes from the estimable parts.
    let variance = 0;
    const free = ks.filter((k) => Number.isFinite(fit.amplitudeSd[k] as number));
    const estimable = free.length > 0;
    for (const a of free) {
      for (const b of free) variance += fit.amplitudeCovariance[a * fit.names.length + b] as number;
    }
    const amplitudeSd = estimable && variance > 0 ? Math.sqrt(variance) : Number.NaN;
    const crlbPercent = amplitude > 0 && Number.isFinite(amplitudeSd) ? (100 * amplitudeSd) / amplitude : 999;
    const result: MetaboliteResult = {
      name: row.name,
      parts: row.parts,
      amplitude,
      amplitudeSd,
      crlbPercent,
      ratioToTCr: crAmplitude > 0 ? amplitude / crAmplitude : Number.NaN,
    };
    if (scale === undefined) return result;
    const factor = scale(row);
    return { ...result, concentrationMM: amplitude * factor, concentrationSdMM: amplitudeSd * factor };
  });
  return {
    metabolites,
    ratioReference,
    notes,
    ...(waterConcentrationMM === undefined ? {} : { waterConcentrationMM }),
  };
}

/** Basis signal per proton at t = 0, from the creatine (or phosphocreatine) basis spectrum. */
function perProtonUnit(basis: PreparedBasis): number {
  const creatine =
    basis.components.find((c) => /^cr$/i.test(c.name)) ?? basis.components.find((c) => /^(pcr|tcr)$/i.test(c.name));
  if (creatine === undefined) {
    throw new WorkbenchError(
      'BASIS_MISMATCH',
      'water referencing needs creatine (Cr or PCr) in the basis to fix the signal per proton; give one, or use ratios only',
    );
  }
  const fid: ComplexArrays = creatine.fid;
  return Math.hypot(fid.re[0] as number, fid.im[0] as number) / CREATINE_PROTONS;
}
