import type { NuclideScore, PreparedPeak } from './scoreNuclide';

/** A candidate whose matched peaks strictly contain the best one's wins when its score is at most this much lower. */
const SUPERSET_MARGIN = 0.05;

/**
 * Peaks a score matched that were not yet explained and whose area fits: the evidence compared by
 * the superset rule (background-line matches included: Na-22's 511 keV, Am-243's 74.7 keV).
 */
function ownPeaks(s: NuclideScore): Set<PreparedPeak> {
  const out = new Set<PreparedPeak>();
  for (const o of s.outcomes) {
    if (o.status === 'matched' && o.peak !== undefined && o.available > 0.05 && o.consistency > 0.5) out.add(o.peak);
  }
  return out;
}

/**
 * Signal-weighted position likelihood e^(−z²/2) × peak-shape factor of a candidate's matched lines
 * (1 when every line sits on its peak): of two candidates for the same peaks, the one whose lines
 * sit on them goes first (Am-241's 59.5 keV over Pb-210's 46.5 keV on a broad CsI peak at 61.6 keV,
 * and over Tl-201's 72.7 keV Hg x-rays on one at 60.5 keV). Closeness itself is flat up to 1σ, too
 * lenient for this on a scintillator, where σ is 8 keV at 60 keV.
 */
function meanCloseness(s: NuclideScore): number {
  let weighted = 0;
  let total = 0;
  for (const o of s.outcomes) {
    if (o.status !== 'matched' || o.background || o.available <= 0.05) continue;
    const flat = o.z <= 1 ? 1 : Math.exp(-0.5 * (o.z - 1) ** 2);
    const shape = flat > 0 ? o.closeness / flat : 0;
    weighted += o.group.signal * Math.exp(-0.5 * o.z * o.z) * shape;
    total += o.group.signal;
  }
  return total > 0 ? weighted / total : 1;
}

/**
 * Among scored candidates (all above the threshold), the one to accept next: the highest
 * score × (1 − e^(−own matches/2)) × the mean position likelihood of its matched lines, so that many
 * well-placed matched lines win over one or over lines at the edge of their window; then replaced by any
 * candidate that explains strictly more of the same peaks at nearly the same score (the U-238
 * chain over the Ra-226 chain when Th-234 and Pb-210 lines are there, Na-22 over F-18).
 * Candidates resting on background lines only (F-18's 511 keV) come after all others.
 */
export function pickNext(all: readonly NuclideScore[]): NuclideScore | undefined {
  const informative = all.filter((s) => !s.backgroundOnly);
  const scored = informative.length > 0 ? informative : all;
  let best: NuclideScore | undefined;
  let bestKey = Number.NEGATIVE_INFINITY;
  for (const s of scored) {
    const key = s.score * (1 - Math.exp(-s.ownMatches / 2)) * meanCloseness(s);
    if (key > bestKey) {
      best = s;
      bestKey = key;
    }
  }
  for (let changed = best !== undefined; changed; ) {
    changed = false;
    const current = best as NuclideScore;
    const peaks = ownPeaks(current);
    for (const s of scored) {
      if (s === current || s.score < current.score - SUPERSET_MARGIN) continue;
      const other = ownPeaks(s);
      if (other.size > peaks.size && [...peaks].every((p) => other.has(p))) {
        best = s;
        changed = true;
        break;
      }
    }
  }
  return best;
}
