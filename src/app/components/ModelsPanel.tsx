import { useEngine } from '../engineContext';
import { useWorkbench } from '../store/workbenchStore';

const headline = (value: number) => (Number.isFinite(value) ? Number(value.toPrecision(3)) : '–');

/** The models: shipped ones with their cards, the user's own, and a run on the selected spectra. */
export function ModelsPanel() {
  const engine = useEngine();
  const models = useWorkbench((s) => s.models);
  const error = useWorkbench((s) => s.modelsError);
  const activeId = useWorkbench((s) => s.activeModelId);
  const setActive = useWorkbench((s) => s.setActiveModel);
  const openCard = useWorkbench((s) => s.openCard);
  const passes = useWorkbench((s) => s.passes);
  const setPasses = useWorkbench((s) => s.setPasses);
  const selectedCount = useWorkbench((s) => s.selectedIds.length);
  const busy = useWorkbench((s) => s.job !== null);
  const labelledCount = useWorkbench((s) => Object.keys(s.labels).filter((id) => s.spectra[id]).length);
  const report = useWorkbench((s) => s.fineTuneReport);
  const activeCard = models.find((m) => m.id === activeId);
  const tunable = activeCard?.task === 'classification' || activeCard?.task === 'regression';
  const canTune = tunable && labelledCount >= 4 && !busy;
  return (
    <section className="panel" data-testid="models-panel">
      <h2>Models</h2>
      {error && (
        <p className="inline-error" role="alert">
          {error.message}
        </p>
      )}
      {models.length === 0 && !error && <p className="hint">No models available yet.</p>}
      <ul className="models">
        {models.map((card) => (
          <li key={card.id} data-testid="model" data-model-id={card.id}>
            <label>
              <input type="radio" name="model" checked={card.id === activeId} onChange={() => setActive(card.id)} />
              {card.name}
            </label>
            <small>
              {' '}
              {card.task}, {card.metrics.headline.name} {headline(card.metrics.headline.value)}
            </small>{' '}
            <button type="button" className="link small" onClick={() => openCard(card.id)} data-testid="open-card">
              card
            </button>
          </li>
        ))}
      </ul>
      <label className="row">
        MC passes
        <input
          type="number"
          min={1}
          max={1000}
          value={passes}
          onChange={(e) => {
            const n = Number(e.target.value);
            if (Number.isInteger(n) && n >= 1 && n <= 1000) setPasses(n);
          }}
          data-testid="mc-passes"
          aria-label="Monte-Carlo dropout passes"
        />
      </label>
      <div className="row">
        <button
          type="button"
          disabled={!activeId || selectedCount === 0 || busy}
          onClick={() => void engine.predict()}
          data-testid="run-model"
        >
          Run on {selectedCount} selected
        </button>
        <label className="button">
          Load model…
          <input
            type="file"
            multiple
            hidden
            accept=".json,.bin"
            data-testid="model-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void engine.loadUserModel(files);
            }}
          />
        </label>
      </div>
      {tunable && (
        <div className="row">
          <button type="button" disabled={!canTune} onClick={() => void engine.fineTune()} data-testid="fine-tune">
            Fine-tune on {labelledCount} labelled
          </button>
          {labelledCount < 4 && <small className="hint">label ≥ 4 spectra in the prediction table</small>}
        </div>
      )}
      {report && (
        <p className="hint" data-testid="fine-tune-report">
          {report}
        </p>
      )}
    </section>
  );
}
