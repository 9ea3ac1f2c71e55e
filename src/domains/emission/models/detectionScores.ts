import { WorkbenchError } from '../../../core/errors';

/** Precision and recall of one label (or of "any fault") at a threshold. */
export interface DetectionScore {
  readonly label: string;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  /** TP/(TP + FP); NaN when nothing was flagged. */
  readonly precision: number;
  /** TP/(TP + FN); NaN when the label never occurs. */
  readonly recall: number;
}

function score(
  label: string,
  truth: (i: number) => boolean,
  flagged: (i: number) => boolean,
  n: number,
): DetectionScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < n; i++) {
    const t = truth(i);
    const f = flagged(i);
    if (t && f) tp++;
    else if (f) fp++;
    else if (t) fn++;
    else tn++;
  }
  return {
    label,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision: tp + fp > 0 ? tp / (tp + fp) : Number.NaN,
    recall: tp + fn > 0 ? tp / (tp + fn) : Number.NaN,
  };
}

/**
 * Frame-level precision and recall of a multi-label detector: per label (score ≥ `threshold`
 * flags it) and for "any fault" (some label true vs some score ≥ threshold, whatever the kind).
 * `truth` (0/1) and `scores` are n × labels.length, row-major.
 * @throws WorkbenchError INVALID_DATA for unequal sizes.
 */
export function detectionScores(
  truth: ArrayLike<number>,
  scores: ArrayLike<number>,
  labels: readonly string[],
  threshold = 0.5,
): DetectionScore[] {
  const k = labels.length;
  if (truth.length !== scores.length || truth.length % k !== 0)
    throw new WorkbenchError('INVALID_DATA', `${truth.length} labels and ${scores.length} scores for ${k} kinds`);
  const n = truth.length / k;
  const any = (values: ArrayLike<number>, i: number, test: (v: number) => boolean) => {
    for (let j = 0; j < k; j++) if (test(values[i * k + j] as number)) return true;
    return false;
  };
  return [
    ...labels.map((label, j) =>
      score(
        label,
        (i) => (truth[i * k + j] as number) >= 0.5,
        (i) => (scores[i * k + j] as number) >= threshold,
        n,
      ),
    ),
    score(
      'any fault',
      (i) => any(truth, i, (v) => v >= 0.5),
      (i) => any(scores, i, (v) => v >= threshold),
      n,
    ),
  ];
}

/** A labelled fault event (frames startFrame … endFrame − 1). */
export interface LabelledEvent {
  readonly kind: string;
  readonly startFrame: number;
  readonly endFrame: number;
}

/** How many events of a kind were caught. */
export interface EventRecall {
  readonly kind: string;
  /** Events with at least one judged frame. */
  readonly events: number;
  /** … of which some frame was flagged as any fault. */
  readonly detected: number;
  /** … of which some frame was flagged as this kind. */
  readonly detectedAsKind: number;
}

/**
 * Event-level recall: an event counts as detected when at least one of its frames that the
 * detector judged (`judged(frame)`) is flagged (`flagged(frame, kind | null)`: null asks "any
 * kind"). Events without a judged frame (e.g. before the first full window) are not counted.
 */
export function eventRecall(
  events: readonly LabelledEvent[],
  kinds: readonly string[],
  judged: (frame: number) => boolean,
  flagged: (frame: number, kind: string | null) => boolean,
): EventRecall[] {
  return kinds.map((kind) => {
    let total = 0;
    let detected = 0;
    let asKind = 0;
    for (const e of events.filter((ev) => ev.kind === kind)) {
      const frames: number[] = [];
      for (let f = e.startFrame; f < e.endFrame; f++) if (judged(f)) frames.push(f);
      if (frames.length === 0) continue;
      total++;
      if (frames.some((f) => flagged(f, null))) detected++;
      if (frames.some((f) => flagged(f, kind))) asKind++;
    }
    return { kind, events: total, detected, detectedAsKind: asKind };
  });
}
