import type { ScatterData } from './plotly';

/** What a trace shows: the spectrum, its processing, a gamma overlay, or emission element lines. */
export type TraceRole = 'raw' | 'smoothed' | 'residual' | 'peaks' | 'nuclide-lines' | 'background' | 'element-lines';

/** A line trace as we build it (the meta says what it shows, for tests and hover tools). */
export type ScatterTrace = Partial<ScatterData> & {
  meta: { role: TraceRole; spectrumId: string; points: number; shown: number; nuclide?: string };
};
