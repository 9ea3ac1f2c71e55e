import { useWorkbench } from '../store/workbenchStore';
import { LabelEditor } from './LabelEditor';

const fmt = (v: number) =>
  Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(3);

/** The last prediction run: one row per spectrum, every value with its uncertainty. */
export function PredictionTable() {
  const run = useWorkbench((s) => s.lastRun);
  const spectra = useWorkbench((s) => s.spectra);
  const card = useWorkbench((s) => s.models.find((m) => m.id === s.lastRun?.modelId));
  if (!run) return null;
  return (
    <section className="panel predictions" data-testid="predictions">
      <h2>
        {card?.name ?? run.modelId} — {run.passes} Monte-Carlo passes
      </h2>
      <table>
        <tbody>
          {run.spectrumIds.map((spectrumId, i) => {
            const result = run.results[i];
            if (!result) return null;
            if (!result.ok) {
              return (
                <tr key={spectrumId} data-testid="prediction-error" data-code={result.error.code}>
                  <td>{result.error.file}</td>
                  <td className="inline-error">
                    {result.error.message} <code>{result.error.code}</code>
                  </td>
                </tr>
              );
            }
            const p = result.value;
            return (
              <tr key={spectrumId} data-testid="prediction" data-class={p.predictedClass ?? ''}>
                <td>{spectra[p.spectrumId]?.name ?? p.spectrumName}</td>
                <td>
                  {p.predictedLabels !== undefined && (
                    <strong data-testid="predicted-labels">
                      {p.predictedLabels.length === 0 ? 'no label ≥ 0.5' : p.predictedLabels.join(', ')}:{' '}
                    </strong>
                  )}
                  {p.predictedClass !== undefined && (
                    <strong>
                      {p.predictedClass} <small>(entropy {p.entropy?.toFixed(2)} nats)</small>:{' '}
                    </strong>
                  )}
                  {p.values.map((v) => (
                    <span key={v.name} className="value">
                      {v.name} {fmt(v.mean)} ± {fmt(v.sd)}
                      {v.unit ? ` ${v.unit}` : ''}
                    </span>
                  ))}
                  {!p.stochastic && <small> (no dropout in this model: SD not available)</small>}
                </td>
                {card && (
                  <td>
                    <LabelEditor card={card} spectrumId={spectrumId} spectrumName={p.spectrumName} />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
