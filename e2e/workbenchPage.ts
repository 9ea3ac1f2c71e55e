import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export interface TraceSummary {
  readonly name: string;
  readonly role: string;
  readonly spectrumId: string;
  readonly points: number;
  readonly shown: number;
  readonly x: number[];
  readonly y: number[];
}

export interface DropFile {
  readonly name: string;
  readonly content: string | Buffer;
  readonly mimeType?: string;
}

/** Page object for the workbench: what a user sees and does, by data-testid. */
export class WorkbenchPage {
  readonly plot: Locator;
  readonly problems: Locator;
  readonly backendStatus: Locator;
  readonly engineNotice: Locator;

  constructor(readonly page: Page) {
    this.plot = page.getByTestId('spectrum-plot');
    this.problems = page.getByTestId('problem');
    this.backendStatus = page.getByTestId('backend-status');
    this.engineNotice = page.getByTestId('engine-notice');
  }

  /** Opens the app; `demo: false` skips the bundled demo spectrum. */
  async open(options: { demo?: boolean; backend?: string } = {}): Promise<void> {
    const params = new URLSearchParams();
    if (options.demo === false) params.set('demo', '0');
    if (options.backend) params.set('backend', options.backend);
    const query = params.toString();
    await this.page.goto(query ? `/?${query}` : '/');
    await expect(this.backendStatus).toHaveAttribute('data-backend', /\w+/, { timeout: 60_000 });
  }

  async drop(files: readonly DropFile[]): Promise<void> {
    await this.page.getByTestId('drop-zone').drop({
      files: files.map((f) => ({
        name: f.name,
        mimeType: f.mimeType ?? 'text/plain',
        buffer: typeof f.content === 'string' ? Buffer.from(f.content) : f.content,
      })),
    });
  }

  /** The traces Plotly is drawing now (read from the graph div, as Plotly keeps them there). */
  async traces(): Promise<TraceSummary[]> {
    return this.plot.evaluate((element) => {
      const data = (element as unknown as { data?: Array<Record<string, unknown>> }).data ?? [];
      return data.map((t) => {
        const meta = (t.meta ?? {}) as Record<string, unknown>;
        return {
          name: String(t.name),
          role: String(meta.role),
          spectrumId: String(meta.spectrumId),
          points: Number(meta.points),
          shown: Number(meta.shown),
          x: Array.from(t.x as ArrayLike<number>),
          y: Array.from(t.y as ArrayLike<number>),
        };
      });
    });
  }

  /** Waits until the plot shows traces matching `predicate`, and returns them. */
  async waitForTraces(predicate: (traces: TraceSummary[]) => boolean, timeout = 30_000): Promise<TraceSummary[]> {
    let last: TraceSummary[] = [];
    await expect
      .poll(
        async () => {
          last = await this.traces();
          return predicate(last);
        },
        { timeout },
      )
      .toBe(true);
    return last;
  }

  /** Drops real spectrum files from `test/fixtures/` (paths relative to it), as bytes. */
  async dropFixtures(paths: readonly string[]): Promise<void> {
    await this.drop(
      paths.map((p) => ({
        name: path.basename(p),
        content: readFileSync(path.resolve(process.cwd(), 'test/fixtures', p)),
        mimeType: 'application/octet-stream',
      })),
    );
  }

  /** The gamma panel (side): background choice, identify action, status. */
  get gamma() {
    const page = this.page;
    return {
      panel: page.getByTestId('gamma-panel'),
      background: page.getByTestId('gamma-background'),
      identify: page.getByTestId('gamma-identify'),
      status: page.getByTestId('gamma-status'),
      table: page.getByTestId('nuclide-table'),
      /** The results row of a nuclide (`Cs-137`). */
      row: (nuclide: string) => page.locator(`[data-testid="nuclide-row"][data-nuclide="${nuclide}"]`),
      /** The toggle that draws a nuclide's library lines on the plot. */
      overlay: (nuclide: string) =>
        page.locator(`[data-testid="nuclide-row"][data-nuclide="${nuclide}"] [data-testid="nuclide-overlay"]`),
      peakTable: page.getByTestId('peak-table'),
    };
  }

  /** The time-series view: heatmap toggle, range inputs, "Sum range". */
  get timeSeries() {
    const page = this.page;
    return {
      panel: page.getByTestId('time-series'),
      toggle: page.getByTestId('timeseries-toggle'),
      heatmap: page.getByTestId('timeseries-heatmap'),
      from: page.getByTestId('timeseries-from'),
      to: page.getByTestId('timeseries-to'),
      sum: page.getByTestId('timeseries-sum'),
      derived: page.getByTestId('derived-spectrum'),
    };
  }

