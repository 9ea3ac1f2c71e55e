import type { Spectrum } from '../../core/spectrum';
import type { NetPeak } from '../../domains/gamma/analyseGammaSpectrum';
import type { NuclideLine } from '../../domains/gamma/nuclides/nuclide';
import type { GammaPeak } from '../../domains/gamma/peaks/gammaPeak';
import { minMaxDecimate } from '../../numeric/minMaxDecimate';
import { peakMarkersTrace } from './peakMarkersTrace';
import type { ScatterTrace } from './plotTypes';

/** The library lines of one nuclide to draw. */
export interface NuclideLineSet {
  readonly nuclide: string;
  readonly lines: readonly NuclideLine[];
}

/** What the gamma analysis adds to the plot of one spectrum (every part optional). */
export interface GammaOverlayInput {
  /** The spectrum the peaks were fitted on and the lines are scaled to (the first selected one). */
  readonly spectrum: Spectrum;
  /** Fitted peaks (gross: before background-peak subtraction). */
  readonly peaks?: readonly GammaPeak[];
  /** Peaks left after background-peak subtraction; a peak not among them is marked as a background peak. */
  readonly netPeaks?: readonly NetPeak[];
  readonly nuclideLines?: readonly NuclideLineSet[];
  /** A background spectrum and its live-time scale (spectrum live time / background live time). */
  readonly background?: { readonly spectrum: Spectrum; readonly scale: number } | null;
}

/** The view the overlays are drawn for. */
export interface OverlayView {
  readonly xRange: readonly [number, number] | null;
  readonly logIntensity: boolean;
  /** Pixel columns of the plot (for decimating the background trace). */
  readonly bins: number;
}

/** One colour per nuclide overlay, apart from the spectrum palette. */
export const NUCLIDE_COLOURS = ['#e6550d', '#31a354', '#756bb1', '#c51b8a', '#3182bd', '#636363', '#d4a017', '#17becf'];
/** Most library lines drawn per nuclide (the strongest in view). */
const MAX_LINES = 40;
/** Lines weaker than this (photons per 100 decays) are not drawn. */
const MIN_INTENSITY_PCT = 0.1;

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

/** Live time (s) of a gamma spectrum, falling back to the real time (as the gamma domain does). */
function liveTimeOf(spectrum: Spectrum): number | undefined {
  const live = spectrum.meta.liveTimeS;
  if (typeof live === 'number' && live > 0) return live;
  const real = spectrum.meta.realTimeS;
  return typeof real === 'number' && real > 0 ? real : undefined;
}

/** Live time of `spectrum` / live time of `background` (real times when live times are missing), or 1 when unknown. */
export function liveTimeRatio(spectrum: Spectrum, background: Spectrum): number {
  const a = liveTimeOf(spectrum);
  const b = liveTimeOf(background);
  return a !== undefined && b !== undefined ? a / b : 1;
}

/** Largest value and smallest positive value of y over the visible x range (whole spectrum when null). */
export function visibleExtent(
  spectrum: Spectrum,
  xRange: readonly [number, number] | null,
): { max: number; minPositive: number } {
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const from = xRange ? lowerBound(x, xRange[0]) : 0;
  const to = xRange ? lowerBound(x, xRange[1] + Number.EPSILON) : x.length;
  let max = 0;
  let minPositive = Number.POSITIVE_INFINITY;
  for (let i = from; i < to; i++) {
    const v = y[i] as number;
    if (v > max) max = v;
    if (v > 0 && v < minPositive) minPositive = v;
  }
  return { max, minPositive: Number.isFinite(minPositive) ? minPositive : Math.max(max * 1e-3, 1e-3) };
}

/** Largest count within ± half a FWHM of a peak's centroid: where its marker sits. */
function peakTop(spectrum: Spectrum, peak: GammaPeak): number {
  const x = spectrum.x.values;
  const y = spectrum.y.values;
  const half = Math.max(peak.fwhmKeV / 2, 0);
  let top = 0;
  for (
    let i = lowerBound(x, peak.centroidKeV - half);
    i < x.length && (x[i] as number) <= peak.centroidKeV + half;
    i++
  ) {
    top = Math.max(top, y[i] as number);
  }
  return top;
}

const fmt = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

/** Most peaks labelled with their energy in view (the most significant); the others keep marker and hover. */
export const MAX_PEAK_LABELS = 20;

/** The peaks to label: the {@link MAX_PEAK_LABELS} most significant within the visible range. */
function labelledPeaks(peaks: readonly GammaPeak[], xRange: readonly [number, number] | null): Set<GammaPeak> {
  const inView = xRange ? peaks.filter((p) => p.centroidKeV >= xRange[0] && p.centroidKeV <= xRange[1]) : [...peaks];
  return new Set(inView.sort((a, b) => b.significance - a.significance).slice(0, MAX_PEAK_LABELS));
}

/**
 * Peak markers at the fitted centroids: a marker with the energy as a short label (the most
 * significant peaks in view only, so dense spectra stay readable), and a hover with centroid ± σ,
 * FWHM and net area ± σ (after background subtraction when a background was used).
 */
