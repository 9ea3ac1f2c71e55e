import { interpolateLogLog } from './tabulated';

/**
 * Photon cross-sections of detector crystals (cm²/g): photoelectric absorption, incoherent
 * (Compton) scattering, pair production (nuclear + electron field) and coherent scattering.
 *
 * Source: NIST XCOM (Berger, Hubbell, Seltzer et al., NIST Standard Reference Database 8; public
 * domain US government data), element files MDATX3.0ZZ of XCOM 3.1 (barns/atom → cm²/g with
 * N_A/A), mixed by mass fraction. Grid: the XCOM standard energies 10 keV … 15 MeV plus each K edge
 * (written twice: below, above). Compositions: NaI (Na 0.1534, I 0.8466), CsI (Cs 0.5115, I
 * 0.4885), Ge, LaBr3 (La 0.3669, Br 0.6331; Ce dopant neglected), CZT = Cd0.9Zn0.1Te with its zinc
 * (2.8 % by mass) counted as cadmium (Te 0.5423, Cd 0.4577): < 3 % effect on any coefficient.
 */
export type CrystalMaterial = 'NaI' | 'CsI' | 'Ge' | 'LaBr3' | 'CZT';

interface CrystalTable {
  readonly energiesKeV: readonly number[];
  readonly photoelectric: readonly number[];
  readonly incoherent: readonly number[];
  readonly pair: readonly number[];
  readonly coherent: readonly number[];
}

const GRID_HIGH = [
  100, 150, 200, 300, 400, 500, 600, 800, 1000, 1250, 1500, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 15000,
];
/** Pair production is zero up to 1 MeV on every crystal's grid (19 points from 100 keV). */
const PAIR_HIGH: Record<CrystalMaterial, readonly number[]> = {
  NaI: [0.0001634, 0.0007594, 0.002575, 0.006528, 0.01006, 0.01311, 0.01576, 0.02025, 0.02396, 0.03101],
  CsI: [0.0001937, 0.0008956, 0.003006, 0.007553, 0.01158, 0.01506, 0.01806, 0.02315, 0.02735, 0.03536],
  Ge: [8.902e-5, 0.0004414, 0.001635, 0.004472, 0.007117, 0.009462, 0.01153, 0.01506, 0.01795, 0.02334],
  LaBr3: [0.0001407, 0.0006679, 0.00232, 0.006014, 0.009347, 0.01226, 0.0148, 0.01912, 0.02267, 0.02937],
  CZT: [0.000171, 0.0007946, 0.002714, 0.006941, 0.01072, 0.014, 0.01683, 0.02165, 0.02562, 0.03317],
};

function table(
  material: CrystalMaterial,
  low: readonly number[],
  photoelectric: readonly number[],
  incoherent: readonly number[],
  coherent: readonly number[],
): CrystalTable {
  const energiesKeV = [...low, ...GRID_HIGH];
  const pairHigh = PAIR_HIGH[material];
  const pair = energiesKeV.map((_, i) =>
    i < energiesKeV.length - pairHigh.length ? 0 : (pairHigh[i - (energiesKeV.length - pairHigh.length)] as number),
  );
  return { energiesKeV, photoelectric, incoherent, pair, coherent };
}

