import type { Spectrum } from '../../core/spectrum';
import type { ElementLineSet, EmissionPeak } from '../../workers/emissionMethods';
import { visibleExtent } from './gammaOverlays';
import { peakMarkersTrace } from './peakMarkersTrace';
import type { ScatterTrace } from './plotTypes';

/** What the emission analysis adds to the plot of one spectrum. */
export interface EmissionOverlayInput {
  /** The spectrum the peaks were picked on and the markers are scaled to (the first selected one). */
  readonly spectrum: Spectrum;
  /** Added to every library wavelength before drawing (the axis offset found, observed − library, nm). */
  readonly offsetNm: number;
  /** Lines of the elements switched on, in the order they were switched on. */
  readonly lineSets: readonly ElementLineSet[];
  /** Peaks of the identification, and what each was matched to (index → `Ca II 393.37`…), when there is one. */
  readonly peaks?: readonly EmissionPeak[];
  readonly peakLabels?: ReadonlyMap<number, readonly string[]>;
}

/** The view the overlays are drawn for. */
export interface EmissionOverlayView {
  readonly xRange: readonly [number, number] | null;
  readonly logIntensity: boolean;
}

/** One colour per element, apart from the spectrum palette (as the nuclide overlays). */
export const ELEMENT_COLOURS = ['#e6550d', '#31a354', '#756bb1', '#c51b8a', '#3182bd', '#636363', '#d4a017', '#17becf'];
/** Most lines drawn per element (the strongest in view). */
const MAX_LINES = 40;
/** Lines weaker than this fraction of the element's strongest are not drawn. */
const MIN_RELATIVE = 0.01;

const fmt = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** The x range in view: the zoom, or the spectrum's whole axis. */
function viewRange(spectrum: Spectrum, xRange: readonly [number, number] | null): [number, number] {
  const x = spectrum.x.values;
  return xRange ? [xRange[0], xRange[1]] : [x[0] ?? 0, x[x.length - 1] ?? 0];
}

/**
 * Library lines of each element switched on, as vertical segments at library λ + offset from the
 * bottom of the view up to a height proportional to the line's relative LTE intensity (the
 * element's strongest line in view reaches 90 % of the visible maximum), one colour per element,
 * named in the legend; the hover gives the species, the library and the drawn wavelength. On a log
 * axis the segments start at the smallest positive intensity in view.
 */
export function elementLineTraces(input: EmissionOverlayInput, view: EmissionOverlayView): ScatterTrace[] {
  if (input.lineSets.length === 0) return [];
  const [lo, hi] = viewRange(input.spectrum, view.xRange);
  const extent = visibleExtent(input.spectrum, view.xRange);
  const top = Math.max(extent.max, view.logIntensity ? extent.minPositive * 10 : 1) * 0.9;
  const base = view.logIntensity ? extent.minPositive : 0;
  const offset = input.offsetNm;
  const shifted = offset === 0 ? '' : ` (library + ${offset >= 0 ? '' : '−'}${fmt(Math.abs(offset), 3)} nm offset)`;
  return input.lineSets.map((set, index) => {
    const inView = set.lines
      .filter((l) => l.wavelengthNm + offset >= lo && l.wavelengthNm + offset <= hi)
      .sort((a, b) => b.relative - a.relative)
      .slice(0, MAX_LINES);
    const strongest = inView[0]?.relative ?? 1;
    const drawn = inView.filter((l) => l.relative >= MIN_RELATIVE * strongest);
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    const hover: string[] = [];
    for (const line of drawn) {
      const at = line.wavelengthNm + offset;
      const height = Math.max(top * (line.relative / strongest), view.logIntensity ? base * 1.5 : 0);
      const label = `${set.element} ${line.ion === 1 ? 'I' : 'II'} ${fmt(line.wavelengthNm, 3)} nm${line.resonance ? ' (resonance)' : ''}<br>drawn at ${fmt(at, 3)} nm${shifted}<br>relative intensity ${fmt(line.relative / strongest, 2)} (LTE, 10 000 K)`;
      x.push(at, at, null);
      y.push(base, height, null);
      hover.push(label, label, '');
    }
    return {
      type: 'scatter',
      mode: 'lines',
      name: set.element,
      x,
      y,
      hovertext: hover,
      hoverinfo: 'text',
      connectgaps: false,
      line: { color: ELEMENT_COLOURS[index % ELEMENT_COLOURS.length] as string, width: 1.5 },
      meta: {
        role: 'element-lines',
        spectrumId: input.spectrum.id,
        points: set.lines.length,
        shown: drawn.length,
      },
    } satisfies ScatterTrace;
  });
}

/** First index with x[i] ≥ value (x ascending); x.length when none. */
function lowerBound(x: Float64Array, value: number): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((x[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Largest intensity within ± half a FWHM of a peak (at least the nearest point): where its marker sits. */
function peakTop(spectrum: Spectrum, peak: EmissionPeak): number {
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const half = Math.max(peak.fwhmNm / 2, 0);
  const from = Math.min(lowerBound(x, peak.wavelengthNm - half), x.length - 1);
  let top = y[from] as number;
  for (let i = from; i < x.length && (x[i] as number) <= peak.wavelengthNm + half; i++)
    top = Math.max(top, y[i] as number);
  return Number.isFinite(top) ? top : peak.height;
}

/**
 * Markers at the picked peaks: labelled with what they were matched to (accepted elements only),
 * hover with position, net height, FWHM and SNR. Unmatched peaks are grey.
 */
export function emissionPeakTrace(input: EmissionOverlayInput): ScatterTrace | null {
  const peaks = input.peaks ?? [];
  if (peaks.length === 0) return null;
  const labels = input.peakLabels ?? new Map<number, readonly string[]>();
  const x: number[] = [];
  const y: number[] = [];
  const text: string[] = [];
  const hover: string[] = [];
  const colour: string[] = [];
  peaks.forEach((peak, i) => {
    const matched = labels.get(i) ?? [];
    x.push(peak.wavelengthNm);
    y.push(peakTop(input.spectrum, peak));
    text.push(matched.map((m) => m.split(' ')[0]).join('/'));
    hover.push(
      `${fmt(peak.wavelengthNm, 3)} nm<br>net height ${fmt(peak.height, 0)}, FWHM ${fmt(peak.fwhmNm, 3)} nm, SNR ${fmt(peak.snr, 0)}<br>${matched.length > 0 ? matched.join(', ') : 'not explained by an accepted element'}`,
    );
    colour.push(matched.length > 0 ? '#111' : '#999');
  });
  return peakMarkersTrace({ x, y, text, hover, colour }, input.spectrum.id, 7);
}

/** All emission overlays of a figure: element lines, then peak markers. */
export function emissionOverlayTraces(input: EmissionOverlayInput, view: EmissionOverlayView): ScatterTrace[] {
  const traces = elementLineTraces(input, view);
  const peaks = emissionPeakTrace(input);
  if (peaks) traces.push(peaks);
  return traces;
}
