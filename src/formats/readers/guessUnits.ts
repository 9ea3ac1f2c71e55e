import type { AxisUnit, IntensityUnit, SpectralDomain } from '../../core';

/**
 * Rules tried in order on a column header (underscores read as spaces). Units written out win over
 * quantity words, and units we have no `AxisUnit` for (µm, Å, eV, meV, MHz) stop the guess, so that
 * `Wavelength (µm)` is not taken for nanometres.
 */
const AXIS_RULES: readonly (readonly [RegExp, AxisUnit])[] = [
  [/\bcm\s*(\^\s*)?(-\s*1|⁻¹)|\b1\s*\/\s*cm\b|wave\s*numbers?|raman\s*shift/i, 'cm-1'],
  [/\bkev\b/i, 'keV'],
  [/\bMeV\b/, 'MeV'],
  [/[µμ]m\b|\bum\b|micron|ångström|angstrom|Å|\beV\b|\bmeV\b|\b[kMG]Hz\b/, 'unknown'],
  [/\bch(an|annel)?s?\b|channel/i, 'channel'],
  [/\bnm\b|nanomet|wavelength|lambda|λ/i, 'nm'],
  [/\bppm\b|chemical\s*shift/i, 'ppm'],
  [/\bhz\b/i, 'Hz'],
  [/\bms\b|millisec/i, 'ms'],
  [/\bs\b|\bsec(ond)?s?\b|\btime\b/i, 's'],
  [/\benergy\b/i, 'keV'],
];

/** Best guess of the x unit from a column header; `unknown` when nothing matches. */
export function guessAxisUnit(label: string | undefined): AxisUnit {
  if (label === undefined) return 'unknown';
  const text = label.replaceAll('_', ' ');
  for (const [pattern, unit] of AXIS_RULES) if (pattern.test(text)) return unit;
  return 'unknown';
}

/** Best guess of the intensity unit from a column header; `unknown` when nothing matches. */
export function guessIntensityUnit(label: string | undefined): IntensityUnit {
  if (label === undefined) return 'unknown';
  const text = label.replaceAll('_', ' ');
  if (/\bcps\b|counts?\s*\/\s*s(ec)?\b|counts?\s+per\s+s|count\s*rate/i.test(text)) return 'counts/s';
  if (/\bcounts?\b/i.test(text)) return 'counts';
  if (/\ba\.\s?u\b|\barb(itrary|\.)?\s*(units?)?\b/i.test(text)) return 'a.u.';
  return 'unknown';
}

/** Domain implied by an x unit: energy/channel → gamma, nm → emission, ppm → MRS, else generic. */
export function domainOfUnit(unit: AxisUnit): SpectralDomain {
  switch (unit) {
    case 'keV':
    case 'MeV':
    case 'channel':
      return 'gamma';
    case 'nm':
      return 'emission';
    case 'ppm':
      return 'mrs';
    default:
      return 'generic';
  }
}
