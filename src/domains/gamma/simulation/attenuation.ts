import { interpolateLogLog } from './tabulated';

/**
 * Mass attenuation coefficients of shielding materials and narrow-beam transmission.
 *
 * Source: NIST XCOM photon cross-section database (Berger, Hubbell, Seltzer et al., NIST Standard
 * Reference Database 8) and the equivalent NIST tables of X-ray mass attenuation coefficients
 * (Hubbell & Seltzer, NISTIR 5632; elements Z = 13, 26 and the compounds "Concrete, Ordinary",
 * "Water, Liquid", "Polyethylene"); US government works, public domain. Values are μ/ρ in cm²/g,
 * total with coherent scattering, on the standard grid 10 keV … 15 MeV (lead adds its L1–L3 and K
 * edges, each written twice: below, above). Lead's partial cross-sections come from the XCOM element
 * file for Z = 82 (barns/atom → cm²/g); their sum is the total. Log-log interpolation in between.
 */
export type ShieldMaterial = 'lead' | 'iron' | 'aluminium' | 'concrete' | 'water' | 'polyethylene';

/** All shielding materials, for option validation and UI lists. */
export const SHIELD_MATERIALS: readonly ShieldMaterial[] = [
  'lead',
  'iron',
  'aluminium',
  'concrete',
  'water',
  'polyethylene',
];

/** Nominal densities (g/cm³); ordinary concrete per NIST (2.3), polyethylene 0.94. */
export const SHIELD_DENSITY_G_CM3: Readonly<Record<ShieldMaterial, number>> = {
  lead: 11.35,
  iron: 7.874,
  aluminium: 2.699,
  concrete: 2.3,
  water: 1.0,
  polyethylene: 0.94,
};

const GRID = [
  10, 15, 20, 30, 40, 50, 60, 80, 100, 150, 200, 300, 400, 500, 600, 800, 1000, 1250, 1500, 2000, 3000, 4000, 5000,
  6000, 8000, 10000, 15000,
];

const TOTAL: Readonly<Record<Exclude<ShieldMaterial, 'lead'>, readonly number[]>> = {
  iron: [
    170.6, 57.08, 25.68, 8.176, 3.629, 1.958, 1.205, 0.5952, 0.3717, 0.1964, 0.146, 0.1099, 0.094, 0.08414, 0.07704,
    0.06699, 0.05995, 0.0535, 0.04883, 0.04265, 0.03621, 0.03312, 0.03146, 0.03057, 0.02991, 0.02994, 0.03092,
  ],
  aluminium: [
    26.23, 7.955, 3.441, 1.128, 0.5685, 0.3681, 0.2778, 0.2018, 0.1704, 0.1378, 0.1223, 0.1042, 0.09276, 0.08445,
    0.07802, 0.06841, 0.06146, 0.05496, 0.05006, 0.04324, 0.03541, 0.03106, 0.02836, 0.02655, 0.02437, 0.02318, 0.02195,
  ],
  concrete: [
    20.45, 6.351, 2.806, 0.9601, 0.5058, 0.3412, 0.266, 0.2014, 0.1738, 0.1436, 0.1282, 0.1097, 0.09783, 0.08915,
    0.08236, 0.07227, 0.06495, 0.05807, 0.05288, 0.04557, 0.03701, 0.03217, 0.02908, 0.02697, 0.02432, 0.02278, 0.02096,
  ],
  water: [
    5.329, 1.673, 0.8096, 0.3756, 0.2683, 0.2269, 0.2059, 0.1837, 0.1707, 0.1505, 0.137, 0.1186, 0.1061, 0.09687,
    0.08956, 0.07865, 0.07072, 0.06323, 0.05754, 0.04942, 0.03969, 0.03403, 0.03031, 0.0277, 0.02429, 0.02219, 0.01941,
  ],
  polyethylene: [
    2.088, 0.7452, 0.4315, 0.2706, 0.2275, 0.2084, 0.197, 0.1823, 0.1719, 0.1534, 0.1402, 0.1217, 0.1089, 0.09947,
    0.09198, 0.08078, 0.07262, 0.06495, 0.0591, 0.05064, 0.04045, 0.03444, 0.03045, 0.0276, 0.02383, 0.02145, 0.01819,
  ],
};

