import type { EmissionLine } from '../lines/emissionLine';

/** Boltzmann constant (eV/K), CODATA 2018. */
const K_B_EV = 8.617333262e-5;

/** One line, or a blend of lines closer than the resolution, that an element should show. */
export interface ExpectedFeature {
  readonly element: string;
  /** Ion stage of the strongest line of the blend. */
  readonly ion: 1 | 2;
  /** Intensity-weighted mean air wavelength of the blend (nm). */
  readonly wavelengthNm: number;
  /** Library wavelength of the strongest line of the blend (nm). */
  readonly strongestNm: number;
  /** Expected intensity relative to the element's strongest feature in range (0–1]. */
  readonly weight: number;
  /** Whether a line of the blend ends on the ground level (self-absorbs first). */
  readonly resonance: boolean;
}

/** Options of {@link expectedFeatures}. */
export interface ExpectedFeatureOptions {
  /** Excitation temperature (K) of the Boltzmann factor. */
  readonly temperatureK: number;
  /** Population ratio n(II)/n(I) applied to ion-stage-II lines (partition functions taken equal). */
  readonly ionRatio: number;
  /** Lines closer than this (nm) are one feature. */
  readonly blendNm: number;
  /** Only lines in this air-wavelength range (nm). */
  readonly rangeNm: readonly [number, number];
  /** Keep at most this many features (the strongest). */
  readonly maxFeatures: number;
  /** Drop features weaker than this fraction of the strongest. */
  readonly minWeight: number;
}

/**
 * Relative LTE emissivity of a line, optically thin: ε ∝ g_k·A_ki·exp(−E_k/k_BT)/λ (energy per
 * unit time, Boltzmann population of the upper level; the species' density and partition function
 * are common to its lines and cancel). Ciucci et al., Appl. Spectrosc. 53 (1999) 960; notes §3.1.
 */
export function lineEmissivity(line: EmissionLine, temperatureK: number): number {
  const { aki = 0, gk = 0, ekEv = 0 } = line;
  return (gk * aki * Math.exp(-ekEv / (K_B_EV * temperatureK))) / line.wavelengthNm;
}

/**
 * The features an element should show in range, strongest first: each line weighted by
 * {@link lineEmissivity} (× `ionRatio` for ion II), lines closer than `blendNm` merged into one
 * feature (weights summed, position weighted), normalised to the strongest feature, the weakest
 * dropped.
 */
export function expectedFeatures(
  element: string,
  lines: readonly EmissionLine[],
  options: ExpectedFeatureOptions,
): ExpectedFeature[] {
  const [lo, hi] = options.rangeNm;
  const own = lines
    .filter((l) => l.element === element && l.wavelengthNm >= lo && l.wavelengthNm <= hi)
    .map((l) => ({ line: l, w: lineEmissivity(l, options.temperatureK) * (l.ion === 2 ? options.ionRatio : 1) }))
    .filter((e) => e.w > 0)
    .sort((a, b) => a.line.wavelengthNm - b.line.wavelengthNm);
  const groups: { members: typeof own }[] = [];
  for (const e of own) {
    const last = groups.at(-1);
    const lastLine = last?.members.at(-1);
    if (last && lastLine && e.line.wavelengthNm - lastLine.line.wavelengthNm < options.blendNm) last.members.push(e);
    else groups.push({ members: [e] });
  }
  const features = groups.map(({ members }) => {
    const total = members.reduce((s, m) => s + m.w, 0);
    const strongest = members.reduce((a, b) => (b.w > a.w ? b : a));
    return {
      element,
      ion: strongest.line.ion,
      wavelengthNm: members.reduce((s, m) => s + m.w * m.line.wavelengthNm, 0) / total,
      strongestNm: strongest.line.wavelengthNm,
      weight: total,
      resonance: members.some((m) => m.line.resonance === true),
    };
  });
  const max = Math.max(0, ...features.map((f) => f.weight));
  if (max === 0) return [];
  return features
    .map((f) => ({ ...f, weight: f.weight / max }))
    .filter((f) => f.weight >= options.minWeight)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, options.maxFeatures);
}
