import type { ActivityRatioHint } from './identificationResult';
import type { GroupOutcome, NuclideScore } from './scoreNuclide';

function emitterLabel(o: GroupOutcome, parent: string): string {
  const emitters = [...new Set(o.group.lines.map((l) => l.emitter ?? parent))];
  return emitters.join('+');
}

function hint(a: GroupOutcome, b: GroupOutcome, label: string): ActivityRatioHint | undefined {
  if (a.peak === undefined || b.peak === undefined || a.peak === b.peak || !(b.peak.area > 0)) return undefined;
  const ratio = a.peak.area / b.peak.area;
  const relative = Math.hypot(a.peak.areaSigma / a.peak.area, b.peak.areaSigma / b.peak.area);
  return {
    numeratorKeV: a.group.energyKeV,
    denominatorKeV: b.group.energyKeV,
    observedRatio: ratio,
    observedRatioSigma: ratio * relative,
    expectedRatio: a.group.signal / b.group.signal,
    label,
  };
}

/**
 * Area ratios worth a look for an accepted nuclide: the second strongest matched line (by expected
 * signal) against the strongest, and for chains, the strongest matched line of each other emitter
 * against the strongest line overall (a ratio far from the expected one hints at disequilibrium,
 * e.g. radon escape or fresh separation, at self-absorption, or at an efficiency unlike the prior).
 * Expected ratios use the same efficiency prior as the scores.
 */
export function activityRatioHints(s: NuclideScore): ActivityRatioHint[] {
  const parent = s.nuclide.name.replace(/ chain$/, '');
  const matched = s.outcomes
    .filter((o) => o.status === 'matched' && o.peak !== undefined)
    .sort((a, b) => b.group.signal - a.group.signal);
  const top = matched[0];
  if (top === undefined) return [];
  const hints: ActivityRatioHint[] = [];
  const second = matched[1];
  const topLabel = emitterLabel(top, parent);
  if (second !== undefined) {
    const h = hint(second, top, `${emitterLabel(second, parent)}/${topLabel}`);
    if (h) hints.push(h);
  }
  if (s.nuclide.chainMembers !== undefined) {
    const seen = new Set<string>([topLabel, second === undefined ? '' : emitterLabel(second, parent)]);
    for (const o of matched) {
      const label = emitterLabel(o, parent);
      if (seen.has(label)) continue;
      seen.add(label);
      const h = hint(o, top, `${label}/${topLabel}`);
      if (h) hints.push(h);
    }
  }
  return hints;
}
