/** What {@link referencePpm} can reference to. */
export type ReferenceTarget = 'NAA' | 'Cr' | 'Cho' | 'water' | 'auto';

/**
 * Chemical shifts of the reference singlets, ppm, 1H in brain: NAA CH3 2.008, Cr CH3 3.027, free
 * choline N(CH3)3 3.185 (Govindaraju, Young & Maudsley, NMR Biomed 2000;13:129, as the project's
 * brief gives them), water 4.65 (the NIfTI-MRS centre, FSL-MRS; Osprey uses 4.68). In vivo tCho is
 * mostly GPC + PCh, whose singlets lie near 3.21 ppm: referencing to `Cho` puts tCho 0.025 ppm low,
 * which is why the automatic mode fits only NAA and Cr (Cho helps it only to find the pattern).
 */
export const REFERENCE_PPM: Readonly<Record<Exclude<ReferenceTarget, 'auto'>, number>> = {
  NAA: 2.008,
  Cr: 3.027,
  Cho: 3.185,
  water: 4.65,
};

/**
 * The template of the automatic mode: the three singlets with relative heights roughly as in a
 * healthy adult brain spectrum at 3T (NAA tallest; Cr and Cho lower), for the magnitude
 * cross-correlation only.
 */
export const TEMPLATE_LINES: readonly { readonly name: 'NAA' | 'Cr' | 'Cho'; readonly height: number }[] = [
  { name: 'NAA', height: 1 },
  { name: 'Cr', height: 0.75 },
  { name: 'Cho', height: 0.6 },
];
