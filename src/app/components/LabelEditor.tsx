import { useState } from 'react';
import type { ModelCard } from '../../ml/registry/modelCard';
import { useWorkbench } from '../store/workbenchStore';

/**
 * The true value(s) of one spectrum, for fine-tuning: a class for classifiers, one number per
 * output for regressors (kept only when every output has a number).
 */
export function LabelEditor({
  card,
  spectrumId,
  spectrumName,
}: {
  card: ModelCard;
  spectrumId: string;
  spectrumName: string;
}) {
  const label = useWorkbench((s) => s.labels[spectrumId]);
  const setLabel = useWorkbench((s) => s.setLabel);
  const classes = card.task === 'classification' ? (card.outputs[0]?.classes ?? []) : [];
  const [draft, setDraft] = useState<string[]>(() =>
    card.outputs.map((_, k) => (label?.[k] === undefined ? '' : String(label[k]))),
  );
  if (classes.length > 0) {
    return (
      <select
        aria-label={`true class of ${spectrumName}`}
        value={label?.[0] ?? ''}
        onChange={(e) => setLabel(spectrumId, e.target.value === '' ? null : [Number(e.target.value)])}
        data-testid="label-select"
      >
        <option value="">true class…</option>
        {classes.map((c, k) => (
          <option key={c} value={k}>
            {c}
          </option>
        ))}
      </select>
    );
  }
  if (card.task !== 'regression') return null;
  const update = (k: number, text: string) => {
    const next = draft.map((v, i) => (i === k ? text : v));
    setDraft(next);
    const values = next.map((v) => (v.trim() === '' ? Number.NaN : Number(v)));
    setLabel(spectrumId, values.every(Number.isFinite) ? values : null);
  };
  return (
    <span className="label-values">
      {card.outputs.map((output, k) => (
        <input
          key={output.name}
          type="number"
          step="any"
          placeholder={`true ${output.name}${output.unit ? ` (${output.unit})` : ''}`}
          aria-label={`true ${output.name} of ${spectrumName}`}
          value={draft[k] ?? ''}
          onChange={(e) => update(k, e.target.value)}
          data-testid="label-value"
        />
      ))}
    </span>
  );
}
