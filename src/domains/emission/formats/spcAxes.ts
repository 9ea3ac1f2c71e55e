import type { IntensityUnit } from '../../../core';
import { type OpticalXAxis, opticalXAxis } from './opticalUnits';

/**
 * The axis type codes of SPC files (`fxtype`, `fztype`, `fwtype` and `fytype`; Galactic `SPC.H`
 * as listed in spc-parser 1.0.0 `types.ts` and optical-notes §4.2) and how they map onto the
 * workbench's units.
 */

/** Names of the X/Z/W type codes. */
const XZW_NAMES: Readonly<Record<number, string>> = {
  0: 'Arbitrary',
  1: 'Wavenumber (cm-1)',
  2: 'Micrometers (um)',
  3: 'Nanometers (nm)',
  4: 'Seconds',
  5: 'Minutes',
  6: 'Hertz (Hz)',
  7: 'Kilohertz (KHz)',
  8: 'Megahertz (MHz)',
  9: 'Mass (M/z)',
  10: 'Parts per million (PPM)',
  11: 'Days',
  12: 'Years',
  13: 'Raman Shift (cm-1)',
  14: 'eV',
  15: 'XYZ text labels',
  16: 'Diode Number',
  17: 'Channel',
  18: 'Degrees',
  19: 'Temperature (F)',
  20: 'Temperature (C)',
  21: 'Temperature (K)',
  22: 'Data Points',
  23: 'Milliseconds (mSec)',
  24: 'Microseconds (uSec)',
  25: 'Nanoseconds (nSec)',
  26: 'Gigahertz (GHz)',
  27: 'Centimeters (cm)',
  28: 'Meters (m)',
  29: 'Millimeters (mm)',
  30: 'Hours',
  255: 'Double interferogram',
};

/** Names of the Y type codes. */
const Y_NAMES: Readonly<Record<number, string>> = {
  0: 'Arbitrary Intensity',
  1: 'Interferogram',
  2: 'Absorbance',
  3: 'Kubelka-Munk',
  4: 'Counts',
  5: 'Volts',
  6: 'Degrees',
  7: 'Milliamps',
  8: 'Millimeters',
  9: 'Millivolts',
  10: 'Log(1/R)',
  11: 'Percent',
  12: 'Intensity',
  13: 'Relative Intensity',
  14: 'Energy',
  16: 'Decibel',
  19: 'Temperature (F)',
  20: 'Temperature (C)',
  21: 'Temperature (K)',
  22: 'Index of Refraction [N]',
  23: 'Extinction Coeff. [K]',
  24: 'Real',
  25: 'Imaginary',
  26: 'Complex',
  128: 'Transmission',
  129: 'Reflectance',
  130: 'Arbitrary or Single Beam with Valley Peaks',
  131: 'Emission',
};

/** Experiment type codes (`fexper`). */
const EXPERIMENTS: Readonly<Record<number, string>> = {
  1: 'Gas chromatogram',
  2: 'General chromatogram',
  3: 'HPLC chromatogram',
  4: 'FT-IR, FT-NIR, FT-Raman',
  5: 'NIR',
  7: 'UV-VIS',
  8: 'X-ray diffraction',
  9: 'Mass spectrum',
  10: 'NMR',
  11: 'Raman',
  12: 'Fluorescence',
  13: 'Atomic',
  14: 'Chromatography diode array',
};

/** True for the X/Z/W and Y type codes `SPC.H` defines (a sniff test: text bytes are rarely among them). */
export function isKnownSpcType(code: number, axis: 'xzw' | 'y'): boolean {
  return (axis === 'y' ? Y_NAMES : XZW_NAMES)[code] !== undefined;
}

/** Name of an X/Z/W type code (`type 42` for an unknown one). */
export function spcAxisName(code: number): string {
  return XZW_NAMES[code] ?? `type ${code}`;
}

/** Name of a Y type code. */
export function spcYName(code: number): string {
  return Y_NAMES[code] ?? `type ${code}`;
}

/** Name of an experiment type code, undefined for 0 (general). */
export function spcExperimentName(code: number): string | undefined {
  return EXPERIMENTS[code];
}

const CM1: OpticalXAxis = { unit: 'cm-1', quantity: 'wavenumber', scale: 1, domain: 'emission' };

/**
 * The workbench axis of an X type code: 1 and 13 (Raman shift) → cm⁻¹, 3 → nm, 2 (µm) → nm × 1000,
 * 4 → s, 23 → ms, 6 → Hz, 10 → ppm, 16/22 (diode, data point) → index, 17 → channel; a custom
 * label (code 0 with the TALABS flag) is read like a column header; everything else is `unknown`.
 */
export function spcXAxis(code: number, customLabel: string): OpticalXAxis {
  switch (code) {
    case 1:
    case 13:
      return CM1;
    case 2:
      return { unit: 'nm', quantity: 'wavelength', scale: 1000, domain: 'emission' };
    case 3:
      return { unit: 'nm', quantity: 'wavelength', scale: 1, domain: 'emission' };
    case 4:
      return { unit: 's', quantity: 'time', scale: 1, domain: 'generic' };
    case 23:
      return { unit: 'ms', quantity: 'time', scale: 1, domain: 'generic' };
    case 6:
      return { unit: 'Hz', quantity: 'frequency', scale: 1, domain: 'generic' };
    case 10:
      return { unit: 'ppm', quantity: 'chemical shift', scale: 1, domain: 'generic' };
    case 16:
    case 22:
      return { unit: 'index', quantity: 'index', scale: 1, domain: 'generic' };
    case 17:
      return { unit: 'channel', quantity: 'channel', scale: 1, domain: 'generic' };
    case 0:
      return opticalXAxis(customLabel);
    default:
      return { unit: 'unknown', quantity: 'unknown', scale: 1, domain: 'generic' };
  }
}

/** The intensity unit of a Y type code: counts (4), a.u. (0, 12, 13, 131 emission), else unknown. */
export function spcIntensityUnit(code: number): IntensityUnit {
  if (code === 4) return 'counts';
  return code === 0 || code === 12 || code === 13 || code === 131 ? 'a.u.' : 'unknown';
}
