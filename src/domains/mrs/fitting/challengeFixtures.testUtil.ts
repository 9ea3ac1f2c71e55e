import { readFileSync } from 'node:fs';
import type { Spectrum } from '../../../core';
import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import { parseLcmodelBasis } from '../formats/lcmodelBasis';
import { parseLcmodelRaw } from '../formats/lcmodelRaw';
import type { Acquisition } from '../processing/transientData';

/** The ISMRM 2016 fitting challenge as the fitting tests use it (test/fixtures, CC BY-SA 4.0). */
export const CHALLENGE = new URL('../../../../test/fixtures/mrs/ismrm2016_fitting_challenge/', import.meta.url);

/** The challenge's acquisition: 123.2 MHz, 4000 Hz, 2048 points (README; the .RAW files do not state it). */
export const CHALLENGE_ACQUISITION: Acquisition = {
  points: 2048,
  dwellTimeS: 0.00025,
  spectrometerFrequencyMHz: 123.2,
  centrePpm: 4.65,
};

/** The challenge's PRESS TE 30 basis set (21 metabolites and the measured macromolecule baseline "Mac"). */
export function challengeBasis(): Spectrum[] {
  return parseLcmodelBasis(
    readFileSync(new URL('basisset_LCModel/press3T_30ms.BASIS', CHALLENGE)),
    'press3T_30ms.BASIS',
  );
}

/** The FID of a challenge .RAW or .H2O file, e.g. `datasets_LCModel/dataset1.RAW`. */
export function challengeFid(path: string): ComplexArrays {
  const acquisition = { dwellTimeS: 0.00025, spectrometerFrequencyMHz: 123.2 };
  const [spectrum] = parseLcmodelRaw(readFileSync(new URL(path, CHALLENGE)), path, { mrsAcquisition: acquisition });
  if (spectrum === undefined) throw new Error(`${path}: no spectrum`);
  return { re: spectrum.y.values, im: spectrum.y.imaginary ?? new Float64Array(spectrum.y.values.length) };
}
