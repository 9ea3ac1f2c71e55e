import { WorkbenchError } from '../../../core';
import { WATER_PPM } from '../mrsSpectrum';
import { type BasisSequence, sequenceEvents } from './basisSequence';
import type { SpectralLines } from './densityMatrixLines';
import { linesToFid } from './linesToFid';
import { spinGroupLines } from './spinGroupLines';
import { BRAIN_BASIS_METABOLITES, findSpinSystem, protonCount } from './spinSystems';

/** Options of {@link simulateBasisSet}. */
export interface SimulateBasisOptions {
  /** Basis-set names or aliases (`NAA`, `Ins`, `mI`, `PCh` …); default {@link BRAIN_BASIS_METABOLITES}. */
  readonly metabolites?: readonly string[];
  readonly sequence: BasisSequence;
  /** ¹H Larmor frequency, MHz (e.g. 123.2 at 2.89 T). */
  readonly spectrometerFrequencyMHz: number;
  /** Time between FID samples, s. */
  readonly dwellTimeS: number;
  readonly points: number;
  /** Chemical shift at the centre of the window, ppm (default 4.65, NIfTI-MRS / FSL-MRS water). */
  readonly centrePpm?: number;
  /** Lorentzian FWHM of every line, Hz (default 0: no decay). */
  readonly linewidthHz?: number;
  /** Gaussian FWHM of every line, Hz (default 0). */
  readonly gaussianHz?: number;
  /** Include ¹H–³¹P couplings (PCho, GPC, PE; default true), see `spinGroupLines`. */
  readonly phosphorusCoupling?: boolean;
}

/** One simulated basis FID. */
export interface SimulatedBasisFid {
  /** The basis-set name from the table (`Ins` also when `mI` was asked for). */
  readonly metabolite: string;
  /** Real and imaginary FID, NIfTI-MRS convention, sample 0 at the start of acquisition (echo top). */
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** ¹H counted (Σ spins × scale): the pulse-acquire FID(0), e.g. 6 for Cr (CH3 + CH2 + NH). */
  readonly protons: number;
  /** The lines the FID is the sum of (before broadening), for callers that shift or re-sample. */
  readonly lines: SpectralLines;
}

/**
 * Simulates a ¹H basis set from the spin-system table: an ideal-pulse density-matrix simulation
 * (`densityMatrixLines`) per spin group, the coherence pathway of the sequence selected as crusher
 * gradients would (`sequenceEvents`), the result a sum of lines evaluated on the FID grid with a
 * Lorentzian (and optional Gaussian) decay. No T1/T2 weighting, no shaped pulses or slice profiles.
 *
 * **Normalisation**: every ¹H gives unit amplitude at t = 0 after an ideal 90°, so a pulse-acquire
 * FID(0) equals `protons` (Cr 6 with its NH, NAA 7, Lac 4 …); PRESS keeps 1 per uncoupled ¹H at the
 * echo, STEAM ½. Fitting code can take concentrations ∝ amplitude / protons from this.
 * Sign: NIfTI-MRS (a line at δ ppm is e^{2πi·f·t} with f = −(δ − centre)·cf), so `fidToPpmSpectrum`
 * puts it at δ on the ascending ppm axis.
 * @throws WorkbenchError INVALID_OPTION for an unknown metabolite, a non-positive frequency, dwell or
 *   point count, a negative width or a bad sequence time.
 */
export function simulateBasisSet(options: SimulateBasisOptions): SimulatedBasisFid[] {
  const { spectrometerFrequencyMHz: cf, dwellTimeS, points } = options;
  if (!(Number.isFinite(cf) && cf > 0))
    throw new WorkbenchError('INVALID_OPTION', 'the spectrometer frequency must be > 0 MHz');
  if (!(Number.isFinite(dwellTimeS) && dwellTimeS > 0))
    throw new WorkbenchError('INVALID_OPTION', 'the dwell time must be > 0 s');
  if (!(Number.isInteger(points) && points > 0))
    throw new WorkbenchError('INVALID_OPTION', 'points must be a positive integer');
  const lorentzianHz = options.linewidthHz ?? 0;
  const gaussianHz = options.gaussianHz ?? 0;
  if (!(lorentzianHz >= 0 && gaussianHz >= 0)) throw new WorkbenchError('INVALID_OPTION', 'line widths must be ≥ 0 Hz');
  const systems = (options.metabolites ?? BRAIN_BASIS_METABOLITES).map((name) => {
    const system = findSpinSystem(name);
    if (system === undefined) {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `no spin system for metabolite "${name}"${/^asc/i.test(name) ? ' (Asc is not in the Vespa table)' : ''}`,
      );
    }
    return system;
  });
  const events = sequenceEvents(options.sequence);
  const groupOptions = {
    spectrometerFrequencyMHz: cf,
    centrePpm: options.centrePpm ?? WATER_PPM,
    ...(options.phosphorusCoupling === undefined ? {} : { phosphorusCoupling: options.phosphorusCoupling }),
  };
  return systems.map((system) => {
    const lines: SpectralLines = { frequencyHz: [], re: [], im: [] };
    for (const group of system.groups) {
      const part = spinGroupLines(group, events, groupOptions);
      lines.frequencyHz.push(...part.frequencyHz);
      lines.re.push(...part.re);
      lines.im.push(...part.im);
    }
    const fid = linesToFid(lines, { dwellTimeS, points, lorentzianHz, gaussianHz });
    return { metabolite: system.name, re: fid.re, im: fid.im, protons: protonCount(system), lines };
  });
}
