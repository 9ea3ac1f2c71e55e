import { type ChannelCalibration, type Spectrum, WorkbenchError } from '../../../core';
import { rebinHistogram } from '../../../numeric/rebinHistogram';
import { channelEdges, channelEnergies } from '../calibration/energyCalibration';
import { countVariance, spectrumEdges } from './spectrumEdges';

/** A uniform energy grid: `channels` bins from `minKeV` to `maxKeV`. */
export interface EnergyGrid {
  readonly minKeV: number;
  readonly maxKeV: number;
  readonly channels: number;
}

/** The linear calibration of a uniform grid, in the workbench convention (E(i) = centre of channel i). */
export function gridCalibration(grid: EnergyGrid): ChannelCalibration {
  const width = (grid.maxKeV - grid.minKeV) / grid.channels;
  return {
    model: 'polynomial',
    coefficients: [grid.minKeV + width / 2, width],
    channelCount: grid.channels,
    unit: 'keV',
  };
}

/**
 * Rebins a calibrated gamma spectrum onto another calibration (a common grid, another
 * detector's channels), conserving counts inside the overlap (counts outside it are dropped and
 * reported in `meta.rebinDroppedCounts`). Uncertainties are carried (Poisson when the input has none).
 * @throws WorkbenchError INVALID_OPTION when the spectrum has no energy axis or the target is unusable.
 */
export function rebinSpectrum(spectrum: Spectrum, target: ChannelCalibration): Spectrum {
  if (spectrum.x.unit !== 'keV') {
    throw new WorkbenchError('INVALID_OPTION', 'only a spectrum with an energy calibration (keV) can be rebinned', {
      file: spectrum.file,
    });
  }
  let edgesOut: Float64Array;
  let energies: Float64Array;
  try {
    edgesOut = channelEdges(target, target.channelCount);
    energies = channelEnergies(target, target.channelCount);
  } catch (error) {
    throw new WorkbenchError('INVALID_OPTION', `the target calibration is unusable: ${(error as Error).message}`, {
      file: spectrum.file,
    });
  }
  const edgesIn = spectrumEdges(spectrum);
  const outputVariance = new Float64Array(target.channelCount);
  const counts = rebinHistogram(edgesIn, spectrum.y.values, edgesOut, {
    variance: countVariance(spectrum),
    outputVariance,
  });
  let before = 0;
  let after = 0;
  for (const v of spectrum.y.values) before += v;
  for (const v of counts) after += v;
  const sigma = outputVariance.map(Math.sqrt);
  return {
    ...spectrum,
    id: `${spectrum.id}/rebinned`,
    name: `${spectrum.name} (rebinned)`,
    x: { values: energies, unit: 'keV', quantity: 'energy', calibration: target },
    y: { values: counts, unit: spectrum.y.unit, sigma },
    meta: { ...spectrum.meta, channelCount: target.channelCount, rebinDroppedCounts: before - after },
  };
}
