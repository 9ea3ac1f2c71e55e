import { describe, expect, it } from 'vitest';
import { domainOfUnit, guessAxisUnit, guessIntensityUnit } from './guessUnits';

describe('guessAxisUnit', () => {
  it.each([
    ['Wavelength (nm)', 'nm'],
    ['wavelength_nm', 'nm'],
    ['λ', 'nm'],
    ['lambda', 'nm'],
    ['x [nm]', 'nm'],
    ['Energy (keV)', 'keV'],
    ['E_keV', 'keV'],
    ['energy', 'keV'],
    ['Energy (MeV)', 'MeV'],
    ['Energy (meV)', 'unknown'],
    ['Energy (eV)', 'unknown'],
    ['Channel', 'channel'],
    ['chan', 'channel'],
    ['Raman shift (cm-1)', 'cm-1'],
    ['wavenumber', 'cm-1'],
    ['Wavenumbers [cm^-1]', 'cm-1'],
    ['k (cm⁻¹)', 'cm-1'],
    ['1/cm', 'cm-1'],
    ['Chemical shift (ppm)', 'ppm'],
    ['ppm', 'ppm'],
    ['Frequency (Hz)', 'Hz'],
    ['Frequency (MHz)', 'unknown'],
    ['Time (s)', 's'],
    ['time', 's'],
    ['t [ms]', 'ms'],
    ['Wavelength (µm)', 'unknown'],
    ['Wavelength (Å)', 'unknown'],
    ['x', 'unknown'],
    ['', 'unknown'],
    [undefined, 'unknown'],
  ])('%s → %s', (label, unit) => {
    expect(guessAxisUnit(label)).toBe(unit);
  });
});

describe('guessIntensityUnit', () => {
  it.each([
    ['Counts', 'counts'],
    ['[counts]', 'counts'],
    ['counts/s', 'counts/s'],
    ['cps', 'counts/s'],
    ['Count rate', 'counts/s'],
    ['Intensity (a.u.)', 'a.u.'],
    ['arb. units', 'a.u.'],
    ['intensity', 'unknown'],
    [undefined, 'unknown'],
  ])('%s → %s', (label, unit) => {
    expect(guessIntensityUnit(label)).toBe(unit);
  });
});

describe('domainOfUnit', () => {
  it('maps energy and channel to gamma, nm to emission, ppm to MRS, the rest to generic', () => {
    expect(
      ['keV', 'MeV', 'channel', 'nm', 'ppm', 'cm-1', 'Hz', 's', 'index', 'unknown'].map((u) =>
        domainOfUnit(u as never),
      ),
    ).toEqual(['gamma', 'gamma', 'gamma', 'emission', 'mrs', 'generic', 'generic', 'generic', 'generic', 'generic']);
  });
});
