import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrownWorkbenchError as thrown } from '../../core/thrownWorkbenchError';
import { accuracy, argmaxRows, classificationScores, confusionMatrix, macroF1 } from './classification';

const labels = (classCount: number) => fc.array(fc.integer({ min: 0, max: classCount - 1 }), { minLength: 1 });

describe('classification metrics: hand-checked', () => {
  // truth 0 0 1 1 2, predicted 0 1 1 1 0: TP0 = 1, TP1 = 2, TP2 = 0.
  const truth = [0, 0, 1, 1, 2];
  const predicted = [0, 1, 1, 1, 0];

  it('accuracy and confusion matrix', () => {
    expect(accuracy(truth, predicted)).toBe(3 / 5);
    expect(Array.from(confusionMatrix(truth, predicted).counts)).toEqual([1, 1, 0, 0, 2, 0, 1, 0, 0]);
    expect(confusionMatrix(truth, predicted).classCount).toBe(3);
    expect(confusionMatrix(truth, predicted, { classCount: 4 }).counts).toHaveLength(16);
  });

  it('per-class precision, recall, F1 and macro F1', () => {
    const scores = classificationScores(truth, predicted);
    expect(Array.from(scores.precision)).toEqual([1 / 2, 2 / 3, 0]);
    expect(Array.from(scores.recall)).toEqual([1 / 2, 1, 0]);
    expect(scores.f1[0]).toBeCloseTo(0.5, 15);
    expect(scores.f1[1]).toBeCloseTo(0.8, 15);
    expect(scores.f1[2]).toBe(0);
    expect(Array.from(scores.support)).toEqual([2, 2, 1]);
    expect(macroF1(truth, predicted)).toBeCloseTo(1.3 / 3, 15);
  });

  it('argmaxRows takes the first maximum', () => {
    expect(Array.from(argmaxRows([0.1, 0.7, 0.2, 0.5, 0.5, 0, 0, 0, 1], 3))).toEqual([1, 0, 2]);
  });

  it('rejects bad arguments with INVALID_OPTION naming them', () => {
    expect(thrown(() => accuracy([0, 1], [0])).message).toMatch(/predicted has 1 values, truth 2/);
    expect(thrown(() => accuracy([], [])).message).toMatch(/truth is empty/);
    expect(thrown(() => accuracy([0, 1.5], [0, 1])).message).toMatch(/truth\[1\]/);
    expect(thrown(() => confusionMatrix([0, 3], [0, 1], { classCount: 3 })).message).toMatch(/truth\[1\] = 3/);
    expect(thrown(() => macroF1([0], [-1])).code).toBe('INVALID_OPTION');
    expect(thrown(() => confusionMatrix([0], [0], { classCount: 0 })).message).toMatch(/classCount/);
    expect(thrown(() => argmaxRows([1, 2, 3], 2)).message).toMatch(/multiple of 2/);
  });
});

describe('classification metrics: properties', () => {
  it('perfect predictions: accuracy 1, macro F1 1 over the classes present, diagonal confusion', () => {
    fc.assert(
      fc.property(labels(5), (truth) => {
        expect(accuracy(truth, truth)).toBe(1);
        const { classCount, counts } = confusionMatrix(truth, truth);
        counts.forEach((n, cell) => {
          if (cell % (classCount + 1) !== 0) expect(n).toBe(0);
        });
        const present = new Set(truth).size;
        expect(macroF1(truth, truth)).toBeCloseTo(present / classCount, 12);
      }),
    );
  });

  it('accuracy = trace / n, all scores in [0, 1], confusion sums to n', () => {
    fc.assert(
      fc.property(
        labels(4).chain((truth) =>
          fc.tuple(
            fc.constant(truth),
            fc.array(fc.integer({ min: 0, max: 3 }), { minLength: truth.length, maxLength: truth.length }),
          ),
        ),
        ([truth, predicted]) => {
          const { counts } = confusionMatrix(truth, predicted, { classCount: 4 });
          expect(counts.reduce((a, b) => a + b, 0)).toBe(truth.length);
          const trace = [0, 5, 10, 15].reduce((sum, cell) => sum + (counts[cell] as number), 0);
          expect(accuracy(truth, predicted)).toBe(trace / truth.length);
          const scores = classificationScores(truth, predicted, { classCount: 4 });
          for (const v of [...scores.precision, ...scores.recall, ...scores.f1, scores.macroF1]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
