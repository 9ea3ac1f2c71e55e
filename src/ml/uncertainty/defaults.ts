/** Default number of Monte-Carlo-dropout passes (the SD's own relative error is about 1/√(2·30) ≈ 13 %). */
export const DEFAULT_MC_PASSES = 30;
