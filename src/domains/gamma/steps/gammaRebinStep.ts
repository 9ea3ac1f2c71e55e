import { WorkbenchError } from '../../../core';
import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { gridCalibration, rebinSpectrum } from '../processing/rebinSpectrum';

/**
 * Rebins a calibrated gamma spectrum onto a uniform energy grid (counts conserved, σ carried):
 * spectra of different detectors or gains can then be compared, summed or fed to a model channel
 * by channel.
 */
export const gammaRebinStep: StepDefinition = {
  id: 'gamma-rebin',
  version: 1,
  label: 'Rebin to energy grid',
  description: 'Redistributes counts onto a uniform energy grid, conserving counts (gamma spectra with a calibration).',
  params: [
    { key: 'minKeV', label: 'From', kind: 'number', default: 0, min: -100, max: 20_000, unit: 'keV' },
    { key: 'maxKeV', label: 'To', kind: 'number', default: 3000, min: 1, max: 20_000, unit: 'keV' },
    { key: 'channels', label: 'Channels', kind: 'integer', default: 1024, min: 2, max: 65_536, unit: 'channels' },
  ],
  validate: (params) =>
    (params.maxKeV as number) <= (params.minKeV as number) ? 'the upper energy must be above the lower one' : null,
  apply(input, params) {
    if (input.domain !== 'gamma') {
      throw new WorkbenchError('INVALID_OPTION', 'rebinning to an energy grid applies to gamma spectra', {
        file: input.file,
      });
    }
    return rebinSpectrum(
      input,
      gridCalibration({
        minKeV: params.minKeV as number,
        maxKeV: params.maxKeV as number,
        channels: params.channels as number,
      }),
    );
  },
};
