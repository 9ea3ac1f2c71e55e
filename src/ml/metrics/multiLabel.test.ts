import { describe, expect, it } from 'vitest';
import { multiLabelScores } from './multiLabel';

describe('multiLabelScores', () => {
  it('matches hand-counted scores (scikit-learn conventions)', () => {
    // 3 samples × 3 labels
    const truth = [1, 0, 1, 0, 1, 0, 1, 1, 0];
    const probs = [0.9, 0.2, 0.4, 0.1, 0.8, 0.7, 0.6, 0.3, 0.1];
    const s = multiLabelScores(truth, probs, 3);
    // label 0: TP 2; label 1: TP 1, FN 1; label 2: FN 1, FP 1
    expect([...s.f1]).toEqual([1, 2 / 3, 0]);
    expect(s.macroF1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12);
    expect(s.microF1).toBeCloseTo((2 * 3) / (2 * 3 + 1 + 2), 12);
    expect(s.exactMatch).toBeCloseTo(0, 12);
    expect([...s.support]).toEqual([2, 2, 1]);
  });

  it('leaves labels that are never present nor predicted out of the macro average', () => {
    const s = multiLabelScores([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2], 2);
    expect(s.macroF1).toBe(1);
    expect(s.exactMatch).toBe(1);
  });

  it('refuses non-binary truth and shape mismatches', () => {
    expect(() => multiLabelScores([2, 0], [0.1, 0.2], 2)).toThrow(/must be 0 or 1/);
    expect(() => multiLabelScores([1, 0, 1], [0.1, 0.2, 0.3], 2)).toThrow(/not a multiple/);
  });
});
