/**
 * Run rules ("tests for special causes") of a Shewhart chart, applied to standardised points
 * z = (value − centre)/σ. Each rule is a small parameterised pattern; two named sets are provided:
 *
 * - `iso7870-2`: the eight tests for special causes of ISO 7870-2:2013 (as in ISO 8258:1991; Nelson,
 *   J. Qual. Technol. 16 (1984) 237): 1 point beyond 3σ; 9 in a row on one side; 6 in a row steadily
 *   increasing or decreasing; 14 in a row alternating up and down; 2 of 3 beyond 2σ on one side;
 *   4 of 5 beyond 1σ on one side; 15 in a row within 1σ; 8 in a row beyond 1σ (either side).
 *   (Western Electric 1956 used 8, not 9, in a row on one side.)
 * - `nordtest`: the out-of-control rules of the Nordtest internal-quality-control handbook
 *   (Hovind et al., NT TR 569 "Troll book"), as remembered, not re-read here — verify against
 *   ed. 5.1 before relying on the run lengths: 1 point outside the action limits (3s); 2 of 3
 *   outside the warning limits (2s) on the same side; 7 in a row steadily increasing or
 *   decreasing; 10 of 11 on the same side of the central line.
 *
 * A rule fires at the point that completes its pattern, and again at each later point that still
 * completes it (a run of 11 on one side fires at points 9, 10 and 11 under "9 in a row").
 */

/** One parameterised pattern. `limit` is in σ. */
export type RunRule =
  /** At least `count` of the last `window` points beyond ±limit on one side (the current one among them). */
  | {
      readonly kind: 'beyond';
      readonly id: string;
      readonly count: number;
      readonly window: number;
      readonly limit: number;
    }
  /** At least `count` of the last `window` points on one side of the centre (the current one among them). */
  | { readonly kind: 'sameSide'; readonly id: string; readonly count: number; readonly window: number }
  /** `length` points in a row each higher (or each lower) than the one before. */
  | { readonly kind: 'trend'; readonly id: string; readonly length: number }
  /** `length` points in a row alternating up and down. */
  | { readonly kind: 'alternating'; readonly id: string; readonly length: number }
  /** `length` points in a row within ±limit (too little scatter: stratification, wrong σ). */
  | { readonly kind: 'within'; readonly id: string; readonly length: number; readonly limit: number }
  /** `length` points in a row beyond ±limit, on either side (mixture). */
  | { readonly kind: 'outside'; readonly id: string; readonly length: number; readonly limit: number };

/** The named rule sets. */
export type RuleSetName = 'iso7870-2' | 'nordtest';

/** The rules of each named set, in the order of their standard. */
export const RULE_SETS: Readonly<Record<RuleSetName, readonly RunRule[]>> = {
  'iso7870-2': [
    { kind: 'beyond', id: 'iso-1-beyond-3s', count: 1, window: 1, limit: 3 },
    { kind: 'sameSide', id: 'iso-2-nine-same-side', count: 9, window: 9 },
    { kind: 'trend', id: 'iso-3-six-trend', length: 6 },
    { kind: 'alternating', id: 'iso-4-fourteen-alternating', length: 14 },
    { kind: 'beyond', id: 'iso-5-two-of-three-beyond-2s', count: 2, window: 3, limit: 2 },
    { kind: 'beyond', id: 'iso-6-four-of-five-beyond-1s', count: 4, window: 5, limit: 1 },
    { kind: 'within', id: 'iso-7-fifteen-within-1s', length: 15, limit: 1 },
    { kind: 'outside', id: 'iso-8-eight-outside-1s', length: 8, limit: 1 },
  ],
  nordtest: [
    { kind: 'beyond', id: 'nt-action-limit', count: 1, window: 1, limit: 3 },
    { kind: 'beyond', id: 'nt-two-of-three-warning', count: 2, window: 3, limit: 2 },
    { kind: 'trend', id: 'nt-seven-trend', length: 7 },
    { kind: 'sameSide', id: 'nt-ten-of-eleven-same-side', count: 10, window: 11 },
  ],
};

/** A rule that fired. */
export interface RuleViolation {
  readonly rule: string;
  /** The point that completed the pattern (0-based). */
  readonly index: number;
  /** The points forming the pattern (0-based, ascending). */
  readonly points: readonly number[];
  /** Side of the centre for side-specific rules. */
  readonly side?: 'above' | 'below';
  /** Direction of a trend rule. */
  readonly direction?: 'up' | 'down';
}

/**
 * Applies rules to standardised points (z = (x − centre)/σ) and lists every violation, ordered
 * by point and then by the rule's position in `rules`.
 */
export function applyRunRules(z: readonly number[], rules: readonly RunRule[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (let i = 0; i < z.length; i++) {
    for (const rule of rules) {
      const v = check(z, i, rule);
      if (v !== undefined) out.push(v);
    }
  }
  return out;
}

function range(from: number, to: number): number[] {
  const r: number[] = [];
  for (let k = from; k <= to; k++) r.push(k);
  return r;
}

function check(z: readonly number[], i: number, rule: RunRule): RuleViolation | undefined {
  const zi = z[i] as number;
  switch (rule.kind) {
    case 'beyond':
    case 'sameSide': {
      const limit = rule.kind === 'beyond' ? rule.limit : 0;
      const side = zi > limit ? 'above' : zi < -limit ? 'below' : undefined;
      if (side === undefined) return undefined;
      const from = Math.max(0, i - rule.window + 1);
      const hits = range(from, i).filter((k) =>
        side === 'above' ? (z[k] as number) > limit : (z[k] as number) < -limit,
      );
      return hits.length >= rule.count ? { rule: rule.id, index: i, points: hits, side } : undefined;
    }
    case 'trend': {
      if (i + 1 < rule.length) return undefined;
      const from = i - rule.length + 1;
      let up = true;
      let down = true;
      for (let k = from + 1; k <= i; k++) {
        if (!((z[k] as number) > (z[k - 1] as number))) up = false;
        if (!((z[k] as number) < (z[k - 1] as number))) down = false;
      }
      return up || down
        ? { rule: rule.id, index: i, points: range(from, i), direction: up ? 'up' : 'down' }
        : undefined;
    }
    case 'alternating': {
      if (i + 1 < rule.length) return undefined;
      const from = i - rule.length + 1;
      for (let k = from + 1; k < i; k++) {
        const d1 = (z[k] as number) - (z[k - 1] as number);
        const d2 = (z[k + 1] as number) - (z[k] as number);
        if (!(d1 * d2 < 0)) return undefined;
      }
      return { rule: rule.id, index: i, points: range(from, i) };
    }
    case 'within':
    case 'outside': {
      if (i + 1 < rule.length) return undefined;
      const from = i - rule.length + 1;
      for (let k = from; k <= i; k++) {
        const inside = Math.abs(z[k] as number) < rule.limit;
        if (inside !== (rule.kind === 'within')) return undefined;
      }
      return { rule: rule.id, index: i, points: range(from, i) };
    }
  }
}
