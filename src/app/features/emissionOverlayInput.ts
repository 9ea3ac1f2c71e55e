import { useMemo } from 'react';
import type { Spectrum } from '../../core/spectrum';
import type { ElementLineSet } from '../../workers/emissionMethods';
import type { EmissionOverlayInput } from '../plot/emissionOverlays';
import { currentIdentification, type EmissionState, isIdentifiableEmission, useEmission } from '../store/emissionStore';

/** Spectroscopic notation `Ca II` (as the domain's `speciesName`, which the app may not import at run time). */
export function species(element: string, ion: 1 | 2): string {
  return `${element} ${ion === 1 ? 'I' : 'II'}`;
}

/** The parts of the emission state the overlays depend on. */
export type EmissionOverlayState = Pick<EmissionState, 'runs' | 'markers' | 'lineSets' | 'markersFollowOffset'>;

/**
 * What the plot overlays on `spectrum` (the first selected one) when it is an emission spectrum
 * in nm: the library lines of the elements switched on (shifted by the axis offset of its latest
 * finished identification when `markersFollowOffset`), and that identification's peaks labelled
 * with the lines of accepted elements they were matched to. Null when there is nothing to draw. Pure.
 */
export function emissionOverlayInput(
  state: EmissionOverlayState,
  spectrum: Spectrum | undefined,
): EmissionOverlayInput | null {
  if (!isIdentifiableEmission(spectrum)) return null;
  const identification = currentIdentification(state.runs, spectrum);
  const lineSets = state.markers
    .map((element) => state.lineSets[element])
    .filter((set): set is ElementLineSet => set !== undefined);
  if (lineSets.length === 0 && !identification) return null;
  const offsetNm = identification && state.markersFollowOffset ? identification.result.offsetNm : 0;
  if (!identification) return { spectrum, offsetNm, lineSets };
  const peakLabels = new Map<number, string[]>();
  for (const element of identification.result.elements.filter((e) => e.accepted)) {
    for (const line of element.matched) {
      const label = `${species(element.element, line.ion)} ${line.libraryNm.toFixed(2)}`;
      peakLabels.set(line.peakIndex, [...(peakLabels.get(line.peakIndex) ?? []), label]);
    }
  }
  return { spectrum, offsetNm, lineSets, peaks: identification.peaks, peakLabels };
}

/** React hook: the emission overlays of `spectrum`, rebuilt only when what they depend on changes. */
export function useEmissionOverlayInput(spectrum: Spectrum | undefined): EmissionOverlayInput | null {
  const runs = useEmission((s) => s.runs);
  const markers = useEmission((s) => s.markers);
  const lineSets = useEmission((s) => s.lineSets);
  const markersFollowOffset = useEmission((s) => s.markersFollowOffset);
  return useMemo(
    () => emissionOverlayInput({ runs, markers, lineSets, markersFollowOffset }, spectrum),
    [runs, markers, lineSets, markersFollowOffset, spectrum],
  );
}
