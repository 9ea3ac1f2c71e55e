import type { LcmFit } from '../fitting/fitLcm';
import type { Quantification } from '../fitting/quantifyLcm';
import { svgBarChart } from './svgBarChart';
import { svgPlot } from './svgPlot';
import type { TransientAlignment } from './transientAlignment';

/** Colours of the report's traces (LCModel's convention: data black, fit red). */
const COLOURS = { data: '#000', fit: '#d62728', baseline: '#2ca02c', residual: '#555', component: '#1f5fa8' };
const PPM_LABEL = 'chemical shift (ppm)';

/**
 * The fit figure: phase-corrected data, fit and baseline on a reversed ppm axis over the fit range,
 * with the residual drawn above them (offset, as LCModel prints it).
 */
export function fitFigure(fit: LcmFit, width: number, height: number): string {
  let top = Number.NEGATIVE_INFINITY;
  let bottom = Number.POSITIVE_INFINITY;
  for (const values of [fit.data, fit.fit, fit.baseline]) {
    for (const v of values) {
      top = Math.max(top, v);
      bottom = Math.min(bottom, v);
    }
  }
  let residualLow = 0;
  for (const r of fit.residual) residualLow = Math.min(residualLow, r);
  const span = top - bottom || 1;
  return svgPlot({
    width,
    height,
    reverseX: true,
    yTickLabels: false,
    xLabel: PPM_LABEL,
    series: [
      {
        x: fit.ppm,
        y: fit.residual,
        colour: COLOURS.residual,
        label: 'residual',
        offset: top - residualLow + 0.04 * span,
      },
      { x: fit.ppm, y: fit.baseline, colour: COLOURS.baseline, label: 'baseline' },
      { x: fit.ppm, y: fit.data, colour: COLOURS.data, label: 'data', lineWidth: 0.7 },
      { x: fit.ppm, y: fit.fit, colour: COLOURS.fit, label: 'fit', lineWidth: 1 },
    ],
  });
}

/**
 * The component stack: each fitted component (amplitude > 0) on the data's scale, one lane each,
 * named in the right margin; lanes at least a text line high so that small components stay legible.
 */
export function componentFigure(fit: LcmFit, width: number, height: number): string {
  const shown = fit.names
    .map((name, k) => ({ name, k, values: fit.components[k] as Float64Array }))
    .filter(({ k }) => (fit.amplitudes[k] as number) > 0);
  const heights = shown.map(({ values }) => {
    let lo = 0;
    let hi = 0;
    for (const v of values) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return { lo, hi };
  });
  const tallest = Math.max(1e-30, ...heights.map((h) => h.hi - h.lo));
  // Minimum lane: a 9-unit text line of the plot's ~(height − 40) units, found by fixed-point iteration.
  let lane = tallest * 0.1;
  for (let pass = 0; pass < 5; pass++) {
    const total = heights.reduce((sum, h) => sum + Math.max(h.hi - h.lo, lane), 0);
    lane = (total * 9) / Math.max(40, height - 40);
  }
  let offset = 0;
  const series = shown.map(({ name, values }, index) => {
    const h = heights[index] as { lo: number; hi: number };
    const at = offset - h.lo;
    offset += Math.max(h.hi - h.lo, lane);
    return { x: fit.ppm, y: values, colour: COLOURS.component, offset: at, tag: name, lineWidth: 0.7 };
  });
  return svgPlot({ width, height, reverseX: true, yTickLabels: false, xLabel: PPM_LABEL, series });
}

/**
 * Bar chart of the concentration table: water-referenced mM ± SD when there are concentrations,
 * ratios to tCr otherwise (± the metabolite's own CRLB); macromolecule components left out;
 * rows with a CRLB over 50 % or none drawn pale (shown, not dropped).
 */
export function concentrationFigure(
  quantification: Quantification,
  groups: ReadonlyMap<string, string>,
  width: number,
) {
  const rows = quantification.metabolites.filter((m) => groups.get(m.name) !== 'macromolecules');
  const molar = rows.some((m) => m.concentrationMM !== undefined);
  const bars = rows.map((m) => {
    const muted = !(m.crlbPercent <= 50);
    if (molar) return { label: m.name, value: m.concentrationMM ?? Number.NaN, error: m.concentrationSdMM ?? 0, muted };
    return { label: m.name, value: m.ratioToTCr, error: (m.ratioToTCr * m.crlbPercent) / 100, muted };
  });
  return svgBarChart({
    width,
    bars,
    rowHeight: 9,
    xLabel: molar ? 'concentration (mM, ± CRLB)' : `ratio to ${quantification.ratioReference} (± CRLB)`,
  });
}

/** Per-transient frequency and phase corrections (two panels; transients rejected later in red). */
export function alignmentFigure(alignment: TransientAlignment, width: number, height: number): string {
  const rejected = new Set(alignment.rejectedPositions);
  const panel = (values: readonly number[], label: string) => {
    const kept = alignment.positions.map((p, k) => (rejected.has(p) ? Number.NaN : (values[k] as number)));
    const dropped = alignment.positions.map((p, k) => (rejected.has(p) ? (values[k] as number) : Number.NaN));
    return svgPlot({
      width: width / 2,
      height,
      xLabel: 'transient',
      yLabel: label,
      zeroLine: true,
      series: [
        { x: alignment.positions, y: kept, colour: COLOURS.component, points: true, label: 'kept' },
        ...(rejected.size === 0
          ? []
          : [{ x: alignment.positions, y: dropped, colour: COLOURS.fit, points: true, label: 'rejected' }]),
      ],
    });
  };
  return panel(alignment.shiftsHz, 'shift (Hz)') + panel(alignment.phasesDeg, 'phase (°)');
}
