import { describe, expect, it } from 'vitest';
import { levenbergMarquardt } from './levenbergMarquardt';

// The `normalEquations` option: the caller forms JᵀWJ and JᵀW(y − f) (variable projection does).
describe('levenbergMarquardt with normal equations from the caller', () => {
  const x = Float64Array.from({ length: 40 }, (_, i) => i * 0.5);
  const y = Float64Array.from(x, (xi, i) => 5 * Math.exp(-xi / 3) + 0.5 + 0.02 * Math.sin(7 * i));
  const weights = Float64Array.from(x, (_, i) => 1 + (i % 4));
  const model = (p: Float64Array, out: Float64Array) => {
    for (let i = 0; i < x.length; i++)
      out[i] = (p[0] as number) * Math.exp(-(x[i] as number) / (p[1] as number)) + (p[2] as number);
  };
  const jacobian = (p: Float64Array, jac: Float64Array) => {
    for (let i = 0; i < x.length; i++) {
      const e = Math.exp(-(x[i] as number) / (p[1] as number));
      jac[3 * i] = e;
      jac[3 * i + 1] = ((p[0] as number) * e * (x[i] as number)) / (p[1] as number) ** 2;
      jac[3 * i + 2] = 1;
    }
  };

  it('reaches the same fit and covariance as with the Jacobian, and never asks for the Jacobian', () => {
    const withJacobian = levenbergMarquardt(y, model, [1, 1, 0], { weights, jacobian });
    let calls = 0;
    const withNormal = levenbergMarquardt(y, model, [1, 1, 0], {
      weights,
      jacobian: () => {
        throw new Error('the Jacobian is not needed');
      },
      normalEquations: (p, values, normal, gradient) => {
        calls += 1;
        const jac = new Float64Array(3 * x.length);
        jacobian(p, jac);
        normal.fill(0);
        gradient.fill(0);
        for (let i = 0; i < x.length; i++) {
          const w = weights[i] as number;
          for (let k = 0; k < 3; k++) {
            gradient[k] =
              (gradient[k] as number) + w * (jac[3 * i + k] as number) * ((y[i] as number) - (values[i] as number));
            for (let l = 0; l < 3; l++) {
              normal[3 * k + l] =
                (normal[3 * k + l] as number) + w * (jac[3 * i + k] as number) * (jac[3 * i + l] as number);
            }
          }
        }
      },
    });
    expect(withNormal.iterations).toBe(withJacobian.iterations);
    expect(calls).toBe(withNormal.iterations + 1);
    for (let k = 0; k < 3; k++) expect(withNormal.parameters[k]).toBeCloseTo(withJacobian.parameters[k] as number, 10);
    for (let k = 0; k < 9; k++) {
      expect(withNormal.covariance[k]).toBeCloseTo(withJacobian.covariance[k] as number, 10);
    }
    expect(withNormal.chiSquare).toBeCloseTo(withJacobian.chiSquare, 10);
  });
});
