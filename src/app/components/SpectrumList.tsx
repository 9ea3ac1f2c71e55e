import { useState } from 'react';
import { useWorkbench } from '../store/workbenchStore';

/** Files with more spectra than this (time series, multi-detector) show only the first few until expanded. */
const COLLAPSED_COUNT = 6;

const derivedCount = (ids: readonly string[], derived: readonly string[]) =>
  ids.filter((id) => derived.includes(id)).length;

/** The ids listed under a file: all when expanded, else the first few read from it plus every spectrum made from it. */
function shownIds(ids: readonly string[], derived: readonly string[], expanded: boolean): readonly string[] {
  if (expanded) return ids;
  const read = ids.filter((id) => !derived.includes(id));
  return [...read.slice(0, COLLAPSED_COUNT), ...ids.filter((id) => derived.includes(id))];
}

/** Loaded files and their spectra (and sums made from them); the checkbox chooses what the plot shows. */
export function SpectrumList() {
  const files = useWorkbench((s) => s.files);
  const spectra = useWorkbench((s) => s.spectra);
  const selectedIds = useWorkbench((s) => s.selectedIds);
  const toggleSelected = useWorkbench((s) => s.toggleSelected);
  const removeFile = useWorkbench((s) => s.removeFile);
  const derived = useWorkbench((s) => s.derivedIds);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  if (files.length === 0) return null;
  return (
    <section className="panel" data-testid="spectrum-list">
      <h2>Spectra</h2>
      {files.map((file) => (
        <div key={file.file} className="file" data-testid="loaded-file">
          <div className="file-head">
            <span title={`${file.format}, ${file.domain}`}>{file.file}</span>
            <button
              type="button"
              className="link"
              onClick={() => removeFile(file.file)}
              aria-label={`close ${file.file}`}
            >
              ×
            </button>
          </div>
          <ul>
            {shownIds(file.spectrumIds, derived, expanded.has(file.file)).map((id) => {
              const spectrum = spectra[id];
              if (!spectrum) return null;
              const x = spectrum.x.values;
              const made = derived.includes(id);
              return (
                <li
                  key={id}
                  className={made ? 'derived' : undefined}
                  data-testid={made ? 'derived-spectrum' : undefined}
                >
                  <label>
                    <input type="checkbox" checked={selectedIds.includes(id)} onChange={() => toggleSelected(id)} />
                    {spectrum.name}
                    <small>
                      {' '}
                      {x.length.toLocaleString()} pts, {x[0]?.toPrecision(5)}–{x[x.length - 1]?.toPrecision(5)}{' '}
                      {spectrum.x.unit}
                    </small>
                  </label>
                </li>
              );
            })}
          </ul>
          {file.spectrumIds.length - derivedCount(file.spectrumIds, derived) > COLLAPSED_COUNT &&
            !expanded.has(file.file) && (
              <button
                type="button"
                className="link"
                data-testid="show-all-spectra"
                onClick={() => setExpanded(new Set([...expanded, file.file]))}
              >
                show all {file.spectrumIds.length} spectra
              </button>
            )}
        </div>
      ))}
    </section>
  );
}
