import { useMemo, useState } from 'react';
import type { MrsTransientGroupView, MrsTransientView } from '../../workers/mrsTransientView';
import { buildTransientDrift } from '../plot/buildTransientDrift';
import { buildTransientHeatmap, type TransientStage } from '../plot/buildTransientHeatmap';
import { buildTransientLines, type TransientArrangement } from '../plot/buildTransientLines';
import { useWorkbench } from '../store/workbenchStore';
import { PlotlyFigure } from './PlotlyFigure';

const meanAbs = (values: Float64Array) => values.reduce((sum, v) => sum + Math.abs(v), 0) / (values.length || 1);
const maxAbs = (values: Float64Array) => values.reduce((most, v) => Math.max(most, Math.abs(v)), 0);

/** One line: how many transients, coils, the alignment band, typical corrections and the outliers. */
function summary(view: MrsTransientView, group: MrsTransientGroupView): string {
  const count = group.positions.length;
  const parts = [
    `${count} transient${count === 1 ? '' : 's'}${group.dimension ? ` (${group.dimension})` : ''}`,
    ...(view.coils > 1 ? [`${view.coils} coils combined`] : []),
  ];
  if (count > 1) {
    parts.push(
      `aligned on ${group.alignWindow}: frequency |mean| ${meanAbs(group.shiftsHz).toFixed(2)} Hz ` +
        `(max ${maxAbs(group.shiftsHz).toFixed(2)}), phase |mean| ${meanAbs(group.phasesDeg).toFixed(1)}°`,
      group.rejected.length === 0
        ? 'no outlier'
        : `outlier${group.rejected.length === 1 ? '' : 's'}: ${group.rejected.map((r) => group.positions[r]).join(', ')}`,
    );
  }
  parts.push(`shown phased by ${group.phaseDeg.toFixed(1)}°, referenced by ${group.referenceShiftHz.toFixed(1)} Hz`);
  return parts.join(' · ');
}

/** A pair of radio buttons (a small toggle) with a test id per choice. */
function Toggle<T extends string>(props: {
  name: string;
  value: T;
  choices: readonly (readonly [T, string])[];
  onChange: (value: T) => void;
}) {
  return (
    <span className="toggle" role="radiogroup" aria-label={props.name}>
      {props.choices.map(([value, label]) => (
        <label key={value} className="choice inline">
          <input
            type="radio"
            name={props.name}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
            data-testid={`mrs-transients-${value}`}
          />{' '}
          {label}
        </label>
      ))}
    </span>
  );
}

/**
 * The transients of one MRS file (main column), from the engine's `mrsTransientView`: a heatmap of
 * the transients before and after alignment side by side, the transients as lines (overlaid with
 * their mean, or stacked; before or after alignment), and the frequency and phase corrections per
 * transient with the outliers marked.
 */
export function MrsTransientsView() {
  const run = useWorkbench((s) => s.mrsTransients);
  const close = useWorkbench((s) => s.setMrsTransients);
  const [picked, setPicked] = useState(0);
  const [arrangement, setArrangement] = useState<TransientArrangement>('overlay');
  const [stage, setStage] = useState<TransientStage>('after');
  const view = run?.result ?? null;
  const group = view ? view.groups[Math.min(picked, view.groups.length - 1)] : undefined;
  const heatmap = useMemo(() => (group ? buildTransientHeatmap(group) : null), [group]);
  const lines = useMemo(
    () => (group ? buildTransientLines(group, stage, arrangement) : null),
    [group, stage, arrangement],
  );
  const drift = useMemo(() => (group ? buildTransientDrift(group) : null), [group]);
  if (!run) return null;
  const several = (group?.positions.length ?? 0) > 1;
  return (
    <section className="panel mrs-transients" data-testid="mrs-transients">
      <div className="row">
        <h2>Transients — {run.file}</h2>
        <span className="spacer" />
        <button type="button" className="link" onClick={() => close(null)} aria-label="close the transient view">
          ×
        </button>
      </div>
      {run.status === 'running' && <p className="hint">Aligning… (progress in the status bar)</p>}
      {run.status === 'failed' && run.error && (
        <p className="inline-error" data-testid="mrs-transients-error">
          {run.error.message} <code>{run.error.code}</code>
        </p>
      )}
      {view && group && heatmap && lines && drift && (
        <>
          {view.groups.length > 1 && (
            <select
              value={Math.min(picked, view.groups.length - 1)}
              onChange={(event) => setPicked(Number(event.target.value))}
              data-testid="mrs-transients-group"
            >
              {view.groups.map((g, k) => (
                <option key={g.label} value={k}>
                  {g.label} ({g.positions.length})
                </option>
              ))}
            </select>
          )}
          <p className="mrs-quality" data-testid="mrs-transients-summary">
            {summary(view, group)}
          </p>
          {several && (
            <PlotlyFigure
              data={heatmap.data}
              layout={heatmap.layout}
              className="mrs-transient-heatmap"
              testId="mrs-transient-heatmap"
            />
          )}
          <div className="row">
            <Toggle
              name="arrangement"
              value={arrangement}
              choices={[
                ['overlay', 'overlaid'],
                ['stacked', 'stacked'],
              ]}
              onChange={setArrangement}
            />
            {several && (
              <Toggle
                name="stage"
                value={stage}
                choices={[
                  ['before', 'before alignment'],
                  ['after', 'after alignment'],
                ]}
                onChange={setStage}
              />
            )}
          </div>
          <PlotlyFigure
            data={lines.data}
            layout={lines.layout}
            className={arrangement === 'stacked' ? 'mrs-transient-lines stacked' : 'mrs-transient-lines'}
            testId="mrs-transient-lines"
          />
          {several && (
            <PlotlyFigure
              data={drift.data}
              layout={drift.layout}
              className="mrs-transient-drift"
              testId="mrs-transient-drift"
            />
          )}
          {view.notes.length > 0 && <p className="hint">{view.notes.join('; ')}.</p>}
        </>
      )}
    </section>
  );
}
