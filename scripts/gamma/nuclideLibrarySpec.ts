/**
 * What `buildNuclideLibrary.ts` puts in the nuclide library: the entries, their category, and for
 * chains (or parents shipped with their short-lived progeny) each member with the fraction of the
 * parent's decays that pass through it in secular equilibrium.
 *
 * Branching sources: the "Daughter(s)" / "Possible parent(s)" header lines of the LNHB Lara files
 * (`roentgen/data/lara/<nuclide>.lara.txt` in ehsteve/roentgen, the same evaluations as the CSV).
 * A member fed by several branches gets the sum (e.g. Bi-214 from Pb-214 and from At-218).
 * Members missing from the CSV (no photon above its cut-off, or not extracted) are named in `notes`.
 */
import type { NuclideCategory } from '../../src/domains/gamma/nuclides/nuclide';

/** Gamma and annihilation lines kept when at least this many photons per 100 parent decays. */
export const MIN_GAMMA_PCT = 0.1;
/** X-ray lines kept when at least this many photons per 100 parent decays (the CSV's own cut). */
export const MIN_XRAY_PCT = 1;

/** One nuclide whose photon rows go into an entry, with its activity per parent decay. */
export interface MemberSpec {
  readonly nuclide: string;
  /** Member activity / parent activity in secular equilibrium. */
  readonly branching: number;
}

/** One library entry; `members[0]` is the parent (its half-life is the entry's). */
export interface EntrySpec {
  readonly name: string;
  readonly category: NuclideCategory;
  readonly members: readonly MemberSpec[];
}

const alone = (name: string, category: NuclideCategory): EntrySpec => ({
  name,
  category,
  members: [{ nuclide: name, branching: 1 }],
});

/**
 * Branching numbers (fraction of the parent's decays), Lara headers:
 * - Pa-234m I.T. to Pa-234: 0.15 % (Pa-234m, CNDC 2010). Th-234 β− feeds Pa-234m at 100 % (Th-234,
 *   IFIN-HH 2009), so Pa-234m = 1 and Pa-234 = 0.0015 (the brief's "99.84 %" is the β− branch of
 *   Pa-234m, not its feeding; the 0.15 % difference is far below the line uncertainties).
 * - Po-218 α to Pb-214: 99.978 % (Po-218 and Pb-214, LNHB 2007); Bi-214 is fed by Pb-214 (100 %)
 *   and by At-218 (the other 0.022 %, α 99.9 %), so Bi-214 = 1.
 * - Bi-212 α to Tl-208: 35.93 % (Bi-212, Surrey 2010); the brief quotes 35.94 % (DDEP table).
 * - Ac-227 β− to Th-227: 98.62 %, α to Fr-223: 1.38 % (Ac-227, KRI 2008); Ra-223 fed by both.
 * - Bi-211 α to Tl-207: 99.724 % (Bi-211, IFIN-HH 2009).
 * - Every other step of the chains below is a single decay mode at 100 % (Po-216 99.9981 %,
 *   Po-215 99.99977 %: taken as 1).
 */
const PB214 = 0.99978;
const TL208 = 0.3593;
const FR223 = 0.0138;
const TL207 = 0.99724;
const PA234 = 0.0015;

/** Ra-226 and its short-lived progeny (Po-218, Po-214 have no photon line above the cut). */
const RADIUM_PROGENY: readonly MemberSpec[] = [
  { nuclide: 'Ra-226', branching: 1 },
  { nuclide: 'Rn-222', branching: 1 },
  { nuclide: 'Pb-214', branching: PB214 },
  { nuclide: 'Bi-214', branching: 1 },
];

/** U-238 with Th-234 and Pa-234m (in equilibrium ~6 months after chemical separation). */
const URANIUM_HEAD: readonly MemberSpec[] = [
  { nuclide: 'U-238', branching: 1 },
  { nuclide: 'Th-234', branching: 1 },
  { nuclide: 'Pa-234m', branching: 1 },
  { nuclide: 'Pa-234', branching: PA234 },
];

/** Ra-223 and progeny (Po-215 and Po-211 have no photon line above the cut). */
const RA223_PROGENY: readonly MemberSpec[] = [
  { nuclide: 'Ra-223', branching: 1 },
  { nuclide: 'Rn-219', branching: 1 },
  { nuclide: 'Pb-211', branching: 1 },
  { nuclide: 'Bi-211', branching: 1 },
  { nuclide: 'Tl-207', branching: TL207 },
];

/**
 * The entries. Left out: nuclides whose only lines in the CSV are L X-rays (Pu-238, Pu-239,
 * Pu-240, Pu-242, Cm-244, Cf-252, U-236: their gammas are below the CSV's 0.05 % cut), and
 * short-lived progeny that never occur without their parent (they are in the chains).
 */
