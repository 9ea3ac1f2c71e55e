import { useMemo } from 'react';
import type { LcmFit } from '../../domains/mrs/fitting/fitLcm';
import { buildMrsFitFigure, componentColour, defaultShownComponents } from '../plot/buildMrsFitFigure';
import { shownMrsComponents } from '../store/mrsSlice';
import { useWorkbench } from '../store/workbenchStore';
import { PlotlyFigure } from './PlotlyFigure';

/**
 * The fit of an MRS quantification: data, fit, baseline and the chosen components on a reversed
 * ppm axis, the residual below; a checkbox per component (with its colour and CRLB) beside it.
 */
export function MrsFitPlot({ fit }: { fit: LcmFit }) {
  const shownState = useWorkbench((s) => s.mrsShownComponents);
  const run = useWorkbench((s) => s.mrsQuantify);
  const toggle = useWorkbench((s) => s.toggleMrsComponent);
  const setShown = useWorkbench((s) => s.setMrsShownComponents);
  const shown = useMemo(
    () => shownMrsComponents({ mrsQuantify: run, mrsShownComponents: shownState }),
    [run, shownState],
  );
  const figure = useMemo(() => buildMrsFitFigure(fit, shown), [fit, shown]);
  return (
    <div className="mrs-fit">
      <PlotlyFigure data={figure.data} layout={figure.layout} className="mrs-fit-plot" testId="mrs-fit-plot" />
      <div className="mrs-components" data-testid="mrs-components">
        <div className="row">
          <button type="button" className="small" onClick={() => setShown(fit.names)}>
            all
          </button>
          <button type="button" className="small" onClick={() => setShown([])}>
            none
          </button>
          <button
            type="button"
            className="small"
            onClick={() => setShown(null)}
            title={`default: ${defaultShownComponents(fit).join(', ')}`}
          >
            default
          </button>
        </div>
        {fit.names.map((name, k) => {
          const amplitude = fit.amplitudes[k] as number;
          const sd = fit.amplitudeSd[k] as number;
          const crlb = amplitude > 0 && Number.isFinite(sd) ? `${((100 * sd) / amplitude).toFixed(0)} %` : '—';
          return (
            <label key={name} className="choice" title={`${fit.componentGroups[k]}; CRLB ${crlb}`}>
              <input
                type="checkbox"
                checked={shown.includes(name)}
                onChange={() => toggle(name)}
                data-testid="mrs-component-toggle"
                data-component={name}
              />
              <span className="swatch" style={{ background: componentColour(k) }} /> {name}
              {amplitude === 0 && <small> (0)</small>}
            </label>
          );
        })}
      </div>
    </div>
  );
}
