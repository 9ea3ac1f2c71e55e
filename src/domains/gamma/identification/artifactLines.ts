import type { NuclideScore } from './scoreNuclide';

/** A peak a detector makes from an identified line without it being a line of its own. */
export interface ArtifactLine {
  readonly energyKeV: number;
  readonly label: string;
  /** Largest net area such a peak can have (counts): half the area of the peak(s) it comes from. */
  readonly maxArea: number;
  /** Extra half-width (keV) of the match window: a Compton edge is a broad shoulder, not a line. */
  readonly widthKeV?: number;
  /** For backscatter peaks and Compton edges: the energy of the line they come from (keV). */
  readonly parentKeV?: number;
}

/** Lines below this make no backscatter peak or Compton edge worth a peak search's attention. */
const MIN_SCATTER_KEV = 250;

/** Electron rest energy (keV): one or both annihilation photons escaping the crystal. */
const ELECTRON_KEV = 510.999;
/** Pair production needs 2 m_e c²; escape peaks are only worth looking for well above it. */
const MIN_ESCAPE_KEV = 1200;

/**
 * Backscatter peaks and Compton edges (centred a little below the edge, where the fitted hump
 * sits) of matched gamma lines above 250 keV, single- and double-escape peaks (E − 511,
 * E − 1022 keV) of the accepted nuclides' matched gamma lines above 1.2 MeV, and true-coincidence sum peaks of each pair among a nuclide's three strongest
 * matched gamma lines (e.g. Co-60 1173 + 1332 = 2506 keV), each allowed at most half the area of
 * its parent peak(s). Used to label unexplained peaks.
 */
export function artifactLines(accepted: readonly NuclideScore[]): ArtifactLine[] {
  const out: ArtifactLine[] = [];
  for (const s of accepted) {
    const name = s.nuclide.name;
    const gammas = s.outcomes
      .filter((o) => o.status === 'matched' && !o.background && o.group.lines.every((l) => l.kind === 'gamma'))
      .map((o) => ({ energyKeV: o.group.energyKeV, area: o.peak?.area ?? 0, expected: o.expectedArea }))
      .sort((a, b) => b.expected - a.expected);
    for (const g of gammas) {
      if (g.energyKeV >= MIN_SCATTER_KEV && g.area > 0) {
        // Scintillator spectra show the backscatter peak E/(1 + 2E/mc²) and the Compton edge
        // E·2E/(mc² + 2E) as peak-like humps (RadiaCode Cs-137: 193 and ≈ 430–477 keV).
        const e = g.energyKeV;
        const label = (what: string) => `${what} of ${e.toFixed(1)} keV (${name})`;
        out.push({
          energyKeV: e / (1 + (2 * e) / ELECTRON_KEV),
          label: label('backscatter peak'),
          // On a small crystal the backscattered photons (≈ 200 keV) are absorbed far more often
          // than the parent line: RadiaCode trinitite, 184 keV hump 0.95× the 662 keV peak.
          maxArea: 1.5 * g.area,
          widthKeV: 0.03 * e,
          parentKeV: e,
        });
        const edge = (e * 2 * e) / (ELECTRON_KEV + 2 * e);
        out.push({
          energyKeV: edge - 0.05 * e,
          label: label('Compton edge'),
          maxArea: g.area,
          widthKeV: 0.08 * e,
          parentKeV: e,
        });
      }
      if (g.energyKeV < MIN_ESCAPE_KEV) continue;
      const e = g.energyKeV.toFixed(1);
      const maxArea = 0.5 * g.area;
      out.push({ energyKeV: g.energyKeV - ELECTRON_KEV, label: `single escape of ${e} keV (${name})`, maxArea });
      out.push({ energyKeV: g.energyKeV - 2 * ELECTRON_KEV, label: `double escape of ${e} keV (${name})`, maxArea });
    }
    const top = gammas.slice(0, 3);
    top.forEach((a, i) => {
      for (const b of top.slice(i + 1)) {
        const [lo, hi] = a.energyKeV < b.energyKeV ? [a, b] : [b, a];
        const label = `sum of ${lo.energyKeV.toFixed(1)} + ${hi.energyKeV.toFixed(1)} keV (${name})`;
        out.push({ energyKeV: a.energyKeV + b.energyKeV, label, maxArea: 0.5 * Math.min(a.area, b.area) });
      }
    });
  }
  return out;
}
