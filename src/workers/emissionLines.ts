import { lineEmissivity } from '../domains/emission/identification/expectedFeatures';
import { libraryElements, lineLibrary } from '../domains/emission/lines/lineLibrary';

/** One library line as a marker: where it is and how strong it should be. */
export interface ElementLineMarker {
  readonly element: string;
  readonly ion: 1 | 2;
  /** Library (air) wavelength, nm. */
  readonly wavelengthNm: number;
  /** LTE emissivity relative to the element's strongest line in the range asked, 0–1. */
  readonly relative: number;
  readonly resonance: boolean;
}

/** The library lines of one element in a range. */
export interface ElementLineSet {
  readonly element: string;
  readonly lines: readonly ElementLineMarker[];
}

/** Default excitation temperature of the markers' relative heights (K): the identification's default. */
const MARKER_TEMPERATURE_K = 10_000;

/**
 * The shipped library's lines of `elements` (unknown symbols give no set) within `rangeNm` (all
 * lines when left out), each with its optically thin LTE emissivity g_k·A_ki·exp(−E_k/kT)/λ
 * (`identification/expectedFeatures.lineEmissivity`, Ciucci et al. 1999) at `temperatureK`
 * (default 10 000 K, the identification's default) relative to the element's strongest line in
 * that range: what line markers are drawn from. Sorted by wavelength.
 */
export function emissionLineSets(
  elements: readonly string[],
  rangeNm?: readonly [number, number],
  temperatureK = MARKER_TEMPERATURE_K,
): ElementLineSet[] {
  const [low, high] = rangeNm ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  const library = lineLibrary();
  return [...new Set(elements)].flatMap((element) => {
    const own = library.filter((l) => l.element === element && l.wavelengthNm >= low && l.wavelengthNm <= high);
    if (own.length === 0) return [];
    const weights = own.map((l) => lineEmissivity(l, temperatureK));
    const strongest = Math.max(...weights);
    return [
      {
        element,
        lines: own
          .map((l, i) => ({
            element,
            ion: l.ion,
            wavelengthNm: l.wavelengthNm,
            relative: strongest > 0 ? (weights[i] as number) / strongest : 0,
            resonance: l.resonance === true,
          }))
          .sort((a, b) => a.wavelengthNm - b.wavelengthNm),
      },
    ];
  });
}

/** The elements of the shipped line library, alphabetically (for marker pickers). */
export function emissionLibraryElements(): string[] {
  return [...libraryElements()];
}
