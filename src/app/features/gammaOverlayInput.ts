import { type GammaOverlayInput, liveTimeRatio, type NuclideLineSet } from '../plot/gammaOverlays';
import { backgroundIdFor, isAnalysableGamma } from '../store/gammaSlice';
import type { WorkbenchState } from '../store/workbenchStore';

/** The parts of the state the gamma overlays depend on. */
export type GammaOverlayState = Pick<
  WorkbenchState,
  | 'files'
  | 'spectra'
  | 'selectedIds'
  | 'gammaRuns'
  | 'backgroundChoice'
  | 'lineOverlays'
  | 'nuclides'
  | 'showBackgroundTrace'
>;

/**
 * What the plot overlays on the first selected spectrum when it is an analysable gamma spectrum:
 * the peaks of its latest finished identification (when the run analysed this very spectrum, not
 * an earlier file of the same name), the library lines of the nuclides switched on, and its
 * background scaled by the live-time ratio (when one is chosen and the toggle is on). Pure.
 */
export function gammaOverlayInput(state: GammaOverlayState): GammaOverlayInput | null {
  const id = state.selectedIds[0];
  const spectrum = id === undefined ? undefined : state.spectra[id];
  if (id === undefined || !isAnalysableGamma(spectrum)) return null;
  const run = state.gammaRuns[id];
  const analysis = run?.status === 'done' && run.spectrum === spectrum ? run.analysis : null;
  const backgroundId = backgroundIdFor(state, id);
  const background = backgroundId === null ? undefined : state.spectra[backgroundId];
  const nuclideLines: NuclideLineSet[] = [];
  for (const name of state.lineOverlays) {
    const nuclide = state.nuclides?.[name];
    if (nuclide) nuclideLines.push({ nuclide: name, lines: nuclide.lines });
  }
  const scale =
    background && analysis?.backgroundId === background.id && analysis.backgroundScale !== undefined
      ? analysis.backgroundScale
      : background
        ? liveTimeRatio(spectrum, background)
        : 1;
  return {
    spectrum,
    ...(analysis ? { peaks: analysis.peaks, netPeaks: analysis.netPeaks } : {}),
    nuclideLines,
    background:
      background && state.showBackgroundTrace && isAnalysableGamma(background) ? { spectrum: background, scale } : null,
  };
}
