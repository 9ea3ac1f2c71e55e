import { describe, expect, it } from 'vitest';
import { biasUncertainty, crmObservation, ptObservation, recoveryObservation } from './biasUncertainty';

describe('bias evidence', () => {
  it('takes a CRM bias, u(Cref) and s/√n from replicate results', () => {
    // results mean 2.06, Σ(x − x̄)² = 0.007 → s = √(0.007/4), s/√5; certified 2.00 ± 0.10 (k = 2)
    const crm = crmObservation('CRM low', [2.0, 2.1, 2.05, 2.1, 2.05], 2.0, 0.05);
    expect(crm.bias).toBeCloseTo(0.06, 12);
    expect(crm.uRef).toBe(0.05);
    expect(crm.uMean).toBeCloseTo(Math.sqrt(0.007 / 4) / Math.sqrt(5), 12);
    const rel = crmObservation('CRM low', [2.0, 2.1, 2.05, 2.1, 2.05], 2.0, 0.05, { relative: true });
    expect(rel).toMatchObject({ scale: 'relative' });
    expect(rel.bias).toBeCloseTo(0.03, 12);
    expect(rel.uRef).toBeCloseTo(0.025, 12);
  });

  it('uses s_R/√n_labs as u(Cref) of a proficiency test', () => {
    const pt = ptObservation('PT 2024-1', 103, 100, 10, 25, { relative: true });
    expect(pt.bias).toBeCloseTo(0.03, 12);
    expect(pt.uRef).toBeCloseTo(0.02, 12);
    expect(ptObservation('PT', 103, 100, 10, 25).uRef).toBeCloseTo(2, 12);
    expect(() => ptObservation('PT', 103, 100, 10, 0)).toThrow(/positive integer/);
  });

  it('turns a recovery into a relative bias', () => {
    const r = recoveryObservation('spike', 0.96, 0.012, 0.005);
    expect(r.bias).toBeCloseTo(-0.04, 12);
    expect(r.uRef).toBeCloseTo(0.013, 12);
  });
});

describe('biasUncertainty', () => {
  it('combines several references as √(RMS_bias² + mean u(Cref)²)', () => {
    const biases = [0.03, -0.02, 0.04, 0, -0.01, 0.02]; // Σb² = 0.0034
    const obs = biases.map((b, i) => ptObservation(`PT ${i + 1}`, 100 * (1 + b), 100, 10, 25, { relative: true }));
    const u = biasUncertainty(obs);
    expect(u.rmsBias).toBeCloseTo(Math.sqrt(0.0034 / 6), 12);
    expect(u.uRef).toBeCloseTo(0.02, 12);
    expect(u.uMean).toBe(0);
    expect(u.uBias).toBeCloseTo(Math.sqrt(0.0034 / 6 + 0.0004), 12);
    expect(u.components.map((c) => c.name)).toEqual(['RMS bias (6 references)', 'u(C_ref)']);
  });

  it('adds s/√n for a single CRM (NT TR 537: u(bias) = √(bias² + (s/√n)² + u(Cref)²))', () => {
    const u = biasUncertainty([crmObservation('CRM low', [2.0, 2.1, 2.05, 2.1, 2.05], 2.0, 0.05)]);
    expect(u.uBias).toBeCloseTo(Math.sqrt(0.0036 + 0.007 / 4 / 5 + 0.0025), 12);
    expect(u.components).toHaveLength(3);
  });

  it('refuses mixed scales and empty evidence', () => {
    expect(() => biasUncertainty([])).toThrow(/no bias evidence/);
    expect(() =>
      biasUncertainty([ptObservation('a', 1, 1, 1, 4), ptObservation('b', 1, 1, 1, 4, { relative: true })]),
    ).toThrow(/relative/);
  });
});
