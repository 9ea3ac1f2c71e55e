/**
 * Dead time of RadiaCode detectors, which their files do not record (grs-notes §3.9).
 * SpecUtils (src/SpecFile_radiacode.cpp, `estimate_radiacode102_live_time`, after SpecUtils issue #35)
 * assumes a non-paralyzable dead time of 5 µs per pulse: with m = counts / real time the measured
 * rate, the true rate is n = m / (1 − m·τ), so live time = real · m / n = real · (1 − m·τ).
 */
export const RADIACODE_DEAD_TIME_S = 5e-6;

/**
 * Estimated live time (s) of a RadiaCode spectrum, or `undefined` when the real time or the counts
 * are not positive or the rate saturates the model (m·τ ≥ 1).
 */
export function estimateRadiacodeLiveTime(realTimeS: number, totalCounts: number): number | undefined {
  if (!(realTimeS > 0) || !(totalCounts > 0) || !Number.isFinite(totalCounts)) return undefined;
  const loss = (totalCounts / realTimeS) * RADIACODE_DEAD_TIME_S;
  return loss < 1 ? realTimeS * (1 - loss) : undefined;
}

/**
 * Index of the last channel when it holds an overflow count (the RC-103 file puts every pulse above
 * the range there): its value exceeds 10 × the median of the 50 channels before it (a median below
 * 1 counts as 1, so that a few counts after empty channels are not called overflow).
 */
export function overflowChannel(counts: Float64Array): number | undefined {
  const n = counts.length;
  if (n < 2) return undefined;
  const window = Array.from(counts.subarray(Math.max(0, n - 51), n - 1)).sort((a, b) => a - b);
  const mid = window.length >> 1;
  const median =
    window.length % 2 === 1 ? (window[mid] as number) : ((window[mid - 1] as number) + (window[mid] as number)) / 2;
  return (counts[n - 1] as number) > 10 * Math.max(median, 1) ? n - 1 : undefined;
}
