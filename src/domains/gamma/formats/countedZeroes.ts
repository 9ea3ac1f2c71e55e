/**
 * N42 "CountedZeroes" channel-data compression (ANSI N42.42-2006 `Compression="CountedZeroes"`,
 * N42.42-2011/2012 `compressionCode="CountedZeroes"`; grs-notes §3.6): a `0` is followed by the
 * number of consecutive zero channels it stands for; every other value is one channel.
 *
 * Only a positive zero starts a run: a `-0` token is a channel holding −0, so that a writer can
 * round-trip negative zero. (SpecUtils treats any zero as a run marker; no real file writes `-0`.)
 */

/** Why a CountedZeroes list cannot be expanded. */
export type CountedZeroesProblem =
  | { readonly kind: 'missingCount' }
  | { readonly kind: 'badCount'; readonly value: number; readonly index: number }
  | { readonly kind: 'tooLong'; readonly limit: number };

/**
 * Expands a CountedZeroes list into channel counts.
 * @param maxChannels refuse (before allocating) a list that expands to more channels than this
 * @returns the counts, or why the list is malformed
 */
export function expandCountedZeroes(
  values: readonly number[],
  maxChannels: number,
): Float64Array | CountedZeroesProblem {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (isRunMarker(v)) {
      if (i + 1 >= values.length) return { kind: 'missingCount' };
      const run = values[i + 1] as number;
      if (!Number.isInteger(run) || run < 0) return { kind: 'badCount', value: run, index: i + 1 };
      total += run;
      i++;
    } else {
      total++;
    }
    if (total > maxChannels) return { kind: 'tooLong', limit: maxChannels };
  }
  const out = new Float64Array(total);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (isRunMarker(v)) {
      at += values[i + 1] as number;
      i++;
    } else {
      out[at++] = v;
    }
  }
  return out;
}

function isRunMarker(value: number): boolean {
  return value === 0 && !Object.is(value, -0);
}

/** The CountedZeroes form of `counts` (every run of positive zeros becomes `0, run length`). */
export function compressCountedZeroes(counts: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const v = counts[i] as number;
    if (!isRunMarker(v)) {
      out.push(v);
      continue;
    }
    let run = 1;
    while (i + run < counts.length && isRunMarker(counts[i + run] as number)) run++;
    out.push(0, run);
    i += run - 1;
  }
  return out;
}

/** A human description of a {@link CountedZeroesProblem}. */
export function describeCountedZeroesProblem(problem: CountedZeroesProblem): string {
  switch (problem.kind) {
    case 'missingCount':
      return 'the CountedZeroes channel data ends with a 0 that has no count after it';
    case 'badCount':
      return `the CountedZeroes channel data has ${problem.value} as a number of zero channels (value ${problem.index + 1}), which is not a whole number ≥ 0`;
    case 'tooLong':
      return `the CountedZeroes channel data expands to more than ${problem.limit} channels`;
    default: {
      const exhaustive: never = problem;
      return exhaustive;
    }
  }
}
