import { minMaxDecimate } from '../../../numeric/minMaxDecimate';
import { escapeHtml } from './escapeHtml';
import { niceTicks, tickText } from './niceTicks';

/** One trace of {@link svgPlot}: a line (or points) over ascending x. */
export interface SvgSeries {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** CSS colour (a fixed name or #hex of ours, never text from a file). */
  readonly colour: string;
  readonly lineWidth?: number;
  /** Legend entry (escaped). */
  readonly label?: string;
  /** Added to every y (stacked plots). */
  readonly offset?: number;
  /** Name written in the right margin at the height of `offset` (escaped): stacked components. */
  readonly tag?: string;
  /** Draw a dot per point instead of a line. */
  readonly points?: boolean;
}

/** Options of {@link svgPlot}; sizes in SVG user units (px at 96 dpi). */
export interface SvgPlotOptions {
  readonly width: number;
  readonly height: number;
  readonly series: readonly SvgSeries[];
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Draw x decreasing from left to right (the ppm axis of NMR spectra). */
  readonly reverseX?: boolean;
  readonly xRange?: readonly [number, number];
  /** Number labels on the y axis (off for spectra in arbitrary units). Default true. */
  readonly yTickLabels?: boolean;
  /** Width of the right margin for tags (default 8, or 46 when a series has a tag). */
  readonly rightMargin?: number;
  /** A horizontal line at y = 0 (default false). */
  readonly zeroLine?: boolean;
}

const FONT = 'font-family="sans-serif" font-size="9"';

/**
 * A small static x–y plot as an inline SVG string (no script, no external reference, so it works
 * inside a self-contained report under any CSP): axes with round-number ticks, lines or dots, an
 * optional legend and right-margin tags. Series longer than twice the plot width in pixels are
 * thinned by min–max decimation (`numeric/minMaxDecimate`), which keeps every peak. NaN breaks a line.
 */
export function svgPlot(options: SvgPlotOptions): string {
  const { width, height, series } = options;
  const tagged = series.some((s) => s.tag !== undefined);
  const margin = {
    left: options.yTickLabels === false ? 14 : 40,
    right: options.rightMargin ?? (tagged ? 46 : 8),
    top: series.some((s) => s.label !== undefined) ? 16 : 6,
    bottom: 28,
  };
  const plotW = Math.max(10, width - margin.left - margin.right);
  const plotH = Math.max(10, height - margin.top - margin.bottom);
  const xr = options.xRange ?? extent(series.map((s) => s.x));
  const yr = padRange(
    extent(
      series.map((s) => Array.from(s.y, (v) => v + (s.offset ?? 0))),
      series.map((s) => s.x),
      xr,
    ),
  );
  const px = (x: number) => {
    const f = (x - xr[0]) / (xr[1] - xr[0] || 1);
    return margin.left + (options.reverseX === true ? 1 - f : f) * plotW;
  };
  const py = (y: number) => margin.top + (1 - (y - yr[0]) / (yr[1] - yr[0] || 1)) * plotH;
  const parts: string[] = [
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">`,
    `<rect x="${margin.left}" y="${margin.top}" width="${f1(plotW)}" height="${f1(plotH)}" fill="none" stroke="#999" stroke-width="0.5"/>`,
  ];
  parts.push(xAxis(xr, px, margin.top + plotH, options.xLabel, margin.left + plotW / 2));
  if (options.yTickLabels !== false) parts.push(yAxis(yr, py, margin.left, options.yLabel, margin.top + plotH / 2));
  if (options.zeroLine === true && yr[0] < 0 && yr[1] > 0)
    parts.push(
      `<line x1="${margin.left}" x2="${f1(margin.left + plotW)}" y1="${f1(py(0))}" y2="${f1(py(0))}" stroke="#bbb" stroke-width="0.5"/>`,
    );
  for (const s of series) parts.push(s.points === true ? dots(s, px, py, xr) : line(s, px, py, xr, plotW));
  for (const s of series) {
    if (s.tag === undefined) continue;
    const y = py((s.offset ?? 0) + 0);
    parts.push(
      `<text x="${f1(margin.left + plotW + 3)}" y="${f1(y)}" ${FONT} font-size="7" fill="${escapeHtml(s.colour)}" dominant-baseline="middle">${escapeHtml(s.tag)}</text>`,
    );
  }
  parts.push(legend(series, margin.left + plotW));
  parts.push('</svg>');
  return parts.join('');
}

function line(
  s: SvgSeries,
  px: (x: number) => number,
  py: (y: number) => number,
  xr: readonly [number, number],
  plotW: number,
): string {
  const lo = Math.min(xr[0], xr[1]);
  const hi = Math.max(xr[0], xr[1]);
  const thinned =
    s.x.length > 2 * plotW
      ? minMaxDecimate(s.x, s.y, { bins: Math.max(1, Math.round(plotW)), xMin: lo, xMax: hi })
      : { x: s.x, y: s.y };
  const offset = s.offset ?? 0;
  let d = '';
  let pen = false;
  for (let j = 0; j < thinned.x.length; j++) {
    const x = thinned.x[j] as number;
    const y = thinned.y[j] as number;
    if (!Number.isFinite(y) || x < lo || x > hi) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${f1(px(x))} ${f1(py(y + offset))}`;
    pen = true;
  }
  if (d === '') return '';
  return `<path d="${d}" fill="none" stroke="${escapeHtml(s.colour)}" stroke-width="${s.lineWidth ?? 0.8}" stroke-linejoin="round"/>`;
}

function dots(
  s: SvgSeries,
  px: (x: number) => number,
  py: (y: number) => number,
  xr: readonly [number, number],
): string {
  const out: string[] = [];
  const lo = Math.min(xr[0], xr[1]);
  const hi = Math.max(xr[0], xr[1]);
  for (let j = 0; j < s.x.length; j++) {
    const x = s.x[j] as number;
    const y = (s.y[j] as number) + (s.offset ?? 0);
    if (!Number.isFinite(x) || !Number.isFinite(y) || x < lo || x > hi) continue;
    out.push(`<circle cx="${f1(px(x))}" cy="${f1(py(y))}" r="1.8"/>`);
  }
  return `<g fill="${escapeHtml(s.colour)}">${out.join('')}</g>`;
}

function xAxis(
  range: readonly [number, number],
  px: (x: number) => number,
  y0: number,
  label: string | undefined,
  centre: number,
): string {
  const { ticks, step } = niceTicks(range[0], range[1], 8);
  const parts = ticks.map(
    (t) =>
      `<line x1="${f1(px(t))}" x2="${f1(px(t))}" y1="${f1(y0)}" y2="${f1(y0 + 3)}" stroke="#666" stroke-width="0.5"/>` +
      `<text x="${f1(px(t))}" y="${f1(y0 + 11)}" ${FONT} text-anchor="middle">${tickText(t, step)}</text>`,
  );
  if (label !== undefined)
    parts.push(`<text x="${f1(centre)}" y="${f1(y0 + 23)}" ${FONT} text-anchor="middle">${escapeHtml(label)}</text>`);
  return parts.join('');
}

function yAxis(
  range: readonly [number, number],
  py: (y: number) => number,
  x0: number,
  label: string | undefined,
  centre: number,
): string {
  const { ticks, step } = niceTicks(range[0], range[1], 5);
  const parts = ticks.map(
    (t) =>
      `<line x1="${f1(x0 - 3)}" x2="${f1(x0)}" y1="${f1(py(t))}" y2="${f1(py(t))}" stroke="#666" stroke-width="0.5"/>` +
      `<text x="${f1(x0 - 4)}" y="${f1(py(t) + 3)}" ${FONT} text-anchor="end">${tickText(t, step)}</text>`,
  );
  if (label !== undefined)
    parts.push(
      `<text transform="translate(9 ${f1(centre)}) rotate(-90)" ${FONT} text-anchor="middle">${escapeHtml(label)}</text>`,
    );
  return parts.join('');
}

function legend(series: readonly SvgSeries[], right: number): string {
  const labelled = series.filter((s) => s.label !== undefined);
  let x = right;
  const parts: string[] = [];
  for (const s of [...labelled].reverse()) {
    const text = escapeHtml(s.label as string);
    const w = 6 * (s.label as string).length + 16;
    x -= w;
    parts.push(
      `<line x1="${f1(x)}" x2="${f1(x + 10)}" y1="8" y2="8" stroke="${escapeHtml(s.colour)}" stroke-width="1.5"/>` +
        `<text x="${f1(x + 13)}" y="11" ${FONT}>${text}</text>`,
    );
  }
  return parts.join('');
}

/** [min, max] of the finite values (only where x lies in `xr`, when given); [0, 1] when there are none. */
function extent(
  values: readonly ArrayLike<number>[],
  xs?: readonly ArrayLike<number>[],
  xr?: readonly [number, number],
): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const xLo = xr === undefined ? Number.NEGATIVE_INFINITY : Math.min(xr[0], xr[1]);
  const xHi = xr === undefined ? Number.POSITIVE_INFINITY : Math.max(xr[0], xr[1]);
  values.forEach((array, k) => {
    for (let j = 0; j < array.length; j++) {
      const v = array[j] as number;
      const x = xs?.[k]?.[j];
      if (x !== undefined && (x < xLo || x > xHi)) continue;
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  });
  return lo <= hi ? [lo, hi] : [0, 1];
}

function padRange([lo, hi]: [number, number]): [number, number] {
  const span = hi - lo || Math.abs(hi) || 1;
  return [lo - 0.04 * span, hi + 0.04 * span];
}

const f1 = (v: number): string => (Math.round(v * 10) / 10).toString();
