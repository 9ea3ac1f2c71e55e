import type { StepDefinition } from '../../../pipeline/stepDefinition';
import { sgDerivative } from '../processing/sgDerivative';

/** Savitzky–Golay first or second derivative in x units, right on uneven axes (`processing/sgDerivative.ts`). */
export const emissionSgDerivativeStep: StepDefinition = {
  id: 'emission-sg-derivative',
  version: 1,
  label: 'Savitzky–Golay derivative',
  description: 'First or second derivative dy/dx by Savitzky–Golay, exact on unevenly spaced axes.',
  params: [
    { key: 'derivative', label: 'Derivative', kind: 'integer', default: 1, min: 1, max: 2 },
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
      help: 'Points in each local fit (odd); about the FWHM of the narrowest band keeps its shape.',
    },
    {
      key: 'polynomialOrder',
      label: 'Order',
      kind: 'integer',
      default: 3,
      min: 1,
      max: 12,
      help: 'Degree of the local polynomial: at least the derivative, below the window.',
    },
  ],
  validate: (params) => {
    const order = params.polynomialOrder as number;
    if (order >= (params.windowLength as number)) return 'the polynomial order must be smaller than the window';
    return order < (params.derivative as number) ? 'the polynomial order must be at least the derivative' : null;
  },
  apply: (input, params) =>
    sgDerivative(input, {
      derivative: params.derivative as 1 | 2,
      windowLength: params.windowLength as number,
      polynomialOrder: params.polynomialOrder as number,
    }),
};
