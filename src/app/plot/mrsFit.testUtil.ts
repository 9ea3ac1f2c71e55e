import type { LcmFit } from '../../domains/mrs/fitting/fitLcm';
import type { Quantification } from '../../domains/mrs/fitting/quantifyLcm';
import type { MrsQuantifyView } from '../../workers/mrsMethods';

/**
 * A small fit for app tests: 5 bins from 1.8 to 2.2 ppm, components NAA (amplitude 2, SD 0.1),
 * Cr (1, SD 0.05), Asp (0, SD NaN) and MM20 (macromolecule, 3, SD 0.3).
 */
export function fakeFit(): LcmFit {
  const ppm = Float64Array.from([1.8, 1.9, 2.0, 2.1, 2.2]);
  const baseline = Float64Array.from([1, 1, 1, 1, 1]);
  const components = [
    Float64Array.from([0, 1, 4, 1, 0]),
    Float64Array.from([0, 0, 1, 0, 0]),
    new Float64Array(5),
    Float64Array.from([1, 1, 1, 1, 1]),
  ];
  const fit = Float64Array.from(baseline, (b, j) => b + components.reduce((sum, c) => sum + (c[j] as number), 0));
  const data = Float64Array.from(fit, (v, j) => v + (j === 2 ? 0.5 : 0));
  return {
    names: ['NAA', 'Cr', 'Asp', 'MM20'],
    componentGroups: ['metabolites', 'metabolites', 'metabolites', 'macromolecules'],
    amplitudes: Float64Array.from([2, 1, 0, 3]),
    amplitudeSd: Float64Array.from([0.1, 0.05, Number.NaN, 0.3]),
    amplitudeCovariance: new Float64Array(16),
    phase0Deg: 10,
    phase1DegPerPpm: 2,
    phasePivotPpm: 4.65,
    groups: [],
    ppm,
    data,
    fit,
    baseline,
    residual: Float64Array.from(data, (d, j) => d - (fit[j] as number)),
    components,
    noiseSd: 0.1,
    noiseSource: 'signal-free region',
    snr: 20,
    fwhmPpm: 0.05,
    fwhmOf: 'NAA',
    fitQuality: 1.2,
    iterations: 10,
    converged: true,
  };
}

const row = (name: string, parts: string[], amplitude: number, sd: number, mM?: number) => ({
  name,
  parts,
  amplitude,
  amplitudeSd: sd,
  crlbPercent: amplitude > 0 && Number.isFinite(sd) ? (100 * sd) / amplitude : 999,
  ratioToTCr: amplitude,
  ...(mM === undefined ? {} : { concentrationMM: mM * amplitude, concentrationSdMM: mM * sd }),
});

/** The quantification of {@link fakeFit}; `mMPerUnit` scales amplitudes to mM (absent: ratios only). */
export function fakeQuantification(mMPerUnit?: number): Quantification {
  return {
    ratioReference: 'Cr',
    notes: [],
    metabolites: [
      row('NAA', ['NAA'], 2, 0.1, mMPerUnit),
      row('Cr', ['Cr'], 1, 0.05, mMPerUnit),
      row('Asp', ['Asp'], 0, Number.NaN, mMPerUnit),
      row('MM20', ['MM20'], 3, 0.3, mMPerUnit),
      row('tNAA', ['NAA', 'Asp'], 2, 0.1, mMPerUnit),
    ],
  };
}

/** A whole engine result around {@link fakeFit}. */
export function fakeQuantifyView(mMPerUnit?: number): MrsQuantifyView {
  return {
    fit: fakeFit(),
    quantification: fakeQuantification(mMPerUnit),
    referenceShiftHz: 1,
    notes: ['a note'],
    preprocessing: [],
    metaboliteName: 'data',
    timings: { preprocessMs: 0, prepareBasisMs: 1, fitMs: 2, totalMs: 3 },
  };
}
