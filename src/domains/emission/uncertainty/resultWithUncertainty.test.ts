import { describe, expect, it } from 'vitest';
import { biasUncertainty, crmObservation, ptObservation } from './biasUncertainty';
import { combinedUncertainty } from './combinedUncertainty';
import { formatWithUncertainty, measuringRangeSwitchLevel, resultWithUncertainty } from './resultWithUncertainty';
import { rwFromControlLimits, rwFromControlSample, rwFromDuplicates } from './withinLabReproducibility';

// A worked example built by hand from the NT TR 537 equations (not the handbook's own numbers):
//
// Relative budget (high range):
//   control sample 20 µg/L: mean 20.0, Σ(x − x̄)² = 0.40, s = √0.08 → 1.4142 % (u² = 0.0002)
//   duplicates of routine samples: d/mean = 0.02, 0.02, 0.04, 0 → s = √(0.0024/8) = 1.7321 % (u² = 0.0003)
//   u(Rw) = √0.0005 = 2.2361 %
//   six PTs: bias 3, −2, 4, 0, −1, 2 % → RMS = √(0.0034/6) = 2.3805 %; s_R = 10 %, 25 labs → u(Cref) = 2 %
//   u(bias) = √(0.0034/6 + 0.0004) = 3.1091 %;  u_c = √(0.0044/3) = 3.8297 %;  U = 7.6594 %
//   shares: control 3/22, duplicates 9/44, RMS bias 17/44, u(Cref) 3/11
// Absolute budget (low range):
//   s from a warning limit of 2.3 around 2.0 µg/L → 0.15 µg/L
//   one CRM, certified 2.00 ± 0.10 (k = 2), five results mean 2.06, s = √(0.007/4):
//   u(bias) = √(0.06² + 0.007/20 + 0.05²) = √0.00645;  u_c = √(0.0225 + 0.00645) = √0.02895;  U = 0.34029 µg/L
// Switch level: U_abs/U_rel = 0.34029/0.076594 = 4.4428 µg/L.
const relativeBudget = combinedUncertainty(
  [
    rwFromControlSample('control 20 µg/L', [19.6, 20.4, 20.0, 19.8, 20.2, 20.0], { relative: true }),
    rwFromDuplicates(
      'routine duplicates',
      [
        [10.1, 9.9],
        [50.5, 49.5],
        [20.4, 19.6],
        [30, 30],
      ],
      { relative: true },
    ),
  ],
  biasUncertainty(
    [0.03, -0.02, 0.04, 0, -0.01, 0.02].map((b, i) =>
      ptObservation(`PT ${i + 1}`, 100 + 100 * b, 100, 10, 25, { relative: true }),
    ),
  ),
);
const absoluteBudget = combinedUncertainty(
  [rwFromControlLimits('control 2 µg/L (chart limits)', { centre: 2, warningLimit: 2.3 })],
  biasUncertainty([crmObservation('CRM 2 µg/L', [2.0, 2.1, 2.05, 2.1, 2.05], 2.0, 0.05)]),
);
const model = { absolute: absoluteBudget, relative: relativeBudget, unit: 'µg/L', loq: 1 };

describe('worked example (hand-computed Nordtest budget)', () => {
  it('reproduces the relative budget', () => {
    expect(relativeBudget.uRw).toBeCloseTo(Math.sqrt(0.0005), 12);
    expect(relativeBudget.uBias).toBeCloseTo(Math.sqrt(0.0034 / 6 + 0.0004), 12);
    expect(relativeBudget.uc).toBeCloseTo(0.038297, 6);
    expect(relativeBudget.U).toBeCloseTo(0.076594, 6);
    expect(relativeBudget.components.map((c) => c.share)).toEqual(
      [3 / 22, 9 / 44, 17 / 44, 3 / 11].map((v) => expect.closeTo(v, 12)),
    );
    expect(relativeBudget.components.map((c) => c.group)).toEqual(['Rw', 'Rw', 'bias', 'bias']);
  });

  it('reproduces the absolute budget and the switch level', () => {
    expect(absoluteBudget.uc).toBeCloseTo(Math.sqrt(0.02895), 12);
    expect(absoluteBudget.U).toBeCloseTo(0.340294, 6);
    expect(measuringRangeSwitchLevel(model)).toBeCloseTo(0.340294 / 0.076594, 4);
  });
});

describe('resultWithUncertainty', () => {
  it('uses the absolute U below the switch level and the relative U above it', () => {
    const low = resultWithUncertainty(3, model);
    expect(low.regime).toBe('absolute');
    expect(low.U).toBeCloseTo(0.340294, 6);
    expect(low.text).toBe('3.00 ± 0.34 µg/L (k = 2)');
    const high = resultWithUncertainty(20, model);
    expect(high.regime).toBe('relative');
    expect(high.U).toBeCloseTo(20 * 0.076594, 5);
    expect(high.relativeU).toBeCloseTo(0.076594, 6);
    expect(high.text).toBe('20.0 ± 1.5 µg/L (k = 2)');
    // components in µg/L at this result, shares unchanged
    expect(high.components[0]?.u).toBeCloseTo(20 * Math.sqrt(0.0002), 12);
    expect(high.components[0]?.share).toBeCloseTo(3 / 22, 12);
  });

  it('is continuous at the default switch level: U(c) = max(U_abs, U_rel·c)', () => {
    const level = measuringRangeSwitchLevel(model);
    for (const c of [0.5, 2, level * 0.999, level, level * 1.001, 10, 100]) {
      expect(resultWithUncertainty(c, model).U).toBeCloseTo(Math.max(absoluteBudget.U, relativeBudget.U * c), 10);
    }
  });

  it('honours an explicit switch level, one-regime models and the LOQ flag', () => {
    expect(resultWithUncertainty(3, { ...model, switchLevel: 2 }).regime).toBe('relative');
    expect(resultWithUncertainty(0.5, { relative: relativeBudget }).U).toBeCloseTo(0.5 * 0.076594, 6);
    expect(resultWithUncertainty(500, { absolute: absoluteBudget }).U).toBeCloseTo(0.340294, 6);
    expect(resultWithUncertainty(0.8, model).belowLoq).toBe(true);
    expect(resultWithUncertainty(1.2, model).belowLoq).toBe(false);
    expect(() => resultWithUncertainty(1, {})).toThrow(/neither/);
    expect(() => resultWithUncertainty(1, { absolute: relativeBudget })).toThrow(/relative scale/);
    expect(() => resultWithUncertainty(Number.NaN, model)).toThrow(/not a finite/);
  });
});

describe('formatWithUncertainty', () => {
  it.each([
    [12.3456, 0.8734, '12.35 ± 0.87'],
    [12.3456, 0.0996, '12.35 ± 0.10'],
    [1234.5, 123.4, '1230 ± 120'],
    [0.004567, 0.00031, '0.00457 ± 0.00031'],
    [7, 0, '7 ± 0'],
  ])('%f ± %f → %s', (value, U, text) => {
    expect(formatWithUncertainty(value, U)).toBe(text);
  });
});