export const LIBRARY_SPEC: readonly EntrySpec[] = [
  // Calibration and check sources.
  alone('Ba-133', 'calibration'),
  alone('Bi-207', 'calibration'),
  alone('Cd-109', 'calibration'),
  alone('Ce-139', 'calibration'),
  alone('Co-57', 'calibration'),
  alone('Eu-152', 'calibration'),
  alone('Eu-154', 'calibration'),
  alone('Eu-155', 'calibration'),
  alone('Hg-203', 'calibration'),
  alone('Mn-54', 'calibration'),
  alone('Na-22', 'calibration'),
  alone('Sn-113', 'calibration'),
  alone('Sr-85', 'calibration'),
  alone('Y-88', 'calibration'),
  {
    name: 'Ge-68',
    category: 'calibration',
    members: [
      { nuclide: 'Ge-68', branching: 1 },
      { nuclide: 'Ga-68', branching: 1 },
    ],
  },
  // Industrial (radiography, gauges, smoke detectors).
  alone('Am-241', 'industrial'),
  alone('Ir-192', 'industrial'),
  alone('Se-75', 'industrial'),
  // Medical.
  alone('F-18', 'medical'),
  alone('Ga-67', 'medical'),
  alone('Ga-68', 'medical'),
  alone('I-123', 'medical'),
  alone('I-125', 'medical'),
  alone('I-131', 'medical'),
  alone('In-111', 'medical'),
  alone('Lu-177', 'medical'),
  alone('Mo-99', 'medical'),
  alone('Tc-99m', 'medical'),
  alone('Tl-201', 'medical'),
  { name: 'Ra-223', category: 'medical', members: RA223_PROGENY },
  // Natural (primordial, cosmogenic, and the decay series in secular equilibrium).
  alone('K-40', 'natural'),
  alone('La-138', 'natural'),
  alone('Be-7', 'natural'),
  alone('Pb-210', 'natural'),
  {
    name: 'U-238 chain',
    category: 'natural',
    members: [
      ...URANIUM_HEAD,
      { nuclide: 'U-234', branching: 1 },
      ...RADIUM_PROGENY,
      { nuclide: 'Pb-210', branching: 1 },
    ],
  },
  { name: 'Ra-226 chain', category: 'natural', members: RADIUM_PROGENY },
  {
    name: 'Th-232 chain',
    category: 'natural',
    members: [
      { nuclide: 'Th-232', branching: 1 },
      { nuclide: 'Ra-228', branching: 1 },
      { nuclide: 'Ac-228', branching: 1 },
      { nuclide: 'Th-228', branching: 1 },
      { nuclide: 'Ra-224', branching: 1 },
      { nuclide: 'Rn-220', branching: 1 },
      { nuclide: 'Pb-212', branching: 1 },
      { nuclide: 'Bi-212', branching: 1 },
      { nuclide: 'Tl-208', branching: TL208 },
    ],
  },
  {
    // Th-227 (98.62 % of Ac-227 decays; 236.0 keV 12.9 %, 50.1 keV 8 %, 256.2 keV 7 %) is not in the CSV.
    name: 'U-235 chain',
    category: 'natural',
    members: [
      { nuclide: 'U-235', branching: 1 },
      { nuclide: 'Th-231', branching: 1 },
      { nuclide: 'Pa-231', branching: 1 },
      { nuclide: 'Ac-227', branching: 1 },
      { nuclide: 'Fr-223', branching: FR223 },
      ...RA223_PROGENY,
    ],
  },
  // Nuclear material.
  alone('U-235', 'nuclear-material'),
  { name: 'U-238', category: 'nuclear-material', members: URANIUM_HEAD },
  alone('U-237', 'nuclear-material'),
  {
    name: 'Np-237',
    category: 'nuclear-material',
    members: [
      { nuclide: 'Np-237', branching: 1 },
      { nuclide: 'Pa-233', branching: 1 },
    ],
  },
  {
    name: 'Am-243',
    category: 'nuclear-material',
    members: [
      { nuclide: 'Am-243', branching: 1 },
      { nuclide: 'Np-239', branching: 1 },
    ],
  },
  // Activation products.
  alone('Ag-110m', 'activation'),
  alone('Al-26', 'activation'),
  alone('Co-56', 'activation'),
  alone('Co-58', 'activation'),
  alone('Co-60', 'activation'),
  alone('Cr-51', 'activation'),
  alone('Fe-59', 'activation'),
  alone('Mn-56', 'activation'),
  alone('Na-24', 'activation'),
  alone('Np-239', 'activation'),
  alone('Sb-124', 'activation'),
  alone('Sc-46', 'activation'),
  alone('Zn-65', 'activation'),
  // Fission products (Cs-134 is strictly Cs-133 activation, found with them in reactor releases).
  alone('Ba-140', 'fission'),
  alone('Cs-134', 'fission'),
  alone('Cs-137', 'fission'),
  alone('La-140', 'fission'),
];
