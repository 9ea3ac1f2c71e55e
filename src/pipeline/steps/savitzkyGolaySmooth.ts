import { WorkbenchError } from '../../core/errors';
import { withIntensity } from '../../core/spectrum';
import { savitzkyGolay } from '../../numeric/savitzkyGolay';
import type { StepDefinition } from '../stepDefinition';

/**
 * Savitzky–Golay smoothing (Savitzky & Golay 1964, doi:10.1021/ac60214a047) of the intensity,
 * with scipy's `mode='interp'` edges. Assumes (near-)uniform x spacing, as the filter does.
 */
export const savitzkyGolaySmooth: StepDefinition = {
  id: 'savitzky-golay',
  version: 1,
  label: 'Savitzky–Golay smoothing',
  description: 'Local polynomial least-squares smoothing; keeps peak heights better than a moving average.',
  params: [
    {
      key: 'windowLength',
      label: 'Window',
      kind: 'integer',
      default: 11,
      min: 3,
      max: 1001,
      step: 2,
      odd: true,
      unit: 'points',
      help: 'Number of points in each local fit (odd).',
    },
    {
      key: 'polynomialOrder',
      label: 'Order',
      kind: 'integer',
      default: 3,
      min: 0,
      max: 12,
      help: 'Degree of the local polynomial; must be below the window.',
    },
  ],
  validate: (params) =>
    (params.polynomialOrder as number) >= (params.windowLength as number)
      ? 'the polynomial order must be smaller than the window'
      : null,
  apply(input, params) {
    const windowLength = params.windowLength as number;
    const points = input.y.values.length;
    if (windowLength > points) {
      throw new WorkbenchError(
        'INVALID_OPTION',
        `window of ${windowLength} points is longer than the spectrum (${points} points)`,
        { file: input.file },
      );
    }
    const smoothed = savitzkyGolay(input.y.values, {
      windowLength,
      polynomialOrder: params.polynomialOrder as number,
    });
    return withIntensity(input, smoothed, 'smoothed');
  },
};
