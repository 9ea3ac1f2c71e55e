import type { AxisQuantity, AxisUnit, IntensityUnit, SpectralDomain } from '../../../core';
import { guessIntensityUnit } from '../../../formats/readers/guessUnits';

/**
 * How an x axis unit written in an optical file maps onto the workbench's units: nanometres and
 * wavenumbers stay as they are; micrometres and ångström are converted to nm (`scale` multiplies
 * the file's values); NMR (ppm, Hz), time, mass and other axes keep their unit (or `unknown`).
 */
export interface OpticalXAxis {
  readonly unit: AxisUnit;
  readonly quantity: AxisQuantity;
  /** Factor from the file's unit to `unit` (1000 for µm → nm, 0.1 for Å → nm). */
  readonly scale: number;
  /** `emission` for wavelength (nm) and wavenumber (cm⁻¹) axes, else `generic`. */
  readonly domain: SpectralDomain;
}

const NM: OpticalXAxis = { unit: 'nm', quantity: 'wavelength', scale: 1, domain: 'emission' };
const CM1: OpticalXAxis = { unit: 'cm-1', quantity: 'wavenumber', scale: 1, domain: 'emission' };
const UNKNOWN: OpticalXAxis = { unit: 'unknown', quantity: 'unknown', scale: 1, domain: 'generic' };

const generic = (unit: AxisUnit, quantity: AxisQuantity, scale = 1): OpticalXAxis => ({
  unit,
  quantity,
  scale,
  domain: 'generic',
});

/**
 * Rules tried in order on an axis text (a JCAMP `##XUNITS=`, a column header, an SPC custom
 * label). Units written out win over quantity words; `Raman shift` is a wavenumber (cm⁻¹).
 */
const RULES: readonly (readonly [RegExp, OpticalXAxis])[] = [
  [/\bcm\s*(\^|\*\*)?\s*(-\s*1|⁻¹)|\b1\s*\/\s*cm\b|\bcm-1\b|wave\s*numbers?|raman\s*shift|\b1\/centimet/i, CM1],
  [/[µμ]m\b|\bum\b|micromet|micron/i, { unit: 'nm', quantity: 'wavelength', scale: 1000, domain: 'emission' }],
  [/ångström|angstrom|Å|\(A\)|\[A\]|^A$/i, { unit: 'nm', quantity: 'wavelength', scale: 0.1, domain: 'emission' }],
  [/\bnm\b|nanomet|wavelength|lambda|λ/i, NM],
  [/\bppm\b|chemical\s*shift/i, generic('ppm', 'chemical shift')],
  [/\b[kKMG]Hz\b|\bkilohertz|megahertz|gigahertz/i, UNKNOWN],
  [/\bhz\b|\bhertz\b/i, generic('Hz', 'frequency')],
  [/\bms\b|millisec/i, generic('ms', 'time')],
  [/^s$|\bsec(ond)?s?\b|\(s\)|\[s\]/i, generic('s', 'time')],
  [/\bpixels?\b|\bdiode|\bindex\b|\bdata\s*points?\b/i, generic('index', 'index')],
];

/** The workbench axis for an x unit text; `unknown` (domain generic) when nothing matches. */
export function opticalXAxis(text: string | undefined): OpticalXAxis {
  if (text === undefined || text.trim() === '') return UNKNOWN;
  const t = text.replaceAll('_', ' ').trim();
  for (const [pattern, axis] of RULES) if (pattern.test(t)) return axis;
  return UNKNOWN;
}

/** The workbench intensity unit for a y unit text (`COUNTS` → counts, `ARBITRARY UNITS` → a.u.). */
export function opticalIntensityUnit(text: string | undefined): IntensityUnit {
  return guessIntensityUnit(text);
}

/** Scales axis values in place by `scale` (no-op for 1). */
export function scaleAxis(values: Float64Array, scale: number): Float64Array {
  if (scale !== 1) for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * scale;
  return values;
}
