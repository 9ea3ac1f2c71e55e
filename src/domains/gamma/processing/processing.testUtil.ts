import type { Spectrum } from '../../../core';
import { polynomialCalibration } from '../calibration/energyCalibration';
import { toGammaSpectrum } from '../gammaSpectrum';

/** A calibrated test spectrum: counts, E = offset + gain·ch, live/real times. */
export function testGammaSpectrum(
  counts: number[] | Float64Array,
  options: { offset?: number; gain?: number; liveTimeS?: number; realTimeS?: number; name?: string } = {},
): Spectrum {
  const values = Float64Array.from(counts);
  return toGammaSpectrum(
    {
      counts: values,
      calibration: polynomialCalibration([options.offset ?? 0, options.gain ?? 1], values.length),
      ...(options.liveTimeS === undefined ? {} : { liveTimeS: options.liveTimeS }),
      ...(options.realTimeS === undefined ? {} : { realTimeS: options.realTimeS }),
    },
    options.name ?? 'test.spe',
    0,
    'test',
  );
}
