import type { EmissionCalibration } from '../../workers/emissionMethods';
import type { Layout, ScatterData } from './plotly';

/** What a trace of the calibration plot shows. */
export type CalibrationRole = 'prediction-band' | 'confidence-band' | 'fit' | 'standards' | 'unknowns';

export type CalibrationTrace = Partial<ScatterData> & { meta: { role: CalibrationRole; points: number } };

const FIT_COLOUR = '#1f77b4';

/** A string from a file (a spectrum name) as plain text in Plotly's pseudo-HTML hover labels. */
const plain = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The calibration plot of an emission line, pure: net line signal against concentration — the
 * prediction band (where one new signal falls) and the confidence band (of the fitted mean) as
 * shaded areas, the fitted curve, the standards, and each unknown at (x̂₀, its signal) with a
 * horizontal error bar of ± U (red when it lies outside the standards' range). Bands are drawn as
 * closed polygons (upper edge, then the lower edge backwards) filled with `toself`.
 */
export function buildCalibrationFigure(calibration: EmissionCalibration): {
  data: CalibrationTrace[];
  layout: Partial<Layout>;
} {
  const { bands, standards, unknowns, unit, line, curve } = calibration;
  const xs = bands.map((b) => b.x);
  const band = (role: 'prediction-band' | 'confidence-band', half: (i: number) => number, colour: string) =>
    ({
      type: 'scatter',
      mode: 'lines',
      name: role === 'prediction-band' ? 'prediction band' : 'confidence band',
      x: [...xs, ...[...xs].reverse()],
      y: [
        ...bands.map((b, i) => b.fit + half(i)),
        ...[...bands].reverse().map((b, j) => b.fit - half(bands.length - 1 - j)),
      ],
      fill: 'toself',
      fillcolor: colour,
      line: { width: 0 },
      hoverinfo: 'skip',
      meta: { role, points: bands.length },
    }) satisfies CalibrationTrace;
  const data: CalibrationTrace[] = [
    band('prediction-band', (i) => bands[i]?.predictionHalfWidth ?? 0, 'rgba(31, 119, 180, 0.12)'),
    band('confidence-band', (i) => bands[i]?.confidenceHalfWidth ?? 0, 'rgba(31, 119, 180, 0.28)'),
    {
      type: 'scatter',
      mode: 'lines',
      name: curve.degree === 1 ? 'fitted line' : 'fitted quadratic',
      x: xs,
      y: bands.map((b) => b.fit),
      line: { color: FIT_COLOUR, width: 2 },
      meta: { role: 'fit', points: bands.length },
    },
    {
      type: 'scatter',
      mode: 'markers',
      name: 'standards',
      x: standards.map((s) => s.concentration),
      y: standards.map((s) => s.signal.area),
      hovertext: standards.map(
        (s) =>
          `${plain(s.name)}<br>${s.concentration} ${plain(unit)}<br>signal ${s.signal.area.toPrecision(4)} (residual ${s.residual.toPrecision(3)})`,
      ),
      hoverinfo: 'text',
      marker: { color: '#111', size: 8, symbol: 'circle' },
      meta: { role: 'standards', points: standards.length },
    },
  ];
  if (unknowns.length > 0) {
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: 'unknowns',
      x: unknowns.map((u) => u.result.value),
      y: unknowns.map((u) => u.signal.area),
      error_x: { type: 'data', array: unknowns.map((u) => u.result.U), visible: true, thickness: 1.5 },
      hovertext: unknowns.map(
        (u) =>
          `${plain(u.name)}<br>${plain(u.result.text)}${u.extrapolation ? `<br>${u.extrapolation} the calibrated range` : ''}`,
      ),
      hoverinfo: 'text',
      marker: {
        color: unknowns.map((u) => (u.extrapolation ? '#d62728' : '#ff7f0e')),
        size: 9,
        symbol: 'diamond',
      },
      meta: { role: 'unknowns', points: unknowns.length },
    });
  }
  const layout: Partial<Layout> = {
    margin: { l: 64, r: 16, t: 16, b: 48 },
    legend: { orientation: 'h', y: 1.02, yanchor: 'bottom', x: 0 },
    hovermode: 'closest',
    xaxis: { title: { text: `concentration (${plain(unit)})` }, zeroline: true },
    yaxis: { title: { text: `net line signal, ${plain(line.label ?? `${line.wavelengthNm.toFixed(2)} nm`)}` } },
  };
  return { data, layout };
}
