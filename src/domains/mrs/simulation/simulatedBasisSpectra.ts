import type { Spectrum } from '../../../core';
import { toMrsSpectrum, WATER_PPM } from '../mrsSpectrum';
import { echoTimeS, sequenceLabel } from './basisSequence';
import { type SimulateBasisOptions, simulateBasisSet } from './simulateBasisSet';

/** Format id in the meta of simulated basis spectra. */
export const SIMULATED_BASIS_FORMAT_ID = 'mrs-simulated-basis';

/**
 * Simulates a basis set ({@link simulateBasisSet}) and wraps each FID as an MRS {@link Spectrum}
 * (`toMrsSpectrum`, NIfTI-MRS convention), like the LCModel `.BASIS` reader returns read ones:
 * meta `metabolite`, `basisSet: true`, `simulated: true`, `sequence` (label, e.g. `PRESS TE 30 ms
 * (11 + 19)`), `sequenceKind`, `protons` (the normalisation: pulse-acquire FID(0)), `linewidthHz`,
 * `spinSystemSource`; `echoTimeS` for PRESS/STEAM, `mixingTimeS` for STEAM; `index.metabolite`.
 * The file name is a label (`simulated <sequence>`), no file is read.
 * @throws WorkbenchError INVALID_OPTION as {@link simulateBasisSet}.
 */
export function simulatedBasisSpectra(options: SimulateBasisOptions): Spectrum[] {
  const fids = simulateBasisSet(options);
  const label = sequenceLabel(options.sequence);
  const fileName = `simulated ${label}`;
  const te = echoTimeS(options.sequence);
  return fids.map((fid, index) => {
    const meta: Record<string, string | number | boolean> = {
      metabolite: fid.metabolite,
      basisSet: true,
      simulated: true,
      sequence: label,
      sequenceKind: options.sequence.kind,
      protons: fid.protons,
      linewidthHz: options.linewidthHz ?? 0,
      spinSystemSource: 'Vespa metabolites.xml (Govindaraju et al. 2000/2015), BSD-3-Clause',
    };
    if (options.sequence.kind === 'steam') meta.mixingTimeS = options.sequence.tmS;
    if (options.sequence.kind === 'press') {
      meta.te1S = options.sequence.te1S;
      meta.te2S = options.sequence.te2S;
    }
    const spectrum = toMrsSpectrum(
      {
        re: fid.re,
        im: fid.im,
        spectrometerFrequencyMHz: options.spectrometerFrequencyMHz,
        dwellTimeS: options.dwellTimeS,
        nucleus: '1H',
        conjugatedByReader: false,
        role: 'metabolite',
        centrePpm: options.centrePpm ?? WATER_PPM,
        title: fid.metabolite,
        indices: { metabolite: index },
        ...(te > 0 ? { echoTimeS: te } : {}),
        meta,
      },
      fileName,
      index,
      SIMULATED_BASIS_FORMAT_ID,
    );
    return { ...spectrum, name: `${fid.metabolite} (${label})` };
  });
}
