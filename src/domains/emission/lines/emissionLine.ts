/**
 * One atomic emission line k → i of an element in ion stage `ion` (1 = neutral, "I"; 2 = singly
 * ionised, "II"), with the data LTE intensities need. Wavelengths are in air (nm) above 200 nm and
 * in vacuum below, as NIST ASD lists them; `wavelengthNm` is what a spectrometer's axis shows.
 */
export interface EmissionLine {
  /** Element symbol, e.g. `Na`. */
  readonly element: string;
  /** Ion stage: 1 neutral (Na I), 2 singly ionised (Ca II). */
  readonly ion: 1 | 2;
  /** Observed wavelength (nm): air above 200 nm, vacuum below (NIST ASD convention). */
  readonly wavelengthNm: number;
  /** Transition probability A_ki (s⁻¹); undefined when the source gives none. */
  readonly aki?: number;
  /** Energy of the lower level E_i (eV). */
  readonly eiEv?: number;
  /** Energy of the upper level E_k (eV). */
  readonly ekEv?: number;
  /** Statistical weight of the upper level g_k. */
  readonly gk?: number;
  /** Statistical weight of the lower level g_i. */
  readonly gi?: number;
  /** A resonance line (lower level is the ground state): the first to self-absorb. */
  readonly resonance?: boolean;
  /** Where the numbers come from (database and version, or paper). */
  readonly source: string;
}

/** Spectroscopic notation of an element and ion stage: `Ca II`. */
export function speciesName(element: string, ion: 1 | 2): string {
  return `${element} ${ion === 1 ? 'I' : 'II'}`;
}