const PB_GRID = [
  10,
  13.035,
  13.035,
  15,
  15.2,
  15.2,
  15.861,
  15.861,
  20,
  30,
  40,
  50,
  60,
  80,
  88.004,
  88.004,
  ...GRID.slice(8),
];
const PB_PHOTO = [
  125.6, 63.1, 158.2, 108.2, 104.5, 145.2, 131.2, 151.7, 83.97, 28.86, 13.35, 7.292, 4.432, 2.012, 1.547, 7.321, 5.237,
  1.815, 0.8464, 0.293, 0.1417, 0.08257, 0.05406, 0.02871, 0.0181, 0.01168, 0.008321, 0.005034, 0.002631, 0.001723,
  0.001263, 0.0009894, 0.0006845, 0.0005203, 0.0003229,
];
const PB_INCOHERENT = [
  0.0454, 0.05435, 0.05435, 0.0592, 0.05964, 0.05964, 0.06112, 0.06112, 0.06897, 0.08228, 0.09019, 0.09478, 0.09734,
  0.09923, 0.09928, 0.09928, 0.09894, 0.09484, 0.08966, 0.08036, 0.0731, 0.06734, 0.06263, 0.05537, 0.04993, 0.04476,
  0.04075, 0.03482, 0.02744, 0.0229, 0.01978, 0.01749, 0.01431, 0.01219, 0.009022,
];
const PB_PAIR = [
  ...new Array<number>(25).fill(0),
  0.0003781,
  0.001806,
  0.00545,
  0.01193,
  0.01716,
  0.02155,
  0.02535,
  0.03171,
  0.03698,
  0.04722,
];
const PB_COHERENT = [
  4.982, 3.851, 3.851, 3.308, 3.258, 3.258, 3.104, 3.104, 2.338, 1.377, 0.9202, 0.6545, 0.49, 0.3078, 0.2632, 0.2632,
  0.2128, 0.1049, 0.0626, 0.02988, 0.01746, 0.01143, 0.00806, 0.004621, 0.002991, 0.00193, 0.001347, 0.0007626,
  0.0003406, 0.0001919, 0.0001229, 8.542e-5, 4.807e-5, 3.078e-5, 1.368e-5,
];
const PB_TOTAL = PB_PHOTO.map(
  (p, i) => p + (PB_INCOHERENT[i] as number) + (PB_PAIR[i] as number) + (PB_COHERENT[i] as number),
);

/**
 * Σ wᵢ·Zᵢ(Zᵢ+1)/Aᵢ of each material (mass fractions w; NIST compositions: ordinary concrete H 0.0221,
 * C 0.0025, O 0.5749, Na 0.0152, Mg 0.0013, Al 0.0200, Si 0.3046, K 0.0100, Ca 0.0430, Fe 0.0064;
 * water H 0.1119, O 0.8881; polyethylene H 0.1437, C 0.8563). Pair production per atom scales
 * close to Z(Z+1) (nuclear field ∝ Z², electron field ∝ Z).
 */
const Z_Z1_OVER_A: Readonly<Record<ShieldMaterial, number>> = (() => {
  const el: Record<number, number> = {
    1: 1.008,
    6: 12.011,
    8: 15.999,
    11: 22.99,
    12: 24.305,
    13: 26.982,
    14: 28.085,
    19: 39.098,
    20: 40.078,
    26: 55.845,
    82: 207.2,
  };
  const sum = (parts: Record<number, number>): number =>
    Object.entries(parts).reduce((s, [z, w]) => s + (w * Number(z) * (Number(z) + 1)) / (el[Number(z)] as number), 0);
  return {
    lead: sum({ 82: 1 }),
    iron: sum({ 26: 1 }),
    aluminium: sum({ 13: 1 }),
    concrete: sum({
      1: 0.0221,
      6: 0.002484,
      8: 0.57493,
      11: 0.015208,
      12: 0.001266,
      13: 0.019953,
      14: 0.304627,
      19: 0.010045,
      20: 0.042951,
      26: 0.006435,
    }),
    water: sum({ 1: 0.111894, 8: 0.888106 }),
    polyethylene: sum({ 1: 0.143711, 6: 0.856289 }),
  };
})();

/** μ/ρ (cm²/g, total with coherent scattering) of `material` at `energyKeV`. */
export function massAttenuation(material: ShieldMaterial, energyKeV: number): number {
  if (material === 'lead') return interpolateLogLog(PB_GRID, PB_TOTAL, energyKeV);
  return interpolateLogLog(GRID, TOTAL[material], energyKeV);
}

/**
 * Narrow-beam transmission exp(−μ/ρ · ρx) through `arealDensityGcm2` (g/cm², = density × thickness)
 * of `material` at `energyKeV` (no build-up: scattered photons are removed).
 */
export function transmission(material: ShieldMaterial, arealDensityGcm2: number, energyKeV: number): number {
  return Math.exp(-massAttenuation(material, energyKeV) * arealDensityGcm2);
}

/**
 * Pair-production mass attenuation κ/ρ (cm²/g) of `material`: XCOM for lead; for the others lead's
 * value scaled by Σ wZ(Z+1)/A (within about 10 % of XCOM above 3 MeV, too high near threshold where
 * κ is negligible anyway).
 */
export function pairAttenuation(material: ShieldMaterial, energyKeV: number): number {
  if (energyKeV <= 1022) return 0;
  const lead = interpolateLogLog(PB_GRID, PB_PAIR, energyKeV);
  return material === 'lead' ? lead : (lead * Z_Z1_OVER_A[material]) / Z_Z1_OVER_A.lead;
}

/** Photoelectric mass attenuation τ/ρ (cm²/g) of lead (XCOM), for its K fluorescence. */
export function leadPhotoelectric(energyKeV: number): number {
  return interpolateLogLog(PB_GRID, PB_PHOTO, energyKeV);
}
