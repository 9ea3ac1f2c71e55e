import { escapeHtml } from './escapeHtml';
import { niceTicks, tickText } from './niceTicks';

/** One bar of {@link svgBarChart}. */
export interface SvgBar {
  /** Category name (escaped). */
  readonly label: string;
  readonly value: number;
  /** One-SD error bar half-length; NaN or undefined for none. */
  readonly error?: number;
  /** Drawn pale (e.g. a CRLB above 50 %: shown, not hidden). */
  readonly muted?: boolean;
}

/** Options of {@link svgBarChart}; sizes in SVG user units. */
export interface SvgBarChartOptions {
  readonly width: number;
  readonly bars: readonly SvgBar[];
  readonly xLabel?: string;
  /** Height of one bar row (default 11). */
  readonly rowHeight?: number;
}

const FONT = 'font-family="sans-serif" font-size="8"';

/**
 * Horizontal bar chart with ±1 SD error bars as an inline SVG string (no script, no external
 * reference): one row per bar, the value axis from 0 (or the most negative value) to the largest
 * value + error. Non-finite values draw no bar but keep their row and label.
 */
export function svgBarChart(options: SvgBarChartOptions): string {
  const { width, bars } = options;
  const row = options.rowHeight ?? 11;
  const left = 8 + 5.2 * Math.max(3, ...bars.map((b) => b.label.length));
  const right = 10;
  const top = 4;
  const height = top + bars.length * row + 26;
  const plotW = Math.max(10, width - left - right);
  let lo = 0;
  let hi = 0;
  for (const bar of bars) {
    if (!Number.isFinite(bar.value)) continue;
    const error = Number.isFinite(bar.error) ? (bar.error as number) : 0;
    lo = Math.min(lo, bar.value - error);
    hi = Math.max(hi, bar.value + error);
  }
  if (hi <= lo) hi = lo + 1;
  const px = (v: number) => left + ((v - lo) / (hi - lo)) * plotW;
  const bottom = top + bars.length * row;
  const parts = [`<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">`];
  bars.forEach((bar, k) => {
    const y = top + k * row;
    parts.push(
      `<text x="${f1(left - 4)}" y="${f1(y + row * 0.72)}" ${FONT} text-anchor="end">${escapeHtml(bar.label)}</text>`,
    );
    if (!Number.isFinite(bar.value)) return;
    const x0 = px(Math.min(0, bar.value));
    const x1 = px(Math.max(0, bar.value));
    parts.push(
      `<rect x="${f1(x0)}" y="${f1(y + 1.5)}" width="${f1(Math.max(0.5, x1 - x0))}" height="${f1(row - 3)}" fill="${bar.muted === true ? '#c9d6e8' : '#4a78b5'}"/>`,
    );
    if (bar.error !== undefined && Number.isFinite(bar.error) && bar.error > 0) {
      const a = px(bar.value - bar.error);
      const b = px(bar.value + bar.error);
      const mid = y + row / 2;
      parts.push(
        `<path d="M${f1(a)} ${f1(mid)}H${f1(b)}M${f1(a)} ${f1(mid - 2.5)}V${f1(mid + 2.5)}M${f1(b)} ${f1(mid - 2.5)}V${f1(mid + 2.5)}" stroke="#222" stroke-width="0.7" fill="none"/>`,
      );
    }
  });
  const { ticks, step } = niceTicks(lo, hi, 5);
  parts.push(
    `<line x1="${f1(left)}" x2="${f1(left + plotW)}" y1="${f1(bottom)}" y2="${f1(bottom)}" stroke="#666" stroke-width="0.5"/>`,
  );
  for (const t of ticks) {
    parts.push(
      `<line x1="${f1(px(t))}" x2="${f1(px(t))}" y1="${f1(bottom)}" y2="${f1(bottom + 3)}" stroke="#666" stroke-width="0.5"/>` +
        `<text x="${f1(px(t))}" y="${f1(bottom + 11)}" ${FONT} text-anchor="middle">${tickText(t, step)}</text>`,
    );
  }
  if (options.xLabel !== undefined)
    parts.push(
      `<text x="${f1(left + plotW / 2)}" y="${f1(bottom + 22)}" ${FONT} text-anchor="middle">${escapeHtml(options.xLabel)}</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}

const f1 = (v: number): string => (Math.round(v * 10) / 10).toString();
