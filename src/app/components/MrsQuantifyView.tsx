import type { MrsQuantifyView as Result } from '../../workers/mrsMethods';
import { useWorkbench } from '../store/workbenchStore';
import { MrsConcentrationTable } from './MrsConcentrationTable';
import { MrsFitPlot } from './MrsFitPlot';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One line of fit quality: S/N, linewidth, fit quality, phases, water linewidth, times. */
function QualityLine({ result }: { result: Result }) {
  const { fit, water, timings } = result;
  const parts = [
    `S/N ${fit.snr.toFixed(1)}`,
    `FWHM ${Number.isFinite(fit.fwhmPpm) ? `${fit.fwhmPpm.toFixed(3)} ppm (${fit.fwhmOf})` : '—'}`,
    `fit quality ${fit.fitQuality.toFixed(2)}`,
    `phases ${fit.phase0Deg.toFixed(1)}°, ${fit.phase1DegPerPpm.toFixed(1)}°/ppm`,
    ...(water ? [`water FWHM ${water.fwhmPpm.toFixed(3)} ppm`] : []),
    ...(result.echoTimeS === undefined ? [] : [`TE ${(result.echoTimeS * 1000).toFixed(1)} ms`]),
    `fit ${seconds(timings.fitMs)} (basis ${seconds(timings.prepareBasisMs)}, preprocessing ${seconds(timings.preprocessMs)})`,
  ];
  return (
    <p className="mrs-quality" data-testid="mrs-quality">
      {parts.join(' · ')}
    </p>
  );
}

/**
 * The latest MRS quantification (main column): quality line, fit plot with component toggles and
 * residual, concentration table and bar chart, then the notes and the preprocessing that ran.
 */
export function MrsQuantifyView() {
  const run = useWorkbench((s) => s.mrsQuantify);
  const close = useWorkbench((s) => s.setMrsQuantify);
  if (!run) return null;
  const result = run.result;
  return (
    <section className="panel mrs-quant" data-testid="mrs-quantification">
      <div className="row">
        <h2>
          Quantification — {run.dataFile}
          {run.waterFile ? ` with ${run.waterFile}` : ''}
        </h2>
        <span className="spacer" />
        <button type="button" className="link" onClick={() => close(null)} aria-label="close the quantification">
          ×
        </button>
      </div>
      {run.status === 'running' && <p className="hint">Fitting… (progress in the status bar)</p>}
      {run.status === 'failed' && run.error && (
        <p className="inline-error" data-testid="mrs-quant-error">
          {run.error.message} <code>{run.error.code}</code>
        </p>
      )}
      {result && (
        <>
          <QualityLine result={result} />
          <MrsFitPlot fit={result.fit} />
          <MrsConcentrationTable result={result} />
          <details className="mrs-notes" open>
            <summary>Notes ({result.notes.length})</summary>
            <ul data-testid="mrs-notes">
              {result.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
            <p className="hint">
              {result.preprocessing.length > 0
                ? `Preprocessing: ${result.preprocessing.join('; ')}.`
                : 'No preprocessing ran.'}{' '}
              Referencing shift {result.referenceShiftHz.toFixed(1)} Hz; basis: {run.basisFiles.join(', ')}.
            </p>
          </details>
        </>
      )}
    </section>
  );
}