export function peakMarkerTrace(
  input: GammaOverlayInput,
  xRange: readonly [number, number] | null = null,
): ScatterTrace | null {
  const peaks = input.peaks ?? [];
  if (peaks.length === 0) return null;
  const labelled = labelledPeaks(peaks, xRange);
  const net = new Map((input.netPeaks ?? []).map((p) => [p.centroidKeV, p]));
  const hasNet = input.netPeaks !== undefined;
  const x: number[] = [];
  const y: number[] = [];
  const text: string[] = [];
  const hover: string[] = [];
  const colour: string[] = [];
  for (const peak of peaks) {
    const after = net.get(peak.centroidKeV);
    x.push(peak.centroidKeV);
    y.push(peakTop(input.spectrum, peak));
    text.push(labelled.has(peak) ? fmt(peak.centroidKeV, 1) : '');
    let line = `${fmt(peak.centroidKeV, 2)} ± ${fmt(peak.centroidSigmaKeV, 2)} keV<br>FWHM ${fmt(peak.fwhmKeV, 2)} keV<br>net area ${fmt(peak.netArea, 0)} ± ${fmt(peak.netAreaSigma, 0)}`;
    if (hasNet && after && after.backgroundArea !== 0) {
      line += `<br>after background ${fmt(after.netArea, 0)} ± ${fmt(after.netAreaSigma, 0)}`;
    } else if (hasNet && !after) line += '<br>explained by the background';
    hover.push(line);
    colour.push(hasNet && !after ? '#999' : '#111');
  }
  return peakMarkersTrace({ x, y, text, hover, colour }, input.spectrum.id, 8);
}

/**
 * Library lines of each nuclide as vertical segments from the bottom of the view up to a height
 * proportional to the line's intensity (its strongest line in range reaches 90 % of the visible
 * maximum), one colour per nuclide, named in the legend. On a log axis the segments start at the
 * smallest positive count in view. Gaps (null) separate the segments of one trace.
 */
export function nuclideLineTraces(input: GammaOverlayInput, view: OverlayView): ScatterTrace[] {
  const sets = input.nuclideLines ?? [];
  if (sets.length === 0) return [];
  const xs = input.spectrum.x.values;
  const lo = view.xRange ? view.xRange[0] : (xs[0] ?? 0);
  const hi = view.xRange ? view.xRange[1] : (xs[xs.length - 1] ?? 0);
  const extent = visibleExtent(input.spectrum, view.xRange);
  const top = Math.max(extent.max, view.logIntensity ? extent.minPositive * 10 : 1) * 0.9;
  const base = view.logIntensity ? extent.minPositive : 0;
  return sets.map((set, index) => {
    const inView = set.lines
      .filter((l) => l.energyKeV >= lo && l.energyKeV <= hi && l.intensityPct >= MIN_INTENSITY_PCT)
      .sort((a, b) => b.intensityPct - a.intensityPct)
      .slice(0, MAX_LINES);
    const strongest = inView[0]?.intensityPct ?? 1;
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    const hover: string[] = [];
    for (const line of inView) {
      const height = Math.max(top * (line.intensityPct / strongest), view.logIntensity ? base * 1.5 : 0);
      const label = `${set.nuclide}${line.emitter ? ` (${line.emitter})` : ''}: ${fmt(line.energyKeV, 2)} keV, ${line.intensityPct.toPrecision(3)} %${line.kind === 'gamma' ? '' : ` ${line.kind}`}`;
      x.push(line.energyKeV, line.energyKeV, null);
      y.push(base, height, null);
      hover.push(label, label, '');
    }
    return {
      type: 'scatter',
      mode: 'lines',
      name: set.nuclide,
      x,
      y,
      hovertext: hover,
      hoverinfo: 'text',
      connectgaps: false,
      line: { color: NUCLIDE_COLOURS[index % NUCLIDE_COLOURS.length] as string, width: 2 },
      meta: {
        role: 'nuclide-lines',
        spectrumId: input.spectrum.id,
        points: set.lines.length,
        shown: inView.length,
        nuclide: set.nuclide,
      },
    } satisfies ScatterTrace;
  });
}

/** The background spectrum × its live-time scale, decimated like the spectra, as a dashed grey line. */
export function backgroundTrace(input: GammaOverlayInput, view: OverlayView): ScatterTrace | null {
  const background = input.background;
  if (!background) return null;
  const { spectrum, scale } = background;
  const range = view.xRange ? { xMin: view.xRange[0], xMax: view.xRange[1] } : {};
  // min/max decimation commutes with a positive scale, so scale only the kept points.
  const decimated = minMaxDecimate(spectrum.x.values, spectrum.y.values, { bins: view.bins, ...range });
  const y = decimated.y.map((v) => v * scale);
  return {
    type: 'scatter',
    mode: 'lines',
    name: `${spectrum.name} × ${scale.toPrecision(3)} (background)`,
    x: decimated.x,
    y,
    line: { color: '#555', width: 1, dash: 'dash' },
    meta: { role: 'background', spectrumId: spectrum.id, points: spectrum.x.values.length, shown: y.length },
  };
}

/** All gamma overlays of a figure: background, line overlays, peak markers (drawn in that order). */
export function gammaOverlayTraces(input: GammaOverlayInput, view: OverlayView): ScatterTrace[] {
  const traces: ScatterTrace[] = [];
  const background = backgroundTrace(input, view);
  if (background) traces.push(background);
  traces.push(...nuclideLineTraces(input, view));
  const peaks = peakMarkerTrace(input, view.xRange);
  if (peaks) traces.push(peaks);
  return traces;
}
