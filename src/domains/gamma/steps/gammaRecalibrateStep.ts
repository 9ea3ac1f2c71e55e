import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { type CalibrationPoint, recalibrateFromPeaks } from '../processing/recalibrateFromPeaks';

const PAIRS = 3;

/**
 * Energy recalibration from two or three user-confirmed peaks (channel → known energy), linear for
 * two and quadratic for three; a pair with channel 0 is unused.
 */
export const gammaRecalibrateStep: StepDefinition = {
  id: 'gamma-recalibrate',
  version: 1,
  label: 'Recalibrate from peaks',
  description:
    'New energy calibration from confirmed peaks: their channel and true energy (2 → linear, 3 → quadratic).',
  params: Array.from({ length: PAIRS }, (_, k) => [
    {
      key: `channel${k + 1}`,
      label: `Peak ${k + 1} channel`,
      kind: 'number' as const,
      default: 0,
      min: 0,
      max: 1_048_576,
      help: 'Fractional channel of the peak centroid (0 = unused).',
    },
    {
      key: `energy${k + 1}`,
      label: `Peak ${k + 1} energy`,
      kind: 'number' as const,
      default: 0,
      min: 0,
      max: 20_000,
      unit: 'keV',
      help: 'The true energy of that peak (e.g. 661.657 for Cs-137).',
    },
  ]).flat(),
  validate: (params) => (pointsOf(params).length < 2 ? 'give at least two peaks (channel and energy)' : null),
  apply: (input, params) => recalibrateFromPeaks(input, pointsOf(params)),
};

function pointsOf(params: Readonly<Record<string, unknown>>): CalibrationPoint[] {
  const points: CalibrationPoint[] = [];
  for (let k = 1; k <= PAIRS; k++) {
    const channel = params[`channel${k}`] as number;
    const energyKeV = params[`energy${k}`] as number;
    if (channel > 0 && energyKeV > 0) points.push({ channel, energyKeV });
  }
  return points;
}
