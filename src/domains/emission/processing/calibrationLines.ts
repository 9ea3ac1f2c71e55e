/**
 * Reference line lists for wavelength calibration and axis alignment, air wavelengths in nm (what a
 * spectrometer in air shows; NIST ASD convention above 200 nm). Kept small on purpose: a list of
 * lines a user can confirm on the screen. The element line database of `../lines/` is the place
 * for line identification; these lists may move there once it holds intensities to choose from.
 */

/** Names of the built-in lists, as the calibration step offers them. */
export type CalibrationLineList = 'hg' | 'ar' | 'hg-ar' | 'libs';

/**
 * Hg I lines of a mercury pen-ray / Hg-Ar lamp: Sansonetti, Salit & Reader 1996, Appl. Opt. 35:74
 * ("Wavelengths of spectral lines in mercury pencil lamps"), as quoted in calibration code (notes
 * §3.6 [V]). 576.961/579.067 is the yellow doublet: resolve it (≤ 1 nm FWHM) or leave it out.
 */
export const HG_LINES_NM: readonly number[] = [404.656, 435.834, 546.075, 576.961, 579.067];

/**
 * Strong Ar I lines of an Hg-Ar lamp's near-infrared part (NIST ASD air wavelengths, as lamp
 * makers list them for the HG-1/CAL-2000 lamps). Background knowledge, not checked against ASD
 * here (notes legend [B]): confirm with a spectrum before relying on the last digit.
 */
export const AR_LINES_NM: readonly number[] = [
  696.543, 706.722, 714.704, 727.294, 738.398, 750.387, 751.465, 763.511, 772.376, 794.818, 800.616, 801.479, 810.369,
  811.531, 826.452, 842.465, 852.144, 866.794, 912.297, 922.45,
];

/**
 * Strong, isolated LIBS / AES lines whose wavelengths the notes verified against sources quoting
 * NIST ASD (notes §3.6, rows marked V or V-N only): Ca II H/K and 315.887/317.933, Ca I 422.673/
 * 445.478, Na D, K 766/770, Mg II 279.553/280.271, Mg I 285.213/383.829/517.268/518.361, Cu I
 * 324.754/327.396, Zn I 213.857, Zn II 202.548/206.200, Fe I 371.994/404.581, Fe II 238.204/
 * 259.940, Pb I 405.781, Pb II 220.353, Cd I 228.802/479.991/643.847, Cd II 214.441, Cr II 267.716,
 * Mn I 279.482/403.076, Mn II 257.610, Li I 670.776/670.791, Sr I 460.733, Sr II 407.771, Al I
 * 308.215/309.271/394.401/396.152, H α/β 656.279/486.133, O I 777.194. For finding a constant axis
 * offset from the strongest peaks of a LIBS spectrum (e.g. the Aalto library, notes §3.5).
 */
export const LIBS_LINES_NM: readonly number[] = [
  202.548, 206.2, 213.857, 214.441, 220.353, 228.802, 238.204, 257.61, 259.94, 267.716, 279.482, 279.553, 280.271,
  285.213, 308.215, 309.271, 315.887, 317.933, 324.754, 327.396, 371.994, 383.829, 393.366, 394.401, 396.152, 396.847,
  403.076, 404.581, 405.781, 407.771, 422.673, 445.478, 460.733, 479.991, 486.133, 517.268, 518.361, 588.995, 589.592,
  643.847, 656.279, 670.776, 670.791, 766.49, 769.896, 777.194,
];

/** The lines of a built-in list, ascending. */
export function calibrationLines(list: CalibrationLineList): readonly number[] {
  switch (list) {
    case 'hg':
      return HG_LINES_NM;
    case 'ar':
      return AR_LINES_NM;
    case 'hg-ar':
      return [...HG_LINES_NM, ...AR_LINES_NM];
    case 'libs':
      return LIBS_LINES_NM;
    default: {
      const exhaustive: never = list;
      return exhaustive;
    }
  }
}
