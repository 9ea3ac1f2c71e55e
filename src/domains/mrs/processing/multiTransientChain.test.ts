import { describe, expect, it } from 'vitest';
import type { Spectrum } from '../../../core';
import { multiTransientAcquisition, tallestPpm } from '../steps/multiTransientAcquisition.testUtil';
import { alignTransients } from './alignTransients';
import { averageTransients } from './averageTransients';
import { coilCombine } from './coilCombine';
import { eddyCurrentCorrection } from './eddyCurrentCorrection';
import { rejectOutliers } from './rejectOutliers';
import { removeWater } from './removeWater';
import { fidOf } from './transientData';

/** 8 coils × 32 dynamics of drifting metabolites with residual water, 2 corrupted dynamics, and an 8-coil water reference, all with eddy currents. */
const acquisition = () => multiTransientAcquisition();
const tallest = tallestPpm;

describe('multi-transient chain: coil combination → alignment → outliers → average → ECC → HLSVD', () => {
  it('turns 256 raw coil transients into one clean spectrum with NAA at 2.01 ppm', () => {
    const { metabolites, water } = acquisition();
    const combined = coilCombine(metabolites, { reference: water });
    expect(combined.spectra).toHaveLength(32);
    const aligned = alignTransients(combined.spectra, { ppmRange: [1.8, 4.2] });
    const outliers = rejectOutliers(aligned.spectra, { ppmRange: [0.2, 4.2] });
    expect(outliers.rejectedIndices).toEqual([9, 23]);
    const [average] = averageTransients(outliers.kept) as [Spectrum];
    expect(average.meta.averages).toBe(30);
    expect(average.meta.averagedPositions).toBe('0-8,10-22,24-31');
    const ecc = eddyCurrentCorrection([average], (combined.reference as Spectrum[])[0] as Spectrum);
    const { spectrum, removed } = removeWater(ecc.spectra[0] as Spectrum);
    const final = fidOf(spectrum);
    const naa = tallest(final, 1.8, 2.2);
    console.info(
      `chain: NAA at ${naa.toFixed(3)} ppm, ${outliers.rejectedIndices.length} rejected, ` +
        `${removed.length} water components removed; meta ${JSON.stringify({
          coilCombination: spectrum.meta.coilCombination,
          averages: spectrum.meta.averages,
          eddyCurrentCorrection: spectrum.meta.eddyCurrentCorrection,
          waterRemoval: spectrum.meta.waterRemoval,
        })}`,
    );
    expect(Math.abs(naa - 2.01)).toBeLessThan(0.03);
    expect(Math.abs(tallest(final, 2.9, 3.1) - 3.03)).toBeLessThan(0.03);
    expect(spectrum.meta.coilCombination).toBe('wsvd');
    expect(spectrum.meta.eddyCurrentCorrection).toBe('klose');
    expect(spectrum.meta.waterRemoval).toBe('hlsvd');
    expect(spectrum.meta['index.coil']).toBeUndefined();
    expect(spectrum.meta['index.dynamic']).toBeUndefined();
  });
});
