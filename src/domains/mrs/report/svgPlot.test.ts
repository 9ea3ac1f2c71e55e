import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escapeHtml';
import { niceTicks, tickText } from './niceTicks';
import { svgBarChart } from './svgBarChart';
import { svgPlot } from './svgPlot';

/** The (x, y) pairs of the first path's M/L commands. */
const points = (svg: string): [number, number][] =>
  [...(/<path d="([^"]+)"/.exec(svg)?.[1] ?? '').matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
  ]);

describe('svgPlot', () => {
  it('draws a reversed axis: the largest x on the left, larger y higher up', () => {
    const svg = svgPlot({
      width: 300,
      height: 100,
      reverseX: true,
      series: [{ x: [1, 2, 3], y: [0, 1, 2], colour: '#000' }],
    });
    const [a, , c] = points(svg);
    expect(a?.[0]).toBeGreaterThan(c?.[0] ?? 0);
    expect(a?.[1]).toBeGreaterThan(c?.[1] ?? 0);
    expect(svg).toContain('>3.0</text>');
  });

  it('thins long series by min–max decimation but keeps the peak, and breaks lines at NaN', () => {
    const x = Float64Array.from({ length: 20_000 }, (_, k) => k);
    const y = Float64Array.from(x, (v) => (v === 12_345 ? 100 : Math.sin(v)));
    const svg = svgPlot({ width: 400, height: 100, series: [{ x, y, colour: '#000' }] });
    const drawn = points(svg);
    expect(drawn.length).toBeLessThan(2 * 400);
    const top = Math.min(...drawn.map(([, py]) => py));
    expect(top).toBeLessThan(10); // the peak reaches the top of the plot area
    const gap = svgPlot({
      width: 200,
      height: 80,
      series: [{ x: [0, 1, 2, 3], y: [1, Number.NaN, 2, 3], colour: '#000' }],
    });
    expect(/<path d="([^"]+)"/.exec(gap)?.[1]?.match(/M/g)?.length).toBe(2);
  });

  it('escapes labels and tags', () => {
    const svg = svgPlot({
      width: 200,
      height: 80,
      xLabel: '<b>x</b>',
      series: [{ x: [0, 1], y: [0, 1], colour: '#000', label: 'a&b', tag: '<i>' }],
    });
    expect(svg).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(svg).toContain('a&amp;b');
    expect(svg).toContain('&lt;i&gt;');
    expect(svg).not.toMatch(/<[bi]>/);
  });
});

describe('svgBarChart', () => {
  it('draws a bar and a ±SD error bar per row, muted rows pale, names escaped', () => {
    const svg = svgBarChart({
      width: 300,
      bars: [
        { label: 'NAA', value: 10, error: 1 },
        { label: '<x>', value: 2, error: 3, muted: true },
        { label: 'none', value: Number.NaN },
      ],
    });
    expect(svg.match(/<rect /g)?.length).toBe(2);
    expect(svg.match(/#c9d6e8/g)?.length).toBe(1);
    expect(svg.match(/<path d="M/g)?.length).toBe(2);
    expect(svg).toContain('&lt;x&gt;');
    expect(svg).toContain('>none</text>');
  });
});

describe('niceTicks and escapeHtml', () => {
  it('picks 1–2–5 steps and prints as many decimals as the step needs', () => {
    expect(niceTicks(0.2, 4.2, 8)).toEqual({ ticks: [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4], step: 0.5 });
    expect(niceTicks(-3.1, 17, 5).ticks).toEqual([0, 5, 10, 15]);
    expect(tickText(1.5, 0.5)).toBe('1.5');
    expect(tickText(-0.0001, 1)).toBe('0');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