  /** What the time-series heatmap draws: rows, columns and spectra (from its trace's meta). */
  async heatmapSummary(): Promise<{ rows: number; columns: number; spectra: number } | null> {
    return this.timeSeries.heatmap.evaluate((element) => {
      const data = (element as unknown as { data?: Array<{ type?: string; meta?: Record<string, number> }> }).data;
      const trace = data?.find((t) => t.type === 'heatmap');
      if (!trace?.meta) return null;
      return {
        rows: Number(trace.meta.rows),
        columns: Number(trace.meta.columns),
        spectra: Number(trace.meta.spectra),
      };
    });
  }

  /** The MRS panel's quantify form and the quantification view (main column). */
  get mrs() {
    const page = this.page;
    return {
      panel: page.getByTestId('mrs-panel'),
      quantify: page.getByTestId('mrs-quantify'),
      form: page.getByTestId('mrs-quantify-form'),
      basisChoice: (file: string) => page.locator(`[data-testid="mrs-basis-choice"][data-file="${file}"]`),
      waterChoice: page.getByTestId('mrs-water-choice'),
      echoTime: page.getByTestId('mrs-te'),
      run: page.getByTestId('mrs-quantify-run'),
      view: page.getByTestId('mrs-quantification'),
      quality: page.getByTestId('mrs-quality'),
      table: page.getByTestId('mrs-concentration-table'),
      /** The table row of a metabolite (`NAA`, `tCr`). */
      row: (name: string) => page.locator(`[data-testid="mrs-quant-row"][data-metabolite="${name}"]`),
      componentToggle: (name: string) => page.locator(`[data-testid="mrs-component-toggle"][data-component="${name}"]`),
      fitPlot: page.getByTestId('mrs-fit-plot'),
      barChart: page.getByTestId('mrs-bar-chart'),
      /** "Transients…" (files of several transients) and the transient view it opens. */
      showTransients: page.getByTestId('mrs-show-transients'),
      transients: page.getByTestId('mrs-transients'),
      transientSummary: page.getByTestId('mrs-transients-summary'),
      transientHeatmap: page.getByTestId('mrs-transient-heatmap'),
      transientLines: page.getByTestId('mrs-transient-lines'),
      transientDrift: page.getByTestId('mrs-transient-drift'),
      /** Toggles of the transient lines: `overlay` / `stacked`, `before` / `after` alignment. */
      transientToggle: (choice: 'overlay' | 'stacked' | 'before' | 'after') =>
        page.getByTestId(`mrs-transients-${choice}`),
    };
  }

  /** What a Plotly figure draws: each trace's type, axis, meta and values (read from its graph div). */
  async figureTraces(
    figure: Locator,
  ): Promise<
    { type: string; xaxis?: string; yaxis?: string; meta: Record<string, unknown>; x: unknown[]; y: unknown[] }[]
  > {
    return figure.evaluate((element) => {
      const data = (element as unknown as { data?: Array<Record<string, unknown>> }).data ?? [];
      return data.map((t) => ({
        type: String(t.type),
        ...(typeof t.xaxis === 'string' ? { xaxis: t.xaxis } : {}),
        ...(typeof t.yaxis === 'string' ? { yaxis: t.yaxis } : {}),
        meta: (t.meta ?? {}) as Record<string, unknown>,
        x: Array.from((t.x ?? []) as ArrayLike<unknown>),
        y: Array.from((t.y ?? []) as ArrayLike<unknown>),
      }));
    });
  }

  /** What the MRS fit plot draws: each trace's role, component and number of points. */
  async mrsFitTraces(): Promise<{ role: string; component?: string; points: number }[]> {
    return this.mrs.fitPlot.evaluate((element) => {
      const data = (element as unknown as { data?: Array<Record<string, unknown>> }).data ?? [];
      return data.map((t) => {
        const meta = (t.meta ?? {}) as { role?: string; component?: string };
        return {
          role: String(meta.role),
          ...(meta.component === undefined ? {} : { component: meta.component }),
          points: (t.x as ArrayLike<number>).length,
        };
      });
    });
  }

  async setWindow(points: number): Promise<void> {
    await this.page.getByTestId('smoothing-window').fill(String(points));
  }

  async setOrder(order: number): Promise<void> {
    await this.page.getByTestId('smoothing-order').fill(String(order));
  }

  /** Box-zooms with the mouse, as a user does: drags across the main panel between two width fractions. */
  async dragZoom(fromFraction: number, toFraction: number): Promise<void> {
    const box = await this.plot.locator('.nsewdrag').first().boundingBox();
    if (!box) throw new Error('plot drag layer not found');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width * fromFraction, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * ((fromFraction + toFraction) / 2), y, { steps: 5 });
    await this.page.mouse.move(box.x + box.width * toFraction, y, { steps: 5 });
    await this.page.mouse.up();
  }
}

/** Sum of squared first differences: a roughness measure (smoothing must lower it). */
export function roughness(values: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < values.length; i++) sum += ((values[i] as number) - (values[i - 1] as number)) ** 2;
  return sum;
}