const TABLES: Record<CrystalMaterial, CrystalTable> = {
  NaI: table(
    'NaI',
    [10, 15, 20, 30, 33.169, 33.169, 40, 50, 60, 80],
    [
      137.5, 45.7, 20.62, 6.607, 4.971, 29.76, 18.24, 10.06, 6.111, 2.746, 1.462, 0.4592, 0.2019, 0.06481, 0.02987,
      0.01684, 0.01079, 0.005588, 0.003491, 0.00224, 0.001604, 0.0009761, 0.0005178, 0.0003428, 0.0002535, 0.0002,
      0.0001398, 0.0001069, 6.706e-5,
    ],
    [
      0.06731, 0.0841, 0.09463, 0.1067, 0.109, 0.109, 0.1127, 0.1157, 0.1169, 0.1165, 0.1144, 0.1071, 0.1, 0.0886,
      0.08009, 0.07351, 0.06822, 0.06012, 0.05413, 0.04846, 0.04407, 0.03764, 0.02963, 0.02472, 0.02135, 0.01887,
      0.01544, 0.01315, 0.009737,
    ],
    [
      2.437, 1.598, 1.136, 0.6444, 0.5555, 0.5555, 0.4196, 0.2978, 0.2221, 0.1365, 0.09243, 0.04491, 0.02654, 0.01238,
      0.007126, 0.004622, 0.003238, 0.00184, 0.001184, 0.0007607, 0.0005293, 0.0002985, 0.0001329, 7.48e-5, 4.787e-5,
      3.325e-5, 1.871e-5, 1.197e-5, 5.321e-6,
    ],
  ),
  CsI: table(
    'CsI',
    [10, 15, 20, 30, 33.169, 33.169, 35.985, 35.985, 40, 50, 60, 80],
    [
      168.2, 56.21, 25.44, 8.185, 6.163, 20.46, 16.49, 29.57, 22.37, 12.41, 7.547, 3.404, 1.816, 0.5725, 0.2523,
      0.08117, 0.03748, 0.02116, 0.01356, 0.007033, 0.004393, 0.002828, 0.002024, 0.001231, 0.0006525, 0.000432,
      0.0003192, 0.0002518, 0.0001759, 0.0001346, 8.435e-5,
    ],
    [
      0.05922, 0.07519, 0.08581, 0.09833, 0.1008, 0.1008, 0.1027, 0.1027, 0.1049, 0.1085, 0.1102, 0.1108, 0.1093, 0.103,
      0.09654, 0.08583, 0.07772, 0.07139, 0.06629, 0.05846, 0.05266, 0.04715, 0.04289, 0.03663, 0.02884, 0.02406,
      0.02079, 0.01837, 0.01503, 0.0128, 0.009478,
    ],
    [
      2.843, 1.871, 1.336, 0.7626, 0.6573, 0.6573, 0.5822, 0.5822, 0.4967, 0.353, 0.2639, 0.1625, 0.1101, 0.05357,
      0.03171, 0.01481, 0.00853, 0.005537, 0.00388, 0.002206, 0.00142, 0.0009123, 0.0006349, 0.000358, 0.0001594,
      8.973e-5, 5.744e-5, 3.989e-5, 2.244e-5, 1.436e-5, 6.383e-6,
    ],
  ),
  Ge: table(
    'Ge',
    [10, 11.103, 11.103, 15, 20, 30, 40, 50, 60, 80],
    [
      35.72, 26.6, 196.7, 90.43, 41.45, 13.36, 5.845, 3.045, 1.775, 0.7517, 0.3836, 0.1125, 0.04734, 0.01438, 0.006414,
      0.003542, 0.002239, 0.001144, 0.0007122, 0.0004573, 0.0003292, 0.0002022, 0.000109, 7.311e-5, 5.456e-5, 4.335e-5,
      3.057e-5, 2.355e-5, 1.491e-5,
    ],
    [
      0.07117, 0.07616, 0.07616, 0.09051, 0.1027, 0.1161, 0.1224, 0.1249, 0.1254, 0.1239, 0.121, 0.1126, 0.1048,
      0.09234, 0.08321, 0.07622, 0.07065, 0.0622, 0.05597, 0.05009, 0.04555, 0.03888, 0.0306, 0.02553, 0.02205, 0.01949,
      0.01595, 0.01358, 0.01005,
    ],
    [
      1.636, 1.446, 1.446, 0.9881, 0.6769, 0.3805, 0.2412, 0.1664, 0.1224, 0.0747, 0.05047, 0.02408, 0.014, 0.006434,
      0.003676, 0.002373, 0.001656, 0.0009366, 0.0006008, 0.0003852, 0.0002677, 0.0001507, 6.703e-5, 3.771e-5, 2.414e-5,
      1.677e-5, 9.433e-6, 6.036e-6, 2.683e-6,
    ],
  ),
  LaBr3: table(
    'LaBr3',
    [10, 13.474, 13.474, 15, 20, 30, 38.925, 38.925, 40, 50, 60, 80],
    [
      101, 44.86, 124.2, 94, 43.69, 14.28, 6.827, 15.07, 13.98, 7.634, 4.612, 2.055, 1.089, 0.3394, 0.1486, 0.04742,
      0.02181, 0.01228, 0.00786, 0.004069, 0.002542, 0.001638, 0.001173, 0.0007144, 0.0003795, 0.0002515, 0.0001862,
      0.000147, 0.0001028, 7.873e-5, 4.942e-5,
    ],
    [
      0.0652, 0.07769, 0.07769, 0.0823, 0.0938, 0.1069, 0.1128, 0.1128, 0.1134, 0.1165, 0.1177, 0.1172, 0.115, 0.1077,
      0.1006, 0.08901, 0.0804, 0.07374, 0.06841, 0.06026, 0.05428, 0.04857, 0.04417, 0.03772, 0.02969, 0.02478, 0.0214,
      0.01891, 0.01547, 0.01318, 0.009755,
    ],
    [
      2.258, 1.615, 1.615, 1.427, 0.9994, 0.5716, 0.3845, 0.3845, 0.3689, 0.2589, 0.1923, 0.1182, 0.08011, 0.03873,
      0.02279, 0.01059, 0.006085, 0.003944, 0.00276, 0.001567, 0.001007, 0.000647, 0.0004501, 0.0002536, 0.0001129,
      6.353e-5, 4.068e-5, 2.825e-5, 1.589e-5, 1.017e-5, 4.52e-6,
    ],
  ),
  CZT: table(
    'CZT',
    [10, 15, 20, 26.711, 26.711, 30, 31.814, 31.814, 40, 50, 60, 80],
    [
      135.7, 44.86, 20.18, 8.944, 28.09, 20.72, 17.7, 34.22, 18.78, 10.26, 6.206, 2.768, 1.466, 0.4569, 0.1998, 0.06368,
      0.02924, 0.01645, 0.01052, 0.005438, 0.003396, 0.00218, 0.001561, 0.0009508, 0.000505, 0.000335, 0.0002479,
      0.0001958, 0.0001369, 0.0001049, 6.582e-5,
    ],
    [
      0.06003, 0.0764, 0.08706, 0.09621, 0.09621, 0.09977, 0.1012, 0.1012, 0.1064, 0.11, 0.1117, 0.1119, 0.1102, 0.1037,
      0.0971, 0.08619, 0.07799, 0.0716, 0.06648, 0.05861, 0.05277, 0.04725, 0.04298, 0.03671, 0.0289, 0.02411, 0.02083,
      0.01841, 0.01506, 0.01283, 0.009495,
    ],
    [
      2.625, 1.727, 1.215, 0.8092, 0.8092, 0.686, 0.6293, 0.6293, 0.4476, 0.3172, 0.2359, 0.1446, 0.09789, 0.04755,
      0.02807, 0.01306, 0.007517, 0.004872, 0.003413, 0.001939, 0.001247, 0.000801, 0.0005571, 0.0003141, 0.0001398,
      7.869e-5, 5.038e-5, 3.498e-5, 1.968e-5, 1.26e-5, 5.6e-6,
    ],
  ),
};

