import type { LcmFit } from '../../domains/mrs/fitting/fitLcm';
import type { Layout, ScatterData } from './plotly';

/** What a trace of the fit plot shows. */
export type MrsFitRole = 'data' | 'fit' | 'baseline' | 'component' | 'residual';

export type MrsFitTrace = Partial<ScatterData> & { meta: { role: MrsFitRole; component?: string } };

/** Colours of the components, in the order the basis lists them (data, fit and baseline have their own). */
export const COMPONENT_COLOURS = [
  '#1f77b4',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#17becf',
  '#8c564b',
  '#e377c2',
  '#bcbd22',
  '#7f7f7f',
  '#aec7e8',
];

/** CRLB (%) below which a component is drawn by default: a readable plot, not a judgement of the value. */
const DEFAULT_CRLB_PERCENT = 50;

/**
 * The components drawn when the user has not chosen: metabolites (not macromolecules or lipids)
 * with a fitted amplitude above 0 and a CRLB under 50 % — about ten lines instead of 25.
 */
export function defaultShownComponents(fit: LcmFit): string[] {
  return fit.names.filter((_, k) => {
    if (fit.componentGroups[k] === 'macromolecules') return false;
    const amplitude = fit.amplitudes[k] as number;
    const sd = fit.amplitudeSd[k] as number;
    return amplitude > 0 && Number.isFinite(sd) && (100 * sd) / amplitude < DEFAULT_CRLB_PERCENT;
  });
}

/** Colour of component `k` of the fit. */
export const componentColour = (k: number): string => COMPONENT_COLOURS[k % COMPONENT_COLOURS.length] as string;

/**
 * The fit plot of an MRS quantification, pure: the phase-corrected data (real part), the fit, the
 * baseline and each shown component drawn on top of the baseline (as LCModel plots them) on a
 * reversed ppm axis, and the residual (data − fit) in a lower panel sharing that axis. The fit has
 * a few hundred points in its range, so nothing is decimated.
 */
export function buildMrsFitFigure(
  fit: LcmFit,
  shown: readonly string[],
): { data: MrsFitTrace[]; layout: Partial<Layout> } {
  const x = fit.ppm;
  const line = (role: MrsFitRole, y: Float64Array, name: string, extra: Partial<ScatterData>): MrsFitTrace => ({
    type: 'scatter',
    mode: 'lines',
    name,
    x,
    y,
    meta: { role },
    ...extra,
  });
  const data: MrsFitTrace[] = [
    line('data', fit.data, 'data', { line: { color: '#444', width: 1 } }),
    line('baseline', fit.baseline, 'baseline', { line: { color: '#8c564b', width: 1, dash: 'dash' } }),
  ];
  fit.names.forEach((name, k) => {
    if (!shown.includes(name)) return;
    const component = fit.components[k];
    if (!component) return;
    const y = Float64Array.from(component, (v, j) => v + (fit.baseline[j] as number));
    data.push({
      ...line('component', y, name, { line: { color: componentColour(k), width: 1 }, showlegend: false }),
      meta: { role: 'component', component: name },
    });
  });
  data.push(line('fit', fit.fit, 'fit', { line: { color: '#d62728', width: 1.6 } }));
  data.push(
    line('residual', fit.residual, 'residual (data − fit)', {
      yaxis: 'y2',
      line: { color: '#444', width: 0.8 },
      showlegend: false,
    }),
  );
  const layout: Partial<Layout> & Record<string, unknown> = {
    uirevision: 'mrs-fit',
    margin: { l: 64, r: 16, t: 16, b: 48 },
    legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
    hovermode: 'closest',
    // Chemical shift is read from high to low ppm (NMR/MRS convention).
    xaxis: { title: { text: 'chemical shift (ppm)' }, autorange: 'reversed', anchor: 'y2' },
    yaxis: { title: { text: 'real part (phased)' }, domain: [0.3, 1] },
    yaxis2: { title: { text: 'residual' }, domain: [0, 0.22], zeroline: true },
  };
  return { data, layout };
}
