/**
 * Relaxation times and water constants for water-referenced quantification, from Osprey
 * (schorschinho/osprey, MIT, commit 5cbf75cdca82: `quantify/OspreyQuantify.m` lookUpRelaxTimes and
 * quantTiss; see ../shared/physics/PROVENANCE.md §8): 3 T metabolites from Mlynárik 2001 / Puts 2013
 * (T1) and Wyss 2018 (T2), 7 T from Marjańska 2011, Mlynárik 2012 and others; water at 3 T from
 * Lu 2005 / Wansapura 1999 / Piechnik 2009, at 7 T from Rooney 2007 / Bartha 2002. Values in s,
 * averaged over grey and white matter for metabolites. Other fields use the nearer of 3 T and 7 T
 * (said in the result's notes).
 */
export interface RelaxationTable {
  readonly fieldT: 3 | 7;
  /** Water T1/T2 (s) per tissue. */
  readonly water: Readonly<Record<Tissue, { readonly t1: number; readonly t2: number }>>;
  /** Metabolite T1/T2 (s) by name (GM/WM mean). */
  readonly metabolites: Readonly<Record<string, { readonly t1: number; readonly t2: number }>>;
}

export type Tissue = 'gm' | 'wm' | 'csf';

/** Relative water densities (Gasparovic 2006; Ernst 1993) and the molal concentration of pure water, mM. */
export const WATER_DENSITY: Readonly<Record<Tissue, number>> = { gm: 0.78, wm: 0.65, csf: 0.97 };
export const PURE_WATER_MM = 55510;

const mean = (a: number, b: number) => (a + b) / 2000;

const TABLE_3T: RelaxationTable = {
  fieldT: 3,
  water: { gm: { t1: 1.331, t2: 0.11 }, wm: { t1: 0.832, t2: 0.0792 }, csf: { t1: 3.817, t2: 0.503 } },
  metabolites: {
    Asc: { t1: mean(1340, 1190), t2: mean(115, 172) },
    Asp: { t1: mean(1340, 1190), t2: mean(100.5, 148) },
    Cr: { t1: mean(1460, 1240), t2: mean(146, 166) },
    PCr: { t1: mean(1460, 1240), t2: mean(146, 166) },
    GABA: { t1: 1.31, t2: 0.0885 },
    Glc: { t1: mean(1340, 1190), t2: mean(102.5, 155) },
    Gln: { t1: mean(1340, 1190), t2: mean(110.5, 168) },
    Glu: { t1: mean(1270, 1170), t2: mean(128.5, 124) },
    Gly: { t1: mean(1340, 1190), t2: mean(91.5, 152) },
    GPC: { t1: mean(1300, 1080), t2: mean(248, 218) },
    PCh: { t1: mean(1300, 1080), t2: mean(247.5, 213) },
    GSH: { t1: mean(1340, 1190), t2: mean(88.5, 145) },
    Lac: { t1: mean(1340, 1190), t2: mean(104.5, 159) },
    Ins: { t1: mean(1230, 1010), t2: mean(236.5, 161) },
    NAA: { t1: mean(1470, 1350), t2: mean(258, 343) },
    NAAG: { t1: mean(1340, 1190), t2: mean(117.5, 185) },
    PE: { t1: mean(1340, 1190), t2: mean(102.5, 158) },
    sIns: { t1: mean(1340, 1190), t2: mean(116, 170) },
    Tau: { t1: 1.34, t2: 0.1125 },
  },
};

const TABLE_7T: RelaxationTable = {
  fieldT: 7,
  water: { gm: { t1: 2.13, t2: 0.055 }, wm: { t1: 1.22, t2: 0.05 }, csf: { t1: 4.425, t2: 0.141 } },
  metabolites: {
    Cr: { t1: mean(1740, 1780), t2: 0.107 },
    PCr: { t1: mean(1740, 1780), t2: 0.107 },
    GABA: { t1: 1.334, t2: 0.087 },
    Gln: { t1: mean(1640, 1740), t2: 0.107 },
    Glu: { t1: mean(1610, 1750), t2: mean(107, 117) },
    GPC: { t1: mean(1510, 1320), t2: 0.153 },
    PCh: { t1: mean(1510, 1320), t2: 0.153 },
    GSH: { t1: mean(1140, 1060), t2: 0.079 },
    Lac: { t1: mean(1530, 1484), t2: 0.182 },
    Ins: { t1: mean(1280, 1190), t2: 0.111 },
    NAA: { t1: mean(1780, 1830), t2: 0.155 },
    NAAG: { t1: mean(1210, 940), t2: 0.155 },
    PE: { t1: mean(1310, 1320), t2: 0.182 },
    sIns: { t1: mean(1310, 1230), t2: 0.105 },
    Tau: { t1: mean(2150, 2090), t2: 0.097 },
  },
};

/** Names used for the same metabolite by different basis sets, mapped to the table's. */
const ALIASES: Readonly<Record<string, string>> = {
  mi: 'Ins',
  myo: 'Ins',
  pcho: 'PCh',
  scyllo: 'sIns',
  scy: 'sIns',
  si: 'sIns',
  pe: 'PE',
  peth: 'PE',
};

/** The table of the nearer field (3 or 7 T) to `fieldT`. */
export function relaxationTable(fieldT: number): RelaxationTable {
  return fieldT >= 5 ? TABLE_7T : TABLE_3T;
}

/**
 * T1/T2 (s) of a metabolite at the table's field; metabolites the table lacks (and macromolecules)
 * take the mean over the metabolites it has, as Osprey does for Asc, Asp, Glc and Gly at 7 T.
 */
export function metaboliteRelaxation(
  table: RelaxationTable,
  name: string,
): { t1: number; t2: number; tabulated: boolean } {
  const key =
    ALIASES[name.toLowerCase()] ?? Object.keys(table.metabolites).find((k) => k.toLowerCase() === name.toLowerCase());
  const found = key === undefined ? undefined : table.metabolites[key];
  if (found !== undefined) return { ...found, tabulated: true };
  const all = Object.values(table.metabolites);
  return {
    t1: all.reduce((s, v) => s + v.t1, 0) / all.length,
    t2: all.reduce((s, v) => s + v.t2, 0) / all.length,
    tabulated: false,
  };
}
