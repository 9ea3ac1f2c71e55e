import type { Spectrum } from '../../../core';
import type { GroupStepDefinition } from '../../../pipeline/stepDefinition';
import { type CoilCombineResult, coilCombine } from '../processing/coilCombine';
import { byAcquisition, isWater, matchWater, mrsFids, replaceGroups, round } from './transientStepSupport';

/** The coils an acquisition holds, as a comparable key (`0,1,2,…`). */
const coilsOf = (members: readonly Spectrum[]): string =>
  [...new Set(members.map((s) => s.meta['index.coil'] as number))].sort((a, b) => a - b).join(',');

/** `coilCombine.*` meta: where the weights came from and the weights themselves. */
function withWeightsMeta(spectra: readonly Spectrum[], result: CoilCombineResult, source: string): Spectrum[] {
  const weights = JSON.stringify(
    Array.from(result.weights.re, (re, k) => [round(re), round(result.weights.im[k] as number)]),
  );
  return spectra.map((spectrum) => ({
    ...spectrum,
    meta: { ...spectrum.meta, 'coilCombine.weightSource': source, 'coilCombine.weights': weights },
  }));
}

/**
 * Coil combination as a pipeline group step (`processing/coilCombine.ts`: whitened SVD, Rodgers &
 * Robson, MRM 63:881, 2010; FSL-MRS `coilcombine`). The run's MRS FIDs with an `index.coil` are
 * taken one acquisition (file and role) at a time; each metabolite acquisition takes its weights
 * from the water reference among the inputs that has the same coils (when several, the one whose
 * file name is closest: `transientStepSupport.matchWater`), and that reference is combined with the
 * same weights and stays in the list (`role: water`). A water reference that serves no metabolite
 * data, and metabolite data without a reference, are combined with weights from their own data.
 * Spectra without `index.coil` (already combined) and non-MRS spectra pass through. Meta:
 * `coilCombination`, `coils`, `coilCombinationQuality` (from `coilCombine`), `coilCombine.weightSource`
 * (the reference's name or `own data`), `coilCombine.weights` (JSON [[re, im], …] per coil).
 */
export const mrsCoilCombineStep: GroupStepDefinition = {
  kind: 'group',
  id: 'mrs-coil-combine',
  version: 1,
  label: 'Coil combination (MRS)',
  description:
    'Combines the coils of each transient by whitened SVD, with weights from the water reference when it is among the inputs.',
  params: [
    {
      key: 'method',
      label: 'Method',
      kind: 'choice',
      default: 'wsvd',
      choices: ['wsvd', 'svd'],
      help: 'wsvd: noise-prewhitened SVD (coil noise covariance from the FID tails); svd: white noise assumed.',
    },
    {
      key: 'noiseFraction',
      label: 'Noise from the last',
      kind: 'number',
      default: 0.25,
      min: 0.05,
      max: 1,
      step: 0.05,
      help: 'Fraction of each FID, at its end, used to estimate the coil noise covariance.',
    },
    {
      key: 'useWaterReference',
      label: 'Weights from water',
      kind: 'boolean',
      default: true,
      help: 'Take the coil weights from the water reference (better SNR) when one with the same coils is given.',
    },
  ],
  applyGroup(spectra, params, context) {
    const options = {
      method: params.method === 'svd' ? ('svd' as const) : ('wsvd' as const),
      noiseFraction: params.noiseFraction as number,
    };
    const withCoils = mrsFids(spectra, 'coil combination').filter((s) => typeof s.meta['index.coil'] === 'number');
    const acquisitions = byAcquisition(withCoils);
    const water = acquisitions
      .filter((members) => isWater(members[0] as Spectrum))
      .map((members) => ({ file: (members[0] as Spectrum).file, members, coils: coilsOf(members) }));
    const results = new Map<readonly Spectrum[], Spectrum[]>();
    acquisitions.forEach((members, k) => {
      context.onProgress?.(k / acquisitions.length);
      if (isWater(members[0] as Spectrum)) return;
      const coils = coilsOf(members);
      const reference =
        params.useWaterReference === true
          ? matchWater(
              (members[0] as Spectrum).file,
              water.filter((w) => w.coils === coils),
            )
          : undefined;
      const result = coilCombine(members, {
        ...options,
        ...(reference === undefined ? {} : { reference: reference.members }),
      });
      const source = reference === undefined ? 'own data' : `water reference ${reference.file}`;
      results.set(members, withWeightsMeta(result.spectra, result, source));
      if (reference !== undefined && !results.has(reference.members)) {
        results.set(reference.members, withWeightsMeta(result.reference ?? [], result, source));
      }
    });
    for (const { members } of water) {
      if (results.has(members)) continue;
      const result = coilCombine(members, options);
      results.set(members, withWeightsMeta(result.spectra, result, 'own data'));
    }
    const groups = [...results.keys()];
    return replaceGroups(
      spectra,
      groups,
      groups.map((members) => results.get(members) as Spectrum[]),
    );
  },
};
