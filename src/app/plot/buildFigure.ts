import type { Spectrum } from '../../core/spectrum';
import { quantityOfUnit } from '../../core/units';
import { minMaxDecimate } from '../../numeric/minMaxDecimate';
import { type GammaOverlayInput, gammaOverlayTraces } from './gammaOverlays';
import type { Layout } from './plotly';
import type { ScatterTrace, TraceRole } from './plotTypes';

export type { ScatterTrace, TraceRole } from './plotTypes';

export interface FigureInput {
  readonly spectra: readonly Spectrum[];
  /** Processed spectrum per input id (same x axis as the input). */
  readonly processed: Readonly<Record<string, Spectrum>>;
  readonly xRange: readonly [number, number] | null;
  /** Plot width in CSS pixels: one min/max pair per pixel column is all the eye can see. */
  readonly widthPx: number;
  readonly showResidual: boolean;
  /** Logarithmic intensity axis (zero and negative values are not drawn on it). */
  readonly logIntensity?: boolean;
  /**
   * Gamma overlays (peak markers, nuclide lines, scaled background) of one spectrum; drawn only
   * while that spectrum is the first one plotted. Other domains leave it out.
   */
  readonly gamma?: GammaOverlayInput | null;
  /**
   * Part of complex spectra on a ppm axis (MRS views) to draw (default real). Imaginary or
   * magnitude draw that part alone: the smoothed overlay and residual follow the real part only.
   */
  readonly complexPart?: 'real' | 'imaginary' | 'magnitude';
}

const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

const residualCache = new WeakMap<Spectrum, Float64Array>();
const magnitudeCache = new WeakMap<Spectrum, Float64Array>();

/** The part of a complex ppm spectrum to draw, or null to draw `y.values` as usual. */
function complexValues(spectrum: Spectrum, part: FigureInput['complexPart']): Float64Array | null {
  const imaginary = spectrum.y.imaginary;
  if (part === undefined || part === 'real' || spectrum.x.unit !== 'ppm' || imaginary === undefined) return null;
  if (part === 'imaginary') return imaginary;
  let magnitude = magnitudeCache.get(spectrum);
  if (!magnitude) {
    const re = spectrum.y.values;
    magnitude = Float64Array.from(re, (v, i) => Math.hypot(v, imaginary[i] as number));
    magnitudeCache.set(spectrum, magnitude);
  }
  return magnitude;
}

/** raw − processed, cached per processed spectrum (recomputed only when processing reruns). */
function residualOf(raw: Spectrum, processed: Spectrum): Float64Array {
  let residual = residualCache.get(processed);
  if (!residual) {
    const a = raw.y.values;
    const b = processed.y.values;
    residual = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) residual[i] = (a[i] as number) - (b[i] as number);
    residualCache.set(processed, residual);
  }
  return residual;
}

function axisTitle(spectrum: Spectrum | undefined): string {
  if (!spectrum) return 'x';
  const { unit, quantity, label } = spectrum.x;
  if (unit === 'unknown') return label ?? 'x';
  if (unit === 'index') return 'point index';
  return `${quantity === 'unknown' ? quantityOfUnit(unit) : quantity} (${unit})`;
}

function intensityTitle(spectrum: Spectrum | undefined): string {
  if (!spectrum || spectrum.y.unit === 'unknown') return 'intensity';
  return `intensity (${spectrum.y.unit})`;
}

/**
 * Plotly traces and layout for the viewer: each selected spectrum decimated to the plot's pixel
 * width over the visible x range, its smoothed version overlaid, and the residual in a lower
 * panel that shares the x axis. Pure: no DOM, unit-tested.
 */
export function buildFigure(input: FigureInput): { data: ScatterTrace[]; layout: Partial<Layout> } {
  const bins = Math.max(16, Math.round(input.widthPx));
  const range = input.xRange ? { xMin: input.xRange[0], xMax: input.xRange[1] } : {};
  const data: ScatterTrace[] = [];
  const hasResidual =
    input.showResidual && input.spectra.some((s) => input.processed[s.id] && !complexValues(s, input.complexPart));
  input.spectra.forEach((spectrum, index) => {
    const color = palette[index % palette.length] as string;
    const points = spectrum.x.values.length;
    const trace = (role: TraceRole, y: Float64Array, name: string, extra: Partial<ScatterTrace>): ScatterTrace => {
      const decimated = minMaxDecimate(spectrum.x.values, y, { bins, ...range });
      return {
        type: 'scatter',
        mode: 'lines',
        name,
        x: decimated.x,
        y: decimated.y,
        legendgroup: spectrum.id,
        meta: { role, spectrumId: spectrum.id, points, shown: decimated.x.length },
        ...extra,
      };
    };
    const part = complexValues(spectrum, input.complexPart);
    if (part) {
      data.push(trace('raw', part, `${spectrum.name} (${input.complexPart})`, { line: { color, width: 1.2 } }));
      return;
    }
    const processed = input.processed[spectrum.id];
    data.push(trace('raw', spectrum.y.values, spectrum.name, { line: { color, width: processed ? 0.8 : 1.2 } }));
    if (processed) {
      data.push(
        trace('smoothed', processed.y.values, `${spectrum.name} — smoothed`, { line: { color: '#111', width: 1.5 } }),
      );
      if (hasResidual) {
        data.push(
          trace('residual', residualOf(spectrum, processed), `${spectrum.name} — residual`, {
            yaxis: 'y2',
            line: { color, width: 0.8 },
            showlegend: false,
          }),
        );
      }
    }
  });
  const first = input.spectra[0];
  if (input.gamma && first && input.gamma.spectrum.id === first.id) {
    const view = { xRange: input.xRange, logIntensity: input.logIntensity ?? false, bins };
    data.push(...gammaOverlayTraces(input.gamma, view));
  }
  const xaxis: Record<string, unknown> = { title: { text: axisTitle(first) }, anchor: hasResidual ? 'y2' : 'y' };
  // Chemical shift is read from high to low ppm (NMR/MRS convention).
  const reversed = first?.x.unit === 'ppm';
  if (input.xRange) {
    xaxis.range = reversed ? [input.xRange[1], input.xRange[0]] : [...input.xRange];
    xaxis.autorange = false;
  } else xaxis.autorange = reversed ? 'reversed' : true;
  const layout: Partial<Layout> & Record<string, unknown> = {
    uirevision: 'viewer',
    margin: { l: 64, r: 16, t: 16, b: 48 },
    legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
    hovermode: 'closest',
    xaxis,
    yaxis: {
      title: { text: intensityTitle(first) },
      domain: hasResidual ? [0.3, 1] : [0, 1],
      type: input.logIntensity ? 'log' : 'linear',
    },
  };
  if (hasResidual) layout.yaxis2 = { title: { text: 'residual' }, domain: [0, 0.22], zeroline: true };
  return { data, layout };
}
