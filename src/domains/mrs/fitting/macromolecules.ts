import type { ComplexArrays } from '../../../numeric/fftAnyLength';
import type { Acquisition } from '../processing/transientData';
import type { BasisComponent } from './prepareBasis';

/**
 * Parametric macromolecule and lipid components (LCModel's simulated MM/lipids, Wilson et al.,
 * MRM 2011;65:1), as Osprey defines them (schorschinho/osprey, MIT, `libraries/FID-A/fitTools/
 * fit_makeBasis.m`, commit 5cbf75cdca82; ../shared/physics/PROVENANCE.md §8): each a sum of
 * Gaussian lines [centre ppm, FWHM ppm, protons relative to Cr CH3 = 3]. Used when a basis set has
 * no macromolecule spectrum of its own (e.g. Osprey's `noMM` basis sets): without them the broad
 * signals at 0.9–2.3 ppm end up in Lac, GABA and PE.
 */
export const MACROMOLECULE_LINES: Readonly<Record<string, readonly (readonly [number, number, number])[]>> = {
  MM09: [[0.91, 0.14, 3]],
  MM12: [[1.21, 0.15, 2]],
  MM14: [[1.43, 0.17, 2]],
  MM17: [[1.67, 0.15, 2]],
  MM20: [
    [2.08, 0.15, 1.33],
    [2.25, 0.2, 0.33],
    [1.95, 0.15, 0.33],
    [3.0, 0.2, 0.4],
  ],
  Lip09: [[0.89, 0.14, 3]],
  Lip13: [
    [1.28, 0.15, 2],
    [1.28, 0.89, 2],
  ],
  Lip20: [
    [2.04, 0.15, 1.33],
    [2.25, 0.15, 0.67],
    [2.8, 0.2, 0.87],
  ],
};

/**
 * The components of {@link MACROMOLECULE_LINES} as FIDs on the data's grid, scaled so that one
 * proton has the signal `unitPerProton` at t = 0 (the prepared basis' creatine gives it, so that
 * their amplitudes read like metabolite amplitudes). Group `macromolecules`.
 */
export function macromoleculeComponents(acquisition: Acquisition, unitPerProton: number): BasisComponent[] {
  const { points, dwellTimeS, spectrometerFrequencyMHz: sf, centrePpm } = acquisition;
  return Object.entries(MACROMOLECULE_LINES).map(([name, lines]) => {
    const fid: ComplexArrays = { re: new Float64Array(points), im: new Float64Array(points) };
    for (const [ppm, fwhmPpm, protons] of lines) {
      const frequency = (centrePpm - ppm) * sf;
      const fwhmHz = fwhmPpm * sf;
      for (let i = 0; i < points; i++) {
        const t = i * dwellTimeS;
        const amplitude = unitPerProton * protons * Math.exp(-((Math.PI * fwhmHz * t) ** 2) / (4 * Math.LN2));
        fid.re[i] = (fid.re[i] as number) + amplitude * Math.cos(2 * Math.PI * frequency * t);
        fid.im[i] = (fid.im[i] as number) + amplitude * Math.sin(2 * Math.PI * frequency * t);
      }
    }
    return { name, fid, group: 'macromolecules' };
  });
}