/** Densities (g/cm³): NaI 3.667, CsI 4.51, Ge 5.323, LaBr3 5.08, Cd0.9Zn0.1Te 5.78. */
export const CRYSTAL_DENSITY_G_CM3: Readonly<Record<CrystalMaterial, number>> = {
  NaI: 3.667,
  CsI: 4.51,
  Ge: 5.323,
  LaBr3: 5.08,
  CZT: 5.78,
};

/** Mass attenuation coefficients (cm²/g) of a crystal at one energy. */
export interface CrossSections {
  readonly photoelectric: number;
  readonly incoherent: number;
  readonly pair: number;
  readonly coherent: number;
  /** Photoelectric + incoherent + pair: the interactions that deposit energy. */
  readonly totalWithoutCoherent: number;
}

/** Cross-sections of `material` at `energyKeV` (log-log interpolation of the XCOM table). */
export function crystalCrossSections(material: CrystalMaterial, energyKeV: number): CrossSections {
  const t = TABLES[material];
  const photoelectric = interpolateLogLog(t.energiesKeV, t.photoelectric, energyKeV);
  const incoherent = interpolateLogLog(t.energiesKeV, t.incoherent, energyKeV);
  const pair = energyKeV <= 1022 ? 0 : interpolateLogLog(t.energiesKeV, t.pair, energyKeV);
  const coherent = interpolateLogLog(t.energiesKeV, t.coherent, energyKeV);
  return { photoelectric, incoherent, pair, coherent, totalWithoutCoherent: photoelectric + incoherent + pair };
}

