import { useState } from 'react';
import { useEngine } from '../engineContext';
import { downloadBytes } from '../features/downloadBytes';
import { useWorkbench } from '../store/workbenchStore';

/** A model's card: what it does, its input contract, training data, measured metrics, limitations. */
export function ModelCardDialog() {
  const id = useWorkbench((s) => s.cardOpenId);
  const card = useWorkbench((s) => s.models.find((m) => m.id === s.cardOpenId));
  const close = useWorkbench((s) => s.openCard);
  const engine = useEngine();
  const [sizeFactor, setSizeFactor] = useState(0.1);
  const download = async (kind: 'zip' | 'onnx') => {
    if (!card) return;
    const file = await engine.exportModel(card.id, kind);
    if (file) downloadBytes(file.name, file.bytes);
  };
  if (!id || !card) return null;
  const { input, training, metrics } = card;
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog panel"
        role="dialog"
        aria-modal="true"
        aria-label={`Model card: ${card.name}`}
        data-testid="model-card"
      >
        <header className="row">
          <h2>{card.name}</h2>
          <span className="spacer" />
          <button type="button" onClick={() => close(null)} aria-label="close">
            ×
          </button>
        </header>
        <p>{card.summary}</p>
        <dl>
          <dt>Task</dt>
          <dd>
            {card.task}, domain {card.domain}
          </dd>
          <dt>Input</dt>
          <dd>
            {input.length} points
            {input.axis.unit === 'index'
              ? ' (resampled by position)'
              : `, ${input.axis.min}–${input.axis.max} ${input.axis.unit}`}
            , normalised by {input.normalisation}, {input.complex ? 'complex' : 'real'}
          </dd>
          <dt>Outputs</dt>
          <dd>
            {card.outputs
              .map((o) =>
                o.classes ? `${o.name}: ${o.classes.join(', ')}` : `${o.name}${o.unit ? ` (${o.unit})` : ''}`,
              )
              .join('; ')}
          </dd>
          <dt>Trained on</dt>
          <dd>
            {training.generator} (seed {training.seed}; {training.sizes.train}/{training.sizes.validation}/
            {training.sizes.test} train/validation/test), {training.epochs} epochs on {training.backend},{' '}
            {training.date}. Reproduce: <code>{training.command}</code>
          </dd>
          <dt>Held-out metrics (simulated)</dt>
          <dd data-testid="card-metrics">
            {[metrics.headline, ...metrics.heldOut.filter((m) => m.name !== metrics.headline.name)]
              .map((m) => `${m.name} ${Number.isFinite(m.value) ? Number(m.value.toPrecision(4)) : '–'}`)
              .join(', ')}
          </dd>
          <dt>On real data</dt>
          <dd>
            {metrics.real.length === 0 ? (
              'not measured'
            ) : (
              <ul>
                {metrics.real.map((r) => (
                  <li key={`${r.data}:${r.result}`}>
                    <code>{r.data}</code>: {r.result}
                  </li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Uncertainty</dt>
          <dd>
            {card.uncertainty.method}
            {card.uncertainty.coverage68 !== undefined &&
              `; truths inside ±1 SD: ${(card.uncertainty.coverage68 * 100).toFixed(0)} % (ideal 68 %), ±2 SD: ${((card.uncertainty.coverage95 ?? 0) * 100).toFixed(0)} % (ideal 95 %)`}
          </dd>
          <dt>Limitations</dt>
          <dd>
            <ul>
              {card.limitations.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </dd>
        </dl>
        <div className="row">
          <button type="button" onClick={() => void download('zip')} data-testid="download-model">
            Download model (.zip)
          </button>
          <button type="button" onClick={() => void download('onnx')} data-testid="export-onnx">
            Export ONNX
          </button>
          {training.command.startsWith('npm run train') && (
            <>
              <button
                type="button"
                onClick={() => {
                  close(null);
                  void engine.trainRecipe(card.id, sizeFactor);
                }}
                data-testid="train-here"
              >
                Train again here
              </button>
              <label>
                on{' '}
                <select
                  value={sizeFactor}
                  onChange={(e) => setSizeFactor(Number(e.target.value))}
                  aria-label="training set size"
                  data-testid="train-size"
                >
                  <option value={1}>the full simulated set</option>
                  <option value={0.1}>10 % of it (quick)</option>
                  <option value={0.02}>2 % of it (a minute or less)</option>
                </select>
              </label>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
