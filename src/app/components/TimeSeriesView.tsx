import { useCallback, useMemo, useState } from 'react';
import type { Spectrum } from '../../core/spectrum';
import { useEngine } from '../engineContext';
import { findTimeSeries, type TimeSeries } from '../features/findTimeSeries';
import { useWorkbench } from '../store/workbenchStore';
import { HeatmapPlot } from './HeatmapPlot';

const keyOf = (t: TimeSeries) => `${t.file}\u0000${t.detector}`;

function clampRange(range: readonly [number, number], count: number): [number, number] {
  const clamp = (v: number) => Math.min(count - 1, Math.max(0, Math.round(v)));
  const a = clamp(range[0]);
  const b = clamp(range[1]);
  return [Math.min(a, b), Math.max(a, b)];
}

/**
 * Time series (N42 time histories, RadiaCode spectrograms): a heatmap of the spectra of one
 * detector, a sample range (number inputs or a zoom on the map's y axis), and "Sum range", which
 * adds the sum of that range under the file as a new spectrum, selected, ready to identify.
 */
export function TimeSeriesView() {
  const engine = useEngine();
  const files = useWorkbench((s) => s.files);
  const spectra = useWorkbench((s) => s.spectra);
  const derived = useWorkbench((s) => s.derivedIds);
  const firstSelected = useWorkbench((s) => s.selectedIds[0]);
  const series = useMemo(() => findTimeSeries(files, spectra, derived), [files, spectra, derived]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [rangeBy, setRangeBy] = useState<Readonly<Record<string, readonly [number, number]>>>({});

  const current =
    series.find((t) => keyOf(t) === chosen) ??
    series.find((t) => firstSelected !== undefined && t.file === spectra[firstSelected]?.file) ??
    series.at(-1);
  const members = useMemo(
    () => (current ? current.ids.map((id) => spectra[id]).filter((s): s is Spectrum => s !== undefined) : []),
    [current, spectra],
  );
  const key = current ? keyOf(current) : '';
  const count = members.length;
  const range = clampRange(rangeBy[key] ?? [0, count - 1], count);
  const setRange = useCallback(
    (next: readonly [number, number] | null) =>
      setRangeBy((all) => ({ ...all, [key]: next ?? [0, Number.MAX_SAFE_INTEGER] })),
    [key],
  );
  if (!current || count === 0) return null;

  const start = members[range[0]]?.meta.startTime;
  const end = members[range[1]]?.meta.endTime ?? members[range[1]]?.meta.startTime;
  const sum = () => {
    const ids = current.ids.slice(range[0], range[1] + 1);
    const name = `${current.file} samples ${range[0]}–${range[1]} (sum of ${ids.length})`;
    void engine.gamma.sumRange(current.file, ids, name);
  };
  return (
    <section className="panel time-series" data-testid="time-series">
      <div className="row">
        <h2>Time series</h2>
        {series.length > 1 ? (
          <select value={key} onChange={(e) => setChosen(e.target.value)} aria-label="time series">
            {series.map((t) => (
              <option key={keyOf(t)} value={keyOf(t)}>
                {t.file}
                {t.detector ? ` — ${t.detector}` : ''} ({t.ids.length})
              </option>
            ))}
          </select>
        ) : (
          <span>
            {current.file}
            {current.detector ? ` — ${current.detector}` : ''}: {count} spectra
          </span>
        )}
        <button type="button" onClick={() => setOpen(!open)} data-testid="timeseries-toggle">
          {open ? 'Hide heatmap' : 'Show heatmap'}
        </button>
      </div>
      {open && (
        <>
          <HeatmapPlot spectra={members} range={range} onZoom={setRange} />
          <div className="row">
            Samples
            <input
              type="number"
              min={0}
              max={count - 1}
              value={range[0]}
              onChange={(e) => setRange([Number(e.target.value), range[1]])}
              data-testid="timeseries-from"
              aria-label="first sample"
            />
            to
            <input
              type="number"
              min={0}
              max={count - 1}
              value={range[1]}
              onChange={(e) => setRange([range[0], Number(e.target.value)])}
              data-testid="timeseries-to"
              aria-label="last sample"
            />
            <button type="button" onClick={sum} data-testid="timeseries-sum">
              Sum range
            </button>
            <small>
              {range[1] - range[0] + 1} spectra
              {typeof start === 'string' ? `, ${start} → ${String(end ?? '')}` : ''}
            </small>
          </div>
        </>
      )}
    </section>
  );
}