/**
 * K-shell fluorescence of a crystal element, for x-ray escape peaks. `share` is the fraction of
 * the crystal's photoabsorption that happens in this element's K shell, valid above every K edge
 * of the crystal (computed from the same XCOM data: w·τ_el·(1 − 1/J_K)/τ); `shareBelowNextEdge` holds
 * between this edge and the next higher one. Kα/Kβ energies (intensity-weighted Kα1/Kα2) and
 * fluorescence yields ω_K from Krause, J. Phys. Chem. Ref. Data 8 (1979) 307; β = Kβ/(Kα + Kβ).
 */
export interface KShellLine {
  readonly element: string;
  readonly edgeKeV: number;
  readonly kAlphaKeV: number;
  readonly kBetaKeV: number;
  readonly kBetaFraction: number;
  readonly fluorescenceYield: number;
  readonly share: number;
  readonly shareBelowNextEdge?: { readonly nextEdgeKeV: number; readonly share: number };
}

/** The K-shell lines of each crystal, in order of edge energy. */
export const CRYSTAL_K_SHELLS: Readonly<Record<CrystalMaterial, readonly KShellLine[]>> = {
  NaI: [
    {
      element: 'I',
      edgeKeV: 33.169,
      kAlphaKeV: 28.51,
      kBetaKeV: 32.3,
      kBetaFraction: 0.18,
      fluorescenceYield: 0.882,
      share: 0.833,
    },
  ],
  CsI: [
    {
      element: 'I',
      edgeKeV: 33.169,
      kAlphaKeV: 28.51,
      kBetaKeV: 32.3,
      kBetaFraction: 0.18,
      fluorescenceYield: 0.882,
      share: 0.389,
      shareBelowNextEdge: { nextEdgeKeV: 35.985, share: 0.699 },
    },
    {
      element: 'Cs',
      edgeKeV: 35.985,
      kAlphaKeV: 30.85,
      kBetaKeV: 35.0,
      kBetaFraction: 0.18,
      fluorescenceYield: 0.894,
      share: 0.445,
    },
  ],
  Ge: [
    {
      element: 'Ge',
      edgeKeV: 11.103,
      kAlphaKeV: 9.88,
      kBetaKeV: 10.98,
      kBetaFraction: 0.12,
      fluorescenceYield: 0.535,
      share: 0.865,
    },
  ],
  LaBr3: [
    {
      element: 'Br',
      edgeKeV: 13.474,
      kAlphaKeV: 11.91,
      kBetaKeV: 13.29,
      kBetaFraction: 0.13,
      fluorescenceYield: 0.618,
      share: 0.26,
      shareBelowNextEdge: { nextEdgeKeV: 38.925, share: 0.639 },
    },
    {
      element: 'La',
      edgeKeV: 38.925,
      kAlphaKeV: 33.3,
      kBetaKeV: 37.8,
      kBetaFraction: 0.19,
      fluorescenceYield: 0.902,
      share: 0.57,
    },
  ],
  CZT: [
    {
      element: 'Cd',
      edgeKeV: 26.711,
      kAlphaKeV: 23.1,
      kBetaKeV: 26.1,
      kBetaFraction: 0.17,
      fluorescenceYield: 0.84,
      share: 0.349,
      shareBelowNextEdge: { nextEdgeKeV: 31.814, share: 0.682 },
    },
    {
      element: 'Te',
      edgeKeV: 31.814,
      kAlphaKeV: 27.4,
      kBetaKeV: 31.0,
      kBetaFraction: 0.18,
      fluorescenceYield: 0.875,
      share: 0.488,
    },
  ],
};

/** Fraction of photoabsorption in the K shell of `line` at `energyKeV` (0 below its edge). */
export function kShellShare(line: KShellLine, energyKeV: number): number {
  if (energyKeV < line.edgeKeV) return 0;
  const below = line.shareBelowNextEdge;
  return below !== undefined && energyKeV < below.nextEdgeKeV ? below.share : line.share;
}
