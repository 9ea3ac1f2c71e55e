import { activityRatioHints } from './activityRatioHints';
import type { MatchedLine, MissingLine, NuclideCandidate } from './identificationResult';
import type { NuclideScore } from './scoreNuclide';

/** The reported form of an accepted nuclide's score; `accepted` gives the other candidates sharing its peaks. */
export function toCandidate(s: NuclideScore, accepted: readonly NuclideScore[]): NuclideCandidate {
  const matchedLines: MatchedLine[] = [];
  const missingStrongLines: MissingLine[] = [];
  for (const o of s.outcomes) {
    const { group } = o;
    if (o.status === 'matched' && o.peak !== undefined) {
      const emitters = [...new Set(group.lines.flatMap((l) => (l.emitter === undefined ? [] : [l.emitter])))];
      const index = o.peak.index;
      const sharedWith = accepted
        .filter((other) => other !== s && other.outcomes.some((x) => x.status === 'matched' && x.peak?.index === index))
        .map((other) => other.nuclide.name);
      matchedLines.push({
        energyKeV: group.energyKeV,
        intensityPct: group.intensityPct,
        ...(emitters.length > 0 ? { emitters } : {}),
        peakEnergyKeV: o.peak.energyKeV,
        peakIndex: index,
        zScore: o.z,
        observedArea: o.peak.area,
        expectedArea: o.expectedArea,
        sharedWith,
        atBackgroundLine: o.background,
      });
    } else if (o.status === 'missing' && o.detectability >= 0.5) {
      missingStrongLines.push({
        energyKeV: group.energyKeV,
        intensityPct: group.intensityPct,
        expectedArea: o.expectedArea,
        detectability: o.detectability,
      });
    }
  }
  matchedLines.sort((a, b) => a.energyKeV - b.energyKeV);
  missingStrongLines.sort((a, b) => b.expectedArea - a.expectedArea);
  return {
    nuclide: s.nuclide.name,
    category: s.nuclide.category,
    score: s.score,
    naturalBackground: s.nuclide.category === 'natural',
    matchedLines,
    missingStrongLines,
    activityRatioHints: activityRatioHints(s),
  };
}
