import { useEffect, useRef } from 'react';
import Plotly, { type Data, type Layout, type PlotlyHTMLElement } from '../plot/plotly';

interface PlotlyFigureProps {
  /** Traces and layout from a pure figure builder (kept by reference: a new object redraws). */
  readonly data: readonly object[];
  readonly layout: Partial<Layout>;
  readonly className: string;
  readonly testId: string;
}

/**
 * A Plotly figure without interaction of ours: `Plotly.react` on each new figure, resized with its
 * element (not only with the window), purged on unmount.
 */
export function PlotlyFigure({ data, layout, className, testId }: PlotlyFigureProps) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    void Plotly.react(element, data as Data[], layout, { responsive: true, displaylogo: false });
  }, [data, layout]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if ((element as Partial<PlotlyHTMLElement>).data) Plotly.Plots.resize(element);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      Plotly.purge(element);
    };
  }, []);

  return <div ref={container} className={className} data-testid={testId} />;
}
