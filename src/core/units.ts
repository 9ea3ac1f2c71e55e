/**
 * Units and physical quantities of spectral axes. Plain string unions rather than brands on
 * the arrays themselves: an axis carries its unit next to its values, and numeric code stays
 * unit-agnostic.
 */
export type AxisUnit = 'keV' | 'MeV' | 'channel' | 'nm' | 'cm-1' | 'ppm' | 'Hz' | 's' | 'ms' | 'index' | 'unknown';

export type IntensityUnit = 'counts' | 'counts/s' | 'a.u.' | 'unknown';

/** What the x axis measures. */
export type AxisQuantity =
  | 'energy'
  | 'channel'
  | 'wavelength'
  | 'wavenumber'
  | 'chemical shift'
  | 'frequency'
  | 'time'
  | 'index'
  | 'unknown';

/** Branded scalars for physics code, so that a keV value cannot be passed where nm is meant. */
export type EnergyKeV = number & { readonly __unit: 'keV' };
export type WavelengthNm = number & { readonly __unit: 'nm' };
export type Ppm = number & { readonly __unit: 'ppm' };
export type Hz = number & { readonly __unit: 'Hz' };

/** Best guess of the quantity measured by an axis in the given unit. */
export function quantityOfUnit(unit: AxisUnit): AxisQuantity {
  switch (unit) {
    case 'keV':
    case 'MeV':
      return 'energy';
    case 'channel':
      return 'channel';
    case 'nm':
      return 'wavelength';
    case 'cm-1':
      return 'wavenumber';
    case 'ppm':
      return 'chemical shift';
    case 'Hz':
      return 'frequency';
    case 's':
    case 'ms':
      return 'time';
    case 'index':
      return 'index';
    case 'unknown':
      return 'unknown';
    default: {
      const exhaustive: never = unit;
      return exhaustive;
    }
  }
}
