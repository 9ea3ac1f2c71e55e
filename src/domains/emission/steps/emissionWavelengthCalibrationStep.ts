import type { ParamSpec, StepDefinition, StepParams } from '../../../pipeline/stepDefinition';
import { calibrateFromLines } from '../processing/calibrateFromLines';
import { type CalibrationPair, calibrateWavelength } from '../processing/calibrateWavelength';
import { type CalibrationLineList, calibrationLines } from '../processing/calibrationLines';
import { findWavelengthShift } from '../processing/findWavelengthShift';
import { requireOptical, round } from '../processing/opticalSupport';
import { shiftAxis } from '../processing/shiftAxis';

const PAIRS = 6;

const pairParams: ParamSpec[] = Array.from({ length: PAIRS }, (_, k) => [
  {
    key: `observed${k + 1}`,
    label: `Line ${k + 1} observed`,
    kind: 'number' as const,
    default: 0,
    min: 0,
    max: 100_000,
    help: 'Where the line shows: on the current axis, or a fractional pixel (see “Observed in”); 0 = unused.',
  },
  {
    key: `reference${k + 1}`,
    label: `Line ${k + 1} true`,
    kind: 'number' as const,
    default: 0,
    min: 0,
    max: 100_000,
    unit: 'nm',
    help: 'Its true position (air nm above 200 nm, e.g. Hg 546.075), or cm⁻¹ on a Raman axis.',
  },
]).flat();

/** The confirmed pairs of the step's parameters (a pair with a 0 is unused). */
function pairsOf(params: StepParams): CalibrationPair[] {
  const pairs: CalibrationPair[] = [];
  for (let k = 1; k <= PAIRS; k++) {
    const observed = params[`observed${k}`] as number;
    const reference = params[`reference${k}`] as number;
    if (observed > 0 && reference > 0) pairs.push({ observed, reference });
  }
  return pairs;
}

/**
 * Wavelength calibration, three ways (`mode`):
 * - `pairs`: up to six user-confirmed lines (observed → true) give a polynomial of order 1–3 in the
 *   pixel index (`processing/calibrateWavelength.ts`), kept as the axis calibration, residuals in meta;
 * - `lamp`: the lines of a built-in list (`lines`: Hg, Ar, Hg-Ar; `processing/calibrationLines.ts`)
 *   are found in a lamp spectrum on an approximately right axis and fitted the same way
 *   (`calibrateFromLines`);
 * - `shift`: a constant offset against the list is found from the strongest peaks and added to the
 *   axis (`findWavelengthShift`; `libs` is a list of strong verified LIBS lines). Meta
 *   `wavelengthShift`, `wavelengthShift.sigma`, `wavelengthShift.lines`.
 * `order` 0 lets the number of lines choose (1 for 2–3, 2 for 4, 3 from 5).
 */
export const emissionWavelengthCalibrationStep: StepDefinition = {
  id: 'emission-wavelength-calibration',
  version: 1,
  label: 'Wavelength calibration',
  description:
    'New wavelength axis from confirmed lines, from a Hg/Ar lamp spectrum, or a constant shift against known lines.',
  params: [
    {
      key: 'mode',
      label: 'From',
      kind: 'choice',
      default: 'pairs',
      choices: ['pairs', 'lamp', 'shift'],
      help: 'pairs: the lines entered below; lamp: find a lamp’s lines; shift: constant offset against a line list.',
    },
    {
      key: 'lines',
      label: 'Line list',
      kind: 'choice',
      default: 'hg-ar',
      choices: ['hg', 'ar', 'hg-ar', 'libs'],
      help: 'For lamp and shift: Hg (Sansonetti 1996), Ar I, both, or strong verified LIBS lines (Ca, Na, K, Mg, Al, …).',
    },
    {
      key: 'order',
      label: 'Polynomial order',
      kind: 'integer',
      default: 0,
      min: 0,
      max: 3,
      help: '0: chosen from the number of lines.',
    },
    {
      key: 'observedIn',
      label: 'Observed in',
      kind: 'choice',
      default: 'axis',
      choices: ['axis', 'pixel'],
      help: 'Whether the observed positions below are values on the current axis or pixel numbers (from 0).',
    },
    {
      key: 'maxShift',
      label: 'Largest offset',
      kind: 'number',
      default: 1,
      min: 0.001,
      max: 100,
      unit: 'nm',
      help: 'Searched ± this far (lamp, shift).',
    },
    {
      key: 'tolerance',
      label: 'Match tolerance',
      kind: 'number',
      default: 0,
      min: 0,
      max: 10,
      unit: 'nm',
      help: 'Largest distance of a peak from its line once aligned; 0 = two axis steps.',
    },
    ...pairParams,
  ],
  validate: (params) => {
    const pairs = pairsOf(params).length;
    if (params.mode !== 'pairs') return null;
    if (pairs < 2) return 'give at least two lines (observed and true position)';
    const order = params.order as number;
    return order > 0 && pairs < order + 1 ? `order ${order} needs at least ${order + 1} lines, got ${pairs}` : null;
  },
  apply(input, params) {
    requireOptical(input, 'wavelength calibration');
    const order = (params.order as number) > 0 ? { order: params.order as number } : {};
    const tolerance = (params.tolerance as number) > 0 ? { tolerance: params.tolerance as number } : {};
    const lines = calibrationLines(params.lines as CalibrationLineList);
    if (params.mode === 'pairs') {
      return calibrateWavelength(input, pairsOf(params), {
        ...order,
        observedIn: params.observedIn as 'axis' | 'pixel',
      }).spectrum;
    }
    if (params.mode === 'lamp') {
      return calibrateFromLines(input, lines, { ...order, ...tolerance, maxShift: params.maxShift as number }).spectrum;
    }
    const shift = findWavelengthShift(input, lines, { ...tolerance, maxShift: params.maxShift as number });
    return shiftAxis(input, shift.shift, {
      wavelengthShift: round(shift.shift, 4),
      'wavelengthShift.sigma': Number.isNaN(shift.sigma) ? 'one line' : round(shift.sigma, 3),
      'wavelengthShift.lines': shift.matches.map((m) => `${m.observed.toFixed(3)}→${m.reference}`).join(', '),
    });
  },
};
