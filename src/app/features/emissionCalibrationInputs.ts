import type { Spectrum } from '../../core/spectrum';
import { currentIdentification, type EmissionState, isIdentifiableEmission } from '../store/emissionStore';
import type { EmissionCalibrationChoice } from '../workerBridge/emissionClient';
import { species } from './emissionOverlayInput';

/** A loaded spectrum the calibration can use. */
export interface CalibrationCandidate {
  readonly id: string;
  readonly name: string;
  readonly file: string;
}

/** A line the user can calibrate on, from an identification. */
export interface LineOption {
  readonly key: string;
  /** `Ca I 422.673 nm (at 422.90)`. */
  readonly label: string;
  /** Library (air) wavelength, nm. */
  readonly libraryNm: number;
  /** Where it is on the measured axis (library + offset), nm: the window's centre. */
  readonly axisNm: number;
  /** Suggested window: 3 × the peak's FWHM, at least 0.5 nm. */
  readonly windowNm: number;
}

/** What the user filled in: a role and a concentration text per spectrum, the line, the settings. */
export interface CalibrationForm {
  readonly roles: Readonly<Record<string, 'standard' | 'unknown' | undefined>>;
  readonly concentrations: Readonly<Record<string, string>>;
  readonly lineNm: string;
  readonly windowNm: string;
  readonly label?: string;
  readonly unit: string;
  readonly degree: 1 | 2;
  readonly weighting: 'none' | 'inverseX2';
}

/** Emission spectra on a nm axis, in load order. */
export function calibrationCandidates(
  order: readonly string[],
  spectra: Readonly<Record<string, Spectrum>>,
): CalibrationCandidate[] {
  return order.flatMap((id) => {
    const s = spectra[id];
    return isIdentifiableEmission(s) ? [{ id, name: s.name, file: s.file }] : [];
  });
}

/**
 * The lines of accepted elements matched in the finished identifications of loaded spectra, one
 * per library line (the first identification that found it gives its axis position and window),
 * strongest expected first within each element, elements alphabetically.
 */
export function identifiedLineOptions(
  runs: EmissionState['runs'],
  spectra: Readonly<Record<string, Spectrum>>,
): LineOption[] {
  const found = new Map<string, LineOption & { element: string; weight: number }>();
  for (const spectrum of Object.values(spectra)) {
    const identification = currentIdentification(runs, spectrum);
    if (!identification) continue;
    for (const element of identification.result.elements.filter((e) => e.accepted)) {
      for (const line of element.matched) {
        const key = `${element.element}/${line.ion}/${line.libraryNm}`;
        if (found.has(key)) continue;
        const axisNm = line.libraryNm + identification.result.offsetNm;
        const fwhm = identification.peaks[line.peakIndex]?.fwhmNm ?? 0.2;
        found.set(key, {
          key,
          label: `${species(element.element, line.ion)} ${line.libraryNm.toFixed(3)} nm (at ${line.observedNm.toFixed(2)})`,
          libraryNm: line.libraryNm,
          axisNm: Number(axisNm.toFixed(4)),
          windowNm: Number(Math.max(0.5, 3 * fwhm).toFixed(2)),
          element: element.element,
          weight: line.relativeExpected,
        });
      }
    }
  }
  return [...found.values()]
    .sort((a, b) => a.element.localeCompare(b.element, 'en') || b.weight - a.weight)
    .map(({ key, label, libraryNm, axisNm, windowNm }) => ({ key, label, libraryNm, axisNm, windowNm }));
}

/** A number typed in a field, or undefined (empty, not a number). */
function typedNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The request the form describes, or what is missing: ≥ 3 standards with a concentration ≥ 0 and
 * at least degree + 1 distinct concentrations, a line position and a window > 0. Spectra no
 * longer among `candidates` are ignored. Pure (the view shows the problems under the button).
 */
export function calibrationChoice(
  form: CalibrationForm,
  candidates: readonly CalibrationCandidate[],
): { readonly choice: EmissionCalibrationChoice } | { readonly problems: readonly string[] } {
  const problems: string[] = [];
  const standards: { id: string; concentration: number }[] = [];
  const unknownIds: string[] = [];
  for (const c of candidates) {
    const role = form.roles[c.id];
    if (role === 'unknown') unknownIds.push(c.id);
    if (role !== 'standard') continue;
    const concentration = typedNumber(form.concentrations[c.id]);
    if (concentration === undefined || concentration < 0) problems.push(`${c.name}: type its concentration (≥ 0)`);
    else standards.push({ id: c.id, concentration });
  }
  const needed = form.degree + 2;
  if (standards.length + problems.length < needed) {
    problems.push(`mark at least ${needed} spectra as standards (${standards.length + problems.length} marked)`);
  }
  if (standards.length >= needed && new Set(standards.map((s) => s.concentration)).size < form.degree + 1) {
    problems.push(`the standards need at least ${form.degree + 1} different concentrations`);
  }
  const wavelengthNm = typedNumber(form.lineNm);
  const windowNm = typedNumber(form.windowNm);
  if (wavelengthNm === undefined || wavelengthNm <= 0) problems.push('choose a line or type its wavelength (nm)');
  if (windowNm === undefined || windowNm <= 0) problems.push('type the window width (nm, > 0)');
  if (problems.length > 0) return { problems };
  const label = form.label ?? `${(wavelengthNm as number).toFixed(2)} nm`;
  return {
    choice: {
      standards,
      unknownIds,
      line: { wavelengthNm: wavelengthNm as number, windowNm: windowNm as number, label },
      options: {
        degree: form.degree,
        weighting: form.weighting,
        ...(form.unit.trim() === '' ? {} : { unit: form.unit.trim() }),
      },
    },
  };
}
