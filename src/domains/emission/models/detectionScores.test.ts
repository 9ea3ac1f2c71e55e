import { describe, expect, it } from 'vitest';
import { detectionScores, eventRecall } from './detectionScores';

describe('detectionScores', () => {
  it('counts hits, false alarms and misses per label and for any fault', () => {
    // 5 frames × 2 labels (a, b).
    const truth = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0];
    const scores = [0.9, 0.1, 0.2, 0.6, 0.1, 0.8, 0.7, 0.0, 0.0, 0.4];
    const [a, b, any] = detectionScores(truth, scores, ['a', 'b']);
    // a: frames 0 (TP), 1 (FN), 3 (FP); b: frame 1 (FP: truth a), 2 (TP)
    expect(a).toMatchObject({ truePositives: 1, falseNegatives: 1, falsePositives: 1, trueNegatives: 2 });
    expect(a?.precision).toBe(0.5);
    expect(a?.recall).toBe(0.5);
    expect(b).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 0, trueNegatives: 3 });
    // any: truth frames 0, 1, 2; flagged frames 0, 1, 2, 3 → TP 3, FP 1.
    expect(any).toMatchObject({ label: 'any fault', truePositives: 3, falsePositives: 1, falseNegatives: 0 });
    expect(any?.precision).toBe(0.75);
    expect(any?.recall).toBe(1);
  });

  it('gives NaN precision when nothing is flagged and a higher threshold flags less', () => {
    const [a] = detectionScores([1, 0], [0.4, 0.3], ['a']);
    expect(a?.precision).toBeNaN();
    expect(a?.recall).toBe(0);
    const [strict] = detectionScores([1, 0], [0.6, 0.3], ['a'], 0.7);
    expect(strict?.truePositives).toBe(0);
  });

  it('refuses mismatched sizes', () => {
    expect(() => detectionScores([1, 0, 1], [1, 0], ['a'])).toThrow(/3 labels and 2 scores/);
  });
});

describe('eventRecall', () => {
  const events = [
    { kind: 'bubble', startFrame: 2, endFrame: 4 },
    { kind: 'bubble', startFrame: 10, endFrame: 11 },
    { kind: 'bubble', startFrame: 0, endFrame: 1 },
    { kind: 'saturation', startFrame: 5, endFrame: 8 },
  ];
  it('counts an event once any of its judged frames is flagged, and skips unjudged events', () => {
    const flags: Record<number, string> = { 3: 'saturation', 6: 'saturation' };
    const result = eventRecall(
      events,
      ['bubble', 'saturation'],
      (f) => f >= 1,
      (f, kind) => flags[f] !== undefined && (kind === null || flags[f] === kind),
    );
    // bubble 2–3: flagged (as saturation) at 3; bubble 10: missed; bubble 0: never judged.
    expect(result[0]).toEqual({ kind: 'bubble', events: 2, detected: 1, detectedAsKind: 0 });
    expect(result[1]).toEqual({ kind: 'saturation', events: 1, detected: 1, detectedAsKind: 1 });
  });
});
